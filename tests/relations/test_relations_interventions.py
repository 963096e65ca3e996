"""A gene the study knocks down or expresses is no object of the pair reader (``interventions.py``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "MCF-7 cells expressing STAT3 exhibited less resistance to drugs such as cisplatin and melphalan than control cells.",
    "MCF-7 cells with STAT3 siRNA exhibited less resistance to drugs such as cisplatin and melphalan than control cells.",
])
def test_a_manipulated_gene_is_no_object_of_the_agent(extract, text):
    assert [r for r in extract(text) if r.object_text == "STAT3"] == []


def test_a_gene_the_study_leaves_alone_stays_an_object(extract):
    relations = extract("MCF-7 cells with high STAT3 exhibited less resistance to drugs such as cisplatin and "
                        "melphalan than control cells.")
    assert [(r.agent_text, r.construction) for r in relations if r.object_text == "STAT3"] == [("cisplatin", "learned")]
