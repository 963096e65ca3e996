"""Preparations made from cells and applied to other cells: "adipocyte-conditioned medium (ACM)", "their
conditioned medium (TAM-CM)", "CAF-derived exosomes (CAF-Exo)".

Paracrine studies of the IL-6 axis apply what one cell type secretes to another ("ACM increased mammosphere
formation", "TAM-CM decreased the sensitivity of MCF-7 cells to 4-OHT"), and no dictionary names these agents.
Rule: a source word joined by a hyphen to "conditioned" before "medium"/"media", or to "derived" before
"exosomes"/"extracellular vesicles", is a DRUG mention; so is "conditioned medium" itself where the text gives it a
short form in brackets right after it, and that short form (capitals, digits and hyphens, at most twelve
characters) at every occurrence. The corpora annotate no such phrase (BioRED, BC5CDR and ChemProt hold a dozen,
none annotated): these mentions are for the relations, not for the benchmarks.
"""

from __future__ import annotations

import re

from .extracts import pattern_candidate
from .matcher import Candidate, MatchView, joins_a_word, whole_word_spans

_JOINED = re.compile(r"\b[A-Za-z][\w]*(?:-[A-Za-z][\w]*)?-(?:conditioned (?:medium|media)|derived "
                     r"(?:exosomes?|extracellular vesicles?))\b")
_BARE = re.compile(r"\bconditioned (?:medium|media)(?= \()")
_SHORT_AFTER = re.compile(r" \(([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\)")
_MAX_SHORT = 12


class CellPreparationMatcher:
    """DRUG candidates of cell preparations (module docstring); the same interface as ``PatternMatcher``."""

    label = "DRUG"

    def candidates(self, view: MatchView) -> list[Candidate]:
        if "conditioned" not in view.lower and "derived exosome" not in view.lower \
                and "derived extracellular" not in view.lower:
            return []  # most abstracts: three scans in C
        text = view.cased
        spans = [m.span() for m in _JOINED.finditer(text)]
        spans += [m.span() for m in _BARE.finditer(text) if not any(a <= m.start() < b for a, b in spans)]
        found = [pattern_candidate(view, text, *span) for span in spans]
        for (_, end), named in zip(spans, list(found)):
            short = _SHORT_AFTER.match(text, end)
            if short is None or len(short.group(1)) > _MAX_SHORT or sum(c.isupper() for c in short.group(1)) < 2:
                continue
            for at, after in whole_word_spans(text, short.group(1), joins_a_word):
                if not any(a <= at < b for a, b in spans):
                    start, stop = view.to_original(at, after)
                    found.append(Candidate(start, stop, named.entry, source="pattern"))  # the long form's entry
        return found
