"""A natural product the text introduces by its source is a compound, wherever it is named.

Pharmacology abstracts introduce a compound no dictionary lists by what it is and where it comes from:
"Hydroxysafflor yellow A (HSYA) is an active ingredient obtained from the flower of Carthamus
tinctorius", "Xanthohumol, a prenylated flavonoid isolated from hops, ...". Rule: a sentence that opens
with a name (up to four words, the first capitalised; an optional bracketed abbreviation), then ", a/an"
or "is/was a/an/the", at most six words ending in a kind-of-compound head (``source_heads.txt``:
ingredient, constituent, flavonoid, alkaloid ...) and a source verb with "from" (``source_verbs.txt``:
isolated, extracted, obtained, purified, derived). The name and its abbreviation are then DRUG mentions
at every whole-word occurrence (case-insensitive: titles write "Hydroxysafflor yellow a") that no
mention covers. A protein is never described so ("IL-6 is a cytokine derived from ..." has no such head).
"""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, squash
from .matcher import whole_word_spans
from .mentions import CharMention


@functools.lru_cache(maxsize=1)
def _verb_cues() -> tuple[str, ...]:
    return tuple(f" {verb} from " for verb in read_word_list(LEXICON_DIR / "source_verbs.txt"))


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    heads = "|".join(sorted(read_word_list(LEXICON_DIR / "source_heads.txt"), key=len, reverse=True))
    verbs = "|".join(sorted(read_word_list(LEXICON_DIR / "source_verbs.txt"), key=len, reverse=True))
    return re.compile(r"(?:^|(?<=[.!?] ))(?P<name>[A-Z][\w'-]*(?: [\w'-]+){0,3}?)(?: \((?P<abbr>[A-Za-z][\w-]{1,11})\))?"
                      r"(?:,| is| was) (?:a|an|the) (?:[\w-]+ ){0,5}?(?:" + heads + r") (?:[\w-]+ )?(?:"
                      + verbs + r") from ")


def source_described(text: str, mentions: list[CharMention]) -> list[CharMention]:
    """``mentions`` with the names (and abbreviations) of compounds introduced by their source added."""
    if not any(cue in text for cue in _verb_cues()):  # substring tests (C speed) spare most texts the scan
        return mentions
    added: list[CharMention] = []
    lowered = text.lower()
    for match in _pattern().finditer(text):
        name, abbr = match.group("name"), match.group("abbr")
        if any(m.start <= match.start("name") < m.end for m in mentions):
            continue  # a name the lexicons know keeps their reading
        norm_id = "drug:" + squash(name)
        for written in (name, abbr) if abbr else (name,):
            spans = whole_word_spans(lowered, written.lower()) if written is name else whole_word_spans(text, written)
            added += [CharMention(a, b, "DRUG", norm_id, name, "rule") for a, b in spans]
    if not added:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    kept = [m for m in added if not any(a < m.end and m.start < b for a, b in taken)]
    return sorted(mentions + kept, key=lambda m: (m.start, m.end, m.label))
