"""Proteins named by a chemical: "NMDA receptor", "thymidine kinase", "nitric oxide synthase".

The lexicons know the chemical ("NMDA", "thymidine", "nitric oxide") but not every receptor, enzyme
or transporter named after it, so the chemical alone was found, as a DRUG, and the protein was
missed. A DRUG candidate followed by a word of ``target_heads.txt`` (after an optional "type 1a")
is the start of a protein's name: a TARGET candidate over both is added, unless another candidate
holds the head. The chemical stays, nested, as corpora disagree on it: BioRED annotates only the gene,
BC5CDR the chemical inside it. The relation rules already read "X receptor" as a target
(``relations.clause``), so the chemical does not act there. Where a lexicon holds the protein's whole
name ("lactate dehydrogenase", "estrogen receptor") the protein wins and the chemical at its start is
added back, nested, the same way (:func:`nested_chemicals`).
"""

from __future__ import annotations

import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, Entry, squash
from .matcher import Candidate

# The words after a chemical that may lead to its head: "angiotensin II type 1a receptor".
_AFTER = re.compile(r"(?: type [0-9IVX]{1,3}[a-z]?)? ([A-Za-z]+)(?![\w-])")


def read_target_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "target_heads.txt"))


def read_protein_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words that make a name a protein's (the target heads too) and the "-in"/"-ase" words that do not."""
    words = frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "protein_words.txt")) | read_target_heads()
    return words, frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "protein_word_exceptions.txt"))


_WORD = re.compile(r"[A-Za-z]+")


def names_a_protein(name: str, words: tuple[frozenset[str], frozenset[str]]) -> bool:
    """True when ``name`` reads as a protein's: a digit, or a word of ``words`` (:func:`read_protein_words`),
    or one of five letters or more ending in "-in" or "-ase" ("lipocalin", "gelatinase") that is no exception."""
    if any(c.isdigit() for c in name):
        return True
    protein, exceptions = words
    for word in _WORD.findall(name.lower()):
        if word in protein or (len(word) >= 5 and word.endswith(("in", "ase")) and word not in exceptions):
            return True
    return False


def named_targets(kept: list[Candidate], text: str, heads: frozenset[str]) -> list[Candidate]:
    """``kept`` plus a TARGET candidate over each DRUG candidate and the head that follows it."""
    if not heads or not any(c.entry.label == "DRUG" for c in kept):
        return kept
    starts = {c.start for c in kept}
    added = []
    for candidate in kept:
        after = _AFTER.match(text, candidate.end) if candidate.entry.label == "DRUG" else None
        if after is None or after.group(1).lower() not in heads or any(
                candidate.end < s < after.end() for s in starts):
            continue
        name = text[candidate.start:after.end()]
        entry = Entry("target:" + squash(name), name, "TARGET", "pattern")
        added.append(candidate._replace(end=after.end(), entry=entry, source="pattern"))
    return sorted(kept + added, key=lambda c: (c.start, c.end)) if added else kept


def nested_chemicals(kept: list[Candidate], candidates: list[Candidate], text: str,
                     heads: frozenset[str]) -> list[Candidate]:
    """``kept`` plus the DRUG candidate at the start of each kept TARGET that is that chemical and a head
    ("lactate" in "lactate dehydrogenase"): the mirror of :func:`named_targets`, where the protein's whole
    name was in a lexicon and won over the chemical."""
    if not heads:
        return kept
    added = []
    starts = {c.start for c in kept if c.entry.label == "DRUG"}  # named_targets' chemicals are kept already
    for target in kept:
        if target.entry.label != "TARGET" or target.start in starts:
            continue
        last = text.rfind(" ", target.start, target.end)
        if last == -1 or text[last + 1:target.end].lower() not in heads:
            continue  # cheap gate: most targets are one word or end in no head
        for candidate in candidates:
            if candidate.start == target.start and candidate.end < target.end and candidate.entry.label == "DRUG":
                after = _AFTER.match(text, candidate.end)
                if after is not None and after.end() == target.end:
                    added.append(candidate)
                    break
    return sorted(kept + added, key=lambda c: (c.start, c.end)) if added else kept
