"""One statement reporting several findings: per model system arm, cell line and combination."""

from __future__ import annotations


def _rows(relations):
    return sorted((r.agent_id, r.effect, r.object_text, r.model_system, r.cell_line) for r in relations)


def test_in_vitro_and_in_vivo_are_two_findings(extract):
    rels = extract("Siltuximab showed activity against multiple myeloma in vitro and in vivo.")
    assert _rows(rels) == [
        ("agent:siltuximab", "decreases", "multiple myeloma", "in_vitro", None),
        ("agent:siltuximab", "decreases", "multiple myeloma", "in_vivo", None)]
    assert len({r.relation_id for r in rels}) == 2


def test_unsplit_statement_keeps_its_id(extract):
    one = extract("Siltuximab showed activity against multiple myeloma in vivo.")
    two = extract("Siltuximab showed activity against multiple myeloma in vivo and in cell lines.")
    assert len(one) == 1 and len(two) == 2
    assert one[0].relation_id in {r.relation_id for r in two}  # same offsets: the in vivo finding's id is unchanged
    assert [r.split for r in two if r.relation_id != one[0].relation_id] == ["in_vitro"]


def test_arms_of_different_objects_are_not_doubled(extract):
    rels = extract("Siltuximab inhibited STAT3 phosphorylation in vitro and tumor growth in vivo.")
    assert [r.object_text for r in rels] == ["STAT3 phosphorylation"]
    assert all(r.split is None for r in rels)


def test_one_relation_per_cell_line(extract):
    rels = extract("Inhibition of the growth of xenograft tumors of DU145 (prostate), Calu3 (lung), "
                   "and A549 (lung) cells by sarilumab was reported.")
    assert _rows(rels) == [
        ("agent:sarilumab", "decreases", "growth of xenograft tumors", "xenograft", "A549"),
        ("agent:sarilumab", "decreases", "growth of xenograft tumors", "xenograft", "Calu3"),
        ("agent:sarilumab", "decreases", "growth of xenograft tumors", "xenograft", "DU145")]
    assert len({r.relation_id for r in rels}) == 3


def test_single_agent_and_combination_are_two_findings(extract):
    both = extract("Sarilumab inhibited tumor growth, both as a single agent and in combination with melphalan.")
    assert sorted((r.split or "") for r in both) == ["", "combination"]
    either = extract("Sarilumab inhibited tumor growth as a single agent or in combination with melphalan.")
    assert len(either) == 1


def test_used_clinically_to_treat_or_prevent_is_an_approval(extract):
    rels = extract("Raloxifene and bazedoxifene are used clinically to treat or prevent breast cancer and osteoporosis.")
    assert sorted((r.agent_id, r.effect, r.object_text) for r in rels) == [
        ("agent:bazedoxifene", "approved_for", "breast cancer"),
        ("agent:bazedoxifene", "approved_for", "osteoporosis"),
        ("agent:raloxifene", "approved_for", "breast cancer"),
        ("agent:raloxifene", "approved_for", "osteoporosis")]
    studied = extract("Raloxifene was used in patients with osteoporosis.")
    assert [(r.effect, r.object_text) for r in studied] == [("studied_in", "osteoporosis")]


def test_an_established_use_is_an_approval(extract):
    for text in ("Melphalan is a drug successfully used for the treatment of multiple myeloma.",
                 "Melphalan, a widely used alkylating agent for the treatment of multiple myeloma, was tested."):
        assert [(r.effect, r.object_text) for r in extract(text)] == [("approved_for", "multiple myeloma")]
    assert [(r.effect, r.object_text) for r in extract("Melphalan was used for the treatment of multiple myeloma.")] == [
        ("studied_in", "multiple myeloma")]


