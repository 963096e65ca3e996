"""Verbs of counteracting and aggravating (effect_triggers.tsv, issue 18)."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_counteracting_and_aggravating_verbs(extract):
    # effect_triggers.tsv: counteract/mitigate/dampen decrease; exacerbate/aggravate/worsen increase (verbs only:
    # "an acute exacerbation of osteoporosis" names a disease state, not a statement)
    # counteracting a loss of STAT3 raises STAT3 (issue 18; until 2026-12-03 read as decreases "loss of STAT3")
    assert _read(extract("Bortezomib counteracted the loss of STAT3.")) == [("Bortezomib", "increases", "STAT3")]
    assert _read(extract("Bortezomib counteracted STAT3.")) == [("Bortezomib", "decreases", "STAT3")]
    assert _read(extract("Oral cisplatin can aggravate nephrotoxicity.")) == [("cisplatin", "increases", "nephrotoxicity")]
    assert _read(extract("Melphalan exacerbated osteoporosis.")) == [("Melphalan", "increases", "osteoporosis")]


def test_normalizing_an_elevation_lowers_it(extract):
    # before: "elevation" alone was the trigger, so the agent "increased" the spleen index
    rels = extract("Cisplatin normalized the LPS-induced elevation of spleen index.")
    # what rose is the object (``objects.changed_object``; until 2026-12-03 the whole "LPS-induced elevation of ...")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "spleen index")]


def test_normalize_after_a_modal_is_read(extract):
    # effect_triggers.tsv listed only the inflected "normalized"/"normalizes": the bare form a modal
    # takes ("could normalize", "may normalise") was not a trigger, so the finding was not read
    rels = extract("Cisplatin at 200 nM could normalize the elevation of spleen index.")
    assert [(r.effect, r.object_text, r.hedged) for r in rels] == [("decreases", "spleen index", True)]
    rels = extract("Bortezomib may normalise STAT3 activation.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "STAT3 activation")]


def test_the_joined_cause_inside_a_normalized_elevation_keeps_its_statement(extract):
    # before: "elevation" lay inside the object of "normalize", so it was skipped, and the "X-induced" rule
    # leaves a trigger head to the rules: cisplatin's own finding on the spleen index was lost
    rels = extract("Bortezomib could normalize the cisplatin-induced elevation of spleen index.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels) == [
        ("Bortezomib", "decreases", "spleen index"),
        ("cisplatin", "increases", "spleen index")]
