""""Y induced by X", "Y in response to X": the agent after the phrase it acts on increases it."""

from __future__ import annotations


def _postnominal(relations):
    return sorted((r.agent_text, r.effect, r.object_text, r.negated) for r in relations
                  if r.construction == "postnominal")


def test_a_participle_after_a_noun_phrase_names_its_cause(extract):
    rels = extract("Bortezomib blocked the renal lipid peroxidation induced by cisplatin in rats.")
    assert _postnominal(rels) == [("cisplatin", "increases", "renal lipid peroxidation", False)]


def test_every_agent_of_the_by_list_and_a_change_noun_dropped(extract):
    rels = extract("Bortezomib reduced the tumor weight increases caused by either melphalan or cisplatin (DDP).")
    assert _postnominal(rels) == [("cisplatin", "increases", "tumor weight", False),
                                  ("melphalan", "increases", "tumor weight", False)]


def test_in_response_to_an_agent(extract):
    rels = extract("Cells showed a nuclear translocation in response to melphalan and bortezomib.")
    assert _postnominal(rels) == [("bortezomib", "increases", "nuclear translocation", False),
                                  ("melphalan", "increases", "nuclear translocation", False)]


def test_a_passive_with_its_auxiliary_and_a_cause_that_is_not_the_agent_are_left_alone(extract):
    assert _postnominal(extract("Tumor growth was induced by melphalan in mice.")) == []
    assert _postnominal(extract("The anemia caused by a deficiency of cisplatin transport was mild.")) == []
    assert _postnominal(extract("We used mice stimulated by melphalan.")) == []


def test_the_target_of_a_class_noun_after_by_is_not_the_cause(extract):
    # "hyperprolactinemia induced by the dopamine antagonist sulpiride": sulpiride, not dopamine
    rels = extract("Bortezomib blocked the renal lipid peroxidation induced by the cisplatin antagonist melphalan.")
    assert _postnominal(rels) == [("melphalan", "increases", "renal lipid peroxidation", False)]


def test_a_phrase_without_a_clear_start_is_left_alone(extract):
    assert _postnominal(extract("We saw renal lipid peroxidation induced by melphalan.")) == []


def test_what_was_measured_in_response_to_an_agent_has_no_direction(extract):
    assert _postnominal(extract("We measured the nuclear translocation in response to melphalan.")) == []


def test_the_agent_of_a_treatment_noun_after_the_cue(extract):
    rels = extract("This is a report of nephrotoxicity possibly provoked by epidural injection of cisplatin and melphalan.")
    assert _postnominal(rels) == [("cisplatin", "increases", "nephrotoxicity", False),
                                  ("melphalan", "increases", "nephrotoxicity", False)]
    # "caused" is a trigger verb too: whichever reader answers first, the statement is the same
    rels = extract("This is a report of nephrotoxicity possibly caused by epidural injection of cisplatin and melphalan.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels) == [
        ("cisplatin", "increases", "nephrotoxicity"), ("melphalan", "increases", "nephrotoxicity")]


def test_a_cue_after_a_decrease_noun_phrase_says_decreases(extract):
    rels = extract("Bortezomib restores the impairment of bone density induced by chronic administration of cisplatin.")
    assert ("cisplatin", "decreases", "bone density", False) in _postnominal(rels)
    assert not [row for row in _postnominal(rels) if row[1] == "increases"]


def test_both_phrases_of_a_coordination_before_the_cue(extract):
    # "inhibited both macrophage-differentiation and apoptosis induced by IL-6": both were induced
    rels = extract("Bortezomib inhibited both differentiation and apoptosis induced by cisplatin.")
    assert _postnominal(rels) == [("cisplatin", "increases", "apoptosis", False),
                                  ("cisplatin", "increases", "differentiation", False)]
    # one word before a longer phrase describes its head: "the pro-oxidant and pro-inflammatory events"
    rels = extract("Bortezomib prevented the pro-oxidant and hepatic toxic events triggered by cisplatin.")
    assert [o for _, _, o, _ in _postnominal(rels)] == ["hepatic toxic events"]
