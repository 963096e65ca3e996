"""Abbreviation definitions found on a plain text, tokenizing only the words around brackets.

The fast profile has no other use for tokens, and tokenizing whole texts was most of its
time. :func:`find_definitions` gives what :class:`~pipeline.ner.abbreviations.DefinitionDetector`
gives on a whole Doc (``tests/ner/test_ner_definitions.py`` checks it) because

- spaCy's tokenizer splits whitespace-separated chunks independently, so a region that starts
  and ends at whitespace gets the same tokens as the whole text (a region from the first chunk
  starts at the text's start: leading whitespace is a token, and scispaCy's windows count it);
- a definition reaches at most 9 tokens after its "(" and, with the short form inside the
  brackets, at most ``min(L + 5, 2 L)`` tokens before it (L the short form's length);
- a "(" is skipped only when a text test that every definition passes fails (:meth:`_Scan.reach`).

scispaCy's filters and Schwartz-Hearst search run on plain token lists
(:mod:`pipeline.ner.schwartz_hearst`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc

from .abbreviations import Definition, FirstDefinitions
from .chunk_tokens import chunk_tokens
from .matcher import ascii_words
from .schwartz_hearst import MAX_INSIDE, TokenRange, Tokens, candidates, find_abbreviation

_WORDS_AFTER = MAX_INSIDE + 1  # ")" is at most 9 tokens after "(", and every chunk is at least one token
# A short form inside the brackets has at most 3 tokens of under 10 characters, so scispaCy looks
# back at most min(27 + 5, 2 * 27) = 32 tokens for its long form, from the token before "(".
_MAX_LOOKBACK_TOKENS = 33
_MAX_SHORT_INSIDE = 3 * 9 + 4 + 2  # from "(": three tokens, the spaces between and around them, ")"
_CHUNK = re.compile(r"\S+")  # what spaCy's tokenizer splits on first (str.isspace)
_APOSTROPHE_WORD = re.compile(r"[0-9A-Za-z]+(?:['\u2019][0-9A-Za-z]+)*")
_APOSTROPHE = re.compile(r"(['\u2019])")


def find_definitions(text: str, tokenizer: Callable[[str], Doc]) -> list[Definition]:
    """The definitions ``DefinitionDetector`` finds in ``text``, tokenizing only around "(".

    ``tokenizer`` must be the pipeline's own (its splits decide what a token is). A "(" whose
    surroundings fail a text test that every definition passes (:meth:`_Scan.reach`) is not tokenized.
    """
    return find_definitions_many([text], tokenizer)[0]


def find_definitions_many(texts: Sequence[str], tokenizer: Callable[[str], Doc]) -> list[list[Definition]]:
    """:func:`find_definitions` of each text; the chunks met for the first time around the brackets of all
    of them are tokenized in one call (a call per region cost a Doc's set-up each, docs/scaling.md)."""
    scans = [_regions(text, tokenizer) for text in texts]
    chunk_tokens(tokenizer).learn(text[_region_start(scan.starts, first):scan.ends[last]]
                                  for text, (scan, regions) in zip(texts, scans) for first, last in regions)
    return [_definitions(text, scan, regions, tokenizer) for text, (scan, regions) in zip(texts, scans)]


def _regions(text: str, tokenizer: Callable[[str], Doc]) -> tuple[_Scan | None, list[list[int]]]:
    """The scan of ``text`` and the [first chunk, last chunk] regions to tokenize, merged where they overlap."""
    regions: list[list[int]] = []
    if "(" not in text or ")" not in text:
        return None, regions
    scan = _Scan(text, tokenizer)
    position = text.find("(")
    while position != -1:
        reach = scan.reach(position)
        if reach is not None:
            first, last = reach
            while regions and first <= regions[-1][1]:  # overlapping regions become one
                earlier = regions.pop()
                first, last = min(first, earlier[0]), max(last, earlier[1])
            regions.append([first, last])
        position = text.find("(", position + 1)
    return scan, regions


def _definitions(text: str, scan: _Scan | None, regions: list[list[int]],
                 tokenizer: Callable[[str], Doc]) -> list[Definition]:
    found: list[Definition] = []
    first_definitions = FirstDefinitions()
    for first, last in regions:
        tokens, offset, pairs = _region_pairs(text, scan.starts, scan.ends, first, last, tokenizer)
        for short, long in pairs:
            short_text, long_text = tokens.span_text(short), tokens.span_text(long)
            if first_definitions.is_new(short_text, long_text):
                (short_start, short_end), (long_start, long_end) = tokens.char_span(short), tokens.char_span(long)
                found.append(Definition(offset + short_start, offset + short_end, short_text,
                                        offset + long_start, offset + long_end, long_text))
    return found


class _Scan:
    """A text's whitespace-separated chunks, and the text tests that decide which "(" to tokenize around.

    The tests are necessary conditions of scispaCy's filters and of the Schwartz-Hearst search,
    read on the text. A short form inside the brackets is at most 3 tokens of 2 to 9 characters,
    at least half letters, starting with a letter; it looks back at most ``min(L + 5, 2 L)`` tokens
    for its long form (L its length), whose words must hold its letters and digits in order, the
    first starting a word. A short form before the brackets is one such token, and the bracketed
    text up to 9 tokens on must hold its letters and digits in the same way.
    """

    def __init__(self, text: str, tokenizer: Callable[[str], Doc]) -> None:
        self.text = text
        self.starts, self.ends = _chunks(text)  # chunk i is text[starts[i]:ends[i]]
        # where the tokenizer may split a word between two letters, the word-start test is not safe
        self.splits_words = _split_words(tokenizer).search(text)

    def reach(self, position: int) -> tuple[int, int] | None:
        """The first and last chunk to tokenize for the "(" at ``position``; None if no definition can start there.

        The last is the chunk of the farthest ")" a definition opening here may close at: no text after
        it is read, and every ")" between that another "(" of the region may close at is in it.
        """
        index = bisect.bisect_right(self.starts, position) - 1
        back, farthest = self._short_inside_window(position, index)  # back: the long form's window
        close = self._short_before_close(position, index)
        if close != -1:
            back, farthest = max(back, 1), max(farthest, close)
        if farthest == -1:
            return None
        return max(0, index - back), bisect.bisect_right(self.starts, farthest) - 1

    def _short_inside_window(self, position: int, index: int) -> tuple[int, int]:
        """The longest long-form window (in tokens) of a bracketed text after ``position`` that could be a
        short form, and the ")" closing it (0 and -1 if none could)."""
        text = self.text
        longest, farthest = 0, -1
        close = text.find(")", position + 1, position + _MAX_SHORT_INSIDE)
        while close != -1:
            inside = text[position + 1:close]
            stripped = inside.strip(" ")
            words = stripped.split()
            if (stripped and stripped[0].isalpha() and 2 * sum(c.isalpha() for c in stripped) >= len(stripped)
                    and len(words) <= 3 and all(len(word) >= 2 for word in words)):
                # the window grows with the bracketed text: a later ")" that passes is the farthest
                window = min(len(inside) + 5, 2 * len(inside))
                if window > longest and self._long_form_possible(stripped, position, index, window):
                    longest, farthest = window, close
            close = text.find(")", close + 1, position + _MAX_SHORT_INSIDE)
        return longest, farthest

    def _long_form_possible(self, short: str, position: int, index: int, window: int) -> bool:
        before = self.text[self.starts[max(0, index - window)]:position]
        if self.splits_words or not (before.isascii() and short.isascii()):
            return True
        return _first_starts_a_word([c for c in short.lower() if c.isalnum()], before, before.lower())

    def _short_before_close(self, position: int, index: int) -> int:
        """The farthest ")" (up to 9 chunks on) of a bracketed long form whose short form may be the token
        before the "(" at ``position``; -1 if none may be."""
        text, starts = self.text, self.starts
        end = position
        if position and text[position - 1] == " ":
            end = position - 1  # the space after the token before "("; two spaces make a whitespace token
        if end == 0 or text[end - 1].isspace():
            return -1
        close = text.rfind(")", position + 1, self.ends[min(len(starts) - 1, index + _WORDS_AFTER)])
        if close == -1:
            return -1
        chunk_start = starts[index] if end > starts[index] else starts[index - 1]
        bracketed, before = text[position + 1:close], text[chunk_start:end]
        if self.splits_words or not (bracketed.isascii() and before.isascii()):
            return close
        lowered = bracketed.lower()
        # The token before "(" is a suffix of its chunk starting where a token can start. Shortest
        # first: if a suffix's letters and digits are not in the brackets in order, no longer one's are.
        for start in range(end - 2, max(chunk_start, end - 9) - 1, -1):
            short = text[start:end]
            characters = [c for c in short.lower() if c.isalnum()]
            if not _in_order(characters, lowered):
                return -1
            if (_starts_a_word(text, start, chunk_start) and short[0].isalpha()
                    and 2 * sum(c.isalpha() for c in short) >= len(short)
                    and _first_starts_a_word(characters, bracketed, lowered)):
                return close
        return -1


def _chunks(text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the ``_CHUNK`` spans of ``text``.

    Where single spaces separate the chunks and none starts or ends the text (most abstracts), the
    chunks lie between the spaces, found by one NumPy comparison over the text's code points:
    splitting the text and summing the chunks' lengths built a string per chunk (docs/scaling.md,
    "Thirteenth round"). A printable text holds no whitespace but " " (``str.isprintable`` is False
    for every other character ``str.isspace`` accepts), so its chunks are what ``str.split`` and
    ``\\S`` give.
    """
    if text and text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        if text.isascii():
            codes = np.frombuffer(text.encode("ascii"), np.uint8)
        else:  # printable, so no lone surrogate: every code point encodes
            codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
        spaces = np.flatnonzero(codes == 32)
        starts, ends = (spaces + 1).tolist(), spaces.tolist()
        starts.insert(0, 0)
        ends.append(len(text))
        return starts, ends
    spans = [match.span() for match in _CHUNK.finditer(text)]
    return [start for start, _ in spans], [end for _, end in spans]


def _starts_a_word(text: str, at: int, chunk_start: int) -> bool:
    """Whether a token can start at ``at``: see :func:`_first_starts_a_word`."""
    if at == chunk_start:
        return True
    previous = text[at - 1]
    return not previous.isalnum() or previous.isdigit() != text[at].isdigit()


def _first_starts_a_word(characters: list[str], bracketed: str, lowered: str) -> bool:
    """Schwartz-Hearst's rule: the first character starts a word of the long form and the others follow it.

    A word starts a token or follows a character other than a letter or digit; inside a run of
    letters and digits the tokenizer splits only between a digit and a letter ("10mg") or in its
    exceptions ("cannot"), which the caller rules out first.
    """
    at = lowered.find(characters[0])
    while at != -1:
        if _starts_a_word(bracketed, at, 0) and _in_order(characters[1:], lowered, at + 1):
            return True
        at = lowered.find(characters[0], at + 1)
    return False


class _SplitWords:
    """Finds the tokenizer's exceptions that split between two letters or two digits ("cannot", "gonna", "can't").

    An exception applies to a whole token, so in the text it is a run of letters and digits, or
    runs joined by apostrophes ("can't've"): the text's such words, and their parts from a run's
    start to a run's end, are looked up in a set. Exceptions of another shape fall back to one
    regular expression of them all.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        words = []
        for word, pieces in tokenizer.rules.items():
            orths = [piece[ORTH] for piece in pieces]
            if any(a[-1:].isalnum() and b[:1].isalnum() and a[-1].isdigit() == b[0].isdigit()
                   for a, b in zip(orths, orths[1:])):
                words.append(word)
        self.words = frozenset(words)
        self.plain_words = frozenset(word for word in words if word.isalnum())  # no apostrophe
        self.by_set = all(_APOSTROPHE_WORD.fullmatch(word) and word[-1].isalpha() for word in words)
        alternatives = [re.escape(w) + (r"(?![0-9A-Za-z])" if w[-1].isalpha() else "")
                        for w in sorted(words, key=len, reverse=True)]
        self.pattern = re.compile(r"(?<![0-9A-Za-z])(?:" + ("|".join(alternatives) or "(?!)") + ")")

    def search(self, text: str) -> bool:
        """Whether ``text`` holds one of these exceptions."""
        if not self.by_set:
            return self.pattern.search(text) is not None
        # An exception without an apostrophe is a run of ASCII letters and digits: the runs are listed in C.
        if not self.plain_words.isdisjoint(ascii_words(text)):
            return True
        # One with an apostrophe lies in a stretch of letters, digits and apostrophes around one: the
        # stretch holds the same words as the whole text there (no word crosses its ends).
        for stretch in _apostrophe_stretches(text):
            for word in _APOSTROPHE_WORD.findall(stretch):
                if "'" in word or "\u2019" in word:
                    pieces = _APOSTROPHE.split(word)  # runs and the apostrophes between them
                    if any("".join(pieces[start:end]) in self.words
                           for start in range(0, len(pieces), 2) for end in range(start + 1, len(pieces) + 1, 2)):
                        return True
        return False


_STRETCH_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'\u2019")


def _apostrophe_stretches(text: str) -> list[str]:
    """The longest stretches of ASCII letters, digits and apostrophes (' and ’) in ``text`` that hold an apostrophe."""
    stretches: list[str] = []
    if "'" not in text and "\u2019" not in text:
        return stretches  # most texts: two scans in C
    end = 0
    for apostrophe in _APOSTROPHE.finditer(text):
        start = apostrophe.start()
        if start < end:
            continue  # in the stretch before
        while start and text[start - 1] in _STRETCH_CHARACTERS:
            start -= 1
        end = apostrophe.end()
        while end < len(text) and text[end] in _STRETCH_CHARACTERS:
            end += 1
        stretches.append(text[start:end])
    return stretches


@functools.lru_cache(maxsize=8)
def _split_words(tokenizer: Callable[[str], Doc]) -> _SplitWords:
    return _SplitWords(tokenizer)


def _in_order(characters: Iterable[str], text: str, at: int = 0) -> bool:
    for character in characters:
        at = text.find(character, at) + 1
        if not at:
            return False
    return True


def _region_pairs(text: str, starts: list[int], ends: list[int], first: int, last: int,
                  tokenizer: Callable[[str], Doc]) -> tuple[Tokens, int, list[tuple[TokenRange, TokenRange]]]:
    """The tokens, their offset in ``text`` and the (short, long) definitions of the "(" in chunks ``first..last``."""
    # A region from the first chunk starts at the text's start: leading whitespace is a token too.
    own_start, end = _region_start(starts, first), ends[last]
    start = own_start
    tokens = _tokenize(tokenizer, text, own_start, end)
    found = candidates(tokens)
    if start and any(_window_cut(tokens, long, short) for long, short in found):
        # widen the region far enough back for any short form's long-form window; only its own "(" count
        start = _region_start(starts, max(0, first - _MAX_LOOKBACK_TOKENS - 1))
        tokens = _tokenize(tokenizer, text, start, end)
        found = candidates(tokens, own_start - start)
    pairs = []
    for long, short in found:
        long_form = find_abbreviation(tokens, long, short)
        if long_form is not None:
            pairs.append((short, long_form))
    return tokens, start, pairs


def _region_start(starts: list[int], first: int) -> int:
    return starts[first] if first else 0


def _tokenize(tokenizer: Callable[[str], Doc], text: str, start: int, end: int) -> Tokens:
    return chunk_tokens(tokenizer).tokens(text[start:end])


def _window_cut(tokens: Tokens, long: TokenRange, short: TokenRange) -> bool:
    """True if scispaCy's long-form window for this short form was cut at the start of the tokenized text."""
    if short[0] < long[0]:
        return False  # the short form is before the brackets: its window is the bracketed text
    length = sum(len(word) for word in tokens.words[short[0]:short[1]])
    return short[0] - min(length + 5, 2 * length) - 1 < 0
