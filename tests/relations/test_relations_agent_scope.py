"""The default agent scope (every recognised agent) and the axis_agent flag."""

from __future__ import annotations

from pipeline.relations.extract import extract_relations

from .conftest import find_mentions, make_document


def _run(text: str, scope: str | None = None):
    kwargs = {} if scope is None else {"agent_scope": scope}
    return extract_relations([make_document(text)], find_mentions("doc", text), **kwargs)


def test_by_default_any_drug_is_an_agent_and_only_axis_agents_are_flagged():
    rels = _run("Bortezomib inhibited STAT3 phosphorylation. Siltuximab inhibited tumor growth.")
    assert [(r.agent_id, r.object_text, r.axis_agent) for r in rels] == [
        ("DB00188", "STAT3 phosphorylation", False), ("agent:siltuximab", "tumor growth", True)]


def test_relation_agents_stays_an_explicit_filter():
    rels = _run("Bortezomib inhibited STAT3 phosphorylation. Siltuximab inhibited tumor growth.", "project")
    assert [r.agent_id for r in rels] == ["agent:siltuximab"]


def test_a_class_of_agents_is_an_agent_and_the_review_classes_are_axis_agents():
    rels = _run("JAK inhibitors suppressed STAT3 phosphorylation. SERMs suppressed tumor growth.")
    assert [(r.agent_id, r.axis_agent) for r in rels] == [("class:jak_inhibitor", False), ("MESH:D050071", True)]


def test_beside_an_axis_agent_another_drug_does_not_act():
    # a known cost: "Bortezomib and siltuximab inhibited X" also gives siltuximab alone
    text = "The addition of siltuximab to bortezomib did not inhibit tumor growth."
    assert {r.agent_id for r in _run(text)} == {"agent:siltuximab"}
    # the explicit DrugBank scope keeps the old reading, where both act
    assert "DB00188" in {r.agent_id for r in _run(text, "drugs")}


def test_a_class_named_as_an_anaphor_refers_back_to_the_agents_before():
    rels = _run("Raloxifene and bazedoxifene bind gp130. These SERMs inhibited tumor growth.")
    assert sorted((r.agent_id, r.object_text) for r in rels if r.object_text == "tumor growth") == [
        ("agent:bazedoxifene", "tumor growth"), ("agent:raloxifene", "tumor growth")]


def test_a_class_apposed_to_its_members_lets_the_members_act():
    rels = _run("The selective estrogen receptor modulators (SERMs), raloxifene and bazedoxifene, "
                "inhibited tumor growth.")
    assert sorted(r.agent_id for r in rels) == ["agent:bazedoxifene", "agent:raloxifene"]


def test_a_gene_the_text_applies_is_an_agent_and_a_listed_gene_is_not():
    rels = _run("MCF-7 cells treated with IL-6 increased STAT3 phosphorylation.")
    assert [(r.agent_text, r.effect, r.object_text, r.axis_agent) for r in rels] == [
        ("IL-6", "increases", "STAT3 phosphorylation", False)]
    assert _run("IL-6 increased STAT3 phosphorylation in MCF-7 cells.") == []
    # the applied gene acts, and the cells it stimulated are its statement too (``stimulated.py``)
    assert [(r.agent_id, r.object_text) for r in _run("IL-6-stimulated cells increased STAT3 phosphorylation.")] == [
        ("IL6", "cells"), ("IL6", "STAT3 phosphorylation")]


def test_an_antibody_against_a_gene_does_not_make_the_gene_applied():
    from pipeline.records import Mention
    from pipeline.relations.units import is_applied

    text = "Anti-IL-6 treatment and recombinant gp130 were compared."
    il6 = Mention("doc", 5, 9, "IL-6", "TARGET", "IL6")
    gp130 = Mention("doc", 36, 41, "gp130", "TARGET", "IL6ST")
    assert not is_applied(text, 0, il6) and is_applied(text, 0, gp130)
    assert not is_applied(text, 0, Mention("doc", 36, 41, "gp130", "DISEASE", None))


def test_beside_an_axis_agent_an_abstracts_other_drugs_act_but_the_reviews_do_not(extract, extract_abstract):
    # in the review a unit naming an axis agent lets only axis agents act ("the addition of siltuximab to
    # bortezomib"); an abstract's co-treatments state findings of their own
    text = "Bazedoxifene and melphalan inhibited STAT3 phosphorylation."
    assert sorted(r.agent_text for r in extract_abstract(text)) == ["Bazedoxifene", "melphalan"]
    assert [r.agent_text for r in extract(text)] == ["Bazedoxifene"]


def test_a_trial_partner_of_an_axis_agent_is_in_the_trial(extract):
    rels = extract("A phase II trial of tocilizumab in combination with melphalan in patients with multiple myeloma.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels) == [
        ("melphalan", "in_trial_for", "multiple myeloma"), ("tocilizumab", "in_trial_for", "multiple myeloma")]


def test_an_agent_noun_s_examples_a_few_words_on(extract):
    # "Direct STAT3 inhibitors, including small molecules that target the SH2 domain such as stattic, S3I-201 and
    # BP-1-102": the examples after the description are the inhibitors
    rels = extract("STAT3 inhibitors, including small molecules that target the SH2 domain such as cisplatin and "
                   "bortezomib, reduced tumor growth.")
    assert {(r.agent_text, r.object_text) for r in rels if r.effect == "decreases" and r.construction == "agent_noun"} \
        == {("cisplatin", "STAT3"), ("bortezomib", "STAT3")}
