"""A gene the study manipulates itself is an intervention of its own, not what an agent acts on.

"Knockdown of NOX4 by siRNA inhibited VEGF-induced ROS generation", "cells expressing the exogenous
Rab6c exhibited less resistance to doxorubicin", "not affected by Jak2 or Stat3 RNA interference":
the sentence states what knocking down or expressing the gene does, so the pair reader's candidate
(the agent of the sentence with that gene) is no statement of the agent's effect on it. The cues are
data (``interventions.before``: words ending right before the gene; ``interventions.after``: words
right after it, or after "or <gene>"/"and <gene>" for a coordinated pair, in ``word_sets.tsv``).
"""

from __future__ import annotations

import re

from ..records import Mention
from .lexicon import word_set
from .units import Unit

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z]+)?")
_COORDINATED = re.compile(r"^\s*(?:or|and|,)\s+[\w/-]+")


def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cue.split()) for cue in word_set(name))


def is_manipulated(unit: Unit, mention: Mention) -> bool:
    """Whether ``mention`` (a gene) is knocked down, silenced or expressed by the study here."""
    if mention.label != "TARGET":
        return False
    before = tuple(_WORD.findall(unit.text[max(0, mention.start - unit.start - 40):mention.start - unit.start].lower()))
    if any(before[len(before) - len(cue):] == cue for cue in _phrases("interventions.before")):
        return True
    rest = unit.text[mention.end - unit.start:mention.end - unit.start + 60]
    coordinated = _COORDINATED.match(rest)  # "Jak2 or Stat3 RNA interference"
    for text in (rest, rest[coordinated.end():] if coordinated else None):
        if text is None:
            continue
        after = tuple(_WORD.findall(text[:30].lower()))
        if any(after[:len(cue)] == cue for cue in _phrases("interventions.after")):
            return True
    return False
