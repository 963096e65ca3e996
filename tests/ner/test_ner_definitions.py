"""Abbreviation definitions on a plain text, tokenized only around brackets, equal those found on a whole Doc."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scispacy.abbreviation import filter_matches, find_abbreviation as scispacy_find_abbreviation

from pipeline.ner.abbreviations import Definition, DefinitionDetector, _parenthesis_matches, doc_definitions
from pipeline.ner.definitions import find_definitions, find_definitions_many
from pipeline.ner.factory import build_nlp
from pipeline.ner.schwartz_hearst import Tokens, candidates, find_abbreviation


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("fast", compiled=False, prime=False)


def on_doc(nlp, text: str) -> list[Definition]:
    return doc_definitions(DefinitionDetector(nlp)(nlp.make_doc(text)))


FIXTURES = [
    "Interleukin-6 (IL-6) binds the IL-6 receptor (IL-6R); IL-6 and IL-6R then recruit gp130.",
    "IL-6 (interleukin 6, a pleiotropic cytokine) was measured.",  # short form before the brackets
    "(IL-6) opens the text, and TCZ (tocilizumab) follows.",
    "A very long winded name of one thing that goes on and on (VLWNOTTGOAO) ends here.",
    "signal transducer and activator of transcription 3 (STAT3 )",
    "tumour necrosis factor\n(TNF) and  (TNF-a) and\t(TNFa)",
    "patients (n = 45) received tocilizumab (TCZ) (8 mg/kg) or placebo (P < 0.05).",
    "Ca(2+) signalling (CaS) and calcium (Ca) in cells (HeLa, MCF-7).",
    "we cannot (CN) say; it is gonna (GN) rain (data not shown)",
    "unbalanced ( (IL-6) ) and nested (the (IL-6R) receptor) brackets",
    "résistance à l'interleukine (RIL) et protéine (PRT)",
    "the MG (10mg given per day) dose",  # the tokenizer splits "10|mg": a word starts after a digit
    "IL-6 (IL-6) twice: interleukin 6 (IL-6) and interleukin six (IL-6).",
    " (interleukin\nthe factor (IL-6) IL-6 (the factor) ",  # leading whitespace is a token of the window
    "\n(IL-6) interleukin 6 (IL6)",
    "",
    "no brackets at all",
]


@pytest.mark.parametrize("text", FIXTURES)
def test_text_definitions_equal_doc_definitions(nlp, text):
    with nlp.memory_zone():
        assert find_definitions(text, nlp.tokenizer) == on_doc(nlp, text)


def test_a_batch_of_texts_gives_each_texts_definitions(nlp):
    # the batch's new chunks are tokenized in one call (ChunkTokens.learn), the definitions read text by text
    with nlp.memory_zone():
        assert find_definitions_many(FIXTURES, nlp.tokenizer) == [on_doc(nlp, text) for text in FIXTURES]


def test_definitions_have_end_exclusive_offsets_into_the_text(nlp):
    text = FIXTURES[0]
    found = find_definitions(text, nlp.tokenizer)
    assert [(d.short, d.long) for d in found] == [("IL-6", "Interleukin-6"), ("IL-6R", "IL-6 receptor")]
    for definition in found:
        assert text[definition.short_start:definition.short_end] == definition.short
        assert text[definition.long_start:definition.long_end] == definition.long


def test_a_long_form_far_before_its_brackets_is_found(nlp):
    text = "x " * 40 + "alpha beta gamma delta epsilon zeta theta iota kappa (ABGDEZTIK) end"
    [definition] = find_definitions(text, nlp.tokenizer)
    assert definition.long.startswith("alpha") and definition == on_doc(nlp, text)[0]


def test_a_region_ends_at_the_last_bracket_a_definition_may_close_at(nlp):
    # the words after it are not tokenized: a definition opening at this "(" reads none of them
    from pipeline.ner.definitions import _Scan

    text = "Interleukin 6 (IL-6) was measured in the serum of all patients (n = 45) here."
    assert _Scan(text, nlp.tokenizer).reach(text.index("(")) == (0, 2)  # back to "Interleukin", to "(IL-6)"
    text = "IL-6 (interleukin 6, a cytokine) was measured in the serum of all the patients here."
    assert _Scan(text, nlp.tokenizer).reach(text.index("(")) == (0, 4)  # "IL-6" to "cytokine)"
    assert _Scan("IL-6 (n = 45) was measured.", nlp.tokenizer).reach(5) is None


WORDS = st.sampled_from([
    "interleukin", "Interleukin-6", "IL-6", "IL6", "receptor", "IL-6R", "tumor", "necrosis", "factor", "TNF",
    "alpha", "TNF-alpha", "signal", "transducer", "STAT3", "cells", "patients", "n", "=", "45", "P", "<", "0.05",
    "10mg", "mg/kg", "cannot", "gonna", "Can't", "data", "not", "shown", "Fig.", "2A", "é", "Ca(2+)", "a", "of",
])
GAPS = st.sampled_from([" ", " ", " ", "", "  ", "\n", " \n ", "\t"])
BRACKETS = st.sampled_from(["(", ")", "(", ")", " (", ") "])
LONG_FORMS = st.lists(st.sampled_from(["interleukin", "6", "receptor", "tumor", "necrosis", "factor", "alpha",
                                       "signal", "transducer", "of", "the", "-", "cannot", "gonna"]),
                      min_size=1, max_size=9).map(" ".join)
SHORT_FORMS = st.sampled_from(["IL-6", "IL6", "IL-6R", "TNF", "TNF-a", "ST", "ITR", "IL 6", "Il6R", "CG", "6"])
# "long (short)" and "short (long)": the two shapes scispaCy looks for, amid the noise above
DEFINITIONS = st.tuples(LONG_FORMS, SHORT_FORMS, st.booleans()).map(
    lambda parts: f"{parts[0]} ({parts[1]})" if parts[2] else f"{parts[1]} ({parts[0]})")


@given(st.lists(st.tuples(st.one_of(WORDS, BRACKETS, DEFINITIONS), GAPS), max_size=40))
def test_definitions_property_text_path_equals_doc_path(nlp, pieces):
    text = "".join(word + gap for word, gap in pieces)
    with nlp.memory_zone():
        assert find_definitions(text, nlp.tokenizer) == on_doc(nlp, text)


@given(st.lists(st.tuples(st.one_of(WORDS, BRACKETS, DEFINITIONS), GAPS), max_size=30))
def test_schwartz_hearst_property_plain_tokens_equal_scispacy(nlp, pieces):
    text = "".join(word + gap for word, gap in pieces)
    with nlp.memory_zone():
        doc = nlp.make_doc(text)
        tokens = Tokens(text, tuple(t.text for t in doc), tuple(t.idx for t in doc),
                        tuple(bool(t.whitespace_) for t in doc))
        expected = [((long.start, long.end), (short.start, short.end))
                    for long, short in filter_matches(_parenthesis_matches(doc), doc)]
        assert candidates(tokens) == expected
        for long, short in expected:
            _short, long_form = scispacy_find_abbreviation(doc[long[0]:long[1]], doc[short[0]:short[1]])
            want = None if long_form is None else (long_form.start, long_form.end)
            assert find_abbreviation(tokens, long, short) == want


@given(st.lists(st.sampled_from(["can", "Can't", "can’t", "cannot", "cannotx", "xcannot", "gonna", "Im", "im",
                                 "immune", "'", "’", "ve", "t", "s", "n", " ", "-", "9", "it's", "Crohn's", "é",
                                 "?", "\u00a0"]),
                max_size=12))
def test_split_words_property_set_lookup_equals_the_pattern(nlp, pieces):
    from pipeline.ner.definitions import _split_words

    finder, text = _split_words(nlp.tokenizer), "".join(pieces)
    assert finder.by_set
    assert finder.search(text) == (finder.pattern.search(text) is not None)


@given(st.lists(st.tuples(st.sampled_from(["", "IL-6", "(TNF)", "é", "a", "\u200b", "\x7f", "\ud800"]),
                          st.sampled_from([" ", " ", "", "  ", "\n", "\u00a0", "\t", "\u2009", "\u2028", "\x1f"])),
                max_size=12))
def test_chunks_property_equal_the_whitespace_split_spans(pieces):
    from pipeline.ner.definitions import _CHUNK, _chunks

    text = "".join(word + gap for word, gap in pieces)
    starts, ends = _chunks(text)
    assert list(zip(starts, ends)) == [match.span() for match in _CHUNK.finditer(text)]
