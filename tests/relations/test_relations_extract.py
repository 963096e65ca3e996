"""Constructions, context, negation and hedging of the rule extractor, on hand-made sentences."""

from __future__ import annotations

from pipeline.relations.extract import extract_relations


def _by_object(relations):
    return {r.object_text: r for r in relations}


def test_active_verb_with_coordinated_objects(extract):
    rels = extract("Siltuximab inhibited STAT3 phosphorylation and tumor growth in MCF-7 cells.")
    objects = _by_object(rels)
    assert set(objects) == {"STAT3 phosphorylation", "tumor growth"}
    first = objects["STAT3 phosphorylation"]
    assert (first.agent_id, first.effect, first.object_id) == ("agent:siltuximab", "decreases", "STAT3")
    assert first.triggers == ("inhibited",)
    assert first.cell_line == "MCF-7" and first.model_system == "in_vitro"
    assert not first.negated and not first.hedged


def test_passive_with_by_agent(extract):
    rels = extract("Tumor growth was inhibited by tocilizumab in mouse xenografts.")
    assert [(r.agent_id, r.effect, r.object_text, r.model_system) for r in rels] == [
        ("agent:tocilizumab", "decreases", "Tumor growth", "xenograft")]


def test_nominalisation_of_by(extract):
    rels = extract("Inhibition of IL-6 signaling by siltuximab was observed.")
    assert [(r.agent_id, r.effect, r.object_text, r.object_id) for r in rels] == [
        ("agent:siltuximab", "decreases", "IL-6 signaling", "IL6")]


def test_agent_mediated_nominalisation(extract):
    rels = extract("We saw siltuximab-mediated suppression of STAT3 activation.")
    assert [(r.agent_id, r.effect, r.object_text) for r in rels] == [
        ("agent:siltuximab", "decreases", "STAT3 activation")]


def test_induced_modifier_stays_inside_the_object(extract):
    rels = extract("Siltuximab inhibited IL-6–induced activation of ovarian cancer cells.")
    assert [(r.effect, r.object_text, r.object_label) for r in rels] == [
        ("decreases", "IL-6–induced activation of ovarian cancer cells", "DISEASE")]


def test_agent_list_shares_one_verb(extract):
    rels = extract("Raloxifene and bazedoxifene inhibited STAT3 phosphorylation.")
    assert sorted(r.agent_id for r in rels) == ["agent:bazedoxifene", "agent:raloxifene"]
    assert {r.object_text for r in rels} == {"STAT3 phosphorylation"}


def test_negation_and_hedging(extract):
    negated = extract("Siltuximab did not inhibit tumor growth.")
    assert [(r.effect, r.negated, r.hedged) for r in negated] == [("decreases", True, False)]
    assert negated[0].negation_cue == "did not"
    hedged = extract("Sirukumab may suppress IL-6 activity.")
    assert [(r.effect, r.negated, r.hedged) for r in hedged] == [("decreases", False, True)]
    plain = extract("Sirukumab suppressed IL-6 activity.")
    assert [(r.negated, r.hedged) for r in plain] == [(False, False)]


def test_negation_after_the_trigger(extract):
    rels = extract("Evidence of direct interaction between sarilumab and gp130 has not been demonstrated.")
    assert [(r.effect, r.object_text, r.negated) for r in rels] == [("binds", "gp130", True)]


def test_clinical_trial_with_phase(extract):
    rels = extract("Sarilumab was evaluated in a phase II clinical trial in patients with rheumatoid arthritis.")
    assert [(r.effect, r.object_text, r.phase, r.model_system) for r in rels] == [
        ("in_trial_for", "rheumatoid arthritis", "II", "clinical")]


def test_anti_modifier_and_approval(extract):
    rels = extract("Tocilizumab is an anti–IL-6R mAb approved for rheumatoid arthritis.")
    assert sorted((r.effect, r.object_text) for r in rels) == [
        ("approved_for", "rheumatoid arthritis"), ("binds", "IL-6R")]


def test_anaphora_resolves_to_the_previous_sentence(extract):
    rels = extract("Raloxifene and bazedoxifene bind gp130. Both agents inhibited STAT3 phosphorylation.")
    inhibit = [r for r in rels if r.effect == "decreases"]
    assert sorted(r.agent_id for r in inhibit) == ["agent:bazedoxifene", "agent:raloxifene"]
    assert {r.agent_source for r in inhibit} == {"anaphora"}
    assert {r.agent_text for r in inhibit} == {"Both agents"}


def test_this_combination_refers_back_to_every_agent_of_the_last_sentence(extract):
    # "comparing lapatinib and capecitabine with ... This combination improved ..." gave nothing.
    rels = extract("Cisplatin plus melphalan was compared with melphalan alone. "
                   "This combination inhibited STAT3 phosphorylation.")
    inhibit = [r for r in rels if r.effect == "decreases" and r.object_text == "STAT3 phosphorylation"]
    assert sorted(r.agent_id for r in inhibit) == ["DB00515", "DB01042"]
    assert {r.agent_text for r in inhibit} == {"This combination"}


