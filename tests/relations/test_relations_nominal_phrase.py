""""X-induced <phrase>": with no entity after the joined word, the short noun phrase is what X increases."""

from __future__ import annotations

from pipeline.records import Mention


def _nominal(relations):
    return sorted((r.agent_text, r.object_text, r.object_label) for r in relations
                  if r.construction == "nominal_induced")


def test_an_entity_less_phrase_after_x_induced_is_its_object(extract):
    # before: nothing, as "vascular permeability" is no TARGET or DISEASE mention
    rels = extract("Bortezomib inhibits cisplatin-induced vascular permeability and albumin uptake.")
    assert _nominal(rels) == [("cisplatin", "albumin uptake", None), ("cisplatin", "vascular permeability", None)]


def test_no_phrase_object_for_cells_a_chemical_or_a_long_phrase(extract):
    assert _nominal(extract("Bortezomib inhibits cisplatin-stimulated MCF-7 cells.")) == []
    assert _nominal(extract("Bortezomib inhibits cisplatin-stimulated macrophages.")) == []
    assert _nominal(extract("Bortezomib inhibits cisplatin-induced melphalan release.")) == []
    assert _nominal(extract("Bortezomib inhibits cisplatin-induced slow late onset vascular leak.")) == []


def test_a_phrase_object_does_not_keep_the_pair_reader_from_the_agent(extract):
    # a phrase relation is no rule reading of the agent's entities: the pair reader still reads them
    from pipeline.relations.learned import covered

    phrase = extract("In patients, cisplatin-induced vascular leak was followed by a rise of STAT3.")
    entity = extract("Cisplatin-induced nephrotoxicity was severe.")
    assert [r.object_label for r in phrase] == [None] and [r.object_label for r in entity] == ["DISEASE"]
    agent = Mention("doc", 0, 9, "cisplatin", "DRUG", "DB00515", "Cisplatin")
    assert not covered(phrase, agent, agent)
    assert covered(entity, agent, agent)  # the same agent id, read by the rules


def test_a_suspended_hyphen_joins_two_modifiers_of_one_noun(extract):
    # before: objects "melphalan-" and "cisplatin-induced nephrotoxicity", and no melphalan statement
    rels = extract("Bortezomib reduced melphalan- and cisplatin-induced nephrotoxicity.")
    assert sorted((r.agent_text, r.effect, r.object_text) for r in rels) == [
        ("Bortezomib", "decreases", "melphalan- and cisplatin-induced nephrotoxicity"),
        ("cisplatin", "increases", "nephrotoxicity"), ("melphalan", "increases", "nephrotoxicity")]
    # numbers are no suspended modifiers: "3.6- and 1.8-fold" stays two spans (neither names a thing)
    assert extract("Bortezomib raised 3.6- and 1.8-fold the AUC.") == []


def test_x_induced_reaches_every_conjunct_of_its_phrase(extract):
    # before: only STAT3, the entity in reach of "cisplatin-induced"
    rels = extract("Bortezomib repressed cisplatin-induced phosphorylation of STAT3, gp130 and vascular permeability.")
    assert _nominal(rels) == [("cisplatin", "STAT3", "TARGET"), ("cisplatin", "gp130", "TARGET"),
                              ("cisplatin", "vascular permeability", None)]


def test_x_inducible_names_what_x_induces_and_x_is_no_later_subject(extract):
    # "utilizing tamoxifen-inducible Cre driver line": the inducer's statement was not read
    rels = extract("We used a cisplatin-inducible Cre driver line that reduced STAT3 expression.")
    assert _nominal(rels) == [("cisplatin", "Cre driver line", None)]
    assert not [r for r in rels if r.agent_text == "cisplatin" and r.effect == "decreases"]


def test_x_mediated_names_a_cause_as_x_induced_does(extract):
    # issue 18 names "X-mediated Y" among the nominal statements; before, only "-induced" and its kin
    rels = extract("Bortezomib blocked cisplatin-mediated growth inhibition.")
    assert _nominal(rels) == [("cisplatin", "growth inhibition", None)]
