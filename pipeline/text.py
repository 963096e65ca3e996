"""Text helpers every stage shares: the sentence splitter, and raw <-> normalised offsets.

- :func:`split_sentences`: the one sentence splitter (ingest segments documents with it; the
  NER pipeline's sentence component marks the same boundaries).
- :func:`names_a_lack`: a disease named by what is lacking ("vitamin D deficiency"), read alike by the NER
  (which makes such mentions) and the relations (whose agent the lacking chemical never is).
- :func:`to_raw_span`: the review's text is normalised at ingest (:mod:`pipeline.ingest.textbuild`)
  and each :class:`~pipeline.records.Document` keeps a source map; reconcile and the report
  map spans back to the raw text with it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from .context import DATA_DIR
from .records import SourceSegment
from .tables import read_word_list


def to_raw_span(source_map: Sequence[SourceSegment], start: int, end: int) -> tuple[int, int]:
    """Map an end-exclusive span of a normalised text to the raw text it was copied from.

    A boundary that falls on an inserted separator maps to the nearest copied
    character on the inside of the span.
    """
    if not source_map:
        return start, end
    if end <= start:
        raise ValueError(f"empty or inverted span {start}:{end}")
    starts = [segment.norm_start for segment in source_map]

    def locate(position: int, *, inclusive_end: bool) -> int:
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            return source_map[0].raw_start
        segment = source_map[index]
        offset = position - segment.norm_start
        if offset < segment.length:
            return segment.raw_start + offset
        # position is on a separator after this segment
        if inclusive_end:
            return segment.raw_start + segment.length - 1
        following = source_map[min(index + 1, len(source_map) - 1)]
        return following.raw_start

    raw_start = locate(start, inclusive_end=False)
    raw_last = locate(end - 1, inclusive_end=True)
    return raw_start, raw_last + 1


#: Characters written for a hyphen besides "-": the Unicode hyphens and dashes, minus signs.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
#: White space other than " " that matching treats as a space (line ends, tabs, no-break and thin spaces).
SPACES = "\n\t\r\u00a0\u2009\u202f"
_ONE_FOR_ONE = str.maketrans({**{c: "-" for c in DASHES}, **{c: " " for c in SPACES}})
_ASCII_REPLACED = tuple(chr(c) for c in _ONE_FOR_ONE if c < 128)
_REPLACEMENTS = tuple((chr(c), replacement) for c, replacement in _ONE_FOR_ONE.items())


def unify_dashes_and_spaces(text: str) -> str:
    """Every dash as "-" and every space as " ", one character for one, so offsets stay valid."""
    # An ASCII text holding none of the ASCII characters replaced ("\n", "\t", "\r") is returned as
    # it is: testing that is a few scans in C, and translate looks up every character.
    if text.isascii() and not any(c in text for c in _ASCII_REPLACED):
        return text
    # The same as text.translate(_ONE_FOR_ONE) (no replacement is itself replaced), in a fortieth of the
    # time on an abstract: a scan in C per character replaced, where translate looks up every character
    # of a text that is not ASCII in a dictionary (~15 µs against ~100 µs).
    for character, replacement in _REPLACEMENTS:
        if character in text:
            text = text.replace(character, replacement)
    return text


def is_dash(token: str) -> bool:
    """Whether a token is a single hyphen or dash."""
    return token == "-" or (len(token) == 1 and token in DASHES)


# A sentence ends at ".", "?" or "!" (with any closing quote or bracket) before white space and
# a capital (Latin or Greek), a digit, or an opening bracket or quote before one; a blank line
# also ends one (NER sees whole documents, whose paragraphs ingest separates by blank lines).
_BOUNDARY = re.compile(r"[.!?][\"'\u201d)\]]*(?=\s+[\"'\u201c(\[]?[A-Z0-9\u0391-\u03a9])|\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"(\S+)$")
_OPENERS = "([{\"'\u201c"


@functools.cache
def sentence_abbreviations() -> frozenset[str]:
    """Words whose period does not end a sentence (``pipeline/data/sentence_abbreviations.txt``)."""
    return frozenset(read_word_list(DATA_DIR / "sentence_abbreviations.txt"))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """End-exclusive ``(start, end)`` sentence spans inside ``text[start:end]``: the one splitter of ingest and NER.

    Spans never include leading or trailing white space, and together they cover every
    non-space character of the region. A period after a listed abbreviation ("Fig.",
    "e.g.", "et al.") does not end a sentence.
    """
    end = len(text) if end is None else end
    abbreviations = sentence_abbreviations()
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        period_at = match.start()
        if text[period_at] == ".":
            word = _WORD_BEFORE.search(text, sentence_start, period_at + 1)
            if word and word.group(1).lstrip(_OPENERS) in abbreviations:
                continue
        span = _trimmed(text, sentence_start, match.end())
        if span:
            spans.append(span)
        sentence_start = match.end()
    span = _trimmed(text, sentence_start, end)
    if span:
        spans.append(span)
    return spans


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` after the first starts (:func:`split_sentences`)."""
    return [start for start, _ in split_sentences(text)[1:]]


_LACK_LAST_WORD = re.compile(r"(?<![A-Za-z])[Dd]eficienc(?:y|ies)$")


def names_a_lack(text: str) -> bool:
    """Whether a disease name ends in "deficiency"/"deficiencies": named by what is lacking."""
    return _LACK_LAST_WORD.search(text) is not None
