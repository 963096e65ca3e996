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


@functools.lru_cache(maxsize=1)
def _prefixed() -> re.Pattern[str]:
    prefixes = "|".join(sorted(read_word_list(LEXICON_DIR / "metabolite_prefixes.txt"), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?i:(?:mono|di|tri)?(?:" + prefixes + r")-?)([a-z]{5,})(?![\w-])")


def metabolite_mentions(text: str, mentions: list[CharMention], matcher: LexiconMatcher) -> list[CharMention]:
    """``mentions`` with a DRUG mention for each prefixed drug name (module docstring) none covers."""
    added = []
    for match in _prefixed().finditer(text):
        start, end = match.span()
        if any(m.start < end and start < m.end for m in mentions):
            continue
        rest = match.group(1)
        if not any(c.start == 0 and c.end == len(rest) and c.entry.label == "DRUG"
                   for c in matcher.candidates(MatchView(rest))):
            continue
        written = match.group(0)
        added.append(CharMention(start, end, "DRUG", "drug:" + squash(written), written, "rule"))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end, m.label))
