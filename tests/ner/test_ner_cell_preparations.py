"""Preparations made from cells and applied to other cells (pipeline.ner.cell_preparations)."""

from __future__ import annotations

from pipeline.ner.cell_preparations import CellPreparationMatcher
from pipeline.ner.matcher import MatchView


def _found(text):
    return [(text[c.start:c.end], c.entry.norm_id) for c in CellPreparationMatcher().candidates(MatchView(text))]


def test_conditioned_media_and_derived_exosomes_with_their_short_forms():
    text = "Adipocyte-conditioned medium (ACM) was used; ACM raised STAT3. CAF-derived exosomes (CAF-Exo) too."
    assert _found(text) == [("Adipocyte-conditioned medium", "drug:adipocyteconditionedmedium"),
                            ("CAF-derived exosomes", "drug:cafderivedexosomes"),
                            ("ACM", "drug:adipocyteconditionedmedium"), ("ACM", "drug:adipocyteconditionedmedium"),
                            ("CAF-Exo", "drug:cafderivedexosomes")]


def test_a_bare_conditioned_medium_needs_its_own_short_form():
    assert [name for name, _ in _found("Their conditioned medium (TAM-CM) was collected; TAM-CM acted.")] == [
        "conditioned medium", "TAM-CM", "TAM-CM"]
    # no short form: a medium, not a named agent; a lower-case word in brackets is no short form
    assert _found("The conditioned medium was collected.") == []
    assert [name for name, _ in _found("Tumour-conditioned medium (pH 7) acted.")] == ["Tumour-conditioned medium"]
