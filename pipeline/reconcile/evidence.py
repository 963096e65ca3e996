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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from ..context import DATA_DIR
from ..gold.records import GoldTable
from ..gold.text import cited_references
from ..grades import best_grade, grades, read_words
from ..io import write_csv_records, write_parquet
from ..records import Document, EvidenceRow, Mention, Relation
from ..tables import read_tsv
from .align import MATCHED, NEW_EVIDENCE, NO_GOLD, UNMATCHED_IN_REVIEW, Reconciliation, is_review
from .conflicts import find_conflicts
from .kinds import relation_kind
from .matching import normalise_name, object_tokens

logger = logging.getLogger(__name__)

LEXICON_AGENTS = DATA_DIR / "lexicon" / "agents.tsv"


EVIDENCE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(EvidenceRow))
_INT_COLUMNS = {"evidence_count", "document_count", "independent_sources"}
_BOOL_COLUMNS = {"negated", "hedged", "negative_evidence", "conflict", "axis_agent"}
#: Multi-valued columns: "|"-joined in CSV and JSONL, lists of strings in Parquet.
LIST_COLUMNS = ("supporting_documents", "pmids", "relation_ids", "gold_finding_ids", "conflicts_with")
_WORD = re.compile(r"[a-z0-9]+")


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


ExactIds = dict[tuple[str, int, int], str]


def exact_entity_ids(mentions: Sequence[Mention]) -> ExactIds:
    """(doc id, start, end) -> normalised id of every recognised mention that has one."""
    return {(m.doc_id, m.start, m.end): m.norm_id for m in mentions if m.norm_id}


def object_key(relation: Relation, exact: ExactIds | None = None) -> str:
    """The object as a finding compares it: the normalised id when the object is exactly one
    recognised entity ("RA" and "rheumatoid arthritis" are one), else its content words."""
    norm_id = (exact or {}).get((relation.doc_id, relation.object_start, relation.object_end))
    if norm_id:
        return "id:" + norm_id
    return " ".join(sorted(object_tokens(relation.object_text))) or normalise_name(relation.object_text)


def finding_key(relation: Relation, exact: ExactIds | None = None) -> tuple[str, str, str, bool]:
    """What makes two relations the same finding: agent, effect, object key, negation."""
    return agent_key(relation), relation.effect, object_key(relation, exact), relation.negated


EntityWords = dict[tuple[str, str], set[str]]


def entity_words(mentions: Sequence[Mention]) -> EntityWords:
    """(doc id, normalised id) -> the lower-case words of the mentions with that id."""
    words: EntityWords = {}
    for m in mentions:
        if m.norm_id:
            words.setdefault((m.doc_id, m.norm_id), set()).update(_WORD.findall(m.text.lower()))
    return words


@lru_cache(maxsize=1)
def object_group_words() -> frozenset[str]:
    return read_words(DATA_DIR / "evidence" / "object_group_words.txt")


def object_group(relation: Relation, exact: ExactIds | None = None, named: EntityWords | None = None) -> str:
    """The object as conflicts compare it: the normalised id of the entity it names when its other
    words only say "cells of", "effect against" ... (``data/evidence/object_group_words.txt``), else its key."""
    key = object_key(relation, exact)
    if key.startswith("id:") or not relation.object_id:
        return key
    rest = set(_WORD.findall(relation.object_text.lower())) - (named or {}).get((relation.doc_id, relation.object_id), set())
    return "id:" + relation.object_id if rest <= object_group_words() else key


def independent_sources(relations: Sequence[Relation]) -> int:
    """Distinct sources behind the relations: each PubMed document, and each reference a review
    sentence cites ("[56, 99]" is two; "[1-15]" fifteen: :func:`~pipeline.gold.text.cited_references`);
    an uncited review sentence counts as its document."""
    sources: set[str] = set()
    for relation in relations:
        cited = sorted(cited_references(relation.sentence_text))
        if relation.pmid or not cited:
            sources.add(relation.pmid and "pmid:" + relation.pmid or relation.doc_id)
        else:
            sources.update(f"{relation.doc_id}:ref{n}" for n in cited)
    return len(sources)


