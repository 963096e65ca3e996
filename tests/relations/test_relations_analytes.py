"""Chemicals named as what is measured or as the kind of a noun are no agents (``word_sets.tsv``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Cisplatin oxidation decreased STAT3.",  # "cardiac fatty-acid oxidation"
    "Cisplatin phosphorylation decreased STAT3.",  # "PrlR tyrosine phosphorylation"
    "Cisplatin generation decreased STAT3.",  # "mitochondrial ATP generation"
    "Cisplatin production decreased STAT3.",  # "hydrogen peroxide production"
    "Cisplatin release decreased STAT3.",  # "dopamine release"
    "Membrane cisplatin decreased STAT3.",  # "membrane phospholipids"
])
def test_a_measured_chemical_does_not_act(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize("join", ["negative", "positive", "dependent", "independent"])
def test_a_chemical_joined_to_a_kind_word_does_not_act(extract, join):
    # "estrogen-negative breast cancer cells", "a steroid-dependent manner"
    assert extract(f"Cisplatin-{join} breast cancer decreased STAT3.") == []


def test_a_drugs_pharmacokinetic_measure_makes_it_an_analyte(extract):
    # "Elevated simvastatin AUC in virtual rheumatoid arthritis patients": simvastatin read as studied_in
    assert extract("Elevated melphalan AUC in rheumatoid arthritis patients was comparable to clinical data.") == []
    assert extract("The melphalan Cmax in rheumatoid arthritis patients matched clinical data.") == []
    assert [r.agent_text for r in extract("Melphalan was studied in rheumatoid arthritis patients.")] == ["Melphalan"]
