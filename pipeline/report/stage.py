"""The report stage: stage files -> the HTML report, the history store, BioC XML, PubTator, Parquet.

Every file except the history store depends only on the stage files, so two runs
on the same inputs write identical bytes; the store accumulates runs by run id.
It reads reconcile's results only through the stage files and their records.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path

from ..context import RunContext
from ..errors import InputError
from ..io import read_csv_records, read_json, read_jsonl, write_parquet, write_text
from ..records import MISSED, NEW_EVIDENCE, UNMATCHED_IN_REVIEW, Document, EvidenceRow, Mention, ReconciliationRow, Relation
from ..textcheck import span_fits

logger = logging.getLogger(__name__)


def write_report(context: RunContext, *, documents: Path, mentions: Path, relations: Path, reconciliation: Path,
                 evidence_table: Path, metrics: Path, report: Path, history: Path, bioc: Path, pubtator: Path,
                 documents_parquet: Path, mentions_parquet: Path, relations_parquet: Path) -> dict[str, int]:
    """Render the report and write the exports; ``mentions`` and ``relations`` are read when they exist."""
    # imported here, so the stage table (and ``evidence --help``) does not load pyarrow and bioc
    from .exports import bioc_xml, pubtator as pubtator_text, records_table
    from .html import ReportData, render_report
    from .store import adhoc_run_id, evidence_items, record_run

    document_records = read_jsonl(documents, Document)
    mention_records = read_jsonl(mentions, Mention) if mentions.exists() else []
    all_relations = read_jsonl(relations, Relation) if relations.exists() else []
    evidence = read_jsonl(evidence_table, EvidenceRow)
    _check_references(evidence_table, evidence, relations, all_relations)
    mention_records, relation_records, rejected = _fitting(document_records, mention_records, all_relations)
    rows = read_csv_records(reconciliation, ReconciliationRow)
    status = {row.id: row.status for row in rows if row.record == "relation"}
    missed = [asdict(row) for row in rows if row.record == "gold" and row.status == MISSED]
    data = ReportData(
        metrics=read_json(metrics), evidence=[asdict(e) for e in evidence], missed=missed,
        unmatched=[r for r in relation_records if status.get(r.relation_id) == UNMATCHED_IN_REVIEW],
        new_evidence=[r for r in relation_records if status.get(r.relation_id) == NEW_EVIDENCE],
        mentions=mention_records, relations=relation_records, title=context.project.report_title,
        review_title=context.project.review_title)
    write_text(render_report(data), report)
    conflicted = frozenset(rid for row in evidence if row.conflict for rid in row.relation_ids.split("|"))
    write_text(bioc_xml(document_records, mention_records, relation_records, conflicted), bioc)
    write_text(pubtator_text(document_records, mention_records, relation_records, conflicted), pubtator)
    for path, records, cls in ((documents_parquet, document_records, Document),
                               (mentions_parquet, mention_records, Mention),
                               (relations_parquet, relation_records, Relation)):
        write_parquet(records_table(records, cls), path)
    run_id = context.run_id or adhoc_run_id(documents, relations)
    items = evidence_items(evidence, all_relations, document_records)
    record_run(history, run_id, document_records, mention_records, relation_records, items)
    return {"evidence_rows": len(evidence), "evidence_items": len(items), "missed_gold": len(missed),
            "new_evidence": len(data.new_evidence), "bioc_documents": len(document_records),
            "input_errors": rejected}


def _check_references(path: Path, evidence: list[EvidenceRow], relations_path: Path,
                      relations: list[Relation]) -> None:
    """Every relation an evidence row cites is in the relations file (files of two runs mixed, or edited)."""
    known = {relation.relation_id for relation in relations}
    for line, row in enumerate(evidence, start=1):
        unknown = [rid for rid in row.relation_ids.split("|") if rid not in known]
        if unknown:
            raise InputError(str(path), f"evidence {row.evidence_id!r} cites relation(s) {', '.join(unknown[:3])} "
                                        f"that {relations_path.name} does not hold; rerun reconcile", line=line)


def _fitting(documents: list[Document], mentions: list[Mention],
             relations: list[Relation]) -> tuple[list[Mention], list[Relation], int]:
    """The mentions and relations whose offsets lie in their document's text and read their text,
    as the relations stage checks them; the others are logged and left out of every export."""
    texts = {document.doc_id: document.text for document in documents}
    kept_mentions = [m for m in mentions if span_fits(texts.get(m.doc_id, ""), m.start, m.end, m.text)]
    kept_relations = [r for r in relations if all(
        span_fits(texts.get(r.doc_id, ""), start, end, expected) for start, end, expected in (
            (r.agent_start, r.agent_end, r.agent_text), (r.object_start, r.object_end, r.object_text),
            (r.sentence_start, r.sentence_end, r.sentence_text)))]
    rejected = len(mentions) - len(kept_mentions) + len(relations) - len(kept_relations)
    if rejected:
        logger.warning("report: %d mention(s) or relation(s) left out: unknown document or offsets that do "
                       "not slice their text", rejected)
    return kept_mentions, kept_relations, rejected
