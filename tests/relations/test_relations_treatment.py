""""Reduced levels of A were detected after X treatment": a later treatment phrase names the agent."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_agents_of_a_later_treatment_phrase(extract):
    rels = extract("Reduced levels of STAT3 were detected in MCF-7 cells after bortezomib or cisplatin treatment.")
    assert _read(rels) == [("bortezomib", "decreases", "levels of STAT3"), ("cisplatin", "decreases", "levels of STAT3")]
    rels = extract("Tumor growth was inhibited following the administration of bortezomib.")
    assert _read(rels) == [("bortezomib", "decreases", "Tumor growth")]


def test_no_treatment_noun_or_another_list_item_gives_no_agent(extract):
    assert _read(extract("Tumor growth was inhibited after bortezomib patients were enrolled.")) == []
    assert _read(extract("We saw (1) reduced STAT3 levels and (2) a decrease in IL-6 after bortezomib treatment.")) == [
        ("bortezomib", "decreases", "IL-6")]
