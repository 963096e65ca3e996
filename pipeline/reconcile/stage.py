"""The reconcile stage: relations + gold table -> reconciliation, evidence table, gold findings, metrics."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path

from ..context import RunContext
from ..gold.records import GoldTable
from ..io import read_jsonl, write_csv_records, write_json, write_jsonl
from ..records import MATCHED, Document, Mention, ReconciliationRow, Relation

logger = logging.getLogger(__name__)

GOLD_FILES = ("agents.tsv", "findings.tsv")


def load_gold_if_present(gold_dir: Path, target_classes: tuple[str, ...] | None = None) -> GoldTable | None:
    """The gold table, or None when ``gold_dir`` holds no gold files (a malformed table still raises).

    ``target_classes``: the project's classes its agents may target (default: the IL-6 project's).
    """
    if not all((gold_dir / name).is_file() for name in GOLD_FILES):
        logger.warning("no gold table in %s: reconciliation reports no accuracy", gold_dir)
        return None
    from ..gold import load_gold  # only reconciliation reads the gold table

    return load_gold(gold_dir, target_classes=target_classes)


def reconcile_corpus(context: RunContext, *, documents: Path, relations: Path, mentions: Path,
                     reconciliation: Path, evidence_table: Path, evidence_csv: Path, evidence_parquet: Path,
                     gold_findings: Path, metrics: Path) -> dict[str, int]:
    """Reconcile the run's relations with the gold table in ``context.gold_dir`` and write the evidence table.

    ``mentions`` is read when it exists (for the metrics' stage counts and the evidence rows'
    entity ids). ``gold_findings`` is written only when there is a gold table.
    """
    # imported here, so the stage table (and ``evidence --help``) does not load scipy and pyarrow
    from .align import reconcile
    from .evidence import agent_facts, build_evidence_table, evidence_summary, write_evidence_table
    from .metrics import compute_metrics
    from .table import reconciliation_rows

    document_records = read_jsonl(documents, Document)
    relation_records = read_jsonl(relations, Relation)
    mention_records = read_jsonl(mentions, Mention) if mentions.exists() else []
    gold = load_gold_if_present(context.gold_dir, context.project.target_classes)
    rec = reconcile(relation_records, document_records, gold)
    write_csv_records(reconciliation_rows(relation_records, document_records, rec, gold), ReconciliationRow,
                      reconciliation)
    rows = build_evidence_table(relation_records, document_records, rec,
                                agent_facts(gold, context.project.agents_table), mention_records)
    write_evidence_table(rows, evidence_csv, evidence_parquet)
    write_jsonl(rows, evidence_table)
    metric_values = compute_metrics(document_records, mention_records, relation_records, rec, gold)
    metric_values["evidence"] = evidence_summary(rows)
    write_json(metric_values, metrics)
    if gold is not None:
        write_jsonl([asdict(f) for f in gold.findings], gold_findings)
    return {
        "relations": len(relation_records),
        "gold_findings": len(gold.findings) if gold is not None else 0,
        "matched": len(rec.matches),
        "relations_matched": sum(1 for _, s in rec.relation_status if s == MATCHED),
        "evidence_rows": len(rows),
        "conflict_rows": metric_values["evidence"]["conflict_rows"],
    }
