"""Coordination that used to lose conjuncts: passive subjects, ", as well as" lists, "were all reversed"."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_every_conjunct_of_a_passive_subject(extract):
    rels = extract("STAT3 phosphorylation, IL-6 secretion and tumor growth were reduced by bortezomib in mice.")
    assert _read(rels) == [("bortezomib", "decreases", "IL-6 secretion"),
                           ("bortezomib", "decreases", "STAT3 phosphorylation"),
                           ("bortezomib", "decreases", "tumor growth")]


def test_as_well_as_between_commas_in_a_passive_subject(extract):
    rels = extract("STAT3 activation, as well as tumor growth, was inhibited by bortezomib.")
    assert _read(rels) == [("bortezomib", "decreases", "STAT3 activation"), ("bortezomib", "decreases", "tumor growth")]


def test_a_setting_or_another_clause_is_no_conjunct(extract):
    assert _read(extract("In mice, tumor growth was inhibited by bortezomib.")) == [
        ("bortezomib", "decreases", "tumor growth")]
    rels = extract("Cisplatin reduced STAT3, and tumor growth was inhibited by bortezomib.")
    assert ("bortezomib", "decreases", "STAT3") not in _read(rels)


def test_as_well_as_after_a_comma_continues_an_object_list(extract):
    rels = extract("Bortezomib suppressed the albumin uptake of HUVECs, as well as cell migration.")
    assert _read(rels) == [("Bortezomib", "decreases", "albumin uptake of HUVECs"),
                           ("Bortezomib", "decreases", "cell migration")]


def test_reversed_with_a_floating_quantifier(extract):
    assert _read(extract("The hallmarks of activity were all reversed by bortezomib.")) == [
        ("bortezomib", "decreases", "hallmarks of activity")]


def test_what_rose_is_the_object_of_a_verb_on_an_increase(extract):
    # before: one object, "cisplatin-induced increase", cut at "in"
    rels = extract("Bortezomib attenuated the cisplatin-induced increase in renal vascular pressure and lung metastasis.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels if r.agent_text == "Bortezomib"] == [
        ("Bortezomib", "decreases", "renal vascular pressure"), ("Bortezomib", "decreases", "lung metastasis")]


def test_a_coordinated_stage_adjective_modifies_the_next_noun(extract):
    # before: "advanced" was an object of its own
    rels = extract("Bortezomib was approved for advanced or metastatic breast cancer.")
    assert [(r.effect, r.object_text) for r in rels] == [("approved_for", "breast cancer")]
    rels = extract("Bortezomib reduced acute and chronic inflammation.")
    assert [r.object_text for r in rels] == ["acute and chronic inflammation"]


def test_a_prepositional_phrase_and_a_modal_are_no_part_of_a_passive_subject(extract):
    rels = extract("In the liver and kidney, IL-6 and gp130 levels were also induced by cisplatin.")
    assert _read(rels) == [("cisplatin", "increases", "IL-6"), ("cisplatin", "increases", "gp130 levels")]
    assert _read(extract("These deficits can be reversed by bortezomib.")) == [("bortezomib", "decreases", "deficits")]


def test_a_clause_adverb_after_and_opens_a_clause_not_a_list_item(extract):
    # "the NF-kB inhibitor, IkB, and therefore NF-kB was retained": IkB is in apposition, and what follows
    # "and therefore" is a clause of its own; "and thus tumor growth" with no verb still closes the list
    rels = extract("Cisplatin prevented the degradation of the STAT3 inhibitor, PIAS3, and therefore STAT3 was "
                   "retained in the cytosol.")
    assert _read(rels) == [("Cisplatin", "decreases", "degradation of the STAT3 inhibitor")]
    rels = extract("Cisplatin reduced IL-6, STAT3, and thus tumor growth in mice.")
    assert [r.object_text for r in rels][:2] == ["IL-6", "STAT3"] and len(rels) == 3


def test_a_clause_adverb_opening_a_conjunct_is_not_part_of_its_object(extract):
    # "and thus tumor growth": the object is "tumor growth", not "thus tumor growth"
    rels = extract("Cisplatin reduced STAT3 phosphorylation and thus tumor growth.")
    assert [r.object_text for r in rels] == ["STAT3 phosphorylation", "tumor growth"]
    rels = extract("Cisplatin reduced IL-6, STAT3, and therefore tumor growth in mice.")
    assert [r.object_text for r in rels] == ["IL-6", "STAT3", "tumor growth"]


def test_a_short_form_bracketed_inside_a_name_does_not_end_the_list(extract_abstract):
    # "suppressed the production of TNF-α, interleukin (IL)-1β, and IL-6" gave "interleukin" and lost IL-6
    rels = extract_abstract("Bortezomib suppressed the production of STAT3, interleukin (IL)-1beta, and IL-6 in cells.")
    assert [r.object_text for r in rels] == ["production of STAT3", "interleukin (IL)-1beta", "IL-6"]


def test_a_verb_after_and_shares_the_subject_of_a_list_object(extract_abstract):
    # "upregulated Snail and Twist and downregulated E-cadherin" read "Twist" as the subject of "downregulated"
    rels = extract_abstract("Bortezomib upregulated STAT3 and IL-6R and downregulated gp130.")
    assert {(r.effect, r.object_text) for r in rels} == {
        ("increases", "STAT3"), ("increases", "IL-6R"), ("decreases", "gp130")}
    rels = extract_abstract("Bortezomib inhibited STAT3 and melphalan reduced tumor growth.")
    assert ("melphalan", "tumor growth") in {(r.agent_text, r.object_text) for r in rels}  # a subject of its own


def test_every_agent_of_a_passive_by_list_acts(extract_abstract):
    # "was abrogated by AG490 and by S3I-201" gave AG490 alone
    for text in ("STAT3 phosphorylation was inhibited by bortezomib and by melphalan.",
                 "STAT3 phosphorylation was inhibited by bortezomib and melphalan."):
        rels = extract_abstract(text)
        assert {(r.agent_text, r.construction) for r in rels} == {("bortezomib", "passive"), ("melphalan", "passive")}


def test_an_objects_length_counts_written_words_not_the_pieces_of_a_greek_lettered_name(extract_abstract):
    # the pieces of "factor-α" and "(IL)-1β" used up the object's length before "IL-6" was reached
    rels = extract_abstract("Bortezomib suppressed the production of tumor necrosis factor-α (TNF-α), "
                            "interleukin (IL)-1β, and IL-6.")
    assert [r.object_text for r in rels][-1] == "IL-6"


def test_a_non_trigger_verb_after_and_ends_the_object_list(extract_abstract):
    # "enhanced A and resulted in B": "resulted" starts the subject's next predicate, it is not a second object
    rels = extract_abstract("Bortezomib enhanced the sensitivity of MCF-7 cells to melphalan and resulted in "
                            "a reduction in cell viability.")
    assert [r.object_text for r in rels if r.agent_text == "Bortezomib" and r.effect == "increases"] == [
        "sensitivity of MCF-7 cells to melphalan"]


def test_a_coordinated_infinitive_is_no_object(extract_abstract):
    # "to prevent A and to improve B": the second infinitive is a statement of its own, never the object "to improve B"
    rels = extract_abstract("Tocilizumab was developed to prevent joint damage and to improve physical function.")
    assert not [r for r in rels if r.object_text.lower().startswith("to ")]
    assert ("decreases", "joint damage") in [(r.effect, r.object_text) for r in rels]


def test_a_boundary_inside_a_phrase_leaves_no_dangling_preposition(extract_abstract):
    # "both" ends an object; "migration and invasion of | both cell lines" had the object "migration and invasion of"
    rels = extract_abstract("Bortezomib markedly inhibited migration and invasion of both cell lines.")
    assert [r.object_text for r in rels] == ["migration", "invasion"]


def test_a_conjunct_repeating_of_names_what_follows(extract_abstract):
    # "suppressed the upregulation of A and of B": the second object is B, not "of B"
    rels = extract_abstract("Bortezomib suppressed the upregulation of STAT3 and of the anti-apoptotic protein HER2.")
    assert [r.object_text for r in rels] == ["STAT3", "anti-apoptotic protein HER2"]


def test_a_new_clause_after_and_ends_the_object_list(extract_abstract):
    # "..., and hypercalcaemia occurred", "..., and a 3-fold increase in Y", "..., and neither A nor B altered Y"
    rels = extract_abstract("Bortezomib did not affect HER2 levels, and hypercalcaemia occurred in one participant.")
    assert [r.object_text for r in rels] == ["HER2 levels"]
    rels = extract_abstract("Bortezomib led to downregulation of HER2 and a 3-fold increase in STAT3 phosphorylation.")
    assert sorted((r.effect, r.object_text) for r in rels) == [("decreases", "HER2"),
                                                               ("increases", "STAT3 phosphorylation")]
    rels = extract_abstract("Bortezomib reduced metastases, and neither bortezomib nor melphalan altered body weight.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels) == [
        ("Bortezomib", "decreases", "metastases"), ("bortezomib", "no_effect", "body weight"),
        ("melphalan", "no_effect", "body weight")]


def test_a_name_with_a_conjunction_inside_is_one_object(extract):
    # before: "signal transducers" and "activators of transcription" were two objects
    rels = extract("Bortezomib reduced phosphorylation of the signal transducers and activators of transcription.")
    assert _read(rels) == [
        ("Bortezomib", "decreases", "phosphorylation of the signal transducers and activators of transcription")]
    rels = extract("The signal transducer and activator of transcription proteins were inhibited by bortezomib.")
    assert _read(rels) == [
        ("bortezomib", "decreases", "signal transducer and activator of transcription proteins")]


def test_a_bound_before_a_number_does_not_end_the_object(extract):
    # before: "at" ended the object, so "induced at least two complexes" had none
    assert _read(extract("Bortezomib induced at least two DNA-binding complexes.")) == [
        ("Bortezomib", "increases", "two DNA-binding complexes")]


def test_every_agent_listed_in_a_nominal_by_phrase(extract):
    # before: only the first agent after "by" was the cause
    rels = extract("We found that the inhibition of STAT3 phosphorylation by cisplatin, melphalan, and bortezomib "
                   "is highly selective.")
    assert _read(rels) == [("bortezomib", "decreases", "STAT3 phosphorylation"),
                           ("cisplatin", "decreases", "STAT3 phosphorylation"),
                           ("melphalan", "decreases", "STAT3 phosphorylation")]


def test_a_report_participle_ends_the_object(extract):
    # before: "STAT3 phosphorylation observed within 1 h"
    rels = extract("Bortezomib abolished the increase in STAT3 phosphorylation observed within 1 h.")
    assert _read(rels) == [("Bortezomib", "decreases", "STAT3 phosphorylation")]


def test_a_subordinator_is_no_part_of_a_passive_subject(extract):
    # before: "because it" was what tocilizumab decreased
    rels = extract("STAT3 activation needs IL-6, because it was prevented by tocilizumab.")
    assert all(not r.object_text.startswith("because") for r in rels)


def test_a_clause_with_a_modal_after_and_is_no_object(extract):
    # before: "the mechanism" was a second thing bortezomib inhibited
    rels = extract("Bortezomib can inhibit the growth of MCF-7 cells, and the mechanism may be related to STAT3.")
    assert _read(rels) == [("Bortezomib", "decreases", "growth of MCF-7 cells")]


def test_every_example_after_an_agent_noun(extract):
    # before: only the first example ("such as A and B") was the class's member acting
    rels = extract("Several gp130 inhibitors, such as bortezomib and cisplatin, were tested.")
    assert [(a, e, o) for a, e, o in _read(rels) if o == "gp130"] == [
        ("bortezomib", "decreases", "gp130"), ("cisplatin", "decreases", "gp130")]


def test_a_trailing_amount_ends_the_object(extract):
    # before: "STAT3 phosphorylation 3-fold" and "IL-6 levels 5- to 20-fold" (the fixture splits sentences at every period)
    assert _read(extract("Bortezomib increased STAT3 phosphorylation 3-fold in MCF-7 cells.")) == [
        ("Bortezomib", "increases", "STAT3 phosphorylation")]
    assert _read(extract("Bortezomib increased IL-6 levels 5- to 20-fold.")) == [
        ("Bortezomib", "increases", "IL-6 levels")]


def test_both_opens_a_passive_subject_list(extract):
    # before: "Both" stopped the walk back, so only the last conjunct was the object
    rels = extract("Both STAT3 phosphorylation and tumor growth were inhibited by bortezomib.")
    assert _read(rels) == [("bortezomib", "decreases", "STAT3 phosphorylation"), ("bortezomib", "decreases", "tumor growth")]


def test_an_agent_noun_names_every_target_listed_before_it(extract):
    # before: only the last target ("a STAT3 and gp130 inhibitor" decreased gp130 alone)
    rels = extract("Bortezomib is a STAT3 and gp130 inhibitor.")
    assert _read(rels) == [("Bortezomib", "decreases", "STAT3"), ("Bortezomib", "decreases", "gp130")]


def test_the_agents_of_a_fronted_comparison_are_no_subjects(extract):
    # "In contrast to IL-2 and IFN-alpha, IL-12 induced ...": the comparison's agents joined the subject list
    assert _read(extract("In contrast to cisplatin and melphalan, bortezomib reduced STAT3 phosphorylation.")) == [
        ("bortezomib", "decreases", "STAT3 phosphorylation")]
    assert _read(extract("Unlike cisplatin, bortezomib reduced STAT3 phosphorylation.")) == [
        ("bortezomib", "decreases", "STAT3 phosphorylation")]
    # a plain list keeps every agent
    assert _read(extract("Cisplatin, melphalan and bortezomib reduced STAT3 phosphorylation.")) == [
        ("Cisplatin", "decreases", "STAT3 phosphorylation"), ("bortezomib", "decreases", "STAT3 phosphorylation"),
        ("melphalan", "decreases", "STAT3 phosphorylation")]


def test_a_fixed_coordination_counts_once_toward_an_object_s_length(extract):
    # "... of the signal transducers and activators of transcription, STAT1 alpha and STAT3": the name's words
    # had used up the object's length, and the last member of the list was lost
    rels = extract("Bortezomib reduced tyrosine phosphorylation of the signal transducers and activators of "
                   "transcription, STAT3 alpha and gp130, in MCF-7 cells.")
    assert {o for _, _, o in _read(rels)} >= {"STAT3 alpha", "gp130"}


def test_a_time_phrase_ends_a_conjunct_and_the_list_goes_on(extract):
    # "increased IL-6 mRNA within 6 h and IL-6 protein secretion": when, not what
    assert _read(extract("Bortezomib increased STAT3 mRNA within 6 h and IL-6 secretion at 48 h.")) == [
        ("Bortezomib", "increases", "IL-6 secretion"), ("Bortezomib", "increases", "STAT3 mRNA")]


def test_an_aside_between_a_verb_and_its_object(extract):
    # "IL-3 and GM-CSF induced, similar to IL-5, two DNA-binding complexes": the object follows the aside
    assert _read(extract("Cisplatin and bortezomib induced, similar to melphalan, two DNA-binding complexes.")) == [
        ("Cisplatin", "increases", "two DNA-binding complexes"), ("bortezomib", "increases", "two DNA-binding complexes")]


def test_a_describing_participle_ends_an_object(extract):
    # "led to a senescence-like state characterised by SA-beta-gal positivity": the state, not "state characterised"
    assert _read(extract("Bortezomib induced a senescence-like state characterised by flattened cells.")) == [
        ("Bortezomib", "increases", "senescence-like state")]


def test_a_counted_class_before_its_members_is_no_object(extract):
    # "the activation of two kinases, Jak-1 and Jak-3": the members are the objects, "two kinases" names them
    assert _read(extract("Bortezomib reduced two proteins, STAT3 and gp130, in MCF-7 cells.")) == [
        ("Bortezomib", "decreases", "STAT3"), ("Bortezomib", "decreases", "gp130")]
    # without members after a comma the counted noun is the object
    assert _read(extract("Bortezomib reduced two proteins and STAT3.")) == [
        ("Bortezomib", "decreases", "STAT3"), ("Bortezomib", "decreases", "two proteins")]


def test_the_members_of_a_counted_class_in_an_apposition(extract):
    # "the activation of two kinases, Jak-1 and Jak-3, subsequent steps ...": the members are the objects, also
    # where the clause goes on after them
    from pipeline.relations.lexicon import tokenize
    from pipeline.relations.objects import object_after

    tokens = tokenize("the activation of two kinases, Jak-1 and Jak-3, subsequent steps had not been studied.", 0)
    of = next(k for k, t in enumerate(tokens) if t.text == "of")
    assert [" ".join(t.text for t in tokens[s.first:s.last + 1]) for s in object_after(tokens, of + 1)] == [
        "Jak-1", "Jak-3"]
    # a clause after the comma is no member list
    assert ("Bortezomib", "decreases", "two proteins") in _read(
        extract("Bortezomib reduced two proteins, and cisplatin reduced STAT3."))
