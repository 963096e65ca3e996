"""A study method in the passive names what the agent was studied in (clinical.py `_method_objects`)."""

from __future__ import annotations


def _studied(relations):
    return sorted((r.agent_text, r.object_text) for r in relations if r.effect == "studied_in")


def test_tested_against_y_in_cells(extract):
    # before: "tested" found no disease or population, so the method gave no statement
    rels = extract("Bortezomib was initially tested against STAT3 activation in MCF-7 cells.")
    assert _studied(rels) == [("Bortezomib", "MCF-7 cells"), ("Bortezomib", "STAT3 activation")]


def test_effect_of_x_on_y_was_evaluated_in_cells(extract):
    rels = extract("The effects of bortezomib and cisplatin on STAT3 activation were examined in MCF-7 cells.")
    assert _studied(rels) == [("bortezomib", "MCF-7 cells"), ("bortezomib", "STAT3 activation"),
                              ("cisplatin", "MCF-7 cells"), ("cisplatin", "STAT3 activation")]


def test_the_setting_after_its_stimulus(extract):
    # "TNF-α stimulated HepG2 cells": the cells, not the stimulus, are the setting
    rels = extract("The effect of bortezomib on STAT3 was evaluated in cisplatin stimulated HepG2 cells by luciferase assay.")
    assert _studied(rels) == [("bortezomib", "HepG2 cells"), ("bortezomib", "STAT3")]


def test_an_active_aim_is_not_a_method(extract):
    # the conventions of ontopic/ mark no study aim (annotations/relations_dev/README.md, "Tried and dropped")
    assert _studied(extract("We investigated the effects of bortezomib on STAT3 activation in MCF-7 cells.")) == []
