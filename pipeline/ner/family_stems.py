"""A cytokine family's word is no agent where the text names one member: "interleukin-1", "gamma-interferon".

The drug lexicons list the family ("Interleukins", "Interferons": MeSH chemical classes), so "interleukin"
in "interleukin-1", "interleukin (IL)-1β" or "gamma-interferon" became a DRUG mention of the whole family,
took the verb of its sentence ("Cytokines, such as gamma-interferon, interleukin-1 ... inhibit Y") and cut a
list of cytokine objects ("TNF-α, interleukin (IL)-1β, and IL-6"). Rule: a DRUG mention whose text is a
family word (``family_stems.txt``) or the bracketed abbreviation of one ("(IL)") is dropped where a member
number or Greek letter follows it ("-1", "-1β", ")-6", " (IL)-1β", " (IFN)-gamma") or a Greek letter is joined before it ("gamma-",
"γ-"). The family named alone ("interleukins were measured") stays.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR

_MEMBER_AFTER = re.compile(r"(?:\)?[-\u2010\u2011\u2013]| \([A-Za-z]{1,5}\)[-\u2010\u2011\u2013])"
                           r"(?:\d{1,2}(?![0-9])|(?:alpha|beta|gamma|delta|kappa|[αβγδκ])(?![a-z]))")
_GREEK_BEFORE = re.compile(r"(?:alpha|beta|gamma|delta|omega|[αβγδω])[-\u2010\u2011\u2013]$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def family_stems() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "family_stems.txt"))


def _names_a_member(text: str, start: int, end: int) -> bool:
    if _MEMBER_AFTER.match(text, end):
        return True
    return bool(_GREEK_BEFORE.search(text[max(0, start - 6):start]))


def drop_family_stems(mentions: list, text: str) -> list:
    """``mentions`` without the DRUG mentions of a family word naming one of its members (module docstring)."""
    stems = family_stems()
    return [m for m in mentions if not (
        m.label == "DRUG" and _family_word(text, m.start, m.end, stems) and _names_a_member(text, m.start, m.end))]


def _family_word(text: str, start: int, end: int, stems: frozenset[str]) -> bool:
    """``text[start:end]`` is a family word, its plural, or the bracketed abbreviation of one."""
    word = text[start:end].lower()
    return word in stems or word.rstrip("s") in stems or _bracketed_abbreviation(text, start, end)


def _bracketed_abbreviation(text: str, start: int, end: int) -> bool:
    """"IL" in "interleukin (IL)-1β": the bracketed short form right after a family word."""
    if text[end:end + 1] != ")" or text[start - 1:start] != "(":  # tested first: most mentions are not bracketed
        return False
    return text[max(0, start - 20):start - 1].rstrip().lower().rsplit(" ", 1)[-1] in family_stems()