def test_anti_phrase_after_a_study_word_is_the_study_aim(extract):
    rels = extract("Raloxifene and bazedoxifene have been studied as anti-breast cancer agents.")
    assert sorted((r.agent_id, r.effect, r.object_text) for r in rels) == [
        ("agent:bazedoxifene", "studied_in", "anti-breast cancer agents"),
        ("agent:raloxifene", "studied_in", "anti-breast cancer agents")]
    finding = extract("Sarilumab showed anti-breast cancer effects in mice.")
    assert [(r.effect, r.object_text) for r in finding] == [("decreases", "breast cancer")]


def test_anti_recognised_disease_effect_in_a_table_bullet(table_document, mentions_for):
    from pipeline.relations.extract import extract_relations

    document, row = table_document("Sarilumab", {"preclinical": "- Anti-ovarian cancer effect in xenograft model"})
    rels = extract_relations([document], mentions_for("review", document.text), [row])
    assert [(r.agent_id, r.effect, r.object_text, r.model_system) for r in rels] == [
        ("agent:sarilumab", "decreases", "ovarian cancer", "xenograft")]


def test_no_clinical_data_states_the_status_of_the_agents_just_discussed(extract):
    rels = extract("Raloxifene and bazedoxifene inhibited STAT3 phosphorylation. "
                   "To date, no clinical data are available for breast cancer therapy. "
                   "No clinical trials are underway with anti-gp130 mAbs yet.")
    status = sorted((r.agent_id, r.effect, r.object_text, r.negated) for r in rels if r.effect != "decreases")
    assert status == [("agent:bazedoxifene", "studied_in", "breast cancer", True),
                      ("agent:raloxifene", "studied_in", "breast cancer", True)]
    assert not [r for r in rels if r.effect == "binds"]  # "anti-gp130 mAbs" are not the agents just named


def test_no_data_for_its_activity_against_is_a_status(extract):
    rels = extract("Sarilumab binds IL-6R. No preclinical or clinical data are available for the activity of "
                   "sarilumab against breast cancer.")
    assert sorted((r.effect, r.object_text, r.negated) for r in rels) == [
        ("binds", "IL-6R", False), ("studied_in", "breast cancer", True)]


def test_respectively_pairs_agents_with_objects_and_but_not_repeats_negated(extract):
    rels = extract("Tocilizumab and siltuximab have been approved for rheumatoid arthritis and multiple myeloma "
                   "respectively, but not for breast cancer.")
    assert sorted((r.agent_id, r.effect, r.object_text, r.negated) for r in rels) == [
        ("agent:siltuximab", "approved_for", "breast cancer", True),
        ("agent:siltuximab", "approved_for", "multiple myeloma", False),
        ("agent:tocilizumab", "approved_for", "breast cancer", True),
        ("agent:tocilizumab", "approved_for", "rheumatoid arthritis", False)]


def test_but_not_with_a_verb_of_its_own_is_not_an_ellipsis(extract):
    rels = extract("Siltuximab inhibited STAT3 phosphorylation, but not inhibited tumor growth.")
    assert ("tumor growth", True) in {(r.object_text, r.negated) for r in rels}
    assert len(rels) == 2


def test_unrecognised_items_of_a_disease_list_are_objects(extract):
    rels = extract("Sarilumab is under clinical trial for Crohn's disease, rheumatoid arthritis, and lupus.")
    assert sorted(r.object_text for r in rels if r.effect == "in_trial_for") == [
        "Crohn's disease", "lupus", "rheumatoid arthritis"]


def test_table_bullet_naming_another_agent_as_actor(table_document, mentions_for):
    from pipeline.relations.extract import extract_relations

    document, row = table_document("Tocilizumab", {"preclinical": (
        "- Inhibition of tumor growth in vivo by sarilumab [1]\n"
        "- Amelioration of ovarian cancer by a rodent analog of tocilizumab (siltuximab) [2]\n"
        "- Anti–IL-6R single chain Fv of sarilumab fused to IgG1 Fc")})
    rels = extract_relations([document], mentions_for("review", document.text), [row])
    assert sorted((r.agent_id, r.effect, r.object_text) for r in rels) == [
        ("agent:sarilumab", "decreases", "tumor growth"),
        ("agent:siltuximab", "decreases", "ovarian cancer"),
        ("agent:tocilizumab", "binds", "IL-6R")]


