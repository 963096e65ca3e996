"""Proteins named by a chemical: "NMDA receptor", "thymidine kinase", "nitric oxide synthase".

The lexicons know the chemical ("NMDA", "thymidine", "nitric oxide") but not every receptor, enzyme
or transporter named after it, so the chemical alone was found, as a DRUG, and the protein was
missed. A DRUG candidate followed by a word of ``target_heads.txt`` (after an optional "type 1a")
is the start of a protein's name: a TARGET candidate over both is added, unless another candidate
holds the head. The chemical stays, nested, as corpora disagree on it: BioRED annotates only the gene,
BC5CDR the chemical inside it. The relation rules already read "X receptor" as a target
(``relations.clause``), so the chemical does not act there.
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
