"""With two or more agents before a verb, the shipped parser's subject decides which one acts."""

from __future__ import annotations

import pipeline.relations.extract as extract_module

from .conftest import find_mentions, make_document

TEXT = ("Pre-treatment with cisplatin produced cross-tolerance to melphalan, whereas pretreatment with melphalan "
        "did not induce cross-tolerance to cisplatin but rather augmented the cataleptic response.")


def _agents_of(effect_object: str) -> list[str]:
    relations = extract_module.extract_relations([make_document(TEXT)], find_mentions("doc", TEXT))
    return [r.agent_text for r in relations if r.object_text == effect_object]


def test_the_parsed_subject_beats_the_nearest_agent(monkeypatch):
    # "augmented" shares the subject of "did not induce" (pretreatment with melphalan); the nearest
    # agent before it is the cisplatin of the object before
    assert _agents_of("cataleptic response") == ["melphalan"]
    monkeypatch.setattr(extract_module, "subject_agents", lambda *args: None)  # the rules alone
    assert _agents_of("cataleptic response") == ["cisplatin"]


def test_a_clause_opening_with_its_own_subject_does_not_continue_the_previous_agent(extract):
    # before: "STAT3 prevented this inhibition" went to bortezomib, the previous clause's agent
    rels = extract("Bortezomib reduced cell viability; however, STAT3 prevented this inhibition.")
    assert [(r.agent_text, r.object_text) for r in rels] == [("Bortezomib", "cell viability")]
    # a clause with no subject of its own still continues it
    rels = extract("Bortezomib reduced cell viability, and then increased apoptosis.")
    assert [(r.agent_text, r.object_text) for r in rels] == [
        ("Bortezomib", "cell viability"), ("Bortezomib", "apoptosis")]


def test_an_agent_in_a_modifier_of_an_agent_subject_does_not_act():
    # "melphalan" only describes the subject's conjugates; the conjugates act
    text = "Cisplatin conjugates, containing melphalan side chains, suppressed tumour growth in mice."
    relations = extract_module.extract_relations([make_document(text)], find_mentions("doc", text))
    assert [(r.agent_text, r.object_text) for r in relations] == [("Cisplatin", "tumour growth")]
    # where the subject's head is no agent, the agents of its modifier are the treatment and act
    text = "Mice treated with cisplatin and melphalan showed reduced tumour growth."
    relations = extract_module.extract_relations([make_document(text)], find_mentions("doc", text))
    assert sorted(r.agent_text for r in relations if r.object_text == "tumour growth") == ["cisplatin", "melphalan"]


def test_an_agent_stimulating_a_process_is_not_the_subject_of_a_later_gerund(extract):
    # "Y inhibits LPS-stimulated inflammation by blocking A": LPS took the gerund "blocking"
    rels = extract("Bortezomib inhibited cisplatin-stimulated inflammation by blocking STAT3 phosphorylation.")
    assert ("Bortezomib", "decreases", "STAT3 phosphorylation") in [(r.agent_text, r.effect, r.object_text) for r in rels]
    assert not [r for r in rels if r.agent_text == "cisplatin" and r.effect == "decreases"]
    # "X-stimulated cells" were treated with X: X still acts
    rels = extract("Cisplatin-stimulated cells suppressed STAT3 phosphorylation.")
    assert ("Cisplatin", "decreases", "STAT3 phosphorylation") in [(r.agent_text, r.effect, r.object_text) for r in rels]


def test_agents_written_in_one_list_with_the_parsed_subject_act_together(extract, monkeypatch):
    # the parse of this sentence attaches "melphalan" outside the subject: only cisplatin acted
    text = "Cisplatin and melphalan reduced tumor growth."
    assert [r.agent_text for r in extract(text)] == ["Cisplatin", "melphalan"]
    monkeypatch.setattr(extract_module, "agents_listed_with", lambda clause, chosen, index: list(chosen))
    assert [r.agent_text for r in extract(text)] == ["Cisplatin"]

