""""Y was treated with X", "X treatment for Y", "therapy with X for Y", "treatment of Y with X" (therapy.py)."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_a_disease_treated_with_a_drug(extract):
    assert _read(extract("Osteoporosis can be effectively treated by raloxifene or bazedoxifene.")) == [
        ("bazedoxifene", "decreases", "Osteoporosis"), ("raloxifene", "decreases", "Osteoporosis")]


def test_a_class_treats_through_the_members_it_names(extract):
    rels = extract("Osteoporosis was treated with selective estrogen receptor modulators such as raloxifene and bazedoxifene.")
    assert {("raloxifene", "Osteoporosis"), ("bazedoxifene", "Osteoporosis")} <= {(r.agent_text, r.object_text) for r in rels}


def test_treatment_for_and_of_a_disease(extract):
    assert ("bortezomib", "decreases", "multiple myeloma") in _read(
        extract("Complications associated with bortezomib treatment for multiple myeloma were rare."))
    assert ("melphalan", "decreases", "multiple myeloma") in _read(
        extract("Successful therapy with melphalan for multiple myeloma in an elderly man."))
    assert ("cisplatin", "decreases", "ovarian cancer") in _read(
        extract("Initiating treatment of ovarian cancer with cisplatin is associated with a rise in creatinine."))


def test_no_disease_subject_gives_nothing(extract):
    assert [r for r in extract("MCF-7 cells were treated with bortezomib.") if r.construction == "therapy"] == []
    assert [r for r in extract("Mice treated with bortezomib lost weight.") if r.construction == "therapy"] == []



def test_describing_words_before_the_disease(extract):
    assert ("melphalan", "decreases", "multiple myeloma") in _read(
        extract("Successful therapy with melphalan for relapsed refractory multiple myeloma in an elderly man."))
    # a phrase word or a third describing word ends the search
    assert ("melphalan", "decreases", "multiple myeloma") not in _read(
        extract("Successful therapy with melphalan for three weeks in an elderly man with multiple myeloma."))


def test_a_disease_right_before_treated_is_a_reduced_relative(extract):
    rels = extract("We report a case of suspected multiple myeloma treated with high-dose melphalan in our clinic.")
    assert ("melphalan", "decreases", "multiple myeloma") in _read(rels)
    # the disease must stand right before the participle (adverbs aside): "patients treated with X" names none
    rels = extract("Multiple myeloma patients treated with melphalan were studied.")
    assert [r for r in rels if r.construction == "therapy"] == []


def test_a_study_word_naming_the_pair_does_not_block_the_treatment_reading(extract):
    rels = extract("OBJECTIVE: To report a case of multiple myeloma treated with high-dose melphalan assessed with serum levels.")
    assert {("melphalan", "decreases", "multiple myeloma"), ("melphalan", "studied_in", "multiple myeloma")} <= set(
        _read(rels))


def test_agents_listed_before_for_the_treatment_of(extract):
    rels = extract("Randomized comparison of melphalan versus bortezomib for the treatment of first-episode multiple myeloma.")
    assert {("melphalan", "decreases", "multiple myeloma"), ("bortezomib", "decreases", "multiple myeloma")} <= set(
        _read(rels))
    # the list must end right before "for": an agent further back is not the treatment
    rels = extract("Melphalan was given to patients for the treatment of multiple myeloma.")
    assert [r for r in rels if r.construction == "therapy"] == []
