"""Where the learned disease heads ("syndrome", "disorders") stand as whole words in a text.

Split from :mod:`pipeline.ner.disease_spans`, which builds disease names on them (``_named_heads``).
"""

from __future__ import annotations

import functools

import ahocorasick

from .matcher import ascii_lower_words, joins_a_word, whole_word_spans


def head_spans(text: str, lowered: str, heads: frozenset[str]) -> list[tuple[int, int]]:
    """Where a head is a whole word of ``lowered`` (``text`` lower-cased, or ``text`` where lower-casing
    changes its length): no letter, digit, "-" or "_" touches it ("syndromes" holds "syndrome";
    "pre-disease"). In the order of their ends.

    In an ASCII text a head of ASCII letters and digits standing so is one of the text's runs of letters
    and digits: only the heads among its runs (:func:`~pipeline.ner.matcher.ascii_lower_words`, listed for
    the lexicon already) are located (:func:`heads_by_words`), instead of an automaton's pass over the
    whole text (:func:`heads_by_automaton`; the same spans, tested; docs/scaling.md, "Twelfth round").
    """
    if text.isascii() and _heads_are_runs(heads):
        return heads_by_words(text, lowered, heads)
    return heads_by_automaton(lowered, heads)


def heads_by_words(text: str, lowered: str, heads: frozenset[str]) -> list[tuple[int, int]]:
    """:func:`head_spans` for an ASCII ``text`` and heads of ASCII letters and digits."""
    spans = [span for head in heads & ascii_lower_words(text) for span in whole_word_spans(lowered, head, joins_a_word)]
    spans.sort()  # whole words do not overlap: by start is by end
    return spans


def heads_by_automaton(lowered: str, heads: frozenset[str]) -> list[tuple[int, int]]:
    """:func:`head_spans` for any text and heads: one pass of an Aho-Corasick automaton over ``lowered``."""
    spans = []
    for last, head in _head_automaton(heads).iter(lowered):
        start, end = last + 1 - len(head), last + 1
        if not (start and joins_a_word(lowered[start - 1]) or end < len(lowered) and joins_a_word(lowered[end])):
            spans.append((start, end))
    return spans


@functools.lru_cache(maxsize=4)
def _heads_are_runs(heads: frozenset[str]) -> bool:
    return all(head.isascii() and head.isalnum() for head in heads)


@functools.lru_cache(maxsize=4)
def _head_automaton(heads: frozenset[str]) -> "ahocorasick.Automaton":
    """The heads in one Aho-Corasick automaton, run over lower-cased text: one pass in C finds them all."""
    automaton = ahocorasick.Automaton()
    for head in heads:
        automaton.add_word(head, head)
    automaton.make_automaton()
    return automaton
