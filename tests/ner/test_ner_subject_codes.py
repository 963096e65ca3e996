"""A code-shaped word right before an effect verb is a compound (pipeline/ner/subject_codes.py)."""

from __future__ import annotations

from pipeline.ner.components import CharMention, _cued_code_mentions
from pipeline.ner.subject_codes import subject_codes


def _codes(text: str) -> list[str]:
    return [text[a:b] for a, b in subject_codes(text)]


def test_a_code_acting_as_a_subject_is_a_compound():
    # "GO-Y030 inhibited STAT3 phosphorylation": a new curcumin analog no lexicon lists, so no relation was read
    text = "GO-Y030 inhibited STAT3. LLL12 also induced apoptosis, and SH-4-54 significantly reduced growth."
    assert _codes(text) == ["GO-Y030", "LLL12", "SH-4-54"]


def test_measures_variants_micro_rnas_and_other_verbs_are_not():
    assert _codes("IC50 decreased 3-fold. C1007G decreased it. miR-21 inhibited PTEN. XY123 cells inhibited it.") == []
    assert _codes("SUM159PT exhibited higher IL-6 levels.") == []  # "exhibited": as often an unlisted cell line
    assert _codes("AB1 inhibited it.") == []  # one digit: too short to tell from a gene or clone name


def test_an_acting_code_the_lexicons_found_keeps_their_entity():
    text = "SUM149 inhibited nothing, while GO-Y030 inhibited STAT3."
    cell_line = CharMention(0, 6, "CELL_LINE", "CVCL_3422", "SUM149", "lexicon")
    assert list(_cued_code_mentions(text, [cell_line])) == ["GO-Y030"]
