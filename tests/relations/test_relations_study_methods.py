"""Study methods and aims name what the agent was studied in (`study_methods.method_objects`, `study_methods.study_aim`)."""

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


def test_a_first_person_aim_is_studied_in_its_objects_and_settings(extract):
    # the dev parts after ontopic/ mark an aim's "on Y" and "in Z" as what the agent was studied in
    rels = extract("We investigated the effects of bortezomib on STAT3 activation in MCF-7 and A549 cells.")
    assert _studied(rels) == [("bortezomib", "A549 cells"), ("bortezomib", "MCF-7"), ("bortezomib", "STAT3 activation")]


def test_an_aim_reads_past_the_agents_apposition(extract):
    rels = extract("In this study, we examined the effect of bortezomib, a proteasome inhibitor, on MCF-7 and DU145 cells.")
    assert _studied(rels) == [("bortezomib", "DU145 cells"), ("bortezomib", "MCF-7")]


def test_an_aim_without_the_effect_of_an_agent_is_no_method(extract):
    # "we examined STAT3 in MCF-7 cells treated with X": no "effect(s) of X", so no aim of X
    assert _studied(extract("We examined STAT3 activation in MCF-7 cells treated with bortezomib.")) == []


def test_in_vitro_is_no_setting_of_an_aim(extract):
    rels = extract("We evaluated the effects of bortezomib in vitro and in MCF-7 cells.")
    assert _studied(rels) == [("bortezomib", "MCF-7 cells")]


def test_an_aim_naming_the_agent_right_after_its_verb(extract):
    # "we assessed X alone and in combination with W in Z": X and its partner were studied in Z
    rels = extract("Here we assessed bortezomib alone and in combination with melphalan in MCF-7 and A549 cells.")
    assert _studied(rels) == [("bortezomib", "A549 cells"), ("bortezomib", "MCF-7"),
                              ("melphalan", "A549 cells"), ("melphalan", "MCF-7")]


def test_an_infinitive_aim_and_agents_described_by_their_class(extract):
    # "To explore the effect of X on Y in Z", "the effects of the JAK1/2 inhibitor X on Y": the aim's objects
    rels = extract("OBJECTIVE: To explore the effect of bortezomib on invasion in MCF-7 cells and its mechanism.")
    assert _studied(rels) == [("bortezomib", "MCF-7 cells"), ("bortezomib", "invasion")]
    rels = extract("We evaluated the effects of the STAT3 inhibitor bortezomib on tumor growth in A549 xenografts.")
    assert _studied(rels) == [("bortezomib", "A549 xenografts"), ("bortezomib", "tumor growth")]


def test_an_aim_names_every_agent_of_its_list(extract):
    # "the effects of the antidiabetic drug X, the Y inhibitor Z and W on ...": each agent was studied
    rels = extract("We examined the effects of the antidiabetic drug bortezomib, the STAT3 inhibitor melphalan "
                   "and cisplatin on invasion in MCF-7 cells.")
    assert _studied(rels) == [(a, o) for a in ("bortezomib", "cisplatin", "melphalan") for o in ("MCF-7 cells", "invasion")]


def test_we_compared_the_effects_of_agents_is_an_aim(extract):
    rels = extract("We compared the effects of cisplatin and bortezomib on STAT3 phosphorylation in MCF-7 cells.")
    assert _studied(rels) == [("bortezomib", "MCF-7 cells"), ("bortezomib", "STAT3 phosphorylation"),
                              ("cisplatin", "MCF-7 cells"), ("cisplatin", "STAT3 phosphorylation")]
    # "compared with controls" is no aim
    assert _studied(extract("Bortezomib reduced STAT3 phosphorylation compared with controls.")) == []


def test_a_heading_naming_the_effect_of_an_agent_on_y_is_an_aim(extract):
    # "Influence of estradiol and tamoxifen on susceptibility of ... cell lines": a title names the study's topic
    rels = extract("Effects of cisplatin and bortezomib on STAT3 phosphorylation in MCF-7 cells.")
    assert _studied(rels) == [("bortezomib", "MCF-7 cells"), ("bortezomib", "STAT3 phosphorylation"),
                              ("cisplatin", "MCF-7 cells"), ("cisplatin", "STAT3 phosphorylation")]
    # with an auxiliary it is a method sentence, read as before (no heading reading added)
    assert _studied(extract("Effects of cisplatin on STAT3 phosphorylation were studied in MCF-7 cells.")) == [
        ("cisplatin", "MCF-7 cells"), ("cisplatin", "STAT3 phosphorylation")]
