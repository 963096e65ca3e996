"""The arm given alone in a comparison does not own the comparison's finding (``arms.py``)."""

from __future__ import annotations


def _findings(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations if r.effect in ("increases", "decreases"))


def test_the_alone_arm_leaves_the_finding_to_the_added_agent(extract):
    relations = extract("In a trial comparing bortezomib and melphalan with melphalan alone, the combination of "
                        "bortezomib and melphalan reduced tumor growth.")
    assert _findings(relations) == [("bortezomib", "decreases", "tumor growth")]


def test_versus_monotherapy_is_an_alone_arm(extract):
    relations = extract("Bortezomib plus melphalan versus melphalan monotherapy reduced tumor growth.")
    assert [a for a, _, _ in _findings(relations)] == ["Bortezomib"]


def test_an_agent_given_alone_without_a_comparison_keeps_its_finding(extract):
    relations = extract("Treatment with cisplatin alone reduced tumor growth, and melphalan increased apoptosis.")
    assert ("cisplatin", "decreases", "tumor growth") in _findings(relations)


def test_the_drug_cells_resist_is_no_agent(extract):
    # "the diminished resistance to DOX was caused by increased drug accumulation": what the cells resist is
    # a point of reference (reference_cues.tsv), not the subject of the increase
    rels = extract("The diminished resistance to cisplatin was caused by increased STAT3 accumulation.")
    assert [r for r in rels if r.agent_text == "cisplatin"] == []


def test_a_name_after_as_a_describes_the_subject(extract):
    # "GBE has been traditionally used as a platelet activating factor, ..., and anti-cancer agent": the
    # name after "as a" says what the subject is used as; the subject acts (reference_cues.tsv)
    rels = extract("Bortezomib has been used as a melphalan substitute, a tonic, and anti-cancer agent.")
    assert {(r.agent_text, r.effect, r.object_text) for r in rels if r.effect == "decreases"} == {
        ("Bortezomib", "decreases", "cancer")}


def test_a_combination_partner_gets_no_pair_reader_relation(extract):
    # "The most common toxicities associated with lapatinib used in combination with capecitabine were diarrhea"
    text = "Nephrotoxicity associated with bortezomib in combination with melphalan was frequent."
    assert [(r.agent_text, r.effect) for r in extract(text)] == [("bortezomib", "increases")]
