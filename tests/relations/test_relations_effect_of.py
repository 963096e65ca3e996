""""the inhibitory effect of X on Y": the agent follows "of", the object "on"/"against"."""

from __future__ import annotations


def _adjective(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations if r.construction == "adjective")


def test_agents_after_of_act_on_the_object_after_on(extract):
    rels = extract("The suppressive effects of bortezomib and cisplatin on tumor growth were additive.")
    assert _adjective(rels) == [("bortezomib", "decreases", "tumor growth"), ("cisplatin", "decreases", "tumor growth")]


def test_the_agent_after_of_wins_over_the_subject(extract):
    rels = extract("Melphalan rescued the inhibitory effect of bortezomib on STAT3 activation.")
    assert _adjective(rels) == [("bortezomib", "decreases", "STAT3 activation")]


def test_no_object_without_on(extract):
    assert _adjective(extract("The inhibitory effect of bortezomib was strong.")) == []


def test_change_noun_after_a_light_verb(extract):
    # "LY117018 produced dose-related decreases in the uterine weight": no determiner before the noun
    rels = extract("Bortezomib produced dose-related decreases in tumor growth.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("Bortezomib", "decreases", "tumor growth")]


def test_a_ligand_binds_what_it_names(extract):
    rels = extract("We report the characterization of bortezomib as a gp130 (IL6ST) ligand.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("bortezomib", "binds", "gp130")]
    rels = extract("The STAT3 ligand bortezomib reduced tumor growth.")
    assert ("bortezomib", "binds", "STAT3") in [(r.agent_text, r.effect, r.object_text) for r in rels]


def test_cytotoxicity_or_protection_against(extract):
    rels = extract("Bortezomib exhibited selective cytotoxicity against MCF-7 cell line with an IC50 of 50 nM.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("Bortezomib", "decreases", "MCF-7 cell line")]
    rels = extract("Bortezomib protects against renal lipid peroxidation.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [
        ("Bortezomib", "decreases", "renal lipid peroxidation")]
    for word in ("cardioprotection", "neuroprotective"):  # an organ-named protection word reads the same
        rels = extract(f"Bortezomib showed {word} against melphalan-induced nephrotoxicity.")
        assert ("Bortezomib", "decreases", "melphalan-induced nephrotoxicity") in [
            (r.agent_text, r.effect, r.object_text) for r in rels]


def test_led_to_higher(extract):
    rels = extract("Bortezomib led to higher cardiotoxicity, lipid peroxidation, and mortality in rats.")
    assert [(r.effect, r.object_text) for r in rels] == [
        ("increases", "cardiotoxicity"), ("increases", "lipid peroxidation"), ("increases", "mortality")]
    assert extract("Cells were exposed to higher concentrations of bortezomib.") == []


def test_not_any_effect_on_is_no_effect(extract):
    # "any" opens a change noun as "a"/"no" do (constructions.determiner_before): "did not exert any effect
    # on Y" is the agent's no_effect on Y, as "had no effect on Y" is
    rels = extract("Bortezomib did not exert any effect on STAT3 activation.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("Bortezomib", "no_effect", "STAT3 activation")]
    rels = extract("Bortezomib did not cause any decrease in STAT3 activation.")
    assert [(r.effect, r.object_text, r.negated) for r in rels] == [("decreases", "STAT3 activation", True)]
