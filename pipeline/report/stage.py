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
from ..io import read_csv_records, read_json, read_jsonl, write_parquet, write_text
from ..records import MISSED, NEW_EVIDENCE, UNMATCHED_IN_REVIEW, Document, EvidenceRow, Mention, ReconciliationRow, Relation

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
    relation_records = read_jsonl(relations, Relation) if relations.exists() else []
    evidence = read_jsonl(evidence_table, EvidenceRow)
    rows = read_csv_records(reconciliation, ReconciliationRow)
    status = {row.id: row.status for row in rows if row.record == "relation"}
    missed = [asdict(row) for row in rows if row.record == "gold" and row.status == MISSED]
    data = ReportData(
        metrics=read_json(metrics), evidence=[asdict(e) for e in evidence], missed=missed,
        unmatched=[r for r in relation_records if status.get(r.relation_id) == UNMATCHED_IN_REVIEW],
        new_evidence=[r for r in relation_records if status.get(r.relation_id) == NEW_EVIDENCE],
        mentions=mention_records, relations=relation_records)
    write_text(render_report(data), report)
    write_text(bioc_xml(document_records, mention_records, relation_records), bioc)
    write_text(pubtator_text(document_records, mention_records), pubtator)
    for path, records, cls in ((documents_parquet, document_records, Document),
                               (mentions_parquet, mention_records, Mention),
                               (relations_parquet, relation_records, Relation)):
        write_parquet(records_table(records, cls), path)
    run_id = context.run_id or adhoc_run_id(documents, relations)
    items = evidence_items(evidence, relation_records, document_records)
    record_run(history, run_id, document_records, mention_records, relation_records, items)
    return {"evidence_rows": len(evidence), "evidence_items": len(items), "missed_gold": len(missed),
            "new_evidence": len(data.new_evidence), "bioc_documents": len(document_records)}
