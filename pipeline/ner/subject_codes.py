"""Research-compound codes that the text shows acting: "GO-Y030 inhibited STAT3 phosphorylation".

New compounds are named by codes no lexicon lists ("GO-Y030", "LLL12", "SH-4-54", "C188-9") and often
without an apposition saying what they are (:func:`pipeline.ner.loose_definitions.cued_codes`). Rule: a word
shaped like a code — a capital, then letters, digits and hyphens, at least two capitals and two digits, at
most 12 characters — right before an effect verb (``code_subject_verbs.txt``; one adverb may stand between:
"GO-Y030 also induced") is a compound. Cell lines, genes and diseases share the shape, but the lexicons find
them first (:func:`pipeline.ner.components` keeps any mention that overlaps); measures and units that
act in sentences ("IC50 decreased") are in ``code_subject_stops.txt``; microRNAs ("miR-21") start lower case;
sequence variants ("C1007G decreased") are a letter, a position and a letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..tables import read_word_list
from .lexicon import LEXICON_DIR

_MAX_LENGTH = 12


def subject_codes(text: str) -> list[tuple[int, int]]:
    """Spans of code-shaped words right before an effect verb (module docstring)."""
    return [match.span(1) for match in _pattern().finditer(text)
            if _code_shaped(match.group(1)) and match.group(1).lower() not in _stops()]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """One pass over the text: a capitalised word, an optional adverb, a verb of the list (tried only where a
    capital starts a word, so the pattern costs little on text without codes)."""
    verbs = "|".join(sorted(map(re.escape, _verbs()), key=len, reverse=True))
    return re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*) (?:(?:\w+ly|also|further|not) )?(?:"
                      + verbs + r")(?![\w-])")


def _code_shaped(code: str) -> bool:
    return (len(code) <= _MAX_LENGTH and sum(c.isdigit() for c in code) >= 2
            and sum(c.isupper() for c in code) >= 2 and not _VARIANT.fullmatch(code))


_VARIANT = re.compile(r"[A-Z]\d+[A-Z]")  # a sequence variant ("C1007G", "V600E"), not a compound


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "code_subject_verbs.txt"))


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "code_subject_stops.txt"))