def test_sentence_without_agent_gives_nothing(extract):
    assert extract("IL-6 activated STAT3 in MCF-7 cells.") == []


def test_table_bullets_take_the_row_agent(table_document, mentions_for):
    document, row = table_document(
        "Siltuximab (CNTO 328)",
        {"preclinical": "- Inhibition of IL-6–induced ovarian cancer [49]\n- Enhancement of melphalan cytotoxicity",
         "clinical": "- Multiple myeloma (phase II) [56]", "mechanism": "N/A"})
    mentions = mentions_for("review", document.text)
    rels = extract_relations([document], mentions, [row])
    got = sorted((r.effect, r.object_text, r.agent_text, r.phase) for r in rels)
    assert got == [("decreases", "IL-6–induced ovarian cancer", "Siltuximab", None),
                   ("in_trial_for", "Multiple myeloma", "Siltuximab", "II"),
                   ("increases", "melphalan cytotoxicity", "Siltuximab", None)]
    assert {r.table_column for r in rels} == {"preclinical", "clinical"}


def test_offsets_are_end_exclusive_and_slice_to_the_text(extract):
    text = ("In preclinical studies, siltuximab inhibited IL-6–induced survival of prostate cancer [57], "
            "suppressed lung cancer growth in mouse xenograft models [55], and enhanced melphalan cytotoxicity. "
            "Tumor growth was inhibited by tocilizumab. Both agents may bind IL-6.")
    document_text = text
    rels = extract(text)
    assert len(rels) >= 4
    for r in rels:
        assert document_text[r.agent_start:r.agent_end] == r.agent_text
        assert document_text[r.object_start:r.object_end] == r.object_text
        assert document_text[r.sentence_start:r.sentence_end] == r.sentence_text
        assert r.sentence_start <= r.object_start < r.object_end <= r.sentence_end


def test_relation_ids_are_stable_and_distinct(extract):
    text = "Siltuximab inhibited STAT3 phosphorylation and tumor growth. Sirukumab binds IL-6."
    first, second = extract(text), extract(text)
    assert [r.relation_id for r in first] == [r.relation_id for r in second]
    assert len({r.relation_id for r in first}) == len(first)
    assert all(r.relation_id.startswith("rel:") for r in first)
    other_doc = extract(text, doc_id="other")
    assert not {r.relation_id for r in first} & {r.relation_id for r in other_doc}


def test_efficacy_statement(extract):
    rels = extract("Sarilumab showed efficacy in patients with rheumatoid arthritis.")
    assert [(r.effect, r.object_text, r.construction) for r in rels] == [
        ("decreases", "rheumatoid arthritis", "efficacy")]


def test_trial_registry_id_and_population_fallback(extract):
    rels = extract("A clinical study of sarilumab in subjects with Crohn disease is ongoing (NCT01287897).")
    assert [(r.effect, r.object_text, r.object_label) for r in rels] == [("in_trial_for", "Crohn disease", None)]
    assert "NCT01287897" in rels[0].triggers


def test_passive_whose_by_phrase_is_not_an_agent_gives_nothing(extract):
    assert extract("After siltuximab, tumor growth was attenuated by gene deletion.") == []


def test_bare_pronoun_mid_sentence_is_not_resolved(extract):
    rels = extract("Sirukumab binds IL-6. Lysophosphatidate signals through receptors and it increases tumor growth.")
    assert [(r.effect, r.object_text) for r in rels] == [("binds", "IL-6")]


def test_list_with_bracketed_statistics_and_negation(extract):
    rels = extract("Raloxifene did not increase risk for cataracts (RR 1; 95% CI 1-2), gallbladder disease (RR 1), "
                   "or endometrial cancer (RR 1).")
    assert [(r.object_text, r.negated) for r in rels] == [
        ("risk for cataracts", True), ("gallbladder disease", True), ("endometrial cancer", True)]


def test_determiner_nominal_and_clause_carried_subject(extract):
    rels = extract("Raloxifene treatment was associated with a significant decrease in plasma TAFI levels. "
                   "Raloxifene increased the risk for thrombosis, but there was no increased risk for cataracts.")
    got = [(r.effect, r.object_text, r.negated, r.agent_source) for r in rels]
    assert got == [("decreases", "plasma TAFI levels", False, "mention"),
                   ("increases", "risk for thrombosis", False, "mention"),
                   ("increases", "risk for cataracts", True, "clause")]


def test_examples_after_such_as_share_the_statement(extract):
    rels = extract("Siltuximab caused inhibition of IL-6 signaling, such as phosphorylation of STAT3 and gp130.")
    assert [(r.effect, r.object_text) for r in rels] == [
        ("decreases", "IL-6 signaling"), ("decreases", "phosphorylation of STAT3"), ("decreases", "gp130")]


def test_an_unknown_agent_scope_is_refused_even_without_mentions():
    import pytest

    from pipeline.records import Document

    with pytest.raises(ValueError, match="unknown agent scope 'everything'"):
        extract_relations([Document("d", "test", "", "Nothing here.")], [], agent_scope="everything")


