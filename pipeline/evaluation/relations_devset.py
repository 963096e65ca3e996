"""Scoring extracted relations against the hand-annotated dev set (evaluation only).

``annotations/relations_dev/statements.tsv`` lists agent–effect statements as
``doc_id, agent_id, effect, object_start, object_end, negated, hedged`` and optionally
``agent_names`` ("|"-separated surface names that identify the agent whatever id the NER gives;
offsets end-exclusive into the ingested document text); ``scope.tsv`` lists the
text ranges that were annotated exhaustively, with a SHA-1 of each document's text
so drifted offsets are detected. A prediction counts when its sentence starts in
scope; it matches a statement with the same document, agent and effect whose object
span overlaps its own. The extractor never imports this module.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from ..context import PROJECT_DIR
from ..errors import InputError
from ..io import read_jsonl
from ..records import REVIEW_DOC_ID, Document, Mention, Relation
from ..stages import stage_path
from .scoring import Score

logger = logging.getLogger(__name__)

DEFAULT_DEV_DIR = PROJECT_DIR / "annotations" / "relations_dev"


@dataclass(frozen=True)
class Statement:
    doc_id: str
    agent_id: str
    effect: str
    object_start: int
    object_end: int
    negated: bool
    hedged: bool
    agent_names: frozenset[str] = frozenset()

    def same_agent(self, relation: Relation) -> bool:
        """Same id, or (when the annotation lists names) the same agent written differently normalised."""
        return self.names_agent(relation.agent_id, relation.agent_text)

    def names_agent(self, agent_id: str | None, agent_text: str) -> bool:
        """:meth:`same_agent` for an agent given by its id and surface text (a mention or a relation)."""
        return agent_id == self.agent_id or agent_text.lower() in self.agent_names


@dataclass(frozen=True)
class DevResult:
    """Statement-level scores overall and per part (review / pubmed), plus flag agreement."""

    scores: dict[str, Score]
    strict: Score
    negation_agreement: tuple[int, int]
    hedge_agreement: tuple[int, int]
    warnings: tuple[str, ...]
    misses: tuple[Statement, ...]
    spurious: tuple[Relation, ...]
    agents_found: tuple[int, int] = (0, 0)  # statements whose agent the NER found as a DRUG mention, of all


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(str(path), f"missing column(s) {missing}", line=1)
        return list(reader)


def load_statements(dev_dir: Path) -> list[Statement]:
    path = Path(dev_dir) / "statements.tsv"
    out = []
    for number, row in enumerate(_rows(path, ("doc_id", "agent_id", "effect", "object_start", "object_end",
                                              "negated", "hedged")), start=2):
        try:
            names = frozenset(n.lower() for n in (row.get("agent_names") or "").split("|") if n)
            out.append(Statement(row["doc_id"], row["agent_id"], row["effect"], int(row["object_start"]),
                                 int(row["object_end"]), row["negated"] == "1", row["hedged"] == "1", names))
        except ValueError as exc:
            raise InputError(str(path), f"bad offsets: {exc}", line=number) from exc
    return out


def load_scope(dev_dir: Path) -> list[tuple[str, int, int, str]]:
    rows = _rows(Path(dev_dir) / "scope.tsv", ("doc_id", "start", "end", "text_sha1"))
    return [(r["doc_id"], int(r["start"]), int(r["end"]), r["text_sha1"]) for r in rows]


def check_texts(scope: list[tuple[str, int, int, str]], documents_path: Path) -> list[str]:
    """Warnings for documents whose text no longer matches the annotated one (or is missing)."""
    if not documents_path.exists():
        return [f"{documents_path} not found: document texts not checked"]
    texts = {d.doc_id: d.text for d in read_jsonl(documents_path, Document)}
    warnings = []
    for doc_id, _, _, sha in scope:
        text = texts.get(doc_id)
        if text is None:
            warnings.append(f"{doc_id}: not in {documents_path}")
        elif hashlib.sha1(text.encode("utf-8")).hexdigest() != sha:
            warnings.append(f"{doc_id}: text changed since annotation; offsets may be off")
    return warnings


def _in_scope(relation: Relation, scope: list[tuple[str, int, int, str]]) -> bool:
    return any(relation.doc_id == d and a <= relation.sentence_start < b for d, a, b, _ in scope)


def _part(doc_id: str) -> str:
    return "review" if doc_id == REVIEW_DOC_ID else "pubmed"


def evaluate_dev(relations_path: Path, dev_dir: Path = DEFAULT_DEV_DIR, *, axis_only: bool = False) -> DevResult:
    """Match the relations in ``relations_path`` against the dev statements.

    ``axis_only`` scores only the relations about the review's axis agents: the main set annotates
    statements about the project's agents only, while a default run reads every agent.
    """
    relations_path = Path(relations_path)
    gold = load_statements(dev_dir)
    scope = load_scope(dev_dir)
    warnings = check_texts(scope, stage_path(relations_path.parent, "documents"))
    predicted = [r for r in read_jsonl(relations_path, Relation)
                 if _in_scope(r, scope) and (r.axis_agent or not axis_only)]
    used: set[int] = set()
    matched: list[tuple[Statement, Relation]] = []
    misses: list[Statement] = []
    for statement in gold:
        hit = next((k for k, r in enumerate(predicted) if k not in used and r.doc_id == statement.doc_id
                    and statement.same_agent(r) and r.effect == statement.effect
                    and r.object_start < statement.object_end and statement.object_start < r.object_end), None)
        if hit is None:
            misses.append(statement)
        else:
            used.add(hit)
            matched.append((statement, predicted[hit]))
    spurious = [r for k, r in enumerate(predicted) if k not in used]
    scores = {}
    for part in ("review", "pubmed", "all"):
        def keep(doc_id: str) -> bool:
            return part == "all" or _part(doc_id) == part
        scores[part] = Score.of_counts(part, sum(keep(s.doc_id) for s, _ in matched), sum(keep(r.doc_id) for r in spurious),
                             sum(keep(s.doc_id) for s in misses))
    exact = sum(s.negated == r.negated and s.hedged == r.hedged for s, r in matched)
    strict = Score.of_counts("strict", exact, len(predicted) - exact, len(gold) - exact)
    return DevResult(scores, strict,
                     (sum(s.negated == r.negated for s, r in matched), len(matched)),
                     (sum(s.hedged == r.hedged for s, r in matched), len(matched)),
                     tuple(warnings), tuple(misses), tuple(spurious),
                     agents_found(gold, stage_path(relations_path.parent, "mentions")))


def agents_found(statements: list[Statement], mentions_path: Path) -> tuple[int, int]:
    """How many statements have their agent among the DRUG mentions of their document, of how many.

    No relation can have an agent the NER did not find; this is that gate's figure. An agent is found
    by its id or, where the annotation lists names, by a mention written as one of them. (0, 0) when
    the run has no mentions file.
    """
    if not mentions_path.exists():
        return (0, 0)
    drugs: dict[str, set[str]] = {}
    for mention in read_jsonl(mentions_path, Mention):
        if mention.label == "DRUG":
            drugs.setdefault(mention.doc_id, set()).update((mention.norm_id, mention.text.lower()))
    found = sum(bool(drugs.get(s.doc_id, set()) & ({s.agent_id} | s.agent_names)) for s in statements)
    return (found, len(statements))


def format_dev_report(result: DevResult, *, details: bool = False) -> str:
    lines = [f"{'part':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for score in (*result.scores.values(), result.strict):
        lines.append(f"{score.label:<8} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                     f"{score.tp:5d} {score.fp:5d} {score.fn:5d}")
    lines.append("strict = also the same negated and hedged flags")
    lines.append(f"negation agreement on matches: {result.negation_agreement[0]}/{result.negation_agreement[1]}; "
                 f"hedge agreement: {result.hedge_agreement[0]}/{result.hedge_agreement[1]}")
    if result.agents_found[1]:
        lines.append(f"statements whose agent the NER found as a DRUG mention: {result.agents_found[0]}/"
                     f"{result.agents_found[1]} = {result.agents_found[0] / result.agents_found[1]:.3f}")
    lines += [f"warning: {w}" for w in result.warnings]
    if details:
        lines += [f"missed: {s.doc_id} {s.agent_id} {s.effect} {s.object_start}:{s.object_end} "
                  f"neg={s.negated} hedged={s.hedged}" for s in result.misses]
        lines += [f"spurious: {r.doc_id} {r.agent_id} {r.effect} [{r.object_text}] neg={r.negated} hedged={r.hedged}"
                  for r in result.spurious]
    return "\n".join(lines)
