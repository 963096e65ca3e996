"""Scoring NER against a benchmark split: per-label precision, recall and F1, strict and overlap.

Strict: same start, end and label. Overlap: a prediction is correct if it overlaps a gold
mention of its label, and a gold mention is found if a prediction of its label overlaps it.
Only labels the corpus annotates are scored.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..corpora import AnnotatedDocument
from ..records import Mention
from ..tables import read_tsv
from ..text import names_a_lack
from .scoring import Score
from ..ner.lexicon import LEXICON_DIR
from ..ner.agent_classes import CLASS_PREFIX
from ..ner.action_classes import action_class_ids

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LabelScore:
    """The :class:`~pipeline.evaluation.scoring.Score` of one label under one matching rule."""

    matching: str
    score: Score

    label = property(lambda self: self.score.label)
    gold = property(lambda self: self.score.gold)
    predicted = property(lambda self: self.score.predicted)
    correct_gold = property(lambda self: self.score.correct_gold)
    precision = property(lambda self: self.score.precision)
    recall = property(lambda self: self.score.recall)
    f1 = property(lambda self: self.score.f1)

    def as_dict(self) -> dict[str, float | int | str]:
        s = self.score
        return {"label": s.label, "matching": self.matching, "gold": s.gold, "predicted": s.predicted,
                "tp_predicted": s.correct_predicted, "tp_gold": s.correct_gold,
                "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}


def corpus_label_map(corpus: str) -> dict[str, str]:
    """The corpus type -> project label table for ``corpus`` (from ``corpus_labels.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "corpus_labels.tsv", columns=3, header=True)
    return {corpus_label: label for name, corpus_label, label in rows if name == corpus}


def span_conventions(corpus: str) -> dict[str, re.Pattern[str]]:
    """label -> suffix pattern that ``corpus`` includes in its spans (``span_conventions.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "span_conventions.tsv", columns=3, header=True)
    return {label: re.compile(suffix) for name, label, suffix in rows if name == corpus}


def span_trims(corpus: str) -> dict[str, re.Pattern[str]]:
    """label -> suffix pattern that ``corpus`` leaves out of its spans (``span_trims.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "span_trims.tsv", columns=3, header=True)
    return {label: re.compile(suffix) for name, label, suffix in rows if name == corpus}


def span_nesting(corpus: str) -> set[tuple[str, str]]:
    """(inner, outer) label pairs where ``corpus`` annotates no inner mention inside an outer one
    (``span_nesting.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "span_nesting.tsv", columns=3, header=True)
    return {(inner, outer) for name, inner, outer in rows if name == corpus}


def drop_nested(predicted: Sequence[Mention], pairs: set[tuple[str, str]]) -> list[Mention]:
    """``predicted`` without the mentions lying inside a longer one of the same document whose label
    makes a pair of ``pairs`` with theirs ("NMDA" inside "NMDA receptor")."""
    outer_labels = {outer for _inner, outer in pairs}
    outers: dict[str, list[Mention]] = defaultdict(list)
    for m in predicted:
        if m.label in outer_labels:
            outers[m.doc_id].append(m)
    return [m for m in predicted if not any(
        (m.label, o.label) in pairs and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
        for o in outers.get(m.doc_id, ()))]


def unannotated_names(corpus: str) -> set[tuple[str, str]]:
    """(label, lower-cased name) pairs that ``corpus`` does not annotate (``name_conventions.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "name_conventions.tsv", columns=3, header=True)
    return {(label, name.lower()) for row_corpus, label, name in rows if row_corpus == corpus}


def class_convention(corpus: str) -> re.Pattern[str] | None:
    """The pattern of the target-named classes ``corpus`` annotates whole (``class_conventions.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "class_conventions.tsv", columns=2, header=True)
    return next((re.compile(whole) for name, whole in rows if name == corpus), None)


def annotates_action_classes(corpus: str) -> bool:
    """Whether ``corpus`` annotates drug classes named by what they do (``action_class_conventions.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "action_class_conventions.tsv", columns=2, header=True)
    return next((annotated == "yes" for name, annotated in rows if name == corpus), True)


