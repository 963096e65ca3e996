"""Rich shortest-dependency-path features of a ChemProt candidate, from its sentence's parse.

The walks themselves are :func:`relations.path_walks.path_walk_features` (shared with the pair
reader); this module aligns the candidate's chemical and gene to the parse and blinds the other
entities (``OTHER_CHEM``/``OTHER_GENE``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .chemprot import Candidate
from ..relations.path_walks import path_walk_features


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _roles(candidate: Candidate, doc: Doc) -> dict[int, str]:
    """Token index -> placeholder for every token inside an entity mention (the pair's own win)."""
    base = candidate.sentence_start
    roles: dict[int, str] = {}
    mentions = [(e, "OTHER_CHEM" if e.is_chemical else "OTHER_GENE") for e in candidate.others]
    mentions += [(candidate.chemical, "CHEM"), (candidate.gene, "GENE")]
    for entity, role in mentions:
        span = _span(doc, entity.start - base, entity.end - base)
        if span is not None:
            roles.update((i, role) for i in range(span.start, span.end))
    return roles


def rich_path_features(candidate: Candidate, doc: Doc) -> dict[str, float]:
    """Sparse features (name -> 1.0) of the shortest dependency path between the pair in ``doc``.

    ``doc`` is the parse of ``candidate.sentence``. Pairs whose mentions overlap or cannot be aligned
    to tokens get ``rp:none`` only.
    """
    base = candidate.sentence_start
    chem = _span(doc, candidate.chemical.start - base, candidate.chemical.end - base)
    gene = _span(doc, candidate.gene.start - base, candidate.gene.end - base)
    if chem is None or gene is None:
        return {"rp:none": 1.0}
    return path_walk_features(chem, gene, _roles(candidate, doc))
