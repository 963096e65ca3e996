""""phosphorylated" is a verb only where a verb stands ("IL-13 phosphorylated JAK1", "JAK2 was phosphorylated");
before a noun it is a state ("total and phosphorylated STAT3") and stays a word of the object."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text, r.negated) for r in relations)


def test_phosphorylated_after_an_agent_or_an_auxiliary_is_a_verb(extract):
    assert _read(extract("Bortezomib phosphorylated JAK1 and Tyk2, but not JAK3.")) == [
        ("Bortezomib", "increases", "JAK1", False), ("Bortezomib", "increases", "JAK3", True),
        ("Bortezomib", "increases", "Tyk2", False)]
    assert _read(extract("JAK2 was rapidly phosphorylated by bortezomib.")) == [
        ("bortezomib", "increases", "JAK2", False)]
    assert _read(extract("Bortezomib phosphorylates STAT3.")) == [("Bortezomib", "increases", "STAT3", False)]


def test_phosphorylated_before_a_noun_is_a_state(extract):
    rels = _read(extract("Bortezomib reduced total and phosphorylated STAT3."))
    assert ("Bortezomib", "decreases", "phosphorylated STAT3", False) in rels
    assert not [r for r in rels if r[1] == "increases"]
    # "and 2) phosphorylated VEGFR2 ... were measured": no verb coordinated with the sentence's subject
    assert _read(extract("Bortezomib was measured by ELISA and 2) phosphorylated STAT3 was measured by blots.")) == []


def test_become_with_a_participle_is_a_passive(extract):
    # "STAT1 and STAT3 become tyrosine-phosphorylated upon X stimulation", "STAT3 became activated after X"
    assert _read(extract("STAT3 became activated after bortezomib treatment.")) == [
        ("bortezomib", "increases", "STAT3", False)]
    assert _read(extract("STAT3 becomes phosphorylated after bortezomib treatment.")) == [
        ("bortezomib", "increases", "STAT3", False)]
