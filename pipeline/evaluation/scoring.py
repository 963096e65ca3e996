"""Precision, recall and F1 per class and micro-averaged: pure and zero-safe."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """Counts and rates for one class (or a micro total): the one P/R/F1 scorer of the project.

    ``correct_predicted`` of the ``predicted`` items found gold and ``correct_gold`` of the
    ``gold`` items were found. One-to-one matching makes the two equal (:meth:`of_counts`);
    overlap matching (NER) or many-to-many matching (reconcile) may not. Rates are zero-safe.
    """

    label: str
    predicted: int
    gold: int
    correct_predicted: int
    correct_gold: int

    @classmethod
    def of_counts(cls, label: str, tp: int, fp: int, fn: int) -> Score:
        """A one-to-one score from true positives, false positives and false negatives."""
        return cls(label, tp + fp, tp + fn, tp, tp)

    @property
    def tp(self) -> int:
        return self.correct_predicted

    @property
    def fp(self) -> int:
        return self.predicted - self.correct_predicted

    @property
    def fn(self) -> int:
        return self.gold - self.correct_gold

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_sets(gold: Iterable[tuple[Hashable, str]], predicted: Iterable[tuple[Hashable, str]],
               labels: Iterable[str]) -> list[Score]:
    """Score ``(key, label)`` pairs per label and micro over ``labels``; the last Score is ``micro``.

    A prediction is a true positive when the same key carries the same label in ``gold``.
    Inputs are not modified.
    """
    gold_set = set(gold)
    pred_set = set(predicted)
    scores = []
    for label in labels:
        g = {x for x in gold_set if x[1] == label}
        p = {x for x in pred_set if x[1] == label}
        scores.append(Score.of_counts(label, len(g & p), len(p - g), len(g - p)))
    scores.append(Score.of_counts("micro", sum(s.tp for s in scores), sum(s.fp for s in scores),
                                  sum(s.fn for s in scores)))
    return scores


def format_scores(scores: list[Score]) -> str:
    """A fixed-width table of scores."""
    lines = [f"{'group':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"]
    for s in scores:
        lines.append(f"{s.label:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6d} {s.fp:6d} {s.fn:6d}")
    return "\n".join(lines)
