"""``reconciliation.csv``: every gold finding and every extracted relation with its status.

Gold rows list the relation the one-to-one assignment matched them with and any
other acceptable (redundant) relations; relation rows list their gold finding.
Rows are ordered gold first (file order), then relations (extraction order).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..gold.records import GoldTable
from ..records import REVIEW_DOC_ID, Document, ReconciliationRow, Relation
from .align import Reconciliation, raw_object_span
from .kinds import relation_kind

logger = logging.getLogger(__name__)

def _bool(value: bool) -> str:
    return "true" if value else "false"


def reconciliation_rows(relations: Sequence[Relation], documents: Sequence[Document], rec: Reconciliation,
                        gold: GoldTable | None) -> list[ReconciliationRow]:
    """One row per gold finding, then one per relation."""
    review = next((d for d in documents if d.doc_id == REVIEW_DOC_ID), None)
    by_finding = rec.match_by_finding()
    by_relation = rec.match_by_relation()
    rows: list[ReconciliationRow] = []
    gold_status = dict(rec.gold_status)
    for finding in getattr(gold, "findings", ()) if rec.gold_available else ():
        match = by_finding.get(finding.finding_id)
        others = sorted(c.relation_id for c in rec.candidates
                        if c.finding_id == finding.finding_id and (match is None or c.relation_id != match.relation_id))
        rows.append(ReconciliationRow(**{
            "record": "gold", "id": finding.finding_id, "status": gold_status[finding.finding_id],
            "agent_id": finding.agent_id, "kind": finding.kind, "effect": finding.effect, "object": finding.object,
            "negated": _bool(finding.negated), "hedged": _bool(finding.hedged), "doc_id": REVIEW_DOC_ID,
            "raw_start": str(finding.evidence_start), "raw_end": str(finding.evidence_end),
            "matched_ids": match.relation_id if match else "", "other_candidate_ids": "|".join(others),
            "score": f"{match.score:.4f}" if match else "", "evidence": finding.evidence_text,
        }))
    statuses = rec.relation_statuses()
    for relation in relations:
        match = by_relation.get(relation.relation_id)
        others = sorted(c.finding_id for c in rec.candidates
                        if c.relation_id == relation.relation_id and (match is None or c.finding_id != match.finding_id))
        start, end = raw_object_span(relation, review) if relation.doc_id == REVIEW_DOC_ID else (
            relation.object_start, relation.object_end)
        rows.append(ReconciliationRow(**{
            "record": "relation", "id": relation.relation_id, "status": statuses[relation.relation_id],
            "agent_id": relation.agent_id or "", "kind": relation_kind(relation), "effect": relation.effect,
            "object": relation.object_text, "negated": _bool(relation.negated), "hedged": _bool(relation.hedged),
            "doc_id": relation.doc_id, "raw_start": str(start), "raw_end": str(end),
            "matched_ids": match.finding_id if match else "", "other_candidate_ids": "|".join(others),
            "score": f"{match.score:.4f}" if match else "", "evidence": relation.sentence_text,
        }))
    return rows
