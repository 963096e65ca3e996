"""Amino acids and nucleotides named as residues of a sequence change are no chemicals.

"A valine (Val) to alanine (Ala) substitution", "arginine 124", "insertion of a cytosine": the lexicons
find a DRUG in each residue name, but it names a position in a protein or gene, and BioRED annotates
none of them (its train split: 75 such words, none annotated). A residue name
(``sequence_residues.txt``) is such a residue when it is numbered, followed by a residue noun, preceded
by "substitution of" or "encoding", placed "at codon 12" or "at amino acid 223", taken "instead of"
another, phosphorylated ("tyrosine phosphorylation", "tyrosine-phosphorylated"), or joined to another residue name by "to", "by",
"for", "with" or a number ("glycine-594-valine"). Only the DRUG
mentions of those names are looked at, in a window around each: no pass over the whole text.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR

_BRACKETED_CODE = r"(?:\s*\([A-Za-z]{1,3}\))?"
# What follows a residue: its number, a residue noun, or a link to the residue it becomes.
_AFTER = re.compile(r"(?:\s*\([^()]{1,12}\))?\s+(?:at\s+(?:amino\s+acid|codon|position|residue)s?|instead\s+of)\b|"
                    + _BRACKETED_CODE + r"(?:[\s-]+\d+\b|\s+(?:residues?|repeats?|nucleotides?|insertion|deletion"
                    r"|substitution|codons?)\b|[\s-]+(?:de)?phosphorylat(?:ion|ed)\b|-rich\b|\s*(?:\d+\s*)?(?:-?to-?|\s+by|\s+for|\s+with)"
                    r"\s*(?:an?\s+)?(?P<other>[a-z]+(?: acid)?)\b)", re.I)
# What precedes one: the change it undergoes, or the residue it replaces.
_BEFORE = re.compile(r"(?:\b(?:(?:insertion|deletion|substitution|replacement|change|mutation)s?\s+of|"
                     r"encod(?:es|ed|ing)(?:\s+for)?)\s+(?:an?\s+|the\s+)?|\b(?P<other>[a-z]+(?: acid)?)" + _BRACKETED_CODE
                     + r"(?:-\d+-|\s*(?:\d+\s*)?(?:-?to-?|\s+by|\s+for|\s+with)\s*(?:an?\s+)?))$", re.I)
_WINDOW = 60


@functools.lru_cache(maxsize=1)
def residue_names() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "sequence_residues.txt"))


def is_residue(text: str, start: int, end: int, names: frozenset[str]) -> bool:
    """True when ``text[start:end]``, a residue name, names a residue of a sequence change."""
    after = _AFTER.match(text, end, min(len(text), end + _WINDOW))
    if after and (after.group("other") is None or after.group("other").lower() in names):
        return True
    before = _BEFORE.search(text[max(0, start - _WINDOW):start])
    return bool(before) and (before.group("other") is None or before.group("other").lower() in names)


def drop_residues(mentions: list, text: str) -> list:
    """``mentions`` without the DRUG mentions of residues, and the abbreviations that took their id ("Val")."""
    names = residue_names()
    dropped = {m.norm_id for m in mentions if m.label == "DRUG" and text[m.start:m.end].lower() in names
               and is_residue(text, m.start, m.end, names)}
    if not dropped:
        return mentions
    return [m for m in mentions if not (m.label == "DRUG" and m.norm_id in dropped and (
        m.source == "abbreviation" or is_residue(text, m.start, m.end, names)))]
