"""The tokens of a text region, from the tokens of its whitespace-separated chunks, remembered across texts.

spaCy's tokenizer splits a text at whitespace first and tokenizes each chunk alone (the premise of
:mod:`pipeline.ner.definitions`' regions), so where single spaces separate a region's chunks its
tokens are its chunks' tokens, one after the other: a chunk's tokens cover it exactly (spaCy keeps
every character), the last of each chunk is followed by a space, the region's last by nothing.

Calling the tokenizer costs about the same whether or not spaCy has a chunk in its own cache (Doc
and token set-up, ~3.5 µs a chunk around brackets), and two thirds of the chunks around the
benchmark corpus's brackets were met before in another text: a chunk's token strings are looked up
in a dictionary, and only the chunks met for the first time go to the tokenizer, in one call per
region. ``tests/ner/test_ner_chunk_tokens.py`` checks the tokens against the tokenizer's on the region.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable
from itertools import accumulate, chain

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc

from .regex_prefix import may_match_in_letters
from .schwartz_hearst import Tokens

# Chunks whose tokens a tokenizer's ChunkTokens remembers; past this it forgets them all (~10 MB at most).
MAX_REMEMBERED_CHUNKS = 50_000


class ChunkTokens:
    """:func:`tokenize` for one tokenizer, remembering the token strings of each chunk it has seen."""

    def __init__(self, tokenizer: Callable[[str], Doc], limit: int = MAX_REMEMBERED_CHUNKS) -> None:
        self.tokenizer = tokenizer
        self.limit = limit
        self.known: dict[str, tuple[str, ...]] = {}
        # The special cases, when a run of ASCII letters that is none of them is one token (letters_stay_whole)
        self.special: frozenset[str] | None = frozenset(tokenizer.rules) if letters_stay_whole(tokenizer) else None

    def tokens(self, region: str) -> Tokens:
        """The tokens the tokenizer gives ``region`` (a region that starts and ends at a chunk)."""
        parts = region.split()
        if not parts or " ".join(parts) != region:  # other whitespace, or several spaces: whitespace tokens
            return spacy_tokens(self.tokenizer, region)
        known = self.known
        self._learn_missing(parts)
        per_chunk = list(map(known.__getitem__, parts))
        words = tuple(chain.from_iterable(per_chunk))
        spaces = list(chain.from_iterable(map(_spaces, map(len, per_chunk))))
        spaces[-1] = False
        starts = tuple(accumulate(map(operator.add, map(len, words[:-1]), spaces[:-1]), initial=0))
        return Tokens(region, words, starts, tuple(spaces))

    def learn(self, regions: Iterable[str]) -> None:
        """Remember the tokens of every chunk of ``regions``, the chunks not met before tokenized in one call.

        :meth:`tokens` then calls no tokenizer for them: each call costs a Doc's set-up, more than its
        few chunks around one bracket (docs/scaling.md, "Thirteenth round").
        """
        parts: list[str] = []
        for region in regions:
            chunks = region.split()
            if " ".join(chunks) == region:  # the others go to the tokenizer whole (tokens)
                parts += chunks
        self._learn_missing(parts)

    def _learn_missing(self, parts: list[str]) -> None:
        known = self.known
        missing = [part for part in dict.fromkeys(parts) if part not in known]
        if not missing:
            return
        if len(known) + len(missing) > self.limit:  # memory stays bounded
            known.clear()
            missing = list(dict.fromkeys(parts))
        if self.special is not None:
            # a run of ASCII letters that is no special case is one token: no tokenizer call (a third
            # of the chunks first met around brackets; docs/scaling.md, "Tenth round")
            special = self.special
            for part in missing:
                if part.isalpha() and part.isascii() and part not in special:
                    known[part] = (part,)
            missing = [part for part in missing if part not in known]
        if missing:
            self._learn(missing)

    def _learn(self, chunks: list[str]) -> None:
        """Tokenize ``chunks`` in one call (joined by single spaces) and remember each one's token strings."""
        joined = " ".join(chunks)
        rows = self.tokenizer(joined).to_array([IDX, LENGTH, SPACY]).tolist()
        known, words, chunk = self.known, [], 0
        for start, length, space in rows:
            words.append(joined[start:start + length])
            if space:  # the chunk's last token: a single space follows every chunk but the last
                known[chunks[chunk]] = tuple(words)
                words, chunk = [], chunk + 1
        known[chunks[chunk]] = tuple(words)


def letters_stay_whole(tokenizer: Callable[[str], Doc]) -> bool:
    """Whether ``tokenizer`` (a spaCy ``Tokenizer``) keeps every run of ASCII letters that is not one of its
    special cases as one token.

    spaCy splits a chunk that is no special case only where its prefix, suffix or infix patterns
    match inside it (a token match or URL match only keeps a token whole): none of them may match
    anywhere in a string of letters (:func:`~pipeline.ner.regex_prefix.may_match_in_letters`). Any
    other tokenizer, or an affix rule that is no compiled pattern, says False.
    """
    patterns = []
    for name in ("prefix_search", "suffix_search", "infix_finditer"):
        function = getattr(tokenizer, name, None)
        if function is None:
            continue  # no such rule: nothing split
        pattern = getattr(function, "__self__", None)
        if not isinstance(pattern, re.Pattern):
            return False
        patterns.append(pattern)
    if not hasattr(tokenizer, "rules"):
        return False
    return not any(may_match_in_letters(pattern) for pattern in patterns)


@functools.lru_cache(maxsize=64)
def _spaces(count: int) -> tuple[bool, ...]:
    """A chunk of ``count`` tokens: a space after its last only."""
    return (False,) * (count - 1) + (True,)


@functools.lru_cache(maxsize=8)
def chunk_tokens(tokenizer: Callable[[str], Doc]) -> ChunkTokens:
    """The one :class:`ChunkTokens` of ``tokenizer`` in this process."""
    return ChunkTokens(tokenizer)


def spacy_tokens(tokenizer: Callable[[str], Doc], region: str) -> Tokens:
    """The tokens of ``region``, by calling the tokenizer on it."""
    rows = tokenizer(region).to_array([IDX, LENGTH, SPACY]).tolist()
    return Tokens(region, tuple(region[i:i + n] for i, n, _ in rows), tuple(i for i, _, _ in rows),
                  tuple(bool(s) for _, _, s in rows))
