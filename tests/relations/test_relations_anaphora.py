"""Anaphora (``pipeline.relations.anaphora``): words that stand for agents of earlier sentences."""

from __future__ import annotations


def _statements(relations):
    return sorted((r.agent_id, r.effect, r.object_text, r.agent_text) for r in relations if r.agent_source == "anaphora")


def test_subject_pronoun_in_a_sentence_naming_another_agent(extract):
    rels = extract("Mice received bortezomib. It enhanced the cytotoxicity of melphalan.")
    assert _statements(rels) == [("DB00188", "increases", "cytotoxicity of melphalan", "It")]


def test_definite_descriptions_refer_back(extract):
    assert _statements(extract("Mice received cisplatin. The compound reduced tumor growth.")) == [
        ("DB00515", "decreases", "tumor growth", "The compound")]
    assert _statements(extract("Cells were exposed to cisplatin. Moreover, this inhibitor reduced STAT3 phosphorylation.")) == [
        ("DB00515", "decreases", "STAT3 phosphorylation", "this inhibitor")]
    # followed by "of" the description introduces its own referent
    assert _statements(extract("Mice received cisplatin. The inhibitor of STAT3 reduced tumor growth.")) == []


def test_a_class_noun_takes_the_nearest_agent_of_its_kind(extract):
    assert _statements(extract("Mice received cisplatin. The antibody reduced tumor growth.")) == []
    rels = extract("Cells were treated with siltuximab. Cisplatin was added after 2 h. "
                   "The antibody reduced STAT3 phosphorylation.")
    assert _statements(rels) == [("agent:siltuximab", "decreases", "STAT3 phosphorylation", "The antibody")]


def test_plural_anaphors_need_two_agents_or_a_plural_name(extract):
    assert _statements(extract("Mice received cisplatin. They inhibited STAT3 phosphorylation.")) == []
    rels = extract("Mice received cisplatin and melphalan. These inhibitors reduced STAT3 phosphorylation.")
    assert [s[0] for s in _statements(rels)] == ["DB00515", "DB01042"]
    rels = extract("Cells were treated with JAK inhibitors. They reduced STAT3 phosphorylation.")
    assert [s[:2] for s in _statements(rels)] == [("class:jak_inhibitor", "decreases")]


def test_treatment_stands_for_the_one_agent_applied(extract):
    rels = extract("Mice were treated with cisplatin. Treatment significantly suppressed tumor growth.")
    assert _statements(rels) == [("DB00515", "decreases", "tumor growth", "Treatment")]
    two = extract("Mice were treated with cisplatin or melphalan. Treatment significantly suppressed tumor growth.")
    assert _statements(two) == []


def test_pronoun_after_an_introductory_phrase_or_with(extract):
    assert _statements(extract("Mice received cisplatin. In vivo, it reduced tumor growth.")) == [
        ("DB00515", "decreases", "tumor growth", "it")]
    assert _statements(extract("Mice received cisplatin. Treatment with it reduced tumor growth.")) == [
        ("DB00515", "decreases", "tumor growth", "it")]


def test_expletive_it_and_reporting_they_refer_to_no_agent(extract):
    assert _statements(extract("Mice received cisplatin. It is known that IL-6 activates STAT3.")) == []
    assert _statements(extract("Mice received cisplatin. It was thought the IL-6 level might be reduced.")) == []
    assert _statements(extract("Mice received cisplatin and melphalan. They found that STAT3 was reduced.")) == []


def test_it_prefers_the_subject_of_the_previous_sentence(extract):
    rels = extract("Bortezomib enhanced the cytotoxicity of cisplatin. It also reduced tumor growth.")
    assert _statements(rels) == [("DB00188", "decreases", "tumor growth", "It")]


def test_a_pronoun_reaches_back_one_sentence_only(extract):
    rels = extract("Mice received cisplatin and melphalan. Body weight was recorded weekly. They reduced tumor growth.")
    assert _statements(rels) == []


