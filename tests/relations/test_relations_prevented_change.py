""""X prevented the decrease in Y": a verb acting on a named change acts on what changes (issue 18)."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_preventing_or_reversing_a_fall_increases_what_falls(extract):
    # before: "prevented the decrease of STAT3" read as decreases "decrease of STAT3", and with "in" the
    # object was cut off at the change noun ("decrease"), so nothing or "drop" came out
    assert _read(extract("Bortezomib prevented the decrease of STAT3.")) == [("Bortezomib", "increases", "STAT3")]
    assert _read(extract("Bortezomib prevented the decrease in STAT3 expression.")) == [
        ("Bortezomib", "increases", "STAT3 expression")]
    assert _read(extract("Bortezomib reversed the marked decline in STAT3.")) == [("Bortezomib", "increases", "STAT3")]
    assert _read(extract("Bortezomib prevented the drop in STAT3 and gp130.")) == [
        ("Bortezomib", "increases", "STAT3"), ("Bortezomib", "increases", "gp130")]


def test_blocking_a_rise_decreases_what_rises(extract):
    assert _read(extract("Bortezomib blocked the increase of STAT3.")) == [("Bortezomib", "decreases", "STAT3")]
    assert _read(extract("Bortezomib abolished the IL-6-induced rise in STAT3.")) == [("Bortezomib", "decreases", "STAT3")]


def test_a_passive_subject_naming_a_change(extract):
    assert _read(extract("The loss of STAT3 was prevented by bortezomib.")) == [("bortezomib", "increases", "STAT3")]
    assert _read(extract("The increase in STAT3 was attenuated by bortezomib.")) == [("bortezomib", "decreases", "STAT3")]


def test_a_noun_before_the_change_noun_keeps_the_object(extract):
    # "the STAT3 loss in MCF-7 cells": a compound's change is its own; the cells are no object of a change
    assert _read(extract("Bortezomib prevented the STAT3 loss in MCF-7 cells.")) == [
        ("Bortezomib", "decreases", "STAT3 loss")]


def test_an_agent_induced_fall_is_a_decrease_by_that_agent(extract):
    # before: "cisplatin-induced decrease in STAT3" gave cisplatin increases STAT3 ("X-induced Y" rule)
    rels = _read(extract("Bortezomib prevented the cisplatin-induced decrease in STAT3."))
    assert rels == [("Bortezomib", "increases", "STAT3"), ("cisplatin", "decreases", "STAT3")]


def test_reverse_after_a_modal_is_read(extract):
    # effect_triggers.tsv listed only "reversed"/"reverses": the bare form a modal takes was no trigger
    rels = extract("Bortezomib could reverse the loss of STAT3.")
    assert [(r.agent_text, r.effect, r.object_text, r.hedged) for r in rels] == [("Bortezomib", "increases", "STAT3", True)]


def test_a_trigger_noun_before_of_takes_the_words_after_of(extract):
    # before: "decrease" right before "of" was read as a verb and its object began at "of" ("of STAT3")
    assert _read(extract("Cisplatin-induced decrease of STAT3 was observed.")) == [("Cisplatin", "decreases", "STAT3")]
    assert _read(extract("Bortezomib prevented cisplatin-induced decrease of STAT3.")) == [
        ("Bortezomib", "increases", "STAT3"), ("cisplatin", "decreases", "STAT3")]
