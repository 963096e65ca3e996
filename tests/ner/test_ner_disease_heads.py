"""The learned disease heads are found among an ASCII text's runs of letters and digits where an automaton
over the whole text finds them (docs/scaling.md, "Twelfth round")."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.ner.disease_heads import head_spans, heads_by_automaton, heads_by_words

HEADS = frozenset({"syndrome", "disorder", "disorders", "disease", "order", "pain", "block"})
PIECES = st.sampled_from(["syndrome", "Syndrome", "SYNDROMES", "disorder", "disorders", "Disorder", "order", "pain",
                          "painful", "2pain", "pain2", "block", "x", " ", " ", "-", "_", "'", ",", "(", ")", "/", "\n",
                          "9", "é", "İ"])


@given(st.lists(PIECES, max_size=20).map("".join))
@example("pre-disease, Reye syndrome_x and movement disorders (pain)")
@example("disorder disorders order-pain")
def test_heads_among_the_words_are_where_the_automaton_finds_them(text):
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    expected = heads_by_automaton(lowered, HEADS)
    assert head_spans(text, lowered, HEADS) == expected
    if text.isascii():
        assert heads_by_words(text, lowered, HEADS) == expected


def test_a_head_touching_a_hyphen_underscore_or_digit_is_no_whole_word():
    text = "pre-disease, disease_x, 2disease, Disease, diseases; disease"
    assert [text[s:e] for s, e in heads_by_words(text, text.lower(), HEADS)] == ["Disease", "disease"]


def test_heads_that_are_not_runs_of_letters_and_digits_use_the_automaton():
    heads = frozenset({"sicca syndrome", "syndrome"})
    text = "Sicca syndrome and syndrome"
    assert head_spans(text, text.lower(), heads) == [(0, 14), (6, 14), (19, 27)]