def test_agent_named_as_a_point_of_reference_is_not_the_subject(extract):
    rels = extract("Siltuximab, a chimeric analog of tocilizumab, inhibited STAT3 phosphorylation.")
    assert [(r.agent_id, r.object_text) for r in rels] == [("agent:siltuximab", "STAT3 phosphorylation")]


def test_disease_related_symptom_is_one_object_and_population_is_not_an_object(extract):
    rels = extract("Sarilumab was evaluated for the treatment of ovarian cancer (OC)-related fatigue and "
                   "multiple myeloma in patients with breast cancer.")
    assert sorted(r.object_text for r in rels) == ["multiple myeloma", "ovarian cancer (OC)-related fatigue"]


def test_gerund_after_involving(extract):
    rels = extract("Raloxifene was studied based on a mechanism involving antagonizing STAT3 activity.")
    assert ("decreases", "STAT3 activity") in {(r.effect, r.object_text) for r in rels}


def test_including_list_with_nominal_examples_and_as_well_as(extract):
    rels = extract("Sarilumab caused inhibition of IL-6 signaling, including phosphorylation of STAT3 and "
                   "binding of IL-6 as well as soluble IL-6R.")
    assert sorted((r.effect, r.object_text) for r in rels) == [
        ("decreases", "IL-6 signaling"), ("decreases", "binding of IL-6"),
        ("decreases", "phosphorylation of STAT3"), ("decreases", "soluble IL-6R")]
    plain = extract("Sarilumab inhibited STAT3 phosphorylation and binding of IL-6.")
    assert ("binds", "IL-6") in {(r.effect, r.object_text) for r in plain}  # outside an example list: a statement