def test_an_agent_joined_to_a_modifier_is_not_the_subject_of_a_later_verb(extract):
    # before: melphalan (of "melphalan-like") and cisplatin (of "cisplatin-induced") took the gerunds
    rels = extract("Bortezomib exhibited a melphalan-like profile by reducing cisplatin-induced "
                   "nephrotoxicity and decreasing tumor growth.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels) == [
        ("Bortezomib", "decreases", "cisplatin-induced nephrotoxicity"), ("Bortezomib", "decreases", "tumor growth"),
        ("cisplatin", "increases", "nephrotoxicity")]


def test_an_object_span_that_names_nothing_gives_no_relation(extract):
    assert extract("Bortezomib raised 3.6- and 1.8-fold the AUC.") == []  # before: object "3"
    from pipeline.relations.assemble import names_something

    assert [names_something(t) for t in ("p53", "T cells", "IL-6", "on", "3.6-", "a dose-dependent manner")] == [
        True, True, True, False, False, False]


def test_a_verb_after_and_shares_the_previous_verbs_subject(extract):
    # before: cisplatin (inside the first object) became the subject of "reduced"
    rels = extract("Bortezomib increased the level of cisplatin, melphalan and reduced tumor growth.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [
        ("Bortezomib", "increases", "level of cisplatin"), ("Bortezomib", "decreases", "tumor growth")]


def test_a_new_subject_and_verb_after_and_end_the_object(extract):
    # before: the object ran on as "melphalan reduced tumor growth", all Bortezomib's
    for text in ("Bortezomib inhibited STAT3, and melphalan reduced tumor growth.",
                 "Bortezomib inhibited STAT3 and melphalan reduced tumor growth."):
        assert [(r.agent_text, r.effect, r.object_text) for r in extract(text)] == [
            ("Bortezomib", "decreases", "STAT3"), ("melphalan", "decreases", "tumor growth")]


def test_a_measured_chemical_is_not_an_agent(extract):
    # "cisplatin levels" / "serum cisplatin" name what was measured; before, cisplatin took "reduced"
    for text in ("Bortezomib raised cisplatin levels and reduced tumor growth.",
                 "In mice given bortezomib, serum cisplatin reduced tumor growth."):
        assert {r.agent_text for r in extract(text)} <= {"Bortezomib", "bortezomib"}, text
    # applied, the same chemical is an agent again
    assert [r.agent_text for r in extract("Cells treated with cisplatin reduced tumor growth.")] == ["cisplatin"]


def test_a_chemical_naming_the_target_of_a_class_is_not_an_agent(extract):
    # before: cisplatin took "reduced" in "cisplatin synthetase inhibitors" and "cisplatin-converting enzyme"
    assert extract("Cisplatin synthetase inhibitors reduced tumor growth.") == []
    assert extract("Cisplatin-converting enzyme inhibitor therapy reduced tumor growth.") == []


def test_a_study_names_a_disease_or_a_population(extract):
    assert extract("Bortezomib was studied in 75 of 210 cases.") == []  # before: studied_in "75 of 210 cases"
    assert [(r.effect, r.object_text) for r in extract("Bortezomib was studied in multiple myeloma.")] == [
        ("studied_in", "multiple myeloma")]
    assert [r.effect for r in extract("Safety studies of siltuximab in healthy subjects were done.")] == ["studied_in"]


def test_not_only_but_also_negates_nothing(extract):
    rels = extract("Bortezomib not only inhibited STAT3 but also reduced tumor growth.")
    assert [(r.object_text, r.negated) for r in rels] == [("STAT3", False), ("tumor growth", False)]
    assert [r.negated for r in extract("Bortezomib did not inhibit STAT3.")] == [True]


def test_a_chemical_in_an_enzyme_name_and_bare_effect_nouns_give_no_relation(extract):
    # before: "cisplatin kinase" made cisplatin the agent; "an increase" was an object
    assert extract("Cisplatin kinase activity reduced tumor growth.") == []
    assert extract("Bortezomib induced an increase.") == []
    assert extract("Bortezomib is an effective therapy for postmenopausal women.") == []


