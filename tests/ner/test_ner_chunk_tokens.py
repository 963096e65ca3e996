"""A region's tokens assembled from its chunks' remembered tokens equal the tokenizer's on the region."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import re

import spacy

from pipeline.ner.chunk_tokens import ChunkTokens, letters_stay_whole, spacy_tokens
from pipeline.ner.regex_prefix import may_match_in_letters
from pipeline.ner.factory import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("fast", compiled=False, prime=False)


class CountingTokenizer:
    """The tokenizer, counting its calls."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer, self.calls = tokenizer, 0

    def __call__(self, text: str):
        self.calls += 1
        return self.tokenizer(text)


class SeeThroughCountingTokenizer(CountingTokenizer):
    """A counting tokenizer that shows the tokenizer's rules (so a run of letters may skip it)."""

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


CHUNKS = st.sampled_from([
    "Interleukin-6", "(IL-6)", "IL-6R)", "(n", "=", "45)", "10mg/kg", "cells.", "(Fig.", "2A),", "can't", "cannot",
    "e.g.", "i.e.,", "Ca(2+)", "[3H]nicotine", "TNF-\u03b1", "r\u00e9sistance", "p<0.05", "U.S.", "(", ")", "-", "'s",
    "http://example.org/a(b)", "x", "1.", "\u2002", "IL-6-induced", "(STAT3/JAK2)", "\u00b0C", "\u2013", "3'-UTR",
])
SEPARATORS = st.sampled_from([" ", " ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2002 "])


@given(st.lists(st.tuples(CHUNKS, SEPARATORS), min_size=1, max_size=25))
def test_region_tokens_equal_the_tokenizers(nlp, pieces):
    region = "".join(chunk + separator for chunk, separator in pieces)[:-1].strip()
    if not region:
        return
    remembered = ChunkTokens(nlp.tokenizer, limit=40)  # small: forgetting is exercised too
    with nlp.memory_zone():
        for _ in range(2):  # the second time from memory
            assert remembered.tokens(region) == spacy_tokens(nlp.tokenizer, region)


def test_chunks_met_before_are_not_tokenized_again(nlp):
    counting = CountingTokenizer(nlp.tokenizer)
    remembered = ChunkTokens(counting)
    first = remembered.tokens("Interleukin-6 (IL-6) binds gp130.")
    assert counting.calls == 1
    second = remembered.tokens("(IL-6) binds Interleukin-6")
    assert counting.calls == 1  # every chunk remembered
    assert second.words == ("(", "IL-6", ")", "binds", "Interleukin-6")
    assert second.starts == (0, 1, 5, 7, 13) and second.spaces == (False, False, True, True, False)
    assert first == spacy_tokens(nlp.tokenizer, "Interleukin-6 (IL-6) binds gp130.")


def test_the_new_chunks_of_many_regions_are_tokenized_in_one_call(nlp):
    counting = CountingTokenizer(nlp.tokenizer)
    remembered = ChunkTokens(counting)
    regions = ["Interleukin-6 (IL-6) binds", "gp130. (TNF-a)", "binds IL-6\nagain"]
    remembered.learn(regions)
    assert counting.calls == 1
    assert "again" not in remembered.known  # a region with other whitespace goes to the tokenizer whole
    assert [remembered.tokens(region) for region in regions[:2]] == [spacy_tokens(nlp.tokenizer, r) for r in regions[:2]]
    assert counting.calls == 1  # every chunk known: the regions' tokens come from memory
    remembered.learn(regions)
    assert counting.calls == 1


def test_other_whitespace_goes_to_the_tokenizer(nlp):
    counting = CountingTokenizer(nlp.tokenizer)
    remembered = ChunkTokens(counting)
    for region in ("IL-6  binds", "IL-6\nbinds", "1.\u2002 (UGTs)"):
        assert remembered.tokens(region) == spacy_tokens(nlp.tokenizer, region)
    assert counting.calls == 3 and not remembered.known


def test_memory_is_bounded(nlp):
    remembered = ChunkTokens(nlp.tokenizer, limit=3)
    remembered.tokens("a b c")
    assert len(remembered.known) == 3
    assert remembered.tokens("d e") == spacy_tokens(nlp.tokenizer, "d e")
    assert set(remembered.known) == {"d", "e"}


LETTER_CHUNKS = st.one_of(st.text(alphabet=st.sampled_from(list("abzAZqQ")), min_size=1, max_size=8),
                          st.sampled_from(["cannot", "Cannot", "gonna", "dont", "Im", "id", "Id", "ive", "lets",
                                           "e", "s", "mg", "km", "Dont", "whats", "y", "n", "ca", "t"]))


@given(st.lists(st.one_of(LETTER_CHUNKS, CHUNKS), min_size=1, max_size=12))
def test_runs_of_letters_are_one_token_unless_a_special_case(nlp, chunks):
    """The fast path (a run of ASCII letters that is no special case is one token, no tokenizer call) gives
    the tokenizer's tokens; special cases ("cannot": "can" "not") still go to the tokenizer."""
    region = " ".join(chunks)
    remembered = ChunkTokens(nlp.tokenizer)
    assert remembered.special is not None  # the fast profile's tokenizer keeps runs of letters whole
    with nlp.memory_zone():
        assert remembered.tokens(region) == spacy_tokens(nlp.tokenizer, region)


def test_letter_runs_skip_the_tokenizer(nlp):
    counting = SeeThroughCountingTokenizer(nlp.tokenizer)
    remembered = ChunkTokens(counting)
    assert remembered.tokens("binds the Cells").words == ("binds", "the", "Cells") and counting.calls == 0
    assert remembered.tokens("binds cannot").words == ("binds", "can", "not") and counting.calls == 1


def test_a_tokenizer_splitting_letters_is_always_called():
    tokenizer = spacy.blank("en").tokenizer
    assert letters_stay_whole(tokenizer)
    tokenizer.infix_finditer = re.compile(r"(?<=a)(?=b)").finditer  # splits "ab" into "a" "b"
    assert not letters_stay_whole(tokenizer)
    remembered = ChunkTokens(tokenizer)
    assert remembered.special is None
    assert remembered.tokens("xaby ab").words == spacy_tokens(tokenizer, "xaby ab").words == ("xa", "by", "a", "b")


def test_patterns_that_may_match_in_letters():
    may = [r"(?<=a)(?=b)", r"km$", r"[^0-9]", r"\w+", r"(?:x|\.)", r"a*\.?", r"^", r"(?!\d)"]
    never = [r"'s$", r"(?<=[0-9])(?:km|mg)$", r"\.\.+", r"[0-9]", r"(?:\(|\))", r"\d", r"(?<=\d)[a-z]", r"[\s,]"]
    assert all(may_match_in_letters(re.compile(p)) for p in may)
    assert not any(may_match_in_letters(re.compile(p)) for p in never)


def test_a_new_chunk_memory_of_the_same_tokenizer_does_not_parse_its_patterns_again(nlp):
    """Each benchmark pass starts a new ``ChunkTokens``; the verdict on the tokenizer's affix patterns is
    remembered per pattern (equal patterns, equal verdicts)."""
    ChunkTokens(nlp.tokenizer)
    parsed = may_match_in_letters.cache_info().misses
    again = ChunkTokens(nlp.tokenizer)
    assert may_match_in_letters.cache_info().misses == parsed
    assert again.special is not None and again.tokens("Interleukin six").words == ("Interleukin", "six")
    assert may_match_in_letters(re.compile("[0-9]")) is may_match_in_letters(re.compile("[0-9]")) is False