def test_a_possessive_refers_back_only_before_what_an_agent_has(extract):
    assert _statements(extract("Mice received cisplatin. Nephrotoxicity was evaluated 24 h after its induction.")) == []
    rels = extract("Mice received cisplatin. Its inhibitory effect on STAT3 phosphorylation was strong.")
    assert [s[:2] for s in _statements(rels)] == [("DB00515", "decreases")]


def test_a_result_sentence_naming_no_agent_continues_the_one_agent_of_the_last(extract):
    # zero anaphora: the agent keeps its own offsets, in the earlier sentence
    text = "Cisplatin reduced tumor growth in mice. STAT3 phosphorylation was significantly reduced."
    rels = [r for r in extract(text) if r.sentence_start > 0]
    assert [(r.agent_id, r.effect, r.object_text, r.agent_text, r.agent_start) for r in rels] == [
        ("DB00515", "decreases", "STAT3 phosphorylation", "Cisplatin", 0)]


def test_no_zero_anaphora_without_a_finding_of_that_agent_or_with_a_subject_of_its_own(extract):
    def later(text):
        return [r for r in extract(text) if r.sentence_start > 0]
    assert later("Cisplatin reduced tumor growth. STAT3 phosphorylation was significantly reduced.")  # the control
    # two agents of different findings in the last sentence; an active verb with its own subject; a cause
    # after "by"; background ("previously"); no result word; the genotype as the cause
    assert later("Cisplatin reduced tumor growth and melphalan reduced body weight. "
                 "STAT3 phosphorylation was significantly reduced.") == []
    assert later("Cisplatin reduced tumor growth. IL-6 markedly activated STAT3.") == []
    assert later("Cisplatin reduced tumor growth. STAT3 phosphorylation was also reduced by hypoxia.") == []
    assert later("Cisplatin reduced tumor growth. STAT3 phosphorylation was previously reduced.") == []
    assert later("Cisplatin reduced tumor growth. STAT3 phosphorylation was reduced.") == []
    assert later("Cisplatin reduced tumor growth. STAT3 phosphorylation was significantly reduced in -/- mice.") == []


def test_a_result_sentence_continues_agents_that_acted_together(extract):
    # "BSC 3g and 3n cause cell-cycle arrest. Consistent with this, a reduction in CDK1 ... was observed":
    # the finding is both agents', each at its own offsets in the earlier sentence
    text = "Cisplatin and melphalan inhibited tumor growth. STAT3 phosphorylation was significantly reduced."
    rels = [r for r in extract(text) if r.sentence_start > 0]
    assert [(r.agent_id, r.effect, r.object_text, r.agent_start) for r in rels] == [
        ("DB00515", "decreases", "STAT3 phosphorylation", 0), ("DB01042", "decreases", "STAT3 phosphorylation", 14)]
    # the second sentence's finding continues into a third ("Activation of caspase-2 was also detected")
    rels = extract(text + " Activation of caspase-3 was also detected.")
    assert sorted(r.agent_id for r in rels if "caspase" in r.object_text) == ["DB00515", "DB01042"]


def test_no_zero_anaphora_after_agents_of_different_findings(extract):
    def later(text):
        return [r for r in extract(text) if r.sentence_start > 0]
    # "X, but not Z, reduced A": the finding is X's alone, Z's is negated (one agent acts: nothing carries on)
    assert later("Cisplatin, but not melphalan, reduced tumor growth. "
                 "STAT3 phosphorylation was significantly reduced.") == []


def test_a_noun_for_the_last_finding_stands_for_its_agents(extract):
    # "Sodium salicylate and aspirin inhibited the activation of NF-kB. This inhibition prevented ..."
    rels = extract("Cisplatin inhibited the activation of STAT3. This inhibition prevented the degradation of Bcl-2.")
    assert _statements(rels) == [("DB00515", "decreases", "degradation of Bcl-2", "This inhibition")]
    rels = extract("Cisplatin and melphalan inhibited tumor growth. This effect was blocked by IL-6.")
    assert sorted(r.agent_id for r in rels if r.sentence_start > 0 and r.agent_source == "anaphora") == []
    # no finding stated in the last sentence: nothing to stand for
    assert _statements(extract("Cisplatin was given to mice. This inhibition prevented the degradation of Bcl-2.")) == []


