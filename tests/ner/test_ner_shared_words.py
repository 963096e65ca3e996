"""One listing of an ASCII text's words serves the abbreviation scan, the lexicon and the disease word shapes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ner import matcher
from pipeline.ner.matcher import MatchView, _distinct_words, ascii_words
from pipeline.ner.shapes import _LETTER_RUN_WORD, _text_words

DISEASE_WORD = r"(?<![0-9A-Za-z])[A-Za-z]{4,}(?![0-9A-Za-z])"  # the @word row of the disease shape tables
ASCII_TEXT = st.text(alphabet=st.sampled_from(list("abcdeXYZ019 -_'.,()/\n\t\r")), max_size=80)


@given(ASCII_TEXT)
def test_letter_runs_from_the_texts_words_equal_the_word_pattern(text):
    view = MatchView(text)
    pattern = re.compile(DISEASE_WORD)
    assert _text_words(pattern, view.cased, text, 4) == frozenset(pattern.findall(view.cased))
    assert _text_words(pattern, view.cased, None, 4) == frozenset(pattern.findall(view.cased))


@given(ASCII_TEXT)
def test_lower_cased_words_of_the_text_equal_those_of_the_view(text):
    assert set(map(str.lower, ascii_words(text))) == _distinct_words(MatchView(text).lower)
    assert ascii_words(text) == frozenset(_distinct_words(text))


def test_the_disease_word_row_is_recognised_and_its_length_read():
    assert int(_LETTER_RUN_WORD.fullmatch(DISEASE_WORD).group(1)) == 4
    assert _LETTER_RUN_WORD.fullmatch(r"(?<![0-9A-Za-z])[A-Za-z0-9]{4,}(?![0-9A-Za-z])") is None


def test_words_are_remembered_for_a_batch_and_forgotten_after():
    matcher._ASCII_WORDS.clear()
    first = ascii_words("IL-6 binds gp130")
    assert first == {"IL", "6", "binds", "gp130"} and ascii_words("IL-6 binds gp130") is first
    for n in range(matcher.MAX_REMEMBERED_TEXTS):
        ascii_words(f"text {n}")
    assert len(matcher._ASCII_WORDS) <= matcher.MAX_REMEMBERED_TEXTS
    assert "IL-6 binds gp130" not in matcher._ASCII_WORDS
