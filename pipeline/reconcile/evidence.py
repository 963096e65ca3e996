"""The evidence table: one row per agent x finding, the curated output for other tools.

A *finding* groups every extracted relation that says the same thing about the
same agent: same agent, effect, object (compared as its content words, see
:func:`~pipeline.reconcile.matching.object_tokens`) and negation. The column
schema is :data:`EVIDENCE_COLUMNS`, documented in ``docs/evidence_table.md``;
rows are sorted by agent, effect, object key and negation so two runs on the
same inputs write the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pyarrow as pa

from ..context import DATA_DIR
from ..gold.records import GoldTable
from ..io import write_csv_records, write_parquet
from ..records import Document, EvidenceRow, Relation
from ..tables import read_tsv
from .align import MATCHED, NEW_EVIDENCE, NO_GOLD, UNMATCHED_IN_REVIEW, Reconciliation, is_review
from .kinds import relation_kind
from .matching import normalise_name, object_tokens

logger = logging.getLogger(__name__)

LEXICON_AGENTS = DATA_DIR / "lexicon" / "agents.tsv"


EVIDENCE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(EvidenceRow))
_INT_COLUMNS = {"evidence_count", "document_count"}
_BOOL_COLUMNS = {"negated", "hedged", "axis_agent"}


@dataclass(frozen=True)
class AgentFacts:
    """Descriptive facts about an agent that extraction does not produce itself."""

    drugbank_id: str = ""
    target_class: str = ""
    modality: str = ""


def agent_facts(gold: GoldTable | None, lexicon_path: Path = LEXICON_AGENTS) -> dict[str, AgentFacts]:
    """DrugBank ids from the NER lexicon; target class and modality from the gold agents when present."""
    facts: dict[str, AgentFacts] = {}
    if lexicon_path.is_file():
        rows = read_tsv(lexicon_path)
        header = rows[0] if rows else ()
        if "norm_id" in header and "drugbank_id" in header:
            id_col, db_col = header.index("norm_id"), header.index("drugbank_id")
            for row in rows[1:]:
                if len(row) > max(id_col, db_col):
                    facts[row[id_col]] = AgentFacts(drugbank_id=row[db_col])
    for agent in getattr(gold, "agents", ()):
        known = facts.get(agent.agent_id, AgentFacts())
        facts[agent.agent_id] = AgentFacts(drugbank_id=known.drugbank_id or (agent.drugbank_id or ""),
                                           target_class=agent.target_class, modality=agent.modality)
    return facts


def agent_key(relation: Relation) -> str:
    """The agent's project id, or its normalised surface form when NER gave no id."""
    return relation.agent_id or "text:" + normalise_name(relation.agent_text)


def finding_key(relation: Relation) -> tuple[str, str, str, bool]:
    """What makes two relations the same finding: agent, effect, object words, negation."""
    object_key = " ".join(sorted(object_tokens(relation.object_text))) or normalise_name(relation.object_text)
    return agent_key(relation), relation.effect, object_key, relation.negated


def _mode(values: Sequence[str]) -> str:
    present = [v for v in values if v]
    if not present:
        return ""
    counts = Counter(present)
    return min(counts, key=lambda v: (-counts[v], v))


def _best(relations: Sequence[Relation], statuses: dict[str, str]) -> Relation:
    """The evidence a curator should read first: gold-matched, from the review body, not hedged, earliest."""
    return min(relations, key=lambda r: (statuses.get(r.relation_id) != MATCHED, not is_review(r),
                                          r.section == "TABLE 1", r.hedged, r.doc_id, r.sentence_start,
                                          r.relation_id))


def _gold_status(statuses: list[str]) -> str:
    for status in (MATCHED, UNMATCHED_IN_REVIEW, NO_GOLD, NEW_EVIDENCE):
        if status in statuses:
            return {MATCHED: "in-gold", UNMATCHED_IN_REVIEW: "not-in-gold"}.get(status, status)
    return ""


def build_evidence_table(relations: Sequence[Relation], documents: Sequence[Document],
                         reconciliation: Reconciliation, facts: dict[str, AgentFacts]) -> list[EvidenceRow]:
    """Group relations into agent x finding rows (see the module docstring)."""
    pmid_of = {d.doc_id: d.pmid or "" for d in documents}
    statuses = reconciliation.relation_statuses()
    finding_of = {m.relation_id: m.finding_id for m in reconciliation.matches}
    groups: dict[tuple[str, str, str, bool], list[Relation]] = {}
    for relation in relations:
        groups.setdefault(finding_key(relation), []).append(relation)
    rows: list[EvidenceRow] = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda r: (r.doc_id, r.sentence_start, r.relation_id))
        best = _best(members, statuses)
        agent_id = key[0]
        known = facts.get(agent_id, AgentFacts())
        docs = sorted({r.doc_id for r in members})
        disease, cell_line = _mode([r.disease or "" for r in members]), _mode([r.cell_line or "" for r in members])
        rows.append(EvidenceRow(
            evidence_id="ev:" + hashlib.sha1("|".join(map(str, key)).encode("utf-8")).hexdigest()[:16],
            agent=best.agent_name or best.agent_text, agent_id=agent_id,
            drugbank_id=known.drugbank_id or (agent_id if agent_id.startswith("DB") else ""),
            target_class=known.target_class, modality=known.modality,
            kind=_mode([relation_kind(r) for r in members]),
            effect=key[1], object=_mode([r.object_text for r in members]),
            object_id=_mode([r.object_id or "" for r in members]),
            negated=key[3], hedged=all(r.hedged for r in members),
            context="; ".join(v for v in (disease, cell_line) if v), disease=disease, cell_line=cell_line,
            model_system=_mode([r.model_system for r in members if r.model_system != "unknown"]) or "unknown",
            phase=_mode([r.phase or "" for r in members]),
            supporting_documents="|".join(docs),
            pmids="|".join(sorted({pmid_of.get(d, "") for d in docs} - {""})),
            evidence_count=len(members), document_count=len(docs),
            best_evidence_sentence=best.sentence_text, best_evidence_doc=best.doc_id,
            best_relation_id=best.relation_id,
            relation_ids="|".join(r.relation_id for r in members),
            gold_status=_gold_status([statuses.get(r.relation_id, "") for r in members]),
            gold_finding_ids="|".join(sorted({finding_of[r.relation_id] for r in members
                                               if r.relation_id in finding_of})),
            axis_agent=any(r.axis_agent for r in members),
        ))
    return rows


def evidence_arrow_schema() -> pa.Schema:
    return pa.schema([(c, pa.int64() if c in _INT_COLUMNS else pa.bool_() if c in _BOOL_COLUMNS else pa.string())
                      for c in EVIDENCE_COLUMNS])


def write_evidence_table(rows: Sequence[EvidenceRow], csv_path: Path, parquet_path: Path) -> None:
    """Write the table as CSV (header = :data:`EVIDENCE_COLUMNS`, booleans as true/false) and Parquet, atomically."""
    write_csv_records(rows, EvidenceRow, csv_path)
    write_parquet(pa.Table.from_pylist([asdict(r) for r in rows], schema=evidence_arrow_schema()), parquet_path)
