"""Organism extracts as DRUG mentions (pipeline/ner/extracts.py)."""

from __future__ import annotations

from pipeline.ner.extracts import ExtractMatcher
from pipeline.ner.matcher import MatchView


def _found(text: str) -> list[str]:
    return [text[c.start:c.end] for c in ExtractMatcher().candidates(MatchView(text))]


def test_a_binomial_name_before_extract_is_a_drug_and_a_verb_extract_is_not():
    # "Ginkgo biloba extract (GBE)" was no mention at all, and its short form became the gene GBE1.
    text = ("Ginkgo biloba extract (GBE) was given. These cells extract iron; Crocus sativus L. extract, "
            "S. virgaurea extract and Daucus carota seed extracts too.")
    assert _found(text) == ["Ginkgo biloba extract", "Crocus sativus L. extract", "S. virgaurea extract",
                            "Daucus carota seed extracts"]
    assert _found("No extracts here, and Ginkgo biloba alone.") == []


def test_offsets_are_end_exclusive_into_the_original_text():
    text = "Treated with\u00a0Ginkgo biloba extract."
    (candidate,) = ExtractMatcher().candidates(MatchView(text))
    assert text[candidate.start:candidate.end] == "Ginkgo biloba extract"
    assert candidate.entry.label == "DRUG" and candidate.entry.norm_id == "drug:ginkgobilobaextract"


def test_a_common_source_name_before_extract_is_a_drug_and_a_solvent_or_sample_is_not():
    # "groundnut extract", "Cannonau red wine extract" were no mentions; BC5CDR train annotates "Grape seed extract".
    text = ("Pretreatment with groundnut extract, red wine extract and grape seed extract; cell extracts, "
            "the methanol extract, an ethanolic extract, crude extracts and seed extract were controls.")
    assert _found(text) == ["groundnut extract", "red wine extract", "grape seed extract"]