def drop_action_classes(predicted: Sequence[Mention]) -> list[Mention]:
    """``predicted`` without the action-named drug classes ("antipsychotic drugs", :mod:`pipeline.ner.action_classes`)."""
    ids = action_class_ids()
    return [m for m in predicted if not (m.label == "DRUG" and m.source == "rule" and m.norm_id in ids)]


def choose_class_readings(predicted: Sequence[Mention], whole: re.Pattern[str]) -> list[Mention]:
    """One reading of each agent class that nests other mentions ("EGFR inhibitors" over EGFR): the class
    alone where its text matches ``whole``, else the mentions inside it alone (:func:`class_convention`)."""
    classes: dict[str, list[Mention]] = defaultdict(list)
    for m in predicted:
        if m.label == "DRUG" and (m.norm_id or "").startswith(CLASS_PREFIX):
            classes[m.doc_id].append(m)
    if not classes:
        return list(predicted)

    def inside(m: Mention, o: Mention) -> bool:
        return o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start

    nesting = {id(o) for m in predicted for o in classes.get(m.doc_id, ()) if inside(m, o)}
    kept = []
    for m in predicted:
        outer = [o for o in classes.get(m.doc_id, ()) if id(o) in nesting and inside(m, o)]
        if any(whole.search(o.text) for o in outer):
            continue  # inside a class annotated whole
        if id(m) in nesting and not whole.search(m.text):
            continue  # a class annotated as the target inside it
        kept.append(m)
    return kept


def deficiency_reading(corpus: str) -> str | None:
    """How ``corpus`` annotates "vitamin D deficiency": ``disease`` or ``chemical`` (``deficiency_conventions.tsv``)."""
    rows = read_tsv(LEXICON_DIR / "deficiency_conventions.tsv", columns=2, header=True)
    return next((reading for name, reading in rows if name == corpus), None)


def choose_deficiency_readings(predicted: Sequence[Mention], reading: str) -> list[Mention]:
    """One reading of each disease named by what it lacks that nests another mention: the disease alone
    (``disease``) or the mentions inside it alone (``chemical``)."""
    lacks = [m for m in predicted if m.label == "DISEASE" and names_a_lack(m.text)]

    def nested_in(m: Mention, o: Mention) -> bool:
        return o is not m and o.doc_id == m.doc_id and o.start <= m.start and m.end <= o.end

    nesting = [o for o in lacks if any(nested_in(m, o) for m in predicted)]
    if reading == "chemical":
        return [m for m in predicted if not any(m is o for o in nesting)]
    return [m for m in predicted if not any(nested_in(m, o) for o in nesting)]


def apply_span_conventions(predicted: Sequence[Mention], texts: dict[str, str], corpus: str) -> list[Mention]:
    """Extend predictions over the suffixes ``corpus`` puts in its spans ("Jurkat" -> "Jurkat T cells"),
    and cut off those it leaves out ("Ca(2+)" -> "Ca" in BC5CDR); drop the action-named classes it does not
    annotate (:func:`annotates_action_classes`) and the names it does not annotate (:func:`unannotated_names`);
    keep the reading of a target-named class it annotates (:func:`class_convention`) and of a disease named by
    its lack (:func:`deficiency_reading`), and drop the nested mentions it does not annotate (:func:`span_nesting`)."""
    conventions, trims = span_conventions(corpus), span_trims(corpus)
    pairs = span_nesting(corpus)
    whole = class_convention(corpus)
    if not annotates_action_classes(corpus):
        predicted = drop_action_classes(predicted)
    if whole is not None:
        predicted = choose_class_readings(predicted, whole)
    deficiency = deficiency_reading(corpus)
    if deficiency is not None:
        predicted = choose_deficiency_readings(predicted, deficiency)
    if pairs:
        predicted = drop_nested(predicted, pairs)
    if names := unannotated_names(corpus):
        predicted = [m for m in predicted if (m.label, m.text.lower()) not in names]
    if not conventions and not trims:
        return list(predicted)
    result = []
    for m in predicted:
        pattern = conventions.get(m.label)
        text = texts[m.doc_id]
        match = pattern.match(text, m.end) if pattern else None
        end = match.end() if match and match.end() > m.end else m.end
        trim = trims[m.label].search(text, m.start, end) if m.label in trims else None
        if trim and trim.start() > m.start:
            end = trim.start()
        if end != m.end:
            # The mention keeps its standard ids (xrefs): "Ca(2+)" cut to "Ca" is still calcium.
            m = dataclasses.replace(m, end=end, text=text[m.start:end])
        result.append(m)
    return result


