"""Conflict flags: evidence rows about the same agent and object whose findings disagree.

Two rows disagree when they name the same agent and the same object group (the
normalised object id when NER gave one, so "RA" and "rheumatoid arthritis" are one
group; otherwise the object's content words), their grades are comparable
(:func:`pipeline.grades.comparable`), and either

* both are affirmed and their effects have opposite polarity ("decreases" / "increases"), or
* one is negated and the other affirms the same effect or an effect that implies it
  ("decreases breast cancer" implies "studied in breast cancer").

The polarity and implication pairs are the data table ``data/evidence/conflict_rules.tsv``.
Each row lists the evidence ids of the rows it disagrees with, so each side points at the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from ..errors import InputError
from ..grades import EVIDENCE_DATA, comparable, read_rows

logger = logging.getLogger(__name__)

CONFLICT_RULES = EVIDENCE_DATA / "conflict_rules.tsv"


@dataclass(frozen=True)
class ConflictRules:
    """Opposite effect pairs (unordered) and implications (affirmed effect -> implied effect)."""

    opposite: frozenset[frozenset[str]]
    implies: frozenset[tuple[str, str]]


@lru_cache(maxsize=None)
def conflict_rules(path: Path = CONFLICT_RULES) -> ConflictRules:
    opposite, implies = set(), set()
    for kind, effect, other in read_rows(path, 3):
        if kind == "opposite":
            opposite.add(frozenset((effect, other)))
        elif kind == "implies":
            implies.add((effect, other))
        else:
            raise InputError(str(path), f"unknown rule kind {kind!r} (expected opposite or implies)")
    return ConflictRules(frozenset(opposite), frozenset(implies))


def disagree(effect: str, negated: bool, other_effect: str, other_negated: bool,
             rules: ConflictRules | None = None) -> bool:
    """Whether two findings about the same agent and object contradict each other (grades aside)."""
    rules = rules or conflict_rules()
    if negated and other_negated:
        return False
    if not negated and not other_negated:
        return frozenset((effect, other_effect)) in rules.opposite
    affirmed, denied = (other_effect, effect) if negated else (effect, other_effect)
    return affirmed == denied or (affirmed, denied) in rules.implies


def find_conflicts(rows: Sequence[object], *, key: Callable[[object], tuple[str, str]]) -> dict[str, list[str]]:
    """Evidence id -> the sorted evidence ids of the rows it disagrees with.

    ``rows`` have ``evidence_id``, ``effect``, ``negated`` and ``evidence_grade``; ``key``
    gives a row's (agent, object group).
    """
    groups: dict[tuple[str, str], list[object]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    found: dict[str, set[str]] = {}
    rules = conflict_rules()
    for members in groups.values():
        for a, b in combinations(members, 2):
            if (disagree(a.effect, a.negated, b.effect, b.negated, rules)
                    and comparable(a.evidence_grade, b.evidence_grade)):
                found.setdefault(a.evidence_id, set()).add(b.evidence_id)
                found.setdefault(b.evidence_id, set()).add(a.evidence_id)
    logger.info("conflicts: %d rows in %d pairs", len(found), sum(len(v) for v in found.values()) // 2)
    return {k: sorted(v) for k, v in found.items()}
