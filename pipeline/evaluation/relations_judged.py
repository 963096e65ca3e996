"""Precision on a hand-judged sample of extracted relations (evaluation only).

A judgments file (``annotations/relations_judged/*.tsv``) lists relations a run extracted, each
judged correct or wrong from its sentence: ``doc_id, agent_start, object_start, effect, negated``
identify it, ``correct`` is 1 or 0. Scoring a relations file counts how many of the judged correct
and wrong relations it still holds and the precision over those it holds. The sample was drawn from
an earlier run, so what a later run adds is not judged. The extractor never imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io import read_jsonl
from ..records import Relation
from ..tables import read_tsv_dicts
from ..textcheck import parse_ascii_int

COLUMNS = ("doc_id", "agent_start", "object_start", "effect", "negated", "correct")

Key = tuple[str, int, int, str, bool]


@dataclass(frozen=True)
class Judgment:
    key: Key
    construction: str
    correct: bool


@dataclass(frozen=True)
class JudgedResult:
    """Of the judged relations: how many correct / wrong there are and how many the run kept."""

    correct: int
    wrong: int
    kept_correct: int
    kept_wrong: int
    by_construction: dict[str, tuple[int, int]]  # construction (at sampling) -> (kept correct, kept wrong)

    @property
    def precision(self) -> float:
        kept = self.kept_correct + self.kept_wrong
        return self.kept_correct / kept if kept else 0.0


def _flag(path: Path, line: int, field: str, value: str) -> bool:
    if value not in ("0", "1"):
        raise InputError(str(path), f"{field} must be 0 or 1, got {value!r}", line=line)
    return value == "1"


def load_judgments(path: Path) -> list[Judgment]:
    """The judged relations of ``path``; a malformed row is an InputError naming file, line and field."""
    judgments = []
    for line, row in enumerate(read_tsv_dicts(path, COLUMNS), start=2):
        key = (row["doc_id"], parse_ascii_int(row["agent_start"], str(path), "agent_start", line=line),
               parse_ascii_int(row["object_start"], str(path), "object_start", line=line), row["effect"],
               _flag(path, line, "negated", row["negated"]))
        judgments.append(Judgment(key, row.get("construction", ""), _flag(path, line, "correct", row["correct"])))
    return judgments


def relation_key(relation: Relation) -> Key:
    return relation.doc_id, relation.agent_start, relation.object_start, relation.effect, relation.negated


def score_judged(relations_path: Path, judgments_path: Path) -> JudgedResult:
    kept = {relation_key(r) for r in read_jsonl(relations_path, Relation)}
    judgments = load_judgments(judgments_path)
    by_construction: dict[str, tuple[int, int]] = {}
    for j in judgments:
        if j.key in kept:
            c, w = by_construction.get(j.construction, (0, 0))
            by_construction[j.construction] = (c + j.correct, w + (not j.correct))
    return JudgedResult(
        correct=sum(j.correct for j in judgments), wrong=sum(not j.correct for j in judgments),
        kept_correct=sum(j.correct and j.key in kept for j in judgments),
        kept_wrong=sum(not j.correct and j.key in kept for j in judgments),
        by_construction=dict(sorted(by_construction.items())))


def format_judged(result: JudgedResult, judgments_path: Path) -> str:
    lines = [f"judged sample {judgments_path}: {result.correct} correct, {result.wrong} wrong",
             f"kept by this run: correct {result.kept_correct}/{result.correct}, wrong {result.kept_wrong}/"
             f"{result.wrong}; precision over the kept judged relations {result.precision:.3f}",
             "by construction at sampling (kept correct / kept wrong): " + "; ".join(
                 f"{name or '-'} {c}/{w}" for name, (c, w) in result.by_construction.items())]
    return "\n".join(lines)
