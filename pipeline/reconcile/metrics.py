"""Counts per stage and reconciliation accuracy, as one JSON-ready dict.

Precision is matched relations / review relations about the gold table's (axis) agents; recall is
matched gold findings / gold findings; every ratio is 0.0 when its divisor is 0.
Per-kind precision uses the kind inferred by :mod:`pipeline.reconcile.kinds`.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..evaluation.scoring import Score
from ..gold.records import GoldTable
from ..records import Document, Mention, Relation
from .align import Reconciliation, in_gold_scope, is_review
from .kinds import relation_kind
from .matching import normalise_name

logger = logging.getLogger(__name__)

#: The issue's acceptance bar: recall at least this at precision at least that (one-to-one figures).
BAR_RECALL = 0.80
BAR_PRECISION = 0.80

#: Fields compared on matched pairs: name -> (value of the relation, value of the gold finding).
FIELD_GETTERS: dict[str, tuple[Callable[[Relation], Any], Callable[[Any], Any]]] = {
    "effect": (lambda r: r.effect, lambda f: f.effect),
    "negated": (lambda r: r.negated, lambda f: f.negated),
    "hedged": (lambda r: r.hedged, lambda f: f.hedged),
    "model_system": (lambda r: r.model_system, lambda f: f.model_system),
    "phase": (lambda r: r.phase or "", lambda f: f.phase or ""),
    "disease": (lambda r: normalise_name(r.disease or ""), lambda f: normalise_name(f.disease or "")),
    "cell_line": (lambda r: normalise_name(r.cell_line or ""), lambda f: normalise_name(f.cell_line or "")),
}


def ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def prf(matched_relations: int, relations: int, matched_gold: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 (:class:`~pipeline.evaluation.scoring.Score`) with their counts, to 4 decimals."""
    score = Score("", relations, gold, matched_relations, matched_gold)
    return {"relations": relations, "matched_relations": matched_relations, "gold": gold,
            "matched_gold": matched_gold, "precision": round(score.precision, 4), "recall": round(score.recall, 4),
            "f1": round(score.f1, 4)}


def stage_counts(documents: Sequence[Document], mentions: Sequence[Mention],
                 relations: Sequence[Relation]) -> dict[str, Any]:
    """Documents, sentences, mentions per label and relations per effect and source."""
    return {
        "documents": len(documents),
        "documents_by_source": dict(sorted(Counter(d.source for d in documents).items())),
        "sentences": sum(len(d.sentences) for d in documents),
        "mentions": len(mentions),
        "mentions_per_label": dict(sorted(Counter(m.label for m in mentions).items())),
        "relations": len(relations),
        "relations_per_effect": dict(sorted(Counter(r.effect for r in relations).items())),
        "relations_review": sum(1 for r in relations if is_review(r)),
        "relations_pubmed": sum(1 for r in relations if not is_review(r)),
    }


def _grouped(relations: Sequence[Relation], findings: Sequence[Any], rec: Reconciliation,
             relation_group: Callable[[Relation], str], finding_group: Callable[[Any], str]) -> dict[str, Any]:
    matched_relations = rec.match_by_relation()
    matched_findings = rec.match_by_finding()
    groups = sorted({relation_group(r) for r in relations} | {finding_group(f) for f in findings})
    out = {}
    for group in groups:
        rels = [r for r in relations if relation_group(r) == group]
        golds = [f for f in findings if finding_group(f) == group]
        out[group] = prf(sum(r.relation_id in matched_relations for r in rels), len(rels),
                         sum(f.finding_id in matched_findings for f in golds), len(golds))
    return out


def field_agreement(relations: Sequence[Relation], findings: Sequence[Any], rec: Reconciliation) -> dict[str, Any]:
    """Agreement of each field on matched pairs; negation and hedging also as a 2x2 confusion."""
    relation_by_id = {r.relation_id: r for r in relations}
    finding_by_id = {f.finding_id: f for f in findings}
    pairs = [(relation_by_id[m.relation_id], finding_by_id[m.finding_id]) for m in rec.matches]
    out: dict[str, Any] = {}
    for name, (of_relation, of_gold) in FIELD_GETTERS.items():
        agree = sum(of_relation(r) == of_gold(f) for r, f in pairs)
        entry: dict[str, Any] = {"pairs": len(pairs), "agree": agree, "agreement": ratio(agree, len(pairs))}
        if name in ("negated", "hedged"):
            confusion = Counter(f"gold_{str(of_gold(f)).lower()}_extracted_{str(of_relation(r)).lower()}"
                                for r, f in pairs)
            entry["confusion"] = {k: confusion.get(k, 0) for k in (
                "gold_true_extracted_true", "gold_true_extracted_false",
                "gold_false_extracted_true", "gold_false_extracted_false")}
        out[name] = entry
    return out


def compute_metrics(documents: Sequence[Document], mentions: Sequence[Mention], relations: Sequence[Relation],
                    rec: Reconciliation, gold: GoldTable | None) -> dict[str, Any]:
    """The whole ``metrics.json`` document."""
    metrics: dict[str, Any] = {"counts": stage_counts(documents, mentions, relations)}
    statuses = Counter(status for _, status in rec.relation_status)
    if gold is None or not rec.gold_available:
        metrics["reconciliation"] = {"gold_available": False, "note": "no gold table",
                                     "relation_status": dict(sorted(statuses.items()))}
        return metrics
    review_relations = [r for r in relations if in_gold_scope(r)]
    findings = list(gold.findings)
    overall = prf(len(rec.matches), len(review_relations), len(rec.matches), len(findings))
    metrics["reconciliation"] = {
        "gold_available": True,
        "gold_findings": len(findings),
        "candidates": len(rec.candidates),
        "relation_status": dict(sorted(statuses.items())),
        "overall": overall,
        "bar": {"recall_at_least": BAR_RECALL, "precision_at_least": BAR_PRECISION,
                "met": overall["recall"] >= BAR_RECALL and overall["precision"] >= BAR_PRECISION},
        # Not the headline: any acceptable pair counts, so a relation may credit several findings.
        "overall_many_to_many": prf(len({c.relation_id for c in rec.candidates}), len(review_relations),
                                    len({c.finding_id for c in rec.candidates}), len(findings)),
        "per_kind": _grouped(review_relations, findings, rec, relation_kind, lambda f: f.kind),
        "per_agent": _grouped(review_relations, findings, rec, lambda r: r.agent_id or "(no id)",
                              lambda f: f.agent_id),
        "per_section": _grouped(review_relations, findings, rec,
                                lambda r: "table1" if r.section == "TABLE 1" else "body", lambda f: f.section),
        "field_agreement": field_agreement(review_relations, findings, rec),
    }
    return metrics