def newest_pmid(pmids: set[str], years: dict[str, int | None]) -> str:
    """The PMID of the newest publication (by year, then by PMID, which NCBI assigns in order)."""
    known = [p for p in pmids if p.isdigit()]
    return max(known, key=lambda p: (years.get(p) or 0, int(p)), default="")


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
                         reconciliation: Reconciliation, facts: dict[str, AgentFacts],
                         mentions: Sequence[Mention] = ()) -> list[EvidenceRow]:
    """Group relations into agent x finding rows (see the module docstring), grade them and flag conflicts."""
    pmid_of = {d.doc_id: d.pmid or "" for d in documents}
    years = {d.pmid: d.year for d in documents if d.pmid}
    statuses = reconciliation.relation_statuses()
    finding_of = {m.relation_id: m.finding_id for m in reconciliation.matches}
    exact, named = exact_entity_ids(mentions), entity_words(mentions)
    groups: dict[tuple[str, str, str, bool], list[Relation]] = {}
    for relation in relations:
        groups.setdefault(finding_key(relation, exact), []).append(relation)
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
            evidence_grade=best_grade([r.evidence_grade for r in members]),
            negative_evidence=any(r.negative_evidence for r in members),
            independent_sources=independent_sources(members),
            newest_pmid=newest_pmid({pmid_of.get(d, "") for d in docs}, years),
            object_group=_mode([object_group(r, exact, named) for r in members]),
            axis_agent=any(r.axis_agent for r in members),
        ))
    conflicts = find_conflicts(rows, key=lambda row: (row.agent_id, row.object_group))
    return [replace(row, conflict=True, conflicts_with="|".join(conflicts[row.evidence_id]))
            if row.evidence_id in conflicts else row for row in rows]


def evidence_summary(rows: Sequence[EvidenceRow]) -> dict[str, object]:
    """The ``evidence`` block of ``metrics.json``: rows per grade (scale order), negative rows, conflicts."""
    per_grade = Counter(row.evidence_grade for row in rows)
    return {
        "rows": len(rows),
        "per_grade": {name: per_grade[name] for name in grades() if per_grade[name]},
        "distinct_grades": len(per_grade),
        "negative_evidence_rows": sum(row.negative_evidence for row in rows),
        "conflict_rows": sum(row.conflict for row in rows),
        "conflict_pairs": sum(len(row.conflicts_with.split("|")) for row in rows if row.conflict) // 2,
        "conflicts": [{"evidence_id": row.evidence_id, "agent": row.agent, "effect": row.effect,
                       "object": row.object, "negated": row.negated, "evidence_grade": row.evidence_grade,
                       "conflicts_with": row.conflicts_with.split("|")} for row in rows if row.conflict],
    }


def evidence_arrow_schema() -> pa.Schema:
    def kind(column: str) -> pa.DataType:
        if column in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.int64() if column in _INT_COLUMNS else pa.bool_() if column in _BOOL_COLUMNS else pa.string()

    return pa.schema([(c, kind(c)) for c in EVIDENCE_COLUMNS])


def _parquet_record(row: EvidenceRow) -> dict[str, object]:
    record = asdict(row)
    for column in LIST_COLUMNS:
        record[column] = [v for v in str(record[column]).split("|") if v]
    return record


def write_evidence_table(rows: Sequence[EvidenceRow], csv_path: Path, parquet_path: Path) -> None:
    """Write the table as CSV (header = :data:`EVIDENCE_COLUMNS`, booleans as true/false, several values
    "|"-joined) and Parquet (multi-valued columns as lists of strings), atomically."""
    write_csv_records(rows, EvidenceRow, csv_path)
    write_parquet(pa.Table.from_pylist([_parquet_record(r) for r in rows], schema=evidence_arrow_schema()),
                  parquet_path)
