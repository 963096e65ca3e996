"""Document-level concept F1 of NER normalisation: are the right entities named in each document, by id?

For every document and label, the gold concepts are the set of the corpus ids of its mentions and
the predicted concepts the set of the standard ids of the predicted mentions (``norm_id`` or
``xrefs``, in the label's namespace: ``NCBIGene:<n>``, ``MESH:<D/C...>``, ``CVCL_<xxxx>``). A gold
mention with several ids ("D1|D2") is one concept found by any of them. PubTator Central reports
its normalisation the same way (concept-level, per document).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..ner.standard_ids import NAMESPACE, primary_id
from ..records import Mention
from .scoring import Score


@dataclass(frozen=True)
class ConceptScore:
    """Counts and scores of one label (``ALL``: micro over the labels)."""

    label: str
    gold: int
    predicted: int
    true_positive: int

    @property
    def score(self) -> Score:
        """The counts as the project's one scorer reads them (a concept is found or not: one-to-one)."""
        return Score(self.label, self.predicted, self.gold, self.true_positive, self.true_positive)

    @property
    def precision(self) -> float:
        return self.score.precision

    @property
    def recall(self) -> float:
        return self.score.recall

    @property
    def f1(self) -> float:
        return self.score.f1

    def as_dict(self) -> dict[str, float | int | str]:
        return {"label": self.label, "gold": self.gold, "predicted": self.predicted, "tp": self.true_positive,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def gold_ids(mention: Mention) -> frozenset[str]:
    """The standard spellings of a gold mention's corpus ids ("D003409|D001943" -> two MeSH ids)."""
    prefix = NAMESPACE.get(mention.label, "")
    result = set()
    for raw in (mention.norm_id or "").replace(",", "|").replace(";", "|").split("|"):
        raw = raw.strip()
        if not raw or raw == "-":
            continue
        if prefix and not raw.startswith(prefix) and prefix != "CVCL_":
            raw = prefix + raw
        result.add(raw)
    return frozenset(result)


def concept_scores(gold: Sequence[Mention], predicted: Sequence[Mention], labels: Iterable[str]) -> list[ConceptScore]:
    """Per-label and ``ALL`` document-level concept scores; inputs are not modified."""
    labels = sorted(set(labels))
    gold_concepts: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
    for m in gold:
        ids = gold_ids(m)
        if m.label in labels and ids:
            gold_concepts[(m.doc_id, m.label)].add(ids)
    predicted_ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in predicted:
        primary = primary_id(m.label, m.norm_id, tuple(m.xrefs))
        if m.label in labels and primary:
            predicted_ids[(m.doc_id, m.label)].add(primary)
    totals = {label: [0, 0, 0] for label in labels}
    for key in set(gold_concepts) | set(predicted_ids):
        concepts, ids = gold_concepts.get(key, set()), predicted_ids.get(key, set())
        found_gold = sum(1 for c in concepts if c & ids)
        # A predicted id is right when it names a gold concept of the document.
        right = sum(1 for i in ids if any(i in c for c in concepts))
        row = totals[key[1]]
        row[0] += len(concepts)
        row[1] += len(ids)
        row[2] += min(found_gold, right)
    scores = [ConceptScore(label, *totals[label]) for label in labels]
    scores.append(ConceptScore("ALL", *(sum(s[i] for s in totals.values()) for i in range(3))))
    return scores


def format_concept_scores(scores: Sequence[ConceptScore], title: str) -> str:
    lines = [title, f"{'label':<10} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for s in scores:
        lines.append(f"{s.label:<10} {s.gold:>6} {s.predicted:>6} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
    return "\n".join(lines)
