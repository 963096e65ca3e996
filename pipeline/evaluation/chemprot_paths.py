"""Rich shortest-dependency-path features of a ChemProt candidate, from its sentence's parse.

The path runs from the chemical's head token up to the lowest common ancestor (LCA) and down to the
gene's. Its words are blinded where they belong to another entity (``OTHER_CHEM``/``OTHER_GENE``) so
a feature says how the pair is linked, not which molecules stand on the way. Features: the path's
vertex walks (label in, word, label out) and edge walks (word, label, word), the LCA word with where
it sits, the number of steps up and down, trigger classes with their side of the LCA, negation
attached to the path, and the dependents that modify each end ("GENE activity", "CHEM treatment").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .chemprot import Candidate
from ..parser import dependency_path, path_labels
from ..relations.lexicon import find_trigger

_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "nn"})
_NEGATION_WORDS = frozenset({"not", "no", "neither", "nor", "without", "lack", "lacked", "failed"})


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _blinded(token: Token, roles: dict[int, str]) -> str:
    role = roles.get(token.i)
    if role is not None:
        return role
    word = token.lower_
    return "<num>" if word[:1].isdigit() else word


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
    if chem is None or gene is None or (chem.start < gene.end and gene.start < chem.end):
        return {"rp:none": 1.0}
    path = dependency_path(chem, gene)
    if not path:
        return {"rp:none": 1.0}
    roles = _roles(candidate, doc)
    labels = [label.replace("<", "u:").replace(">", "d:") for label in path_labels(path)]
    words = ["CHEM", *(_blinded(t, roles) for t in path[1:-1]), "GENE"]
    ups = sum(label.startswith("u:") for label in labels)
    f: dict[str, float] = {}

    def add(name: str) -> None:
        f[name] = 1.0

    add(f"rp:updown={min(ups, 4)}_{min(len(labels) - ups, 4)}")
    for i in range(1, len(words) - 1):
        add(f"rp:v={labels[i - 1]}|{words[i]}|{labels[i]}")
        add(f"rp:vi={labels[i - 1]}|{words[i]}")
        add(f"rp:vo={words[i]}|{labels[i]}")
    for i, label in enumerate(labels):
        add(f"rp:e={words[i]}|{label}|{words[i + 1]}")
    lca = path[ups]
    lca_word = words[ups]
    add(f"rp:lca={lca_word}")
    add(f"rp:lca_tag={lca.tag_}")
    if ups == 0 or ups == len(labels):
        add(f"rp:lca_end={'chem' if ups == 0 else 'gene'}")
    if len(words) <= 6:
        add(f"rp:full={'|'.join(w for pair in zip(words, [*labels, '']) for w in pair if w)}")
    for i, token in enumerate(path[1:-1], start=1):
        trigger = find_trigger(words[i]) if words[i][:1].isalpha() and token.i not in roles else None
        if trigger is not None:
            side = "lca" if i == ups else ("chem" if i < ups else "gene")
            add(f"rp:trig={trigger.effect}_{side}")
    on_path = {t.i for t in path}
    for token in path[1:-1] if len(path) > 2 else path:
        for child in token.children:
            if child.i not in on_path and (child.dep_ == "neg" or child.lower_ in _NEGATION_WORDS):
                add("rp:negated")
    for name, end in (("chem", chem), ("gene", gene)):
        root = end.root
        add(f"rp:{name}_dep={root.dep_}")
        for child in root.children:
            if child.dep_ in _MODIFIER_DEPS and not end.start <= child.i < end.end and child.i not in roles:
                add(f"rp:{name}_mod={child.lower_}")
        if root.head.i != root.i and root.head.i not in roles:
            add(f"rp:{name}_head={root.dep_}|{root.head.lower_}")
    return f