def gold_mentions(documents: Iterable[AnnotatedDocument], label_map: dict[str, str]) -> list[Mention]:
    """Gold mentions relabelled to project labels; unmapped types dropped."""
    result = []
    for annotated in documents:
        for mention in annotated.mentions:
            label = label_map.get(mention.label)
            if label:
                result.append(Mention(mention.doc_id, mention.start, mention.end, mention.text, label,
                                      mention.norm_id, mention.norm_name, mention.source))
    return result


def score(gold: Sequence[Mention], predicted: Sequence[Mention], labels: Iterable[str]) -> list[LabelScore]:
    """Per-label strict and overlap scores plus ``ALL`` (micro) rows; inputs are not modified."""
    labels = sorted(set(labels))
    predicted = [m for m in predicted if m.label in labels]
    scores = []
    for matching in ("strict", "overlap"):
        rows = {}
        for label in labels + ["ALL"]:
            g = [m for m in gold if label in ("ALL", m.label)]
            p = [m for m in predicted if label in ("ALL", m.label)]
            tp_p, tp_g = _matches(g, p, matching)
            rows[label] = LabelScore(matching, Score(label, len(p), len(g), tp_p, tp_g))
        scores.extend(rows.values())
    return scores


def _matches(gold: Sequence[Mention], predicted: Sequence[Mention], matching: str) -> tuple[int, int]:
    if matching == "strict":
        gold_keys = {(m.doc_id, m.start, m.end, m.label) for m in gold}
        predicted_keys = {(m.doc_id, m.start, m.end, m.label) for m in predicted}
        both = len(gold_keys & predicted_keys)
        return both, both
    by_doc: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in gold:
        by_doc[(m.doc_id, m.label)].append(m)
    found_gold: set[tuple[str, int, int, str]] = set()
    tp_predicted = 0
    for m in predicted:
        hit = False
        for g in by_doc.get((m.doc_id, m.label), ()):
            if m.start < g.end and g.start < m.end:
                hit = True
                found_gold.add((g.doc_id, g.start, g.end, g.label))
        tp_predicted += hit
    return tp_predicted, len(found_gold)


def source_precision(gold: Sequence[Mention], predicted: Sequence[Mention], labels: Iterable[str]
                     ) -> list[dict[str, float | int | str]]:
    """Strict precision of the predictions of each (label, source): what each part contributes."""
    labels = set(labels)
    gold_keys = {(m.doc_id, m.start, m.end, m.label) for m in gold}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for m in predicted:
        if m.label in labels:
            row = counts[(m.label, m.source)]
            row[0] += 1
            row[1] += (m.doc_id, m.start, m.end, m.label) in gold_keys
    return [{"label": label, "source": source, "predicted": n, "correct": ok,
             "precision": round(ok / n, 4) if n else 0.0}
            for (label, source), (n, ok) in sorted(counts.items())]


def format_scores(scores: Sequence[LabelScore], title: str) -> str:
    """A plain-text table of the scores."""
    lines = [title, f"{'matching':<8} {'label':<10} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for s in scores:
        lines.append(f"{s.matching:<8} {s.label:<10} {s.gold:>6} {s.predicted:>6} "
                     f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
    return "\n".join(lines)