def test_both_stands_for_exactly_two_agents(extract):
    # three names, of which two were stated to act: "both drugs" are those two, else the first two
    text = ("Cisplatin reduced tumor growth and melphalan reduced body weight in mice pretreated with bortezomib. "
            "Both drugs inhibited STAT3 phosphorylation.")
    assert [s[0] for s in _statements(extract(text))] == ["DB00515", "DB01042"]
    named = "Cisplatin, melphalan and bortezomib were given. Both drugs inhibited STAT3 phosphorylation."
    assert [s[0] for s in _statements(extract(named))] == ["DB00515", "DB01042"]  # the first two named


def test_a_status_phrase_leaves_the_agent_span_to_the_anaphor(extract):
    # "no preclinical ... data ... for its activity": "its" names the agent; the status cue before it
    # (first by position) had become the agent's text ("no preclinical") in evidence rows.
    rels = extract("Siltuximab binds IL-6. To date, no preclinical or clinical data are available for its "
                   "activity against breast cancer.")
    texts = {r.agent_text for r in rels if r.agent_source == "anaphora"}
    assert texts == {"its"}, texts


def test_a_plural_kind_noun_looks_back_past_a_sentence_naming_another_agent():
    # "the plant extracts" two sentences after the extract, with another agent named in between
    from pipeline.records import Mention
    from pipeline.relations.extract import extract_relations

    from .conftest import find_mentions, make_document

    def statements(text: str) -> list[tuple[str, str, str, str]]:
        mentions = find_mentions("doc", text)
        if "grape seed extract" in text:
            start = text.index("grape seed extract")
            mentions = sorted([*mentions, Mention("doc", start, start + 18, "grape seed extract", "DRUG",
                                                  "drug:grapeseedextract", "grape seed extract", "pattern")],
                              key=lambda m: m.start)
        return _statements(extract_relations([make_document(text)], mentions))

    assert statements("Cells were treated with grape seed extract. Cisplatin was added after 2 h. "
                      "The plant extracts reduced STAT3 phosphorylation.") == [
        ("drug:grapeseedextract", "decreases", "STAT3 phosphorylation", "The plant extracts")]
    assert statements("Cells were treated with cisplatin. The extracts reduced STAT3 phosphorylation.") == []
    # describing words between the determiner and the kind noun
    assert statements("Cells were treated with grape seed extract. The crude aqueous extracts reduced STAT3 "
                      "phosphorylation.") == [
        ("drug:grapeseedextract", "decreases", "STAT3 phosphorylation", "The crude aqueous extracts")]
    # a structured abstract's heading before the subject anaphor of a sentence naming another agent
    assert statements("Cells were treated with grape seed extract. RESULTS: The plant extracts reduced the "
                      "cytotoxicity of cisplatin.") == [
        ("drug:grapeseedextract", "decreases", "cytotoxicity of cisplatin", "The plant extracts")]


def test_either_agent_stands_for_the_two_agents_before(extract_abstract):
    rels = extract_abstract("Bortezomib and melphalan reduced STAT3 phosphorylation. Treatment with either agent also "
                            "down-regulated HER2.")
    assert sorted(r.agent_id for r in rels if r.object_text == "HER2") == ["DB00188", "DB01042"]


