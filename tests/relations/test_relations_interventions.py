"""A gene the study knocks down or expresses is no object of the pair reader (``interventions.py``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "MCF-7 cells expressing STAT3 exhibited less resistance to drugs such as cisplatin and melphalan than control cells.",
    "MCF-7 cells with STAT3 siRNA exhibited less resistance to drugs such as cisplatin and melphalan than control cells.",
])
def test_a_manipulated_gene_is_no_object_of_the_agent(extract, text):
    assert [r for r in extract(text) if r.object_text == "STAT3"] == []


def test_a_gene_the_study_leaves_alone_stays_an_object(mentions_for):
    # read with a model that labels every pair "increases", so the test shows the candidate is kept
    # whatever the shipped model makes of this co-mention
    from pipeline.relations.learned import learned_relations
    from pipeline.relations.pairs import PairModel
    from pipeline.relations.units import iter_units

    from .conftest import make_document

    always = PairModel(["none", "increases"], [0.0, 1.0], {})
    read = {}
    for kind in ("high", "expressing"):
        text = (f"MCF-7 cells with {kind} STAT3 exhibited less resistance to drugs such as cisplatin and "
                "melphalan than control cells.")
        unit = next(iter_units(make_document(text), mentions_for("doc", text), agent_scope="drugs"))
        read[kind] = [r.agent_text for r in learned_relations(unit, [], lambda: "unknown", always)
                      if r.object_text == "STAT3"]
    assert read == {"high": ["cisplatin", "melphalan"], "expressing": []}


@pytest.mark.parametrize("text", [
    "Cisplatin increased STAT3 in MCF-7 cells, where treatment with IL-6 antiserum abolished cell proliferation.",
    "Cisplatin increased apoptosis in MCF-7 cells, and knockdown of STAT3 abolished cell proliferation.",
])
def test_an_antibody_or_knockdown_before_the_verb_is_its_subject(extract, text):
    # "KGF exhibited mitogenic effects in PCSCs, where treatment with KGF antiserum abolished cell proliferation"
    assert [r for r in extract(text) if r.object_text == "cell proliferation"] == []


def test_an_antibody_describing_the_agent_does_not_displace_it(extract):
    rels = extract("Siltuximab, an anti-IL-6 antibody, reduced cell proliferation.")
    assert [(r.agent_text, r.object_text) for r in rels if r.effect == "decreases"] == [("Siltuximab", "cell proliferation")]
