"""Proteins named by a chemical: "NMDA receptor", "thymidine kinase", "nitric oxide synthase".

The lexicons know the chemical ("NMDA", "thymidine", "nitric oxide") but not every receptor, enzyme
or transporter named after it, so the chemical alone was found, as a DRUG, and the protein was
missed. A DRUG candidate followed by a word of ``target_heads.txt`` (after an optional "type 1a")
is the start of a protein's name: a TARGET candidate over both is added, unless another candidate
holds the head. A subtype, a position or the chemical's bracketed short form may come between ("histamine
H(3)-receptor", "phosphoinositide 3-kinase", "N-methyl-D-aspartate (NMDA) receptor"), a head may end a
longer word ("creatine phosphokinase"), and a participle of ``target_head_joins.tsv`` joins a chemical to
a protein's noun ("angiotensin-converting enzyme", "calcium binding protein"): BioRED dev had these
chemicals as drugs its annotators never marked. The chemical stays, nested, as corpora disagree on it: BioRED annotates only the gene,
BC5CDR the chemical inside it. The relation rules already read "X receptor" as a target
(``relations.clause``), so the chemical does not act there. Where a lexicon holds the protein's whole
name ("lactate dehydrogenase", "estrogen receptor") the protein wins and the chemical at its start is
added back, nested, the same way (:func:`nested_chemicals`).
"""

from __future__ import annotations

import functools
import re

from ..tables import read_tsv, read_word_list
from .lexicon import LEXICON_DIR, Entry, squash
from .matcher import Candidate

# The words after a chemical that may lead to its head: "angiotensin II type 1a receptor", the chemical's
# short form ("N-methyl-D-aspartate (NMDA) receptor"), a position ("phosphoinositide 3-kinase") or a
# subtype ("histamine H(3)-receptor", "adenosine A2A receptor"). Only a subtype or a position joins the
# head with a hyphen: "calcium-channel blocker" names no protein of calcium's.
_AFTER = re.compile(r"(?: [A-Z]{1,2}\(?[0-9][0-9A-Za-z]?\)?[ -](?=[A-Za-z]{4})"
                    r"|(?: type [0-9IVX]{1,3}[a-z]?| (?P<short>\([^()\s]{1,12}\)))? (?:[0-9]'?-)?)([A-Za-z]+)(?![\w-])")
# A participle between the chemical and the protein's noun (``target_head_joins.tsv``).
_JOINED = re.compile(r"[ -]([a-z]+) ([A-Za-z]+)(?![\w-])")
HEAD_JOINS_FILE = LEXICON_DIR / "target_head_joins.tsv"
_KIND = re.compile(r"(?<![\w-])(?:[A-Za-z0-9]+-type |\d+(?:\.\d+)?[- ]?kDa |[A-Za-z]+- (?:and|or) )$")


def read_target_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "target_heads.txt"))


@functools.lru_cache(maxsize=1)
def _head_joins() -> tuple[frozenset[str], frozenset[str]]:
    """The participles of ``target_head_joins.tsv`` and the nouns that may end a name after one."""
    rows = read_tsv(HEAD_JOINS_FILE, columns=2, header=True)
    return (frozenset(w for kind, w in rows if kind == "participle"),
            frozenset(w for kind, w in rows if kind == "noun"))


@functools.lru_cache(maxsize=4)
def _long_heads(heads: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(h for h in heads if len(h) >= 6))


def _is_head(word: str, heads: frozenset[str]) -> bool:
    """A head word, or one ending in a head of six letters or more ("phosphokinase", "glucuronosyltransferases")."""
    word = word.lower()
    return word in heads or word.endswith(_long_heads(heads))


def _protein_end(text: str, end: int, heads: frozenset[str]) -> tuple[int, int] | None:
    """Where the protein named by the chemical ending at ``end`` ends, and where the words after the chemical
    that other mentions may not start in begin (after its bracketed short form); None without a head."""
    after = _AFTER.match(text, end)
    if after is not None and _is_head(after.group(2), heads):
        return after.end(), after.end("short") if after.group("short") else end
    joined = _JOINED.match(text, end)
    if joined is not None:
        participles, nouns = _head_joins()
        if joined.group(1) in participles and (joined.group(2).lower() in nouns or _is_head(joined.group(2), heads)):
            return joined.end(), end
    return None


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


def _named_protein(name: str, heads: frozenset[str]) -> bool:
    """A name of several words whose last is a head ("creatine kinase"; not "streptokinase")."""
    last = name.rfind(" ")
    return last != -1 and name[last + 1:].lower() in heads


def named_targets(kept: list[Candidate], text: str, heads: frozenset[str]) -> list[Candidate]:
    """``kept`` plus a TARGET candidate over each DRUG candidate and the head that follows it."""
    if not heads or not any(c.entry.label == "DRUG" for c in kept):
        return kept
    starts = {c.start for c in kept}
    added, kept = [], list(kept)
    for i, candidate in enumerate(kept):
        if candidate.entry.label == "DRUG" and _named_protein(text[candidate.start:candidate.end], heads):
            # The drug dictionary lists enzymes ("creatine kinase", "histone deacetylase"): a protein's name.
            entry = Entry("target:" + squash(candidate.entry.norm_name), candidate.entry.norm_name, "TARGET", "pattern")
            kept[i] = candidate = candidate._replace(entry=entry, source="pattern")
        found = _protein_end(text, candidate.end, heads) if candidate.entry.label == "DRUG" else None
        if found is None or any(found[1] < s < found[0] for s in starts):
            continue  # another mention starts inside
        # A kind, a size or a conjoined first part before it is part of the name: "L-type Ca(2+) channels",
        # "78-kDa glucose-regulated protein", "serum- and glucocorticoid-inducible kinase".
        kind = _KIND.search(text, max(0, candidate.start - 30), candidate.start)
        start = kind.start() if kind else candidate.start
        name = text[start:found[0]]
        entry = Entry("target:" + squash(name), name, "TARGET", "pattern")
        added.append(candidate._replace(start=start, end=found[0], entry=entry, source="pattern"))
    return sorted(kept + added, key=lambda c: (c.start, c.end))


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
                found = _protein_end(text, candidate.end, heads)
                if found is not None and found[0] == target.end:
                    added.append(candidate)
                    break
    return sorted(kept + added, key=lambda c: (c.start, c.end)) if added else kept
