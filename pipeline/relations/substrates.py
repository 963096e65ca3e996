"""A compound named as an enzyme's or transporter's substrate affects nothing there (the dev sets' convention).

"Lapatinib is metabolized primarily by the cytochrome P450 3A4 isozyme", "the affinity and clearance of
UGT2B10 for amitriptyline, imipramine and diphenhydramine", "the substrate specificity of UGT2B10":
the enzyme acts on the compound. In a sentence with such a cue (``substrates.cues`` in
``word_sets.tsv``) the compound's statements about a gene or protein are dropped; its statements about
a disease or a phenotype stay.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..records import Relation
from .lexicon import word_set
from .units import Unit

_ON_GENES = ("increases", "decreases", "binds")


@functools.cache
def _cues() -> tuple[str, ...]:
    return tuple(sorted(word_set("substrates.cues")))


@functools.cache
def _cue_patterns() -> tuple[re.Pattern[str], ...]:
    """Each cue as a pattern; an adverb may stand between its words ("metabolized primarily by")."""
    return tuple(re.compile(r"\b" + r"\s+(?:[a-z]+ly\s+)?".join(map(re.escape, cue.split())) + r"\b")
                 for cue in _cues())


@functools.cache
def _first_words() -> frozenset[str]:
    return frozenset(cue.split()[0] for cue in _cues())


def without_substrate_statements(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """``relations`` less the gene statements after a substrate cue in the unit ("X inhibits STAT3 and is
    metabolized by CYP3A4" keeps X's statement on STAT3)."""
    if not any(r.object_label == "TARGET" for r in relations):
        return list(relations)
    lowered = unit.text.lower()
    if not any(word in lowered for word in _first_words()):
        return list(relations)  # cheap pre-check: most units name no substrate
    first = min(_find(lowered, pattern) for pattern in _cue_patterns())
    if first >= len(lowered):
        return list(relations)
    at = unit.start + first
    return [r for r in relations if not (r.effect in _ON_GENES and r.object_label == "TARGET" and r.object_start > at)]


def _find(text: str, pattern: re.Pattern[str]) -> int:
    """Where a cue's ``pattern`` first matches ``text``, or a large number when it does not."""
    found = pattern.search(text)
    return found.start() if found else 10 ** 9
