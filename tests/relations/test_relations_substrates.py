"""A compound named as an enzyme's substrate affects no gene after the cue (``substrates.py``)."""

from __future__ import annotations


def test_the_enzyme_acts_on_its_substrate(extract):
    # "Lapatinib is metabolized primarily by the cytochrome P450 3A4 isozyme, with 1 metabolite remaining
    # active against EGFR": the metabolite's activity, not lapatinib's
    rels = extract("Cisplatin is metabolized primarily by the liver, with one metabolite remaining active against STAT3.")
    assert [r for r in rels if r.object_text == "STAT3"] == []


def test_a_statement_before_the_cue_stays(extract):
    rels = extract("Cisplatin inhibits STAT3 and is metabolized by the liver.")
    assert [(r.agent_text, r.effect, r.object_text) for r in rels] == [("Cisplatin", "decreases", "STAT3")]
