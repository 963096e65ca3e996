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
