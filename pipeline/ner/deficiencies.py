"""Diseases named by what is lacking: "vitamin D deficiency", "GH deficiency", "growth hormone (GH) deficiency".

The lexicons know the chemical or hormone and, for most such names, not the disease, so the phrase came out
as the chemical alone, and a relation could take the chemical as its agent where the sentence speaks of its
lack. Here the chemical (a DRUG mention) with "deficiency"/"deficiencies" right after it (one space, or its
bracketed abbreviation between: "growth hormone (GH) deficiency") is a DISEASE mention spanning both; the
chemical stays nested inside, as a target inside an agent class does, and corpora that annotate one reading
choose it at scoring (``data/lexicon/deficiency_conventions.tsv``). A protein (TARGET) lacking is a disease
only after a word of inheritance ("congenital antithrombin deficiency", ``deficiency_modifiers.txt``), which is
taken into the name; otherwise "TRAF2 deficiency" is an experiment's knock-out. "X-deficient mice" and
"deficiency of X" are left alone.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, squash
from .mentions import CharMention

_AFTER = re.compile(r"(?: \([A-Za-z0-9-]{1,10}\))? [Dd]eficienc(?:y|ies)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z]+) $")

@functools.lru_cache(maxsize=1)
def deficiency_modifiers() -> frozenset[str]:
    """Words of inheritance that open a deficiency disease's name (``deficiency_modifiers.txt``)."""
    return frozenset(read_word_list(LEXICON_DIR / "deficiency_modifiers.txt"))


def deficiency_diseases(mentions: list[CharMention], text: str) -> list[CharMention]:
    """``mentions`` plus a DISEASE mention for each chemical (or inherited protein) deficiency no DISEASE
    mention already covers. Run after the abbreviations are propagated, so that a chemical named by its
    definition ("Growth hormone (GH) deficiency") is known."""
    if "eficienc" not in text:
        return mentions  # most texts: one test in C
    diseases = [m for m in mentions if m.label == "DISEASE"]
    added = []
    for mention in mentions:
        if mention.label not in ("DRUG", "TARGET"):
            continue
        after = _AFTER.match(text, mention.end)
        if after is None or any(d.start < after.end() and mention.start < d.end for d in (*diseases, *added)):
            continue
        before = _WORD_BEFORE.search(text, max(0, mention.start - 20), mention.start)
        inherited = before is not None and before.group(1).lower() in deficiency_modifiers()
        if mention.label == "TARGET" and not inherited:
            continue
        start = before.start(1) if inherited else mention.start
        name = text[start:after.end()]
        added.append(CharMention(start, after.end(), "DISEASE", "disease:" + squash(name), name, "pattern"))
    return sorted(mentions + added, key=lambda m: (m.start, m.end)) if added else mentions
