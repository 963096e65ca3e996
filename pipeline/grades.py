"""Evidence grades: how strong the evidence behind one statement is, on one ordered scale.

The vocabulary and its order are the data table ``data/evidence/grades.tsv`` (weakest
first); which grade a relation gets is ``data/evidence/grade_rules.tsv`` (first matching
row wins, read from the effect, negation, model system, Table 1 column and whether a cell
line is named), and a clinical grade is refined by the printed trial phase. The relations
stage writes the grade on every relation; reconcile keeps the best grade of each evidence
row and compares grades when it flags conflicts. Documented in ``docs/evidence_table.md``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .context import DATA_DIR
from .errors import InputError
from .records import Relation
from .tables import read_tsv, read_word_list

logger = logging.getLogger(__name__)

EVIDENCE_DATA = DATA_DIR / "evidence"
GRADES_FILE = EVIDENCE_DATA / "grades.tsv"
GRADE_RULES_FILE = EVIDENCE_DATA / "grade_rules.tsv"
NEGATIVE_EFFECTS_FILE = EVIDENCE_DATA / "negative_effects.txt"
UNSPECIFIED = "unspecified"
CLINICAL = "clinical"
_ROMAN_PHASES = {"I": 1, "II": 2, "III": 3, "1": 1, "2": 2, "3": 3}


def read_rows(path: Path, width: int) -> list[list[str]]:
    """The data rows of a tab-separated data table (:mod:`pipeline.tables`) with a header of ``width`` columns.

    Raises
    ------
    InputError
        Naming the file and line of a row with another number of fields.
    """
    return [list(row) for row in read_tsv(path, columns=width, header=True)]


def read_words(path: Path) -> frozenset[str]:
    """The entries of a one-word-per-line data list (:func:`pipeline.tables.read_word_list`)."""
    return frozenset(read_word_list(path))


@dataclass(frozen=True)
class Grade:
    """One level of the scale: its name, its rank (0 = weakest) and its tier."""

    name: str
    rank: int
    tier: str
    meaning: str


@lru_cache(maxsize=None)
def grades(path: Path = GRADES_FILE) -> dict[str, Grade]:
    """Grade name -> :class:`Grade`, in scale order."""
    return {row[0]: Grade(row[0], rank, row[1], row[2]) for rank, row in enumerate(read_rows(path, 3))}


@lru_cache(maxsize=None)
def grade_rules(path: Path = GRADE_RULES_FILE) -> tuple[tuple[str, ...], ...]:
    """The ordered ``(effect, negated, model_system, table_column, cell_line, grade)`` rules."""
    rules = tuple(tuple(row) for row in read_rows(path, 6))
    unknown = sorted({rule[-1] for rule in rules} - set(grades()))
    if unknown:
        raise InputError(str(path), f"grades not in {GRADES_FILE.name}: {', '.join(unknown)}")
    return rules


@lru_cache(maxsize=None)
def negative_effects(path: Path = NEGATIVE_EFFECTS_FILE) -> frozenset[str]:
    return read_words(path)


def grade_rank(name: str) -> int:
    """The rank of a grade (an unknown name ranks as ``unspecified``)."""
    known = grades()
    return known.get(name, known[UNSPECIFIED]).rank


def grade_tier(name: str) -> str:
    known = grades()
    return known.get(name, known[UNSPECIFIED]).tier


def best_grade(names: list[str] | tuple[str, ...]) -> str:
    """The strongest of ``names`` (``unspecified`` when empty)."""
    return max(names, key=grade_rank, default=UNSPECIFIED)


def comparable(first: str, second: str) -> bool:
    """Whether two grades weigh alike: the same tier, or either unspecified."""
    tiers = {grade_tier(first), grade_tier(second)}
    return len(tiers) == 1 or UNSPECIFIED in tiers


def phase_grade(phase: str | None) -> str | None:
    """``phase_N`` for a printed phase; a combined phase ("I/II", "III/II") takes the lower one."""
    numbers = [_ROMAN_PHASES[p] for p in re.split(r"[/\-–]", (phase or "").upper()) if p in _ROMAN_PHASES]
    return f"phase_{min(numbers)}" if numbers else None


def relation_grade(relation: Relation) -> str:
    """The grade of one relation: the first rule of :func:`grade_rules` that fits, refined by its phase."""
    values = (relation.effect, str(relation.negated).lower(), relation.model_system,
              relation.table_column or "", "yes" if relation.cell_line else "no")
    grade = UNSPECIFIED
    for *pattern, name in grade_rules():
        if all(p == "*" or p == v for p, v in zip(pattern, values)):
            grade = name
            break
    if grade == CLINICAL:
        grade = phase_grade(relation.phase) or grade
    return grade


def is_negative(relation: Relation) -> bool:
    """Failed or negative evidence: a negated statement or an effect of :func:`negative_effects`."""
    return relation.negated or relation.effect in negative_effects()


def graded(relation: Relation) -> Relation:
    """The relation with its ``evidence_grade`` and ``negative_evidence`` set."""
    return replace(relation, evidence_grade=relation_grade(relation), negative_evidence=is_negative(relation))
