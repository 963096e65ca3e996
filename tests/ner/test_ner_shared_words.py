"""One listing of an ASCII text's words serves the abbreviation scan, the lexicon and the disease word shapes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ner import matcher
from pipeline.ner.matcher import MatchView, _distinct_words, ascii_lower_words, ascii_words
from pipeline.ner.lexicon import LEXICON_DIR
from pipeline.ner.shapes import _LETTER_RUN_WORD, PatternMatcher, _text_words

DISEASE_WORD = r"(?<![0-9A-Za-z])[A-Za-z]{4,}(?![0-9A-Za-z])"  # the @word row of the disease shape tables
ASCII_TEXT = st.text(alphabet=st.sampled_from(list("abcdeXYZ019 -_'.,()/\n\t\r")), max_size=80)


@given(ASCII_TEXT)
def test_the_word_pattern_finds_the_texts_letter_runs(text):
    view = MatchView(text)
    pattern = re.compile(DISEASE_WORD)
    assert _text_words(pattern, view.cased) == frozenset(pattern.findall(view.cased))
    assert frozenset(pattern.findall(view.cased)) == {w for w in ascii_words(text) if len(w) >= 4 and w.isalpha()}


DISEASE_TEXT = st.lists(st.sampled_from(["nephritis", "Nephritis", "anemia", "hepatomas", "Lymphoma", "itis", "IL6",
                                         "nephritis9", "2", "ab", "x", " ", " ", "  ", "-", "- ", "\n", ",", "(", ")",
                                         "_", "'"]), max_size=14).map("".join)


@given(DISEASE_TEXT)
def test_disease_shapes_on_an_ascii_texts_runs_find_what_the_word_pattern_finds(text):
    """The shapes test an ASCII text's runs of letters and digits, not the @word row's matches (tenth round of
    docs/scaling.md): the same spans as on the words the row finds (``original`` None: the plain path)."""
    view = MatchView(text)
    fast, plain = (PatternMatcher(path=LEXICON_DIR / "disease_patterns.tsv", label="DISEASE", ignore_case=True)
                   for _ in range(2))
    assert fast.letter_run_min == 4
    assert list(fast._matches(view.cased, view.lower, text)) == list(plain._matches(view.cased, view.lower, None))
    # and again with the runs remembered as tested, fitting or not
    assert list(fast._matches(view.cased, view.lower, text)) == list(plain._matches(view.cased, view.lower, None))


@given(ASCII_TEXT)
def test_lower_cased_words_of_the_text_equal_those_of_the_view(text):
    assert set(map(str.lower, ascii_words(text))) == _distinct_words(MatchView(text).lower)
    assert ascii_words(text) == frozenset(_distinct_words(text))


@given(st.text(alphabet=st.sampled_from(list("abXZ09 -?'\u2019") + ["é", "\u00a0", "ı", "\U0001d400", "\ud800"]),
               max_size=40))
def test_words_of_any_text_are_its_runs_of_ascii_letters_and_digits(text):
    # the abbreviation scan reads them on texts outside ASCII too: another character ends a run
    assert ascii_words(text) == frozenset(re.findall("[0-9A-Za-z]+", text))


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


@given(ASCII_TEXT)
def test_lower_cased_words_are_the_words_lower_cased_and_kept_for_a_batch(text):
    assert ascii_lower_words(text) == set(map(str.lower, ascii_words(text))) == _distinct_words(MatchView(text).lower)
    assert ascii_lower_words(text) is ascii_lower_words(text)


def test_lower_cased_words_are_forgotten_after_a_batch():
    matcher._ASCII_LOWER_WORDS.clear()
    assert ascii_lower_words("IL-6 binds GP130") == {"il", "6", "binds", "gp130"}
    for n in range(matcher.MAX_REMEMBERED_TEXTS):
        ascii_lower_words(f"text {n}")
    assert len(matcher._ASCII_LOWER_WORDS) <= matcher.MAX_REMEMBERED_TEXTS
    assert "IL-6 binds GP130" not in matcher._ASCII_LOWER_WORDS


def test_runs_that_are_no_word_of_the_row_never_fit(tmp_path):
    """A run with a digit ("9oma") or under the row's length ("oma") is no @word, whatever the shapes say: the
    same spans as the plain path (such runs are tested and remembered, never located)."""
    table = tmp_path / "shapes.tsv"
    table.write_text("family\tregex\nloose\t[a-z0-9]*oma\n@word\t" + DISEASE_WORD + "\n", encoding="utf-8")
    for text in ("9oma and oma, xoma; Loma 9-oma", "oma", "a 9oma"):
        view = MatchView(text)
        fast, plain = (PatternMatcher(path=table, label="DISEASE", ignore_case=True) for _ in range(2))
        assert list(fast._matches(view.cased, view.lower, text)) == list(plain._matches(view.cased, view.lower, None))
    view = MatchView("9oma and oma, xoma; Loma")
    assert list(PatternMatcher(path=table, label="DISEASE", ignore_case=True)._matches(
        view.cased, view.lower, view.text)) == [(14, 18), (20, 24)]
