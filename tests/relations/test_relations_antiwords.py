""""antitumor activity", "an antioxidant": one-word "anti" + stem, read as "anti-tumor"."""

from __future__ import annotations

from pipeline.relations.antiwords import anti_parts


def _anti(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations if r.construction == "anti_decreases")


def test_one_word_anti_adjective_before_an_effect_noun(extract):
    assert _anti(extract("Bortezomib showed antitumor activity in mice.")) == [("Bortezomib", "decreases", "tumor")]
    assert _anti(extract("Cisplatin also has antiviral effects.")) == [("Cisplatin", "decreases", "viral")]


def test_anti_noun_naming_the_agents_kind(extract):
    assert _anti(extract("Melphalan acted as an antioxidant in the liver.")) == [
        ("Melphalan", "decreases", "oxidant")]
    # the name right after the noun is the agent it introduces, not an earlier one
    assert _anti(extract("Cisplatin was combined with the antioxidant melphalan.")) == [
        ("melphalan", "decreases", "oxidant")]


def test_words_that_only_start_with_anti_are_left_alone(extract):
    assert anti_parts("antibody") is None and anti_parts("antigen") is None
    assert anti_parts("antitumour") == ["anti", "tumour"]
    assert _anti(extract("The antibody bound melphalan.")) == []
    assert _anti(extract("Bortezomib was given with antioxidant therapy.")) == []


def test_its_points_at_the_clause_subject(extract):
    # before: the name nearest before "its" (inside the apposition) was the agent
    rels = extract("Melphalan, a drug derived from the root of bortezomib plants, is known for its anti-inflammatory activity.")
    assert _anti(rels) == [("Melphalan", "decreases", "inflammatory")]


def test_an_anti_noun_before_an_unrecognised_name_is_not_the_earlier_agents(extract):
    # "NAC and the mitochondrial antioxidant Mito-TEMPO rescued the inhibitory effect": not NAC's antioxidant
    rels = extract("Melphalan and the mitochondrial antioxidant MitoQ rescued the inhibitory effect of bortezomib on STAT3.")
    assert _anti(rels) == []


def test_a_class_name_predicated_of_an_agent(extract):
    # "antiestrogen" is a class mention (an agent) of the tests' lexicon; "as an antiestrogen" says what melphalan does
    assert _anti(extract("Melphalan acted as an antiestrogen in mice.")) == [("Melphalan", "decreases", "estrogen")]


def test_the_anti_effects_of_a_list_of_agents_are_each_agents(extract):
    # "anti-inflammatory effects of sCT and HA": only the first agent of the list decreased inflammation
    found = {(r.agent_text, r.effect, r.object_text)
             for r in extract("The anti-inflammatory effects of cisplatin and melphalan were strong.")}
    assert found == {("cisplatin", "decreases", "inflammatory"), ("melphalan", "decreases", "inflammatory")}
    # a bracket after a name describes that name only, not the list it stands in
    found = {(r.agent_text, r.effect, r.object_text)
             for r in extract("Two mAbs, tocilizumab (anti\u2013IL-6R) and siltuximab (anti\u2013IL-6), were approved.")}
    assert ("tocilizumab", "binds", "IL-6") not in found and ("siltuximab", "binds", "IL-6") in found


def test_an_anti_word_does_not_reach_a_later_name_of_the_sentence(extract_abstract):
    # "IL-6 neutralization with an anti-IL-6 antibody restored sensitivity to gefitinib" gave gefitinib binds IL-6
    rels = extract_abstract("IL-6 neutralization with an anti–IL-6 antibody restored sensitivity to bortezomib.")
    assert not [r for r in rels if r.construction == "anti_binds"]
    described = extract_abstract("The anti–IL-6 mAb bortezomib reduced STAT3 phosphorylation.")  # the name it describes
    assert ("bortezomib", "binds", "IL-6") in {(r.agent_text, r.effect, r.object_text) for r in described}


def test_an_anti_word_after_an_indefinite_article_names_no_earlier_agent(extract_abstract):
    # "conferred bortezomib resistance ..., while an anti-IL-6 receptor antibody restored sensitivity": the
    # antibody is no description of bortezomib (before: bortezomib binds IL-6)
    rels = extract_abstract("Cisplatin conferred bortezomib resistance, while an anti–IL-6 compound restored sensitivity.")
    assert not [r for r in rels if r.effect == "binds"]
    rels = extract_abstract("Bortezomib is an anti–IL-6 compound.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("Bortezomib", "binds", "IL-6")]


def test_a_class_described_with_capitalised_words_in_an_apposition_does_not_act(extract_abstract):
    # "lapatinib, a dual EGFR/HER2 tyrosine kinase inhibitor, ...": the class says what lapatinib is
    rels = extract_abstract("Resistance to letrozole, a dual HER2/IL-6R tyrosine kinase inhibitor, limits its benefit.")
    assert not [r for r in rels if r.agent_text == "tyrosine kinase inhibitor"]
