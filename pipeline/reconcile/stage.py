"""The reconcile stage: relations + gold table -> reconciliation.csv, evidence table, metrics.json."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path

from ..context import RunContext
from ..gold.records import GoldTable
from ..io import read_jsonl, write_json, write_jsonl, write_text
from ..records import Document, Mention, Relation
from .align import MATCHED, reconcile
from .evidence import agent_facts, build_evidence_table, evidence_summary, write_evidence_table
from .metrics import compute_metrics
from .table import reconciliation_csv, reconciliation_rows

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


def run_stage(context: RunContext) -> dict[str, int]:
    """Reconcile the run in ``context.out_dir`` with the gold table in ``context.gold_dir``."""
    out = context.out_dir
    documents = read_jsonl(out / "documents.jsonl", Document)
    relations = read_jsonl(out / "relations.jsonl", Relation)
    mentions_path = out / "mentions.jsonl"
    mentions = read_jsonl(mentions_path, Mention) if mentions_path.exists() else []
    gold = load_gold_if_present(context.gold_dir, context.project.target_classes)
    rec = reconcile(relations, documents, gold)
    write_text(reconciliation_csv(reconciliation_rows(relations, documents, rec, gold)), out / "reconciliation.csv")
    rows = build_evidence_table(relations, documents, rec, agent_facts(gold, context.project.agents_table), mentions)
    write_evidence_table(rows, out)
    write_jsonl(rows, out / "evidence_table.jsonl")
    metrics = compute_metrics(documents, mentions, relations, rec, gold)
    metrics["evidence"] = evidence_summary(rows)
    write_json(metrics, out / "metrics.json")
    if gold is not None:
        write_jsonl([asdict(f) for f in gold.findings], out / "gold_findings.jsonl")
    return {
        "relations": len(relations),
        "gold_findings": len(gold.findings) if gold is not None else 0,
        "matched": len(rec.matches),
        "relations_matched": sum(1 for _, s in rec.relation_status if s == MATCHED),
        "evidence_rows": len(rows),
        "conflict_rows": metrics["evidence"]["conflict_rows"],
    }
