"""The report stage: stage files -> report.html, evidence.sqlite (history), BioC XML, PubTator, Parquet.

Every file except ``evidence.sqlite`` depends only on the stage files, so two runs
on the same inputs write identical bytes; the store accumulates runs by run id.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pyarrow.parquet as pq

from ..context import RunContext
from ..errors import InputError
from ..io import read_csv_rows, read_json, read_jsonl, write_bytes, write_text
from ..records import Document, Mention, Relation
from ..textcheck import span_fits
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
    all_relations = read_jsonl(out / "relations.jsonl", Relation) if (out / "relations.jsonl").exists() else []
    evidence = read_jsonl(out / "evidence_table.jsonl", EvidenceRow)
    _check_references(out / "evidence_table.jsonl", evidence, all_relations)
    mentions, relations, rejected = _fitting(documents, mentions, all_relations)
    metrics = read_json(out / "metrics.json")
    reconciliation = read_csv_rows(out / "reconciliation.csv", ("record", "id", "status"))
    status = {row["id"]: row["status"] for row in reconciliation if row["record"] == "relation"}
    missed = [row for row in reconciliation if row["record"] == "gold" and row["status"] == MISSED]
    data = ReportData(
        metrics=metrics, evidence=[e.__dict__ for e in evidence], missed=missed,
        unmatched=[r for r in relations if status.get(r.relation_id) == UNMATCHED_IN_REVIEW],
        new_evidence=[r for r in relations if status.get(r.relation_id) == NEW_EVIDENCE],
        mentions=mentions, relations=relations)
    write_text(render_report(data), out / "report.html")
    write_text(bioc_xml(documents, mentions, relations), out / "annotated.bioc.xml")
    write_text(pubtator(documents, mentions), out / "annotated.pubtator")
    for name, records, cls in (("documents", documents, Document), ("mentions", mentions, Mention),
                               ("relations", relations, Relation)):
        write_bytes(_parquet(records_table(records, cls)), out / f"{name}.parquet")
    run_id = context.run_id or adhoc_run_id(out / "documents.jsonl", out / "relations.jsonl")
    items = evidence_items(evidence, all_relations, documents)
    record_run(out / STORE_NAME, run_id, documents, mentions, relations, items)
    return {"evidence_rows": len(evidence), "evidence_items": len(items), "missed_gold": len(missed),
            "new_evidence": len(data.new_evidence), "bioc_documents": len(documents), "input_errors": rejected}


def _check_references(path: Path, evidence: list[EvidenceRow], relations: list[Relation]) -> None:
    """Every relation an evidence row cites is in ``relations.jsonl`` (files of two runs mixed, or edited)."""
    known = {relation.relation_id for relation in relations}
    for line, row in enumerate(evidence, start=1):
        unknown = [rid for rid in row.relation_ids.split("|") if rid not in known]
        if unknown:
            raise InputError(str(path), f"evidence {row.evidence_id!r} cites relation(s) {', '.join(unknown[:3])} "
                                        "that relations.jsonl does not hold; rerun reconcile", line=line)


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
