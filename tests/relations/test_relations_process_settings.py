"""A cell line or cells after a process noun's "in" are where the process happens, not what the agent
changes ("X induced STAT3 activation in MCF-7 cells" does not make X increase the cells)."""

from __future__ import annotations


def _read(relations) -> list[tuple[str, str, str, str | None]]:
    return sorted((r.agent_text, r.effect, r.object_text, r.cell_line) for r in relations)


def test_the_cells_after_a_process_nouns_in_are_its_setting(extract):
    # the entity before the noun is what the process acts on; the cell line stays the statement's context
    assert _read(extract("Cisplatin induced STAT3 activation in MCF-7 cells.")) == [
        ("Cisplatin", "increases", "STAT3", "MCF-7")]
    assert _read(extract("Cisplatin caused STAT3 inhibition in human breast cancer cells.")) == [
        ("Cisplatin", "decreases", "STAT3", None)]


def test_a_process_noun_with_nothing_before_it_and_cells_after_in_gives_no_statement(extract):
    assert _read(extract("Cisplatin induced activation in MCF-7 cells.")) == []
    assert _read(extract("The cisplatin-induced activation in A549 was blocked.")) == []


def test_a_change_nouns_in_still_names_what_changes(extract):
    assert _read(extract("Cisplatin caused a decrease in MCF-7 cell viability.")) == [
        ("Cisplatin", "decreases", "MCF-7 cell viability", "MCF-7")]
    assert _read(extract("Cisplatin caused an increase in STAT3 activation in MCF-7 cells.")) == [
        ("Cisplatin", "increases", "STAT3 activation", "MCF-7")]


def test_the_process_of_the_cells_stays_the_object(extract):
    # "proliferation of MCF-7 cells": the process is the object, the cell line its context
    assert _read(extract("Cisplatin inhibited the proliferation of MCF-7 cells.")) == [
        ("Cisplatin", "decreases", "proliferation of MCF-7 cells", "MCF-7")]


def test_a_stimulated_process_of_cells_is_the_object_not_the_cells(extract):
    # "X-stimulated MCF-7 cell proliferation": the singular "cell" names the kind of proliferation
    stimulated = [r for r in extract("We used cisplatin-stimulated MCF-7 cell proliferation as a model.")
                  if r.construction == "stimulated_cells"]
    assert [(r.agent_text, r.effect, r.object_text) for r in stimulated] == [
        ("cisplatin", "increases", "MCF-7 cell proliferation")]
    # stimulated cells stay the object (the dev set's convention); a plural head before a verb ends the phrase
    assert [(r.effect, r.object_text) for r in extract("Cisplatin-stimulated A549 cells secrete IL-6.")
            if r.construction == "stimulated_cells"] == [("increases", "A549 cells")]
