"""In-domain labels for the pair reader, and leave-one-part-out scoring of it on the on-topic dev parts.

The on-topic dev parts (``annotations/relations_dev/ontopic*``: hand-annotated agent–effect statements of
benchmark abstracts) label the pipeline's own candidates (:func:`pairs.candidates`, an acting agent and a
TARGET/DISEASE mention of one sentence) of a run on their text: a candidate whose agent is the statement's
agent (:meth:`Statement.names_agent`, the dev evaluator's matching) and whose object overlaps the
statement's object span takes the statement's effect; a candidate of a statement whose effect the reader
does not read (approved_for, studied_in ...) is left out; every other candidate of an annotated sentence
is ``none``. Leave-one-part-out (:func:`leave_one_part_out`): per part, train on the corpora's examples and
the other parts' (weighted), read the part with that model in place of the shipped one
(:func:`pairs.model_in_use`) and score it as ``evidence evaluate relations --corpus dev`` does.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..io import read_jsonl, write_jsonl
from ..records import Document, Mention
from ..relations.extract import extract_relations
from ..relations.pairs import NONE, PairModel, candidates, model_in_use
from ..relations.units import iter_units
from ..stages import stage_path
from .pair_training import Example, stated, train_pair_model, unit_examples
from .relations_devset import Statement, evaluate_dev, load_scope, load_statements

logger = logging.getLogger(__name__)

#: the effects the pair reader labels; a statement of another effect neither teaches one nor ``none``
READ_EFFECTS = frozenset({"increases", "decreases", "binds"})


@dataclass(frozen=True)
class Part:
    """One on-topic dev part: its name, a pipeline run on its text, its annotation folder."""

    name: str
    run: Path
    annotations: Path


@dataclass(frozen=True)
class Settings:
    """How a fold's model is trained: the pair model's options and the in-domain examples' weight."""

    c: float = 1.0
    threshold: float = -0.5
    seed: int = 13
    paths: str | None = "labels"
    context: bool = True
    stated_only: bool = True
    weight: float = 1.0  # of each in-domain example against a corpus example
    corpora: bool = True  # with the BioRED/BC5CDR examples, else the in-domain ones alone
    coverage: str = "agent"  # "pair": read also the unstated objects of an agent the rules read (learned.py)
    target_margin: float | None = None  # a drug-gene pair's margin over none (None: learned.TARGET_MARGIN)
    phrases: bool = False  # object phrases of trigger words as candidates too (pairs.phrase_objects)
    read_margin: float | None = None  # with coverage "pair": the margin a pair of an agent the rules read needs


def statement_label(statements: Iterable[Statement], doc_id: str, agent: Mention, obj: Mention) -> str | None:
    """The label the statements give one candidate (see the module docstring); None: leave it out."""
    effects = {s.effect for s in statements if s.doc_id == doc_id and s.names_agent(agent.norm_id, agent.text)
               and s.object_start < obj.end and obj.start < s.object_end}
    for effect in ("decreases", "increases", "binds"):
        if effect in effects:
            return effect
    return None if effects else NONE


def _scoped_documents(part: Part) -> tuple[list[Document], list[tuple[str, int, int, str]]]:
    """The run's documents the part annotates, with the text the annotation was made on."""
    scope = load_scope(part.annotations)
    sha = {doc_id: digest for doc_id, _, _, digest in scope}
    documents = [d for d in read_jsonl(stage_path(part.run, "documents"), Document)
                 if sha.get(d.doc_id) == hashlib.sha1(d.text.encode("utf-8")).hexdigest()]
    if len({d.doc_id for d in documents}) < len(sha):
        logger.warning("%s: %d of %d annotated documents missing or changed in %s", part.name,
                       len(sha) - len(documents), len(sha), part.run)
    return documents, scope


def _mentions(run: Path) -> dict[str, list[Mention]]:
    by_doc: dict[str, list[Mention]] = {}
    for mention in read_jsonl(stage_path(run, "mentions"), Mention):
        by_doc.setdefault(mention.doc_id, []).append(mention)
    return by_doc


