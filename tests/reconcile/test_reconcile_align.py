"""Reconciliation of the hand-built fixture run against its tiny gold table."""

from __future__ import annotations

from pipeline.gold import load_gold
from pipeline.text import to_raw_span
from pipeline.reconcile.align import raw_object_span, reconcile
from pipeline.reconcile.metrics import compute_metrics


def _run(fx):
    docs = fx.documents()
    rels = fx.relations(docs)
    gold = load_gold(fx.GOLD_DIR)
    return docs, rels, gold, reconcile(rels, docs, gold)


def test_gold_fixture_offsets_slice_the_raw_review(fx) -> None:
    gold = load_gold(fx.GOLD_DIR)
    for finding in gold.findings:
        assert " ".join(fx.RAW_REVIEW[finding.evidence_start:finding.evidence_end].split()) == finding.evidence_text


def test_relation_offsets_map_back_to_the_same_words_in_the_raw_review(fx) -> None:
    docs = fx.documents()
    review = docs[0]
    for rel in fx.relations(docs):
        assert docs[0 if rel.doc_id == "review" else 1].text[rel.object_start:rel.object_end] == rel.object_text
        if rel.doc_id == "review":
            start, end = raw_object_span(rel, review)
            assert " ".join(fx.RAW_REVIEW[start:end].split()) == rel.object_text
            assert to_raw_span(review.source_map, rel.agent_start, rel.agent_end)[0] == fx.RAW_REVIEW.index(
                rel.agent_text, start - 60 if start > 60 else 0)


def test_statuses_of_gold_findings_and_relations(fx) -> None:
    _, rels, _, rec = _run(fx)
    assert dict(rec.gold_status) == {"F001": "matched", "F002": "matched", "F003": "matched", "F004": "missed"}
    status = rec.relation_statuses()
    # the same statement read twice (name and alias): one of the two is credited, the other is redundant
    assert sorted([status["rel:review:Siltuximab:decreases:IL-6 signaling"],
                   status["rel:review:CNTO 328:decreases:IL-6 signaling"]]) == ["matched", "unmatched-in-review"]
    assert status["rel:review:Tocilizumab:decreases:IL-6R"] == "matched"
    assert status["rel:review:Tocilizumab:increases:IL-6R"] == "unmatched-in-review"
    assert status["rel:pmid:1:Siltuximab:decreases:IL-6"] == "new-evidence"
    assert set(status) == {r.relation_id for r in rels}


def test_assignment_is_one_to_one_and_keeps_redundant_candidates(fx) -> None:
    _, _, _, rec = _run(fx)
    assert len({m.relation_id for m in rec.matches}) == len({m.finding_id for m in rec.matches}) == len(rec.matches)
    f001 = [c.relation_id for c in rec.candidates if c.finding_id == "F001"]
    assert sorted(f001) == ["rel:review:CNTO 328:decreases:IL-6 signaling",
                            "rel:review:Siltuximab:decreases:IL-6 signaling"]
    assert rec.match_by_finding()["F002"].score == 0.8


def test_metrics_precision_recall_and_flag_agreement(fx) -> None:
    docs, rels, gold, rec = _run(fx)
    metrics = compute_metrics(docs, fx.mentions(docs), rels, rec, gold)["reconciliation"]
    overall = metrics["overall"]
    assert (overall["relations"], overall["matched_relations"], overall["gold"], overall["matched_gold"]) == (5, 3, 4, 3)
    assert overall["precision"] == 0.6 and overall["recall"] == 0.75
    assert overall["f1"] == round(2 * 0.6 * 0.75 / 1.35, 4)
    assert metrics["bar"]["met"] is False, "precision 0.6 is under the 0.8 bar"
    assert metrics["per_kind"]["approval"]["recall"] == 1.0
    assert metrics["per_kind"]["mechanism"]["gold"] == 2
    negated = metrics["field_agreement"]["negated"]
    assert negated["pairs"] == 3 and negated["agree"] == 2
    assert negated["confusion"]["gold_true_extracted_false"] == 1
    assert "agent:sarilumab" not in metrics["per_agent"], "PubMed relations do not count for precision"


def test_without_gold_every_review_relation_is_unreconciled(fx) -> None:
    docs = fx.documents()
    rels = fx.relations(docs)
    rec = reconcile(rels, docs, None)
    assert not rec.gold_available and rec.matches == ()
    assert {s for _, s in rec.relation_status} == {"no-gold", "new-evidence"}
    metrics = compute_metrics(docs, [], rels, rec, None)
    assert metrics["reconciliation"]["gold_available"] is False
    assert metrics["counts"]["relations"] == 7


def test_another_drug_in_the_review_is_outside_the_gold_table(fx) -> None:
    """The gold table records the axis agents' findings only: a review relation about another drug is
    ``no-gold``, neither matched nor counted against precision."""
    docs = fx.documents()
    other = fx.relation(docs[0], "Tocilizumab", "DB06273", "increases", "IL-6R")
    rels = [*fx.relations(docs), other]
    rec = reconcile(rels, docs, load_gold(fx.GOLD_DIR))
    assert rec.relation_statuses()[other.relation_id] == "no-gold"
    metrics = compute_metrics(docs, fx.mentions(docs), rels, rec, load_gold(fx.GOLD_DIR))["reconciliation"]
    assert metrics["overall"]["relations"] == 5
