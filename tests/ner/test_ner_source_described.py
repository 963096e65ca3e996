"""A compound introduced by its source is a DRUG mention (pipeline/ner/source_described.py)."""

from __future__ import annotations

from pipeline.ner.mentions import CharMention
from pipeline.ner.source_described import source_described


def _found(text: str, mentions: list[CharMention] = ()) -> list[str]:
    return [text[m.start:m.end] for m in source_described(text, list(mentions)) if m.label == "DRUG"]


def test_a_name_introduced_by_its_source_is_a_compound_wherever_it_recurs():
    text = ("Zelkovin b inhibits STAT3. Zelkovin B (ZKB) is an active ingredient obtained from the bark of "
            "Zelkova serrata. ZKB suppressed IL-6.")
    assert _found(text) == ["Zelkovin b", "Zelkovin B", "ZKB", "ZKB"]
    assert _found("Rubrinol, a prenylated flavonoid isolated from hops, reduced growth.") == ["Rubrinol"]


def test_a_protein_or_a_known_name_is_not_read_again():
    assert _found("Interleukin-6 is a cytokine derived from macrophages.") == []
    known = [CharMention(0, 8, "DRUG", "DB1", "Curcumin", "lexicon")]
    assert _found("Curcumin is a polyphenol derived from turmeric.", known) == ["Curcumin"]
