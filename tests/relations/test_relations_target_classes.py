"""A class of agents named by its target ("EGFR inhibitors", with EGFR nested in it) as the agent of an abstract."""

from __future__ import annotations

import dataclasses

from pipeline.records import Mention
from pipeline.relations.extract import extract_relations

from .conftest import find_mentions, make_document


def _run(text: str, classes: list[tuple[str, str]], pmid: str | None = "1"):
    """Relations of ``text`` with the test lexicon's mentions plus a class mention over each (phrase, id)."""
    document = make_document(text, "pmid:1" if pmid else "review")
    document = dataclasses.replace(document, pmid=pmid)
    mentions = find_mentions(document.doc_id, text)
    for phrase, class_id in classes:
        start = text.index(phrase)
        mentions.append(Mention(document.doc_id, start, start + len(phrase), phrase, "DRUG", class_id, phrase, "rule"))
    return [(r.agent_text, r.effect, r.object_text)
            for r in extract_relations([document], sorted(mentions, key=lambda m: (m.start, m.end)))]


def test_a_target_named_class_alone_is_the_agent():
    text = "gp130 inhibitors decreased STAT3 phosphorylation."
    assert _run(text, [("gp130 inhibitors", "class:il6st_blocker")]) == [
        ("gp130 inhibitors", "decreases", "STAT3 phosphorylation")]


def test_beside_a_named_agent_the_class_says_what_it_is():
    text = "Bortezomib, a gp130 inhibitor, decreased STAT3 phosphorylation."
    agents = {agent for agent, _effect, _object in _run(text, [("gp130 inhibitor", "class:il6st_blocker")])}
    assert "gp130 inhibitor" not in agents


def test_in_the_review_the_nested_target_is_read_instead():
    text = "gp130 inhibitors decreased STAT3 phosphorylation."
    assert all(a != "gp130 inhibitors" for a, _e, _o in _run(text, [("gp130 inhibitors", "class:il6st_blocker")], None))


def test_an_abstracts_antibody_class_acts_unless_said_of_a_name():
    # "while an anti-IL-6 receptor antibody restored sensitivity": the antibody is the agent, not the name before it
    text = "Antibodies against gp130 decreased STAT3 phosphorylation."
    assert _run(text, [("Antibodies against gp130", "class:il6st_blocker")]) == [
        ("Antibodies against gp130", "binds", "gp130"),  # antibodies.py: an applied antibody binds its antigen
        ("Antibodies against gp130", "decreases", "STAT3 phosphorylation")]
    text = "Bortezomib, an antibody against gp130, decreased STAT3 phosphorylation."
    assert {a for a, _e, _o in _run(text, [("antibody against gp130", "class:il6st_blocker")])} == {"Bortezomib"}


def test_an_antibody_class_describing_the_name_after_it_or_before_it_with_modifiers_is_no_agent():
    text = "Growth was reduced by the antibody against gp130 bortezomib."
    assert {a for a, _e, _o in _run(text, [("antibody against gp130", "class:il6st_blocker")])} == {"bortezomib"}
    text = "Bortezomib, a humanised monoclonal antibody against gp130, is approved for multiple myeloma."
    assert {a for a, _e, _o in _run(text, [("antibody against gp130", "class:il6st_blocker")])} == {"Bortezomib"}


def test_an_antibody_class_naming_a_bracketed_code_after_it_is_no_agent():
    text = "An antibody against gp130 (bortezomib) blocked STAT3 phosphorylation."
    assert {a for a, _e, _o in _run(text, [("antibody against gp130", "class:il6st_blocker")])} == {"bortezomib"}
