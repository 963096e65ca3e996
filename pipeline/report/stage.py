"""The report stage: stage files -> report.html, evidence.sqlite (history), BioC XML, PubTator, Parquet.

Every file except ``evidence.sqlite`` depends only on the stage files, so two runs
on the same inputs write identical bytes; the store accumulates runs by run id.
"""

from __future__ import annotations

import csv
import json
import io
import logging

import pyarrow.parquet as pq

from ..context import RunContext
from ..io import read_jsonl, write_bytes, write_text
from ..records import Document, Mention, Relation
from ..reconcile.align import MISSED, NEW_EVIDENCE, UNMATCHED_IN_REVIEW
from ..reconcile.evidence import EvidenceRow, evidence_items
from ..reconcile.store import STORE_NAME, adhoc_run_id, record_run
from .exports import bioc_xml, pubtator, records_table
from .html import ReportData, render_report

logger = logging.getLogger(__name__)


def _parquet(table: object) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def run_stage(context: RunContext) -> dict[str, int]:
    """Render the report and write the exports into ``context.out_dir``."""
    out = context.out_dir
    documents = read_jsonl(out / "documents.jsonl", Document)
    mentions = read_jsonl(out / "mentions.jsonl", Mention) if (out / "mentions.jsonl").exists() else []
    relations = read_jsonl(out / "relations.jsonl", Relation) if (out / "relations.jsonl").exists() else []
    evidence = read_jsonl(out / "evidence_table.jsonl", EvidenceRow)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    with (out / "reconciliation.csv").open(encoding="utf-8", newline="") as handle:
        reconciliation = list(csv.DictReader(handle))
    status = {row["id"]: row["status"] for row in reconciliation if row["record"] == "relation"}
    missed = [row for row in reconciliation if row["record"] == "gold" and row["status"] == MISSED]
    data = ReportData(
        metrics=metrics, evidence=[e.__dict__ for e in evidence], missed=missed,
        unmatched=[r for r in relations if status.get(r.relation_id) == UNMATCHED_IN_REVIEW],
        new_evidence=[r for r in relations if status.get(r.relation_id) == NEW_EVIDENCE],
        mentions=mentions, relations=relations, title=context.project.report_title,
        review_title=context.project.review_title)
    write_text(render_report(data), out / "report.html")
    conflicted = frozenset(rid for row in evidence if row.conflict for rid in row.relation_ids.split("|"))
    write_text(bioc_xml(documents, mentions, relations, conflicted), out / "annotated.bioc.xml")
    write_text(pubtator(documents, mentions, relations, conflicted), out / "annotated.pubtator")
    for name, records, cls in (("documents", documents, Document), ("mentions", mentions, Mention),
                               ("relations", relations, Relation)):
        write_bytes(_parquet(records_table(records, cls)), out / f"{name}.parquet")
    run_id = context.run_id or adhoc_run_id(out / "documents.jsonl", out / "relations.jsonl")
    items = evidence_items(evidence, relations, documents)
    record_run(out / STORE_NAME, run_id, documents, mentions, relations, items)
    return {"evidence_rows": len(evidence), "evidence_items": len(items), "missed_gold": len(missed),
            "new_evidence": len(data.new_evidence), "bioc_documents": len(documents)}
