"""A fast rule-based sentence splitter that keeps "Fig. 2", "et al.", "e.g.", "i.e." and "vs." whole.

A sentence ends at ``.``, ``?`` or ``!`` (plus any closing quote, bracket or
parenthesis) followed by white space and an upper-case letter, a digit, ``(`` or
``[`` — unless the word carrying the period is a listed abbreviation
(``pipeline/data/ingest/abbreviations.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import DATA_DIR

_BOUNDARY = re.compile(r"[.!?][\"')\]]*(?=\s+[A-Z0-9(\[\u0391-\u03a9])")
_WORD_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def load_abbreviations() -> frozenset[str]:
    lines = (DATA_DIR / "ingest" / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return end-exclusive ``(start, end)`` sentence spans inside ``text[start:end]``.

    Spans never include leading or trailing white space, and together they cover
    every non-space character of the region.
    """
    end = len(text) if end is None else end
    abbreviations = load_abbreviations()
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        period_at = match.start()
        word = _WORD_BEFORE.search(text, sentence_start, period_at + 1)
        # "(e.g. CXCL9", "[i.e. IL-6": the abbreviation may follow an opening bracket or quote
        if word and text[period_at] == "." and word.group(1).lstrip("([{\"'“") in abbreviations:
            continue
        span = _trimmed(text, sentence_start, match.end())
        if span:
            spans.append(span)
        sentence_start = match.end()
    span = _trimmed(text, sentence_start, end)
    if span:
        spans.append(span)
    return spans