def part_examples(part: Part, *, paths: str | None = None, context: bool = False,
                  phrases: bool = False) -> list[Example]:
    """The labelled candidates of the part's annotated sentences (a sentence starting in its scope);
    ``phrases``: object phrases are candidates too (:func:`pairs.phrase_objects`)."""
    statements = load_statements(part.annotations)
    documents, scope = _scoped_documents(part)
    mentions = _mentions(part.run)
    units = []
    for document in documents:
        for unit in iter_units(document, mentions.get(document.doc_id, [])):
            if any(doc == unit.doc_id and a <= unit.start < b for doc, a, b, _ in scope):
                pairs = list(candidates(unit, phrases))
                if pairs:
                    units.append((unit.doc_id, unit, pairs))
    return list(unit_examples(units, lambda doc_id, agent, obj: statement_label(statements, doc_id, agent, obj),
                              paths=paths, context=context))


def read_part(part: Part, out: Path, model: PairModel | None = None) -> Path:
    """Extract the part's relations again (with ``model`` in place of the shipped pair model, if given)
    into ``out``; returns the relations file, beside the documents it was read from."""
    documents, _ = _scoped_documents(part)
    mentions = _mentions(part.run)
    wanted = [m for d in documents for m in mentions.get(d.doc_id, [])]
    if model is not None:
        with model_in_use(model):
            relations = extract_relations(documents, wanted)
    else:
        relations = extract_relations(documents, wanted)
    write_jsonl(documents, stage_path(out, "documents"))
    write_jsonl(relations, stage_path(out, "relations"))
    return stage_path(out, "relations")


def fold_model(base: Sequence[Example], others: Sequence[Sequence[Example]], settings: Settings) -> PairModel:
    """A model trained on the corpora's examples (``base``) and the other parts', as ``settings`` say."""
    indomain = [replace(e, weight=settings.weight) for examples in others for e in examples]
    examples = [*(base if settings.corpora else ()), *indomain]
    if settings.stated_only:
        examples = [e for e in examples if stated(e)]
    model = train_pair_model(examples, c=settings.c, threshold=settings.threshold, seed=settings.seed)
    model.card = {"paths": settings.paths or False, "context": settings.context, "coverage": settings.coverage,
                  "phrases": settings.phrases,
                  **({} if settings.target_margin is None else {"target_margin": settings.target_margin}),
                  **({} if settings.read_margin is None else {"read_margin": settings.read_margin})}
    return model


def leave_one_part_out(parts: Sequence[Part], base: Sequence[Example], settings: Settings | None, out: Path,
                       examples: dict[str, list[Example]] | None = None) -> dict[str, object]:
    """Per part: train without it (``settings``; None reads with the shipped model), read it, score it;
    returns the per-part and summed tp/fp/fn with P and R (all relations, ``--corpus dev``'s "all")."""
    if settings is not None and examples is None:
        examples = {p.name: part_examples(p, paths=settings.paths, context=settings.context,
                                          phrases=settings.phrases) for p in parts}
    rows: dict[str, dict[str, int]] = {}
    for part in parts:
        model = None
        if settings is not None:
            others = [examples[p.name] for p in parts if p.name != part.name]
            model = fold_model(base, others, settings)
        score = evaluate_dev(read_part(part, out / part.name, model), part.annotations).scores["all"]
        rows[part.name] = {"tp": score.tp, "fp": score.fp, "fn": score.fn}
    total = {k: sum(r[k] for r in rows.values()) for k in ("tp", "fp", "fn")}
    return {"parts": rows, "total": total, **_rates(total)}


def _rates(counts: dict[str, int]) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {"precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0}


def save_examples(examples: Iterable[Example], path: Path) -> None:
    write_jsonl(({"pmid": e.pmid, "label": e.label, "features": e.features} for e in examples), path)


def load_examples(path: Path) -> list[Example]:
    with path.open(encoding="utf-8") as handle:
        return [Example(row["pmid"], row["features"], row["label"]) for row in map(json.loads, handle)]
