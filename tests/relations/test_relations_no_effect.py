"""A statement of no effect ("X did not affect Y") is output as ``no_effect`` with ``negated`` False:
the dev annotations' convention, which the evidence table's conflicts and the BioRED pair scoring read."""

from __future__ import annotations

import dataclasses

from pipeline.evaluation.biored_relations import BioredSplit, GoldMention, relation_pairs
from pipeline.grades import graded
from pipeline.reconcile.align import reconcile
from pipeline.reconcile.evidence import build_evidence_table
from pipeline.relations.assemble import stated_no_effect


def _no_effect(relations) -> list[tuple[str, str, bool, str | None]]:
    return [(r.agent_text, r.object_text, r.negated, r.negation_cue) for r in relations if r.effect == "no_effect"]


def test_a_statement_of_no_effect_is_not_negated(extract):
    assert _no_effect(extract("Cisplatin did not affect STAT3 phosphorylation.")) == [
        ("Cisplatin", "STAT3 phosphorylation", False, "did not")]
    assert _no_effect(extract("Cisplatin had no effect on STAT3 activation.")) == [
        ("Cisplatin", "STAT3 activation", False, "had no")]
    # an effect word without its negation states an effect of no direction: nothing
    assert _no_effect(extract("Cisplatin affected STAT3 phosphorylation.")) == []


def test_a_no_effect_relation_left_unnegated_inside_the_stage_is_dropped(extract):
    affirmed = extract("Cisplatin increased STAT3 phosphorylation.")[0]
    unnegated = dataclasses.replace(affirmed, effect="no_effect", negated=False)
    negated = dataclasses.replace(affirmed, effect="no_effect", negated=True)
    assert stated_no_effect([affirmed, unnegated, negated]) == [affirmed, dataclasses.replace(negated, negated=False)]


def test_no_effect_and_an_affirmed_change_of_the_same_object_conflict_in_the_evidence_table(extract_abstract, document_for):
    text = "Cisplatin increased STAT3 phosphorylation in mice. Cisplatin did not affect STAT3 phosphorylation in mice."
    relations = [graded(r) for r in extract_abstract(text)]
    assert sorted((r.effect, r.negated) for r in relations) == [("increases", False), ("no_effect", False)]
    documents = [dataclasses.replace(document_for(text, "pmid:1"), pmid="1")]
    rows = build_evidence_table(relations, documents, reconcile(relations, documents, None), {})
    assert [(r.effect, r.negated, r.conflict) for r in sorted(rows, key=lambda r: r.effect)] == [
        ("increases", False, True), ("no_effect", False, True)]


def test_a_statement_of_no_effect_gives_no_biored_pair(extract_abstract):
    text = "Cisplatin increased STAT3 phosphorylation."
    increases = extract_abstract(text)
    gold = (GoldMention(0, 9, "ChemicalEntity", ("D002945",)), GoldMention(20, 25, "GeneOrGeneProduct", ("6774",)))
    split = BioredSplit({"1": text}, {"1": gold}, {})
    assert relation_pairs(increases, split) == {("1", "D002945", "6774"): "Positive_Correlation"}
    # "Cisplatin did not affect STAT3 phosphorylation", as the stage writes it: no association of the pair
    no_effect = [dataclasses.replace(r, effect="no_effect", negated=False) for r in increases]
    assert relation_pairs(no_effect, split) == {}


def test_unaffected_denies_itself(extract):
    # "Y were unaffected by X": the trigger is its own negation, so the statement is one of no effect
    assert _no_effect(extract("STAT3 phosphorylation was unaffected by cisplatin.")) == [
        ("cisplatin", "STAT3 phosphorylation", False, "unaffected")]
    assert _no_effect(extract("STAT3 levels were unaltered by cisplatin.")) == [
        ("cisplatin", "STAT3 levels", False, "unaltered")]