def test_a_modal_verb_ends_the_object(extract):
    """Bug: "TCDD on Th17 differentiation could be exerted" and "STAT3 phosphorylation may contribute to
    tumor regression" were objects: a modal starts a new predicate (``clause_boundaries.tsv``)."""
    rels = extract("Tocilizumab-mediated suppression of STAT3 phosphorylation may contribute to tumor regression.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "STAT3 phosphorylation")]
    rels = extract("Blockade of IL-6R by tocilizumab and reduced STAT3 activation could explain the response.")
    assert sorted(r.object_text for r in rels) == ["IL-6R", "STAT3 activation"]


def test_an_agent_is_never_its_own_object(extract):
    """Bug: "stimulatory activities of I3S and TCDD ... I3S" gave I3S increases I3S (on-topic ChemProt)."""
    rels = extract("Tocilizumab increased tocilizumab and STAT3 levels.")
    assert [(r.agent_text, r.object_text) for r in rels] == [("Tocilizumab", "STAT3 levels")]


def test_a_hoped_for_effect_is_hedged(extract):
    """Bug: "it is hoped that it will result in ... reducing the risk of breast cancer" was not hedged."""
    rels = extract("It is hoped that tocilizumab reduces the risk of breast cancer.")
    assert rels and all(r.hedged and r.hedge_cue for r in rels)


def test_an_increase_named_inside_what_a_verb_decreases_is_decreased(extract):
    """Bug: "PTE treatment directly inhibited the phosphorylation of JAK2 at Tyr 1007 and the downstream
    activation of STAT3" gave PTE increases STAT3 (on-topic ChemProt); the means after "via" keeps its own effect."""
    rels = extract("Tocilizumab inhibited the phosphorylation of JAK2 at Tyr 1007 and the downstream activation of STAT3.")
    assert ("decreases", "STAT3") in {(r.effect, r.object_text) for r in rels}
    assert ("increases", "STAT3") not in {(r.effect, r.object_text) for r in rels}
    rels = extract("Tocilizumab suppresses IL-6 signaling via induction of gp130 phosphorylation.")
    assert ("increases", "gp130 phosphorylation") in {(r.effect, r.object_text) for r in rels}


def test_an_effect_on_something_is_no_object(extract):
    """Bug: "NDP-α-MSH and ACTH-(1-24) induced similar effects on the expression of the above proteins"
    gave ACTH increases "similar effects on the expression ..." (on-topic ChemProt)."""
    assert extract("Tocilizumab induced similar effects on the expression of the above proteins.") == []


def test_what_is_excepted_is_no_object(extract):
    """Bug: "induced similar effects ..., except for pERK1/2 (down-regulated)" gave ACTH increases "except for pERK1/2"."""
    rels = extract("Tocilizumab increased the expression of these proteins, except for STAT3 (down-regulated) and gp130.")
    assert ("increases", "expression of these proteins") in {(r.effect, r.object_text) for r in rels}
    assert not any(r.object_text.startswith("except") for r in rels)


def test_a_name_inside_an_earlier_object_is_not_the_agent_of_a_later_nominal(extract):
    """Bug: "thiopental ... increased GABA, decreased glutamate, and had no effect on aspartate" gave
    glutamate no_effect aspartate (BC5CDR dev): the verb's subject is the agent."""
    rels = extract("Tocilizumab increased IL-6, decreased siltuximab, and had no effect on STAT3 or gp130 levels.")
    assert {r.agent_text for r in rels if r.effect == "no_effect"} == {"Tocilizumab"}


def test_a_coordinated_nominal_after_a_comma_keeps_its_own_effect(extract):
    rels = extract("Tocilizumab caused decreases of 65% of siltuximab clearance, and an increase of 130% of its AUC.")
    assert ("increases", "130% of its AUC") in {(r.effect, r.object_text) for r in rels}


def test_nitric_oxide_written_no_is_no_negation(extract):
    """Bug: "inducible NO synthase ... hyperalgesia produced by vincristine" was read as negated."""
    rels = extract("Inducible NO synthase was induced by tocilizumab.")
    assert rels and not any(r.negated for r in rels)
    # "no" in lower case is the cue: it makes the statement one of no effect (output not negated: no_effect's convention)
    assert [(r.effect, r.negated, r.negation_cue) for r in extract("Tocilizumab had no effect on STAT3 expression.")] == [
        ("no_effect", False, "had no")]


def test_a_name_in_apposition_describes_the_agent_before_it(extract):
    """Bug: "Gartanin, a natural xanthone of mangosteen, suppressed migration" gave xanthone decreases migration."""
    rels = extract("Tocilizumab, a humanized siltuximab analogue, reduced STAT3 phosphorylation.")
    assert {r.agent_text for r in rels} == {"Tocilizumab"}


def test_an_organism_is_no_object_of_an_effect(extract):
    """Bug: "hyperprolactinemia induced by fluoxetine ... on adenomyosis induction in Wistar albino rats"
    gave fluoxetine increases Wistar albino rats."""
    rels = extract("Tocilizumab induced STAT3 phosphorylation in Wistar albino rats.")
    assert [r.object_text for r in rels] == ["STAT3 phosphorylation"]
    assert extract("Tocilizumab increased the number of Wistar albino rats.") == []


def test_an_object_that_points_elsewhere_is_no_object(extract):
    """ "Ritanserin-treated rats showed a significant decrease in the mentioned parameters": which
    parameters is said elsewhere; the statement names nothing a curator can use."""
    assert extract("Tocilizumab reduced the mentioned parameters.") == []
    assert [r.object_text for r in extract("Tocilizumab reduced the measured STAT3 levels.")] == ["measured STAT3 levels"]


def test_a_passive_by_phrase_after_a_few_words_of_degree(extract):
    # "Increased phosphorylation ... was abrogated to varying degrees by X": "by" four words on was not read
    rels = extract("Bortezomib increased AKT phosphorylation. STAT3 phosphorylation was reduced to varying degrees by cisplatin.")
    assert ("cisplatin", "decreases", "STAT3 phosphorylation") in [(r.agent_text, r.effect, r.object_text) for r in rels]


def test_a_gerund_after_without_states_the_agents_effect_negated(extract):
    # "Goishi tea ... can inhibit fat accumulation ... without increasing tumor necrosis factor-alpha and
    # interleukin-6": the second statement was not read
    rels = extract("Bortezomib reduced tumor growth without increasing IL-6 and STAT3.")
    assert sorted((r.agent_text, r.effect, r.object_text, r.negated) for r in rels) == [
        ("Bortezomib", "decreases", "tumor growth", False), ("Bortezomib", "increases", "IL-6", True),
        ("Bortezomib", "increases", "STAT3", True)]


def test_efficacy_reaches_the_diseases_listed_after_the_first(extract):
    rels = extract("Cisplatin treatment is effective in controlling the nephrotoxicity, osteoporosis, and ovarian cancer.")
    assert sorted(r.object_text for r in rels if r.construction == "efficacy") == [
        "nephrotoxicity", "osteoporosis", "ovarian cancer"]
    # a disease that modifies the next noun is no list item
    rels = extract("Cisplatin showed efficacy in reducing osteoporosis and nephrotoxicity-related pain.")
    assert [r.object_text for r in rels if r.construction == "efficacy"] == ["osteoporosis"]


def test_a_means_gerund_belongs_to_the_verbs_subject_not_to_a_name_in_its_object(extract_abstract, mentions_for):
    # "Honokiol inhibited NO and PGE2 production by suppressing iNOS": PGE2, a name inside the object, was the agent
    from pipeline.relations.learned import acted_on

    text = "Bortezomib inhibited cisplatin (DDP) and melphalan release by suppressing the expression of STAT3."
    rels = extract_abstract(text)
    assert {(r.agent_text, r.object_text) for r in rels if r.construction == "gerund"} == {
        ("Bortezomib", "expression of STAT3")}
    # the pair reader takes no name the rules read as acted on: in the object or bracketed right after it
    ddp, melphalan = [m for m in mentions_for("pmid:1", text) if m.text in ("DDP", "melphalan")]
    assert acted_on(rels, ddp) and acted_on(rels, melphalan)
    assert not acted_on([r for r in rels if r.construction == "gerund"], melphalan)


def test_a_gerund_after_in_keeps_its_nearest_agent(extract_abstract):
    # "attenuated the testosterone replacement in improving Y": testosterone improves Y, not the subject
    rels = extract_abstract("Bortezomib attenuated the melphalan treatment in improving tumor growth.")
    assert ("melphalan", "tumor growth") in {(r.agent_text, r.object_text) for r in rels if r.construction == "gerund"}


def test_a_sentence_opening_gerund_takes_the_agent_after_with(extract_abstract):
    # "Blocking IL-6R with tocilizumab decreased Y": the gerund's agent is the instrument after its object
    rels = extract_abstract("Blocking IL-6R with tocilizumab decreased tumor growth.")
    assert {(r.agent_text, r.effect, r.object_text, r.construction) for r in rels} >= {
        ("tocilizumab", "decreases", "IL-6R", "gerund")}
    assert not [r for r in extract_abstract("Blocking IL-6R with care is hard.") if r.construction == "gerund"]


def test_a_comparison_of_potency_ends_the_object(extract_abstract):
    rels = extract_abstract("Bortezomib inhibited STAT3 phosphorylation more potently than melphalan.")
    assert [r.object_text for r in rels if r.agent_text == "Bortezomib"] == ["STAT3 phosphorylation"]


def test_a_relative_passive_acts_on_the_noun_phrase_before_which(extract_abstract):
    # "cells exhibited increased STAT3 phosphorylation, which was reduced by X": X's object is the phrase
    rels = extract_abstract("Resistant cells exhibited increased STAT3 phosphorylation, which was reduced by bortezomib.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [
        ("bortezomib", "decreases", "STAT3 phosphorylation")]


def test_a_disease_after_a_later_study_word_is_studied_not_approved(extract_abstract):
    # "Tofacitinib, a JAK inhibitor approved for rheumatoid arthritis, was tested in a mouse model of mastitis"
    rels = extract_abstract("Bortezomib, approved for multiple myeloma, was tested in a mouse model of ovarian cancer.")
    assert {(r.effect, r.object_text) for r in rels if r.construction == "clinical"} == {
        ("approved_for", "multiple myeloma"), ("studied_in", "ovarian cancer")}


def test_an_agent_after_but_not_is_negated_and_the_others_are_not(extract_abstract):
    # "Apigenin, but not genistein, inhibited JAK2 activity" gave genistein the verb and negated both
    rels = extract_abstract("Bortezomib, but not melphalan, inhibited STAT3 phosphorylation.")
    assert {(r.agent_text, r.negated) for r in rels} == {("Bortezomib", False), ("melphalan", True)}


def test_in_agent_treated_cells_after_a_describing_name_names_the_cause(extract_abstract):
    # "STAT3 phosphorylation was markedly reduced in apigenin-treated MDA-MB-231 cells": no agent was read
    rels = extract_abstract("STAT3 phosphorylation was markedly reduced in bortezomib-treated MCF-7 cells.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [
        ("bortezomib", "decreases", "STAT3 phosphorylation")]


def test_a_change_verb_without_object_states_the_change_of_its_subject(extract_abstract):
    # "After treatment with apigenin, STAT3 phosphorylation decreased markedly": no object, so nothing was read
    rels = extract_abstract("After treatment with bortezomib, the phosphorylation of STAT3 decreased markedly.")
    assert [(r.agent_text, r.effect, r.object_text, r.construction) for r in rels] == [
        ("bortezomib", "decreases", "phosphorylation of STAT3", "intransitive")]
    rels = extract_abstract("Following exposure to bortezomib, cell viability declined in a dose-dependent manner.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "cell viability")]
    # the agent must stand in an opening phrase, not inside the subject
    assert extract_abstract("In these patients, the bortezomib level decreased.") == []


def test_a_comparative_after_were_reads_as_a_passive_of_the_treated_group(extract_abstract):
    # "Serum IL-6 levels were lower in patients treated with zoledronic acid" gave nothing
    rels = extract_abstract("Serum IL-6 levels were lower in patients treated with bortezomib.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("bortezomib", "decreases", "Serum IL-6 levels")]
    rels = extract_abstract("STAT3 activity was higher in mice treated with bortezomib.")
    assert [(r.agent_text, r.effect) for r in rels] == [("bortezomib", "increases")]
    # a comparison's reference after "than ... by X" is no cause
    rels = extract_abstract("The activity of STAT3 induced by melphalan was lower than that induced by bortezomib.")
    assert ("bortezomib", "decreases") not in {(r.agent_text, r.effect) for r in rels}


def test_every_arm_named_after_a_trial_word_is_in_the_trial(extract_abstract):
    rels = extract_abstract("In this randomized trial, women with breast cancer received bortezomib plus melphalan "
                            "or cisplatin, with or without flutamide.")
    assert {(r.agent_text, r.effect) for r in rels if r.construction == "clinical"} == {
        ("bortezomib", "in_trial_for"), ("melphalan", "in_trial_for"), ("cisplatin", "in_trial_for"),
        ("flutamide", "in_trial_for")}


def test_kill_decreases_and_prescribed_for_is_a_use(extract_abstract):
    rels = extract_abstract("Bortezomib selectively kills cancer stem cells in breast cancer.")
    assert ("decreases", "cancer stem cells") in {(r.effect, r.object_text) for r in rels}
    rels = extract_abstract("Bortezomib is widely prescribed for multiple myeloma.")
    assert [(r.effect, r.object_text) for r in rels] == [("approved_for", "multiple myeloma")]


def test_an_agent_loaded_in_a_formulation_acts(extract_abstract):
    # "Celastrol-loaded nanoparticles suppressed tumor growth": the joined word had made celastrol a kind word
    rels = extract_abstract("Bortezomib-loaded nanoparticles suppressed tumor growth.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("Bortezomib", "decreases", "tumor growth")]
    assert not extract_abstract("Bortezomib-resistant cells suppressed tumor growth.")  # a kind of cell still


def test_a_potential_therapeutic_agent_for_a_disease_decreases_it_hedged(extract_abstract):
    rels = extract_abstract("Bazedoxifene could be a potential therapeutic agent for ovarian cancer.")
    assert [(r.agent_text, r.effect, r.object_text, r.hedged) for r in rels] == [
        ("Bazedoxifene", "decreases", "ovarian cancer", True)]


def test_a_therapeutic_target_is_no_agent_statement(extract_abstract):
    rels = extract_abstract("STAT3 is a therapeutic target for breast cancer, and bortezomib inhibits it.")
    assert not [r for r in rels if r.object_text == "breast cancer"]


def test_a_comparison_of_size_ends_the_object(extract_abstract):
    rels = extract_abstract("Bortezomib reduced tumor weight more than melphalan alone.")
    assert [r.object_text for r in rels if r.agent_text == "Bortezomib"] == ["tumor weight"]


def test_an_effect_summarising_the_statement_before_it_takes_its_object(extract_abstract):
    # "X increased Y, an effect that was abrogated by Z": Z acts on Y, not on "effect"
    rels = extract_abstract("Melphalan increased the proportion of ALDH1-positive cells, an effect that was abrogated "
                            "by bortezomib. Cisplatin accelerated tumor growth, an effect reversed by bortezomib. "
                            "Cisplatin increased IL-6 secretion, and this effect was abolished by bortezomib.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels if r.agent_text == "bortezomib") == [
        ("bortezomib", "decreases", "IL-6 secretion"), ("bortezomib", "decreases", "proportion of ALDH1-positive cells"),
        ("bortezomib", "decreases", "tumor growth")]
    assert ("Cisplatin", "increases", "tumor growth") in [(r.agent_text, r.effect, r.object_text) for r in rels]


def test_a_therapeutic_agent_needs_its_preposition(extract_abstract):
    # "a potential therapeutic agent to counteract Y": the verb states it once; no second statement of Y
    rels = extract_abstract("Bortezomib may be a potential therapeutic agent to counteract multiple myeloma.")
    assert [r.construction for r in rels if r.object_text == "multiple myeloma"] == ["active"]


def test_a_participle_after_a_comma_is_the_subjects_result(extract_abstract):
    # "X enhanced the effect of Y, reducing Z": X reduced Z (Y is inside what X acted on)
    rels = extract_abstract("Bortezomib enhanced the antitumour effect of melphalan, reducing tumour volume by half.")
    assert ("Bortezomib", "decreases", "tumour volume") in [(r.agent_text, r.effect, r.object_text) for r in rels]
    assert not [r for r in rels if r.agent_text == "melphalan"]


def test_a_combinations_finding_is_the_agent_before_the_partner_cue(extract_abstract):
    # "X in combination with Y suppressed Z": the partner Y is nearest the verb, the subject is X
    rels = extract_abstract("Bortezomib in combination with melphalan suppressed tumor growth.")
    assert [(r.agent_text, r.object_text) for r in rels] == [("Bortezomib", "tumor growth")]


def test_a_plus_b_are_both_subjects(extract_abstract):
    rels = extract_abstract("Bortezomib plus melphalan reduced tumour volume.")
    assert sorted(r.agent_text for r in rels) == ["Bortezomib", "melphalan"]


def test_failed_to_enhance_is_a_negated_increase(extract_abstract):
    # "enhance" ends like a noun ("-ance") but is a verb here
    rels = extract_abstract("Bortezomib did not reduce IL-6 secretion and failed to enhance STAT3 phosphorylation.")
    assert [(r.effect, r.object_text, r.negated) for r in rels] == [
        ("decreases", "IL-6 secretion", True), ("increases", "STAT3 phosphorylation", True)]


def test_a_verb_trigger_after_an_article_is_a_noun(extract_abstract):
    # "the STAT3 targets Mcl-1 and survivin": no "binds"; "a nanobody that targets IL-6R" still binds
    rels = extract_abstract("Upon bortezomib treatment, levels of the STAT3 targets HER2 and aromatase fell.")
    assert not [r for r in rels if r.effect == "binds"]
    rels = extract_abstract("Bortezomib is a nanobody that targets IL-6R.")
    assert [(r.effect, r.object_text) for r in rels] == [("binds", "IL-6R")]


def test_a_summary_after_a_coordinated_statement_takes_every_object_and_every_by_agent(extract_abstract):
    rels = extract_abstract("Cisplatin increased STAT3 phosphorylation and migration, and this effect was abolished "
                            "by melphalan or by the anti–IL-6R antibody bortezomib.")
    assert sorted((r.agent_text, r.object_text) for r in rels if r.construction == "passive") == [
        ("bortezomib", "STAT3 phosphorylation"), ("bortezomib", "migration"),
        ("melphalan", "STAT3 phosphorylation"), ("melphalan", "migration")]
    assert ("bortezomib", "binds", "IL-6R") in [(r.agent_text, r.effect, r.object_text) for r in rels]


def test_a_subjectless_finding_continues_the_subject_not_an_inducer_inside_its_object(extract_abstract):
    # "X suppressed cisplatin-induced invasion. These effects were accompanied by a reduction in Y": X's
    rels = extract_abstract("Bortezomib suppressed cisplatin-induced invasion. These effects were accompanied by a "
                            "marked reduction in STAT3 phosphorylation.")
    assert ("Bortezomib", "decreases", "STAT3 phosphorylation") in [
        (r.agent_text, r.effect, r.object_text) for r in rels]


def test_stimulation_with_an_agent_names_no_object(extract_abstract):
    # "stimulation with LPS further increased Y": LPS is what was applied, not what was stimulated
    rels = extract_abstract("Stimulation with bortezomib further increased IL-6 release.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("bortezomib", "increases", "IL-6 release")]


def test_a_summary_of_a_decrease_gives_no_statement(extract_abstract):
    # "X reduced Y, an effect reversed by Z": Z restores Y, not a decrease of Y
    rels = extract_abstract("Melphalan reduced IL-6 secretion, an effect reversed by bortezomib.")
    assert not [r for r in rels if r.agent_text == "bortezomib"]


def test_adding_a_drug_to_another_is_the_added_drugs_finding(extract_abstract):
    # "adding X (dose) to Y delayed Z without increasing W": X's findings, not Y's
    rels = extract_abstract("Adding bortezomib (20 mg/kg twice weekly) to melphalan delayed tumor regrowth "
                            "without increasing toxicity.")
    assert sorted((r.agent_text, r.effect, r.object_text, r.negated) for r in rels if r.construction != "learned") == [
        ("bortezomib", "decreases", "tumor regrowth", False), ("bortezomib", "increases", "toxicity", True)]


def test_a_comparative_before_its_noun_names_a_change(extract_abstract):
    # "accompanied by fewer MDSCs and lower serum IL-6 levels"; "resulted in reduced A and a lower proportion of B":
    # the second change is the agent's decrease, not a decrease of the first (no inversion)
    rels = extract_abstract("Treatment with bortezomib resulted in reduced mammosphere formation and a lower "
                            "proportion of CD44+ cells.")
    assert sorted((r.effect, r.object_text) for r in rels) == [
        ("decreases", "mammosphere formation"), ("decreases", "proportion of CD44+ cells")]
    rels = extract_abstract("Bortezomib treatment was accompanied by fewer circulating suppressor cells.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "circulating suppressor cells")]


def test_confer_is_an_increase(extract_abstract):
    rels = extract_abstract("Cisplatin conferred melphalan resistance in MCF-7 cells.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels if r.construction == "active"] == [
        ("Cisplatin", "increases", "melphalan resistance")]


def test_cause_is_an_increase_unless_its_object_names_the_change(extract_abstract):
    rels = extract_abstract("Melphalan and bortezomib cause cell-cycle arrest in the late G2/M in MCF-7 cells.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels if r.construction == "active") == [
        ("Melphalan", "increases", "cell-cycle arrest"), ("bortezomib", "increases", "cell-cycle arrest")]
    # a light verb: the change noun after it states the effect, read once, as a decrease
    rels = extract_abstract("Melphalan caused a marked decrease in tumour growth.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "tumour growth")]
    # the change word may open the object without a preposition after it
    rels = extract_abstract("Melphalan causes increased expression of STAT3.")
    assert [(r.effect, r.object_text) for r in rels] == [("increases", "expression of STAT3")]
    assert extract_abstract("Melphalan caused a 40% reduction LH pulse frequency in rats.") == []
    # after a light verb, a process noun's "in" phrase that holds a model is where, not what
    rels = extract_abstract("Cisplatin may cause cytoskeletal disruption in a murine model of breast cancer.")
    assert not [r for r in rels if "model" in r.object_text]


def test_result_in_and_lead_to_are_increases_unless_a_change_noun_follows(extract_abstract):
    rels = extract_abstract("Melphalan treatment resulted in tyrosine phosphorylation of STAT3.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [
        ("Melphalan", "increases", "tyrosine phosphorylation of STAT3")]
    # a change noun after the verb, past amounts, states the effect; a participle "resulting in" is no verb here
    rels = extract_abstract("Melphalan treatment resulted in a 3- to 4-fold increase in STAT3 activation.")
    assert [(r.effect, r.object_text) for r in rels] == [("increases", "STAT3")]  # the nominal reader's object
    rels = extract_abstract("Melphalan treatment led to the reduced growth of MCF-7 cells.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "growth of MCF-7 cells")]


def test_a_passive_takes_its_agent_from_in_response_to(extract_abstract):
    rels = extract_abstract("STAT3 and gp130 were activated in MCF-7 cells in response to melphalan.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels if r.construction == "passive") == [
        ("melphalan", "increases", "STAT3"), ("melphalan", "increases", "gp130")]
    # a comma before the cue ends the passive's reach
    assert not [r for r in extract_abstract("Tumour growth was reduced in mice, in response to cisplatin.")
                if r.construction == "passive"]


def test_an_although_clause_s_agents_do_not_carry_into_the_main_clause(extract_abstract):
    text = ("Although melphalan is as effective as bortezomib, safety issues such as nausea resulted in "
            "premature discontinuation of the programme.")
    assert not [r for r in extract_abstract(text) if "discontinuation" in r.object_text]
    # without the opener, a clause with no agent of its own still continues the previous clause's subject
    rels = extract_abstract("Melphalan did not reduce STAT3, but there was an increased risk for osteoporosis.")
    assert ("Melphalan", "increases", "risk for osteoporosis") in {(r.agent_text, r.effect, r.object_text) for r in rels}


def test_an_induced_phrase_ends_before_its_sentence_s_verb(extract_abstract):
    # "PHA-induced proliferation of PBMCs dropped significantly": the phrase, headed before "of", is the object
    for text in ("Melphalan-induced proliferation of PBMCs dropped significantly in these patients.",
                 "We conclude that melphalan-induced proliferation of PBMCs depends upon the tumour load."):
        rels = extract_abstract(text)
        assert ("melphalan", "increases", "proliferation of PBMCs") in {
            (r.agent_text.lower(), r.effect, r.object_text) for r in rels}, text


def test_a_verb_phrase_before_a_passive_is_no_subject(extract_abstract):
    # "..., which is believed to be caused by X": "is believed to" is no object of X
    rels = extract_abstract("Letrozole increases the risk of osteoporosis, which is believed to be caused by bortezomib.")
    assert not [r for r in rels if "believed" in r.object_text]


def test_result_in_part_from_names_no_object(extract):
    # "... may result in part from the differential activation of STAT proteins": "part" is no result of the subject
    rels = extract("Modulation of immunity by bortezomib may result in part from the activation of STAT3.")
    assert not [r for r in rels if r.object_text == "part"]
