"""Metabolites named by a prefix on a drug's name: "monohydroxytamoxifen", "norfluoxetine".

The dictionaries list some ("4-hydroxytamoxifen", "desmethylclozapine") and miss the rest, which
abstracts apply and compare as agents ("LY117018 was compared with monohydroxytamoxifen"). Rule: a
word of an optional count ("mono", "di", "tri"), a prefix of ``metabolite_prefixes.txt`` and a rest
of five letters or more that the lexicons match whole as a DRUG is a DRUG mention; a word another
mention already covers is left alone.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, squash
from .matcher import LexiconMatcher, MatchView
from .mentions import CharMention


_COUNTS = ("", "mono", "di", "tri")
_WORD_CHARACTER = re.compile(r"[\w-]")


@functools.lru_cache(maxsize=1)
def _prefixes() -> tuple[str, ...]:
    return tuple(sorted(read_word_list(LEXICON_DIR / "metabolite_prefixes.txt"), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _prefixed() -> re.Pattern[str]:
    """The prefixed word from its first character (the callers check the character before it)."""
    return re.compile(r"(?i:(?:mono|di|tri)?(?:" + "|".join(_prefixes()) + r")-?)([a-z]{5,})(?![\w-])")


def _matches(text: str) -> list[re.Match[str]]:
    """The prefixed words of ``text`` in order. Rather than trying the pattern at every position (a
    case-insensitive alternation re cannot skip through; it cost 4% of the fast NER), each prefix is
    found with str.find and the pattern is tried at the word starts it and a count before it give."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: positions would shift
        return [m for m in re.finditer(r"(?<![\w-])" + _prefixed().pattern, text)]
    starts: set[int] = set()
    for prefix in _prefixes():
        at = lowered.find(prefix)
        while at != -1:
            for count in _COUNTS:
                start = at - len(count)
                if start >= 0 and lowered.startswith(count, start) and not (
                        start and _WORD_CHARACTER.match(text, start - 1)):
                    starts.add(start)
            at = lowered.find(prefix, at + 1)
    found, reached = [], 0
    for start in sorted(starts):
        match = _prefixed().match(text, start) if start >= reached else None
        if match is not None:
            found.append(match)
            reached = match.end()
    return found


@functools.lru_cache(maxsize=4096)  # "normal", "acetylcholine" ... recur in every other text
def _names_a_drug(matcher: LexiconMatcher, rest: str) -> bool:
    """Whether the lexicons match ``rest`` whole as a DRUG."""
    return any(c.start == 0 and c.end == len(rest) and c.entry.label == "DRUG"
               for c in matcher.candidates(MatchView(rest)))


def metabolite_mentions(text: str, mentions: list[CharMention], matcher: LexiconMatcher) -> list[CharMention]:
    """``mentions`` with a DRUG mention for each prefixed drug name (module docstring) none covers."""
    added = []
    for match in _matches(text):
        start, end = match.span()
        if any(m.start < end and start < m.end for m in mentions):
            continue
        if not _names_a_drug(matcher, match.group(1)):
            continue
        written = match.group(0)
        added.append(CharMention(start, end, "DRUG", "drug:" + squash(written), written, "rule"))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end, m.label))
