""""X causes <disease>", "<disease> after X administration" (adverse.py): X increases the disease.
Sentences written for these tests; the module is read alone (no pair-reader relations found before it)
except where the rules' own relations matter."""

from __future__ import annotations

from pipeline.relations import adverse
from pipeline.relations.units import iter_units

from .conftest import find_mentions, make_document


def _alone(text: str) -> list[tuple[str, str, str, bool]]:
    unit = next(iter(iter_units(make_document(text), find_mentions("doc", text), (), "all")))
    return sorted((r.agent_text, r.effect, r.object_text, r.negated)
                  for r in adverse.adverse_relations(unit, [], lambda: "unknown"))


def test_a_causal_verb_with_a_disease_object():
    assert _alone("Cisplatin often causes nephrotoxicity and osteoporosis in children.") == [
        ("Cisplatin", "increases", "nephrotoxicity", False), ("Cisplatin", "increases", "osteoporosis", False)]
    assert _alone("Chronic bortezomib use could lead to severe nephrotoxicity.") == [
        ("bortezomib", "increases", "nephrotoxicity", False)]
    assert _alone("Administration of melphalan (10 mg/kg) resulted in nephrotoxicity.") == [
        ("melphalan", "increases", "nephrotoxicity", False)]
    assert _alone("Both cisplatin and melphalan produce lasting nephrotoxicity.") == [
        ("cisplatin", "increases", "nephrotoxicity", False), ("melphalan", "increases", "nephrotoxicity", False)]
    # a list goes on past items that are no disease
    assert _alone("Cisplatin use leads to nephrotoxicity, oxidative stress and osteoporosis.") == [
        ("Cisplatin", "increases", "nephrotoxicity", False), ("Cisplatin", "increases", "osteoporosis", False)]


def test_a_causal_verb_needs_a_disease_heading_its_object():
    assert _alone("Cisplatin treatment resulted in breast cancer regression.") == []
    assert _alone("Cisplatin caused a rise in IL-6 levels.") == []
    assert _alone("Cisplatin led to less nephrotoxicity than expected.") == []
    assert _alone("The vehicle of cisplatin in saline caused nephrotoxicity.") == []


def test_a_causal_verb_denied():
    assert _alone("Cisplatin did not cause nephrotoxicity in these mice.") == [
        ("Cisplatin", "increases", "nephrotoxicity", True)]


def test_a_coordinated_verb_shares_the_subject(extract):
    rels = extract("Cisplatin inhibited STAT3 but produces lasting nephrotoxicity.")
    assert ("Cisplatin", "increases", "nephrotoxicity") in {
        (r.agent_text, r.effect, r.object_text) for r in rels if r.construction == adverse.CONSTRUCTION}


def test_a_disease_after_a_treatment():
    assert _alone("Massive osteoporosis and nephrotoxicity after oral melphalan administration in a patient.") == [
        ("melphalan", "increases", "nephrotoxicity", False), ("melphalan", "increases", "osteoporosis", False)]
    assert _alone("Prolonged nephrotoxicity during use of a combined therapy with cisplatin.") == [
        ("cisplatin", "increases", "nephrotoxicity", False)]
    assert _alone("Nephrotoxicity (NT) is most often manifested following chronic cisplatin treatment.") == [
        ("cisplatin", "increases", "Nephrotoxicity", False)]
    # the members a bracket names after a class
    assert _alone("Nephrotoxicity after the use of JAK inhibitors (melphalan or bortezomib) was rare.") == [
        ("JAK inhibitors", "increases", "Nephrotoxicity", False), ("bortezomib", "increases", "Nephrotoxicity", False),
        ("melphalan", "increases", "Nephrotoxicity", False)]


def test_a_time_cue_that_says_something_else():
    assert _alone("The survival of patients with breast cancer after cisplatin was long.") == []
    assert _alone("A marked reduction of nephrotoxicity after melphalan was seen.") == []
    assert _alone("Recurrent nephrotoxicity after cisplatin withdrawal was rare.") == []
    assert _alone("Nephrotoxicity after surgery was treated in the clinic with cisplatin.") == []


def test_the_authors_as_subject_are_no_agent(extract):
    rels = extract("To test whether cisplatin inhibits STAT3 in the kidney, we induced nephrotoxicity in rats.")
    assert not [r for r in rels if r.object_text == "nephrotoxicity" and r.effect == "increases"]


def test_a_treated_group_that_develops_a_disease():
    assert _alone("In contrast, cisplatin-treated FVB Tg mice developed nephrotoxicity in a dose-dependent manner.") == [
        ("cisplatin", "increases", "nephrotoxicity", False)]
    assert _alone("Rats treated with melphalan showed severe nephrotoxicity.") == [
        ("melphalan", "increases", "nephrotoxicity", False)]
    # a group verb needs a treated group: a bare agent subject states no onset
    assert _alone("Melphalan showed nephrotoxicity-like staining.") == []
    assert _alone("Melphalan-treated mice showed increased IL-6 in osteoporosis.") == []
