""""Reduced levels of A were detected after X treatment": a later treatment phrase names the agent."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_agents_of_a_later_treatment_phrase(extract):
    rels = extract("Reduced levels of STAT3 were detected in MCF-7 cells after bortezomib or cisplatin treatment.")
    assert _read(rels) == [("bortezomib", "decreases", "levels of STAT3"), ("cisplatin", "decreases", "levels of STAT3")]
    rels = extract("Tumor growth was inhibited following the administration of bortezomib.")
    assert _read(rels) == [("bortezomib", "decreases", "Tumor growth")]
    rels = extract("Trials have shown an increased risk of osteoporosis during treatment with bortezomib.")
    assert ("bortezomib", "increases", "osteoporosis") in [(a, e, o.removeprefix("risk of ")) for a, e, o in _read(rels)]


def test_no_treatment_noun_or_another_list_item_gives_no_agent(extract):
    assert _read(extract("Tumor growth was inhibited after bortezomib patients were enrolled.")) == []
    assert _read(extract("We saw (1) reduced STAT3 levels and (2) a decrease in IL-6 after bortezomib treatment.")) == [
        ("bortezomib", "decreases", "IL-6")]


def test_agents_of_a_treated_group(extract):
    # "in X-treated rats" / "in X treated rats" / "in rats treated with X" names the cause of an agentless finding
    assert _read(extract("Increased expression of STAT3 was observed in bortezomib treated rats.")) == [
        ("bortezomib", "increases", "expression of STAT3")]
    assert _read(extract("The level of IL-6 was reduced in cisplatin-treated mice.")) == [
        ("cisplatin", "decreases", "level of IL-6")]
    assert _read(extract("Increased STAT3 was observed in rats treated with cisplatin or bortezomib.")) == [
        ("bortezomib", "increases", "STAT3"), ("cisplatin", "increases", "STAT3")]


def test_a_treated_group_described_by_words_before_its_head_or_fed_the_agent(extract):
    # "... were decreased in obesity group fed Goishi-tea": a word before the head and "fed X" hid the agent
    assert _read(extract("Body weight and IL-6 level were decreased in the obesity group fed cisplatin.")) == [
        ("cisplatin", "decreases", "Body weight"), ("cisplatin", "decreases", "IL-6 level")]
    assert _read(extract("STAT3 phosphorylation was reduced in MCF-7 breast cancer cells treated with bortezomib.")) == [
        ("bortezomib", "decreases", "STAT3 phosphorylation")]
    # an agent, a trigger or a function word before the head is no description of it
    assert _read(extract("IL-6 was reduced in the presence of obese cells treated with cisplatin.")) == []


def test_a_treated_group_does_not_name_the_cause_of_an_active_verb_or_a_later_statement(extract):
    # the verb's subject is a noun the rules do not know: "chelation", not the agent of the exposed group
    assert _read(extract("We asked whether chelation improves STAT3 in cisplatin-exposed children.")) == []
    assert _read(extract("An increase of STAT3 in the serum and a decrease of IL-6 in bortezomib-treated rats were seen.")) == [
        ("bortezomib", "decreases", "IL-6")]


def test_a_passive_takes_the_treatment_after_it_over_a_name_before(extract_abstract):
    # "..., and the expressions of p-STAT3 were decreased after treated with X": X, not the earlier stimulus
    rels = extract_abstract("Cisplatin activated STAT3, and the expressions of HER2 were decreased after treated "
                            "with bortezomib.")
    assert ("bortezomib", "decreases", "expressions of HER2") in [(r.agent_text, r.effect, r.object_text) for r in rels]
    assert not [r for r in rels if r.agent_text == "Cisplatin" and r.effect == "decreases"]


def test_a_treatment_phrase_belongs_to_the_verb_nearest_before_it(extract_abstract):
    # "A was increased in the control group, which was decreased after treated with X": X decreased A, no increase
    rels = extract_abstract("The expression of HER2 was increased in the model group, which was obviously decreased "
                            "after treated with bortezomib.")
    assert not [r for r in rels if r.effect == "increases"]
    assert not [r for r in rels if r.object_text.startswith("in ")]


def test_agents_of_the_arm_named_by_them(extract):
    # before: nothing ("in BBR group" names the arm given the agent, with no participle)
    rels = extract("Compared with control group, the levels of STAT3 were decreased in bortezomib group.")
    assert _read(rels) == [("bortezomib", "decreases", "levels of STAT3")]
    rels = extract("The levels of STAT3 were decreased in the bortezomib and cisplatin groups.")
    assert _read(rels) == [("bortezomib", "decreases", "levels of STAT3"), ("cisplatin", "decreases", "levels of STAT3")]


def test_a_change_verb_with_a_treatment_phrase_after_it(extract):
    # before: nothing ("increased 4-fold" took the amount as its object; the agent had to open the sentence)
    assert _read(extract("STAT3 phosphorylation also increased 4-fold after bortezomib exposure.")) == [
        ("bortezomib", "increases", "STAT3 phosphorylation")]
    assert _read(extract("STAT3 phosphorylation decreased following treatment with cisplatin.")) == [
        ("cisplatin", "decreases", "STAT3 phosphorylation")]
    assert _read(extract("Bortezomib increased 4-fold the levels of STAT3.")) == [
        ("Bortezomib", "increases", "levels of STAT3")]


def test_rose_and_fell_are_change_verbs_without_an_ed(extract):
    # before: no trigger ("rose", "fell"), and the intransitive reading asked for an "-ed" form
    assert _read(extract("STAT3 phosphorylation rose 3-fold upon bortezomib exposure.")) == [
        ("bortezomib", "increases", "STAT3 phosphorylation")]
    assert _read(extract("After bortezomib treatment, STAT3 phosphorylation fell significantly.")) == [
        ("bortezomib", "decreases", "STAT3 phosphorylation")]
    assert _read(extract("Bortezomib use rose 3-fold in the population.")) == []


def test_exposure_to_names_the_agent_of_the_passive(extract):
    # before: only the pair model read it ("exposure to X" named no agent of the agentless passive)
    rels = extract("STAT3 was activated upon exposure to bortezomib.")
    assert [(r.construction, r.agent_text, r.effect, r.object_text) for r in rels] == [
        ("passive", "bortezomib", "increases", "STAT3")]


def test_prolong_is_an_increase(extract):
    # before: no trigger ("prolonged median survival" gave nothing)
    assert _read(extract("Bortezomib prolonged median survival from 31 to 42 days.")) == [
        ("Bortezomib", "increases", "median survival")]


def test_a_treatment_noun_whose_of_phrase_names_the_treated_cells(extract_abstract):
    # "activated upon stimulation of precursor B cells with IL-7": the cells stand between the noun and "with"
    rels = extract_abstract("STAT3 and gp130 are activated upon stimulation of precursor B cells with IL-6.")
    assert {("IL-6", "increases", "STAT3"), ("IL-6", "increases", "gp130")} <= set(_read(rels))
    rels = extract_abstract("STAT3 was reduced after treatment of MCF-7 cells with bortezomib.")
    assert ("bortezomib", "decreases", "STAT3") in _read(rels)
    # an agent among the words after "of" is what was applied, not a treated head
    rels = extract_abstract("STAT3 was reduced after treatment of cisplatin cells with bortezomib.")
    assert ("bortezomib", "decreases", "STAT3") not in _read(rels)