def test_improvement_of_a_disease_decreases_it(extract):
    rels = extract("Sirukumab showed improvements in the symptoms of rheumatoid arthritis.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "symptoms of rheumatoid arthritis")]
    better = extract("Sirukumab improved STAT3 phosphorylation.")
    assert [(r.effect, r.object_text) for r in better] == [("increases", "STAT3 phosphorylation")]


def test_elimination_is_a_decrease(extract):
    rels = extract("Sarilumab acted through the elimination of MCF-7 cells.")
    assert [(r.effect, r.object_text) for r in rels] == [("decreases", "MCF-7 cells")]


def test_approval_does_not_reach_the_objects_of_a_later_statement(extract):
    rels = extract("Tocilizumab has been approved for rheumatoid arthritis and shown to be an effective "
                   "therapy for multiple myeloma.")
    assert sorted((r.effect, r.object_text) for r in rels) == [
        ("approved_for", "rheumatoid arthritis"), ("decreases", "multiple myeloma")]
    alone = extract("A phase II study of sarilumab was completed and showed efficacy in patients with rheumatoid arthritis.")
    assert ("in_trial_for", "rheumatoid arthritis") in {(r.effect, r.object_text) for r in alone}


def test_investigation_of_an_agent_as_an_anti_disease_therapeutic(extract):
    rels = extract("These results warrant further investigation of sarilumab as an anti-breast cancer therapeutic.")
    assert [(r.effect, r.object_text) for r in rels] == [("studied_in", "anti-breast cancer therapeutic")]


def test_indefinite_phase_study_continues_the_agent_and_degree_nominal(extract):
    rels = extract("Sarilumab binds IL-6R. A phase I study in patients with rheumatoid arthritis was performed and "
                   "showed rapid decreases in STAT3 phosphorylation.")
    assert sorted((r.agent_id, r.effect, r.object_text) for r in rels) == [
        ("agent:sarilumab", "binds", "IL-6R"),
        ("agent:sarilumab", "decreases", "STAT3 phosphorylation"),
        ("agent:sarilumab", "studied_in", "rheumatoid arthritis")]
    assert {r.phase for r in rels if r.effect == "studied_in"} == {"I"}
    assert extract("A phase I study in patients with rheumatoid arthritis was performed.") == []


def test_entity_before_a_nominal_trigger_is_its_object(extract):
    rels = extract("The potential of sarilumab in ovarian cancer inhibition has been demonstrated.")
    assert [(r.agent_id, r.effect, r.object_text) for r in rels] == [("agent:sarilumab", "decreases", "ovarian cancer")]
    assert extract("Sarilumab occupies the gp130 binding site.") == []


def test_binding_sites_for_an_agent_at_its_targets(extract):
    rels = extract("Docking identified potential binding sites for sarilumab at the interfaces of IL-6 or gp130.")
    assert sorted((r.effect, r.object_text, r.hedged) for r in rels) == [
        ("binds", "gp130", True), ("binds", "interfaces of IL-6", True)]


def test_the_comparator_of_a_comparison_is_not_an_agent(extract):
    """Bug: "a higher incidence of tremor than quetiapine" gave quetiapine increases tremor (BioRED dev)."""
    rels = extract("Tocilizumab reduced STAT3 phosphorylation more strongly than siltuximab.")
    assert {r.agent_id for r in rels} == {"agent:tocilizumab"}
    rels = extract("Tocilizumab reduced STAT3 phosphorylation compared with siltuximab.")
    assert {r.agent_id for r in rels} == {"agent:tocilizumab"}


def test_adverse_effects_of_a_trial_are_the_agents_effects_not_its_indications(extract):
    # "The most common clinical toxicities ... associated with lapatinib used in combination with capecitabine
    # in the pivotal clinical trial were diarrhea (65%), ..." gave capecitabine `in_trial_for` diarrhea.
    # (the partner is named as in that sentence, "used in combination with": with "used with" the pair reader
    # reads cisplatin's nephrotoxicity from the co-mention, a partner cue it does not know)
    rels = extract("The most common toxicities associated with bortezomib used in combination with cisplatin in the "
                   "phase III trial were nephrotoxicity (65%) and osteoporosis (20%).")
    got = sorted((r.agent_text, r.effect, r.object_text) for r in rels if r.object_label == "DISEASE")
    assert got == [("bortezomib", "increases", "nephrotoxicity"), ("bortezomib", "increases", "osteoporosis")]
    # without an adverse-effect head the diseases stay the trial's
    rels = extract("Bortezomib was tested in a phase III trial in multiple myeloma.")
    assert [(r.effect, r.object_text) for r in rels] == [("in_trial_for", "multiple myeloma")]


def test_a_combination_partner_shares_the_clinical_statement(extract):
    # Convention of annotations/relations_dev: "indicated in combination with capecitabine for X" gives
    # capecitabine approved_for X too; before, only the drug before the trigger had it.
    rels = extract("Bortezomib is approved in combination with melphalan for multiple myeloma.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels if r.effect == "approved_for") == [
        ("Bortezomib", "approved_for", "multiple myeloma"), ("melphalan", "approved_for", "multiple myeloma")]


def test_a_pronoun_opening_a_clinical_sentence_refers_back_despite_a_partner(extract):
    # "Lapatinib ... . It is indicated for use in combination with capecitabine for ... breast cancer": "It" was
    # ignored because the sentence names capecitabine, which then took the statement alone.
    rels = extract("Bortezomib inhibits STAT3. It is indicated in combination with melphalan for multiple myeloma.")
    got = sorted((r.agent_id, r.agent_text) for r in rels if r.effect == "approved_for")
    assert got == [("DB00188", "It"), ("DB01042", "melphalan")]
    # an expletive "It was shown that ..." is no anaphor
    rels = extract("Bortezomib inhibits STAT3. It was shown that melphalan was approved for multiple myeloma.")
    assert sorted(r.agent_text for r in rels if r.effect == "approved_for") == ["melphalan"]