def test_a_class_noun_stands_for_a_class_named_in_the_singular(extract_abstract, monkeypatch):
    # before: a named class counted as plural, so "the antibody" found no antecedent in it
    from . import conftest
    monkeypatch.setitem(conftest.LEXICON, "anti-IL-6 neutralizing antibody",
                        ("DRUG", "class:il6_blocker", "IL-6 blockers"))
    text = ("We examined an anti-IL-6 neutralizing antibody in mice. Tumours grew. Lungs were taken. "
            "Similarly, the antibody reduced STAT3 phosphorylation.")
    rels = extract_abstract(text)
    assert ("the antibody", "decreases", "STAT3 phosphorylation") in [
        (r.agent_text, r.effect, r.object_text) for r in rels]
    # a class named in the plural stays out of a singular noun's reach
    monkeypatch.setitem(conftest.LEXICON, "anti-IL-6 antibodies", ("DRUG", "class:il6_blocker", "IL-6 blockers"))
    rels = extract_abstract("We examined anti-IL-6 antibodies in mice. The antibody reduced STAT3 phosphorylation.")
    assert all(r.agent_text != "The antibody" for r in rels)


def test_antibody_treatment_and_the_antibody_treated_group_stand_for_the_antibody(extract_abstract, monkeypatch):
    # before: "Antibody treatment" and "the antibody-treated group" named no agent
    from . import conftest
    monkeypatch.setitem(conftest.LEXICON, "anti-IL-6 neutralizing antibody",
                        ("DRUG", "class:il6_blocker", "IL-6 blockers"))
    text = ("We examined an anti-IL-6 neutralizing antibody in mice. Antibody treatment reduced tumour growth. "
            "STAT3 phosphorylation was decreased in the antibody-treated group.")
    read = {(r.agent_id, r.effect, r.object_text) for r in extract_abstract(text)}
    assert {("class:il6_blocker", "decreases", "tumour growth"),
            ("class:il6_blocker", "decreases", "STAT3 phosphorylation")} <= read


def test_an_agent_named_only_as_what_a_measure_is_for_is_still_referred_to(extract_abstract):
    # "Both compounds reduced Y, with IC50 values of 0.4 uM for A and 2.5 uM for B": A and B state nothing there
    rels = extract_abstract("We compared cisplatin and bortezomib. Both compounds reduced cell viability with IC50 values "
                   "of 4 uM for cisplatin and 25 uM for bortezomib.")
    assert _statements(rels) == [("DB00188", "decreases", "cell viability", "Both compounds"),
                                 ("DB00515", "decreases", "cell viability", "Both compounds")]
    # an agent the sentence names as an actor keeps the anaphor from standing for it
    rels = extract_abstract("We compared cisplatin and bortezomib. Both compounds and cisplatin reduced cell viability.")
    assert "DB00515" not in {agent for agent, *_ in _statements(rels)}


def test_none_of_and_neither_anaphors_state_negated_findings(extract_abstract):
    rels = extract_abstract("Mice received cisplatin and bortezomib. None of these drugs reduced tumor growth.")
    assert sorted((r.agent_id, r.negated) for r in rels if r.agent_source == "anaphora") == [
        ("DB00188", True), ("DB00515", True)]
    rels = extract_abstract("Mice received cisplatin and bortezomib. Neither drug reduced tumor growth.")
    assert sorted((r.agent_id, r.negated) for r in rels if r.agent_source == "anaphora") == [
        ("DB00188", True), ("DB00515", True)]


def test_a_plural_kind_noun_reaches_back_to_the_sentence_naming_several_of_its_kind(extract_abstract, monkeypatch):
    # "OSM, LIF and IL-6 ... IL-6 inhibited ... potentiated by sIL-6R. None of the cytokines affected ...": all
    # the cytokines named together, not IL-6 alone, and never the receptor
    from . import conftest

    monkeypatch.setitem(conftest.LEXICON, "OSM", ("TARGET", "OSM", "OSM"))
    rels = extract_abstract("Cells were treated with OSM and IL-6. IL-6 increased STAT3 phosphorylation, and this "
                            "increase was enhanced by recombinant IL-6R. The cytokines did not affect cell viability.")
    assert {r.agent_id for r in rels if r.agent_source == "anaphora"} == {"IL6", "OSM"}
