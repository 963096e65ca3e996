from __future__ import annotations

import pytest

from pipeline.text import split_sentences
from pipeline.ingest.textbuild import Piece, TextBuilder
from pipeline.text import to_raw_span


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "As shown in Fig. 2 the drug works.",
    "Smith et al. [3] showed it.",
    "Cytokines, e.g. IL-6 and IL-11, signal through gp130.",
    "One receptor, i.e. IL-6R, is needed.",
    "Tocilizumab vs. Placebo was compared.",
])
def test_abbreviations_do_not_end_sentences(text):
    assert _split(text) == [text]


def test_splits_after_references_and_parentheses():
    text = "It was approved [47]. Siltuximab binds (NCT01530256). 6a is small. (Figure 1) shows it."
    assert _split(text) == ["It was approved [47].", "Siltuximab binds (NCT01530256).", "6a is small.",
                            "(Figure 1) shows it."]


def test_region_bounds_and_whitespace_trimmed():
    text = "XX  First one. Second one.  YY"
    spans = split_sentences(text, 2, 27)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]


def test_raw_span_mapping_through_separators():
    raw = "alpha-\nbeta gamma\ndelta"
    builder = TextBuilder(raw)
    builder.add_wrapped([Piece(0, 6), Piece(7, 17), Piece(18, 23)])
    text, source_map = builder.build()
    assert text == "alpha-beta gamma delta"
    start = text.index("gamma delta")
    raw_start, raw_end = to_raw_span(source_map, start, start + len("gamma delta"))
    assert raw[raw_start:raw_end] == "gamma\ndelta"


def test_abbreviation_after_an_opening_bracket_does_not_end_a_sentence():
    text = "Chemokines rose (e.g. CXCL9 and CCL8) after IL-6 [i.e. IL6 protein]. Then STAT3 fell."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Chemokines rose (e.g. CXCL9 and CCL8) after IL-6 [i.e. IL6 protein].", "Then STAT3 fell."]
