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


def test_a_preparation_of_a_binomial_source_is_a_drug_with_its_solvent_word():
    # "Ethanol extract of Adiantum ..." was found as the solvent "Ethanol" alone, which then acted.
    text = ("The methanol extract of Salvia miltiorrhiza-rubra L. and aqueous extracts of Panax ginseng were "
            "given; an extract of Ginkgo biloba too, but the extract of the cells was a control.")
    assert _found(text) == ["methanol extract of Salvia miltiorrhiza-rubra L.", "aqueous extracts of Panax ginseng",
                            "extract of Ginkgo biloba"]


def test_an_essential_oil_is_a_preparation_and_its_abbreviation_after_a_latin_name_is_one_too():
    text = ("Essential oil of Mentha piperita and rose essential oil were tested, as was the essential oil from "
            "bitter orange (Citrus aurantium L.) (BOEO). BOEO reduced IL-6; the essential oil from cells (ZZ) no.")
    assert _found(text) == ["Essential oil of Mentha piperita", "essential oil from bitter orange", "rose essential oil",
                            "BOEO", "BOEO"]


def test_a_source_that_ends_like_an_adjective_is_a_source_when_listed():
    assert _found("Aged garlic extract and turmeric extract, but not an ethanolic extract.") == [
        "Aged garlic extract", "turmeric extract"]


def test_a_tea_named_by_its_source_is_a_preparation_and_a_way_of_taking_it_is_not():
    # "Goishi tea" / "Goishi-tea", the agent of every finding of an abstract, was no mention at all.
    text = ("Goishi tea and green tea were given; mice fed Goishi-tea lost weight. Drinking tea, the tea, "
            "herbal tea, hot tea and a steady instead were not sources; TEA blocks channels.")
    assert _found(text) == ["Goishi tea", "green tea", "Goishi-tea"]
