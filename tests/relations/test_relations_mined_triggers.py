"""Trigger words mined from ChemProt/BioRED train (scripts/mine_effect_triggers.py, issue 18)."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_inactivating_decreases(extract):
    # effect_triggers.tsv: inactivat* (verb and nominalisation) decreases what it acts on
    assert _read(extract("Bortezomib inactivated STAT3.")) == [("Bortezomib", "decreases", "STAT3")]
    assert _read(extract("Bortezomib inactivates STAT3 in MCF-7 cells.")) == [("Bortezomib", "decreases", "STAT3")]
    assert _read(extract("Inactivation of STAT3 by bortezomib was rapid.")) == [("bortezomib", "decreases", "STAT3")]


def test_causative_verb_before_a_change_noun_is_light(extract):
    # constructions._change_noun_follows: "induced a decrease of X" states a decrease of X, not a rise of
    # "decrease of X" (the noun carries the effect, as in "led to a decrease of X")
    assert _read(extract("Bortezomib induced a decrease of STAT3.")) == [("Bortezomib", "decreases", "STAT3")]
    # without a change noun the causative verb keeps its own effect
    assert _read(extract("Bortezomib induced STAT3 in MCF-7 cells.")) == [("Bortezomib", "increases", "STAT3")]
