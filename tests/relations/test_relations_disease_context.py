"""Disease context = the disease the statement itself names (issue 19's two cases)."""

from __future__ import annotations

from pipeline.records import Mention
from pipeline.relations.extract import extract_relations


def _one(relations, agent_id, effect, object_part):
    found = [r for r in relations if r.agent_id == agent_id and r.effect == effect and object_part in r.object_text]
    assert found, [(r.agent_id, r.effect, r.object_text) for r in relations]
    return found[0]


def test_approval_names_its_own_indication_not_the_other_agents_disease(extract) -> None:
    relations = extract("Only tocilizumab and siltuximab have been approved in the US for the treatment of "
                        "rheumatoid arthritis and Castleman's disease respectively.")
    siltuximab = _one(relations, "agent:siltuximab", "approved_for", "Castleman")
    assert siltuximab.disease == "Castleman's disease"
    assert _one(relations, "agent:tocilizumab", "approved_for", "rheumatoid").disease == "rheumatoid arthritis"


def test_a_bare_disease_head_keeps_the_word_written_before_it(document_for, mentions_for) -> None:
    text = "Raloxifene did not increase endometrial cancer in postmenopausal women."
    start = text.index("cancer")
    # only the head word "cancer" is recognised, as the lexicon does for "endometrial cancer"
    mentions = mentions_for("doc", text) + [Mention("doc", start, start + 6, "cancer", "DISEASE", "MESH:D009369",
                                                     "Neoplasms")]
    relation = _one(extract_relations([document_for(text)], sorted(mentions, key=lambda m: m.start)),
                    "agent:raloxifene", "increases", "cancer")
    assert relation.negated
    assert relation.disease == "endometrial cancer"


def test_a_population_is_not_a_disease_and_a_recognised_disease_is_kept_as_recognised(extract) -> None:
    relations = extract("Sirukumab was studied in healthy subjects. "
                        "Siltuximab reduced IL-6-induced ovarian cancer growth.")
    assert all(r.disease != "healthy subjects" for r in relations)
    assert _one(relations, "agent:siltuximab", "decreases", "ovarian").disease == "ovarian cancer"


def test_a_chemical_inside_a_disease_named_by_its_lack_is_no_agent(document_for, mentions_for):
    """Bug: "hypertension induced by nitric oxide (NO) deficiency" gave nitric oxide increases hypertension
    (BioRED train): the chemical the patient lacks does not act (relations/units.py, ``_without_lacking``)."""
    text = "Mechanisms of nephrotoxicity induced by cisplatin (DDP) deficiency."
    document = document_for(text)
    mentions = mentions_for("doc", text)
    assert [(r.agent_text, r.effect, r.object_text) for r in extract_relations([document], mentions)] == [
        ("cisplatin", "increases", "nephrotoxicity")]  # the chemical alone acts
    lack = Mention("doc", text.index("cisplatin"), text.index("."), "cisplatin (DDP) deficiency", "DISEASE",
                   "disease:cisplatindeficiency", "cisplatin (DDP) deficiency", "pattern")
    assert extract_relations([document], sorted([*mentions, lack], key=lambda m: m.start)) == []
