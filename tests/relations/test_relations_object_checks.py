"""Objects no statement acts on (``object_checks.py``)."""

from __future__ import annotations


def _objects(relations):
    return [(r.agent_text, r.effect, r.object_text) for r in relations]


def test_a_noun_after_whose_is_the_population_not_an_object(extract):
    relations = extract("Raloxifene is indicated for the treatment of women with osteoporosis "
                        "whose breast cancer risk is high.")
    assert _objects(relations) == [("Raloxifene", "approved_for", "osteoporosis")]


def test_a_bare_participle_is_no_object(extract):
    relations = extract("Melphalan produced dose-related decreases in the weight increases induced by cisplatin.")
    assert not [r for r in relations if r.object_text == "induced"]


def test_a_phase_of_drug_metabolism_is_no_trial(extract):
    relations = extract("Cisplatin and its phase I metabolites were measured in patients with breast cancer.")
    assert not [r for r in relations if r.effect == "in_trial_for"]


def test_a_finding_associated_with_the_verb_is_not_inside_its_object(extract):
    # "wogonin inhibited ... phosphorylation of caveolin-1 associating with the suppression of stabilization
    # of VE-cadherin": the suppression is a finding of its own, not an increase the verb decreases
    relations = extract("Cisplatin inhibited STAT3 phosphorylation associating with the suppression of IL-6 secretion.")
    assert ("Cisplatin", "decreases", "IL-6 secretion") in _objects(relations)



def test_a_toxicity_is_no_indication():
    # "Association of polymorphisms with survival and toxicity in rectal cancer patients treated with 5-FU"
    from pipeline.records import Mention
    from pipeline.relations.extract import extract_relations

    from .conftest import find_mentions, make_document

    text = "Cisplatin was studied in a phase III trial of toxicity in breast cancer."
    start = text.index("toxicity")
    mentions = find_mentions("doc", text) + [Mention("doc", start, start + 8, "toxicity", "DISEASE", "MESH:D064420",
                                                     "Drug-Related Side Effects", "lexicon")]
    relations = extract_relations([make_document(text)], sorted(mentions, key=lambda m: m.start))
    assert [r for r in relations if r.object_text == "toxicity"] == []
    assert "breast cancer" in {r.object_text for r in relations}


def test_an_adverse_example_is_no_indication(extract):
    # "safety issues such as ... macular oedema ... resulted in premature discontinuation of the programme"
    relations = extract("Safety issues such as nephrotoxicity resulted in discontinuation of the bortezomib programme "
                        "for kidney transplantation.")
    assert "nephrotoxicity" not in {r.object_text for r in relations if r.effect == "discontinued_for"}
    relations = extract("Bortezomib was discontinued for multiple myeloma.")
    assert [r.object_text for r in relations if r.effect == "discontinued_for"] == ["multiple myeloma"]


def test_a_gene_naming_the_kind_of_disease_is_no_clinical_object(extract):
    relations = extract("In a phase III trial of cisplatin in women with HER2-positive, locally advanced breast cancer "
                        "or ovarian cancer, the response improved.")
    assert {r.object_text for r in relations if r.effect == "in_trial_for"} == {"breast cancer", "ovarian cancer"}


def test_a_passive_subject_ends_before_its_modal(extract):
    relations = extract("The toxicity of cisplatin can be prevented by melphalan.")
    assert ("melphalan", "decreases", "toxicity of cisplatin") in _objects(relations)
    relations = extract("Nephrotoxicity is a toxicity of cisplatin that can be prevented by melphalan.")
    assert "can" not in {r.object_text for r in relations}


def test_the_second_member_of_a_pair_is_no_object_of_its_own(extract):
    relations = extract("Cisplatin blocks the interaction between STAT3 and gp130.")
    assert "gp130" not in {r.object_text for r in relations}
    # the agent as the first member: its binding statement stays
    relations = extract("Evidence of direct interaction between melphalan and STAT3 was provided by an assay.")
    assert ("melphalan", "binds", "STAT3") in _objects(relations)
