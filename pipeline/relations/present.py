"""Substances a text finds present rather than applies: no agents of a statement.

An abstract names many chemicals it does not give: what it measures ("ROS production", "levels of
glutathione"), what the tissue makes ("ATP synthesis", "triglycerides"), and the reagents, buffers,
solvents, labels and assay cofactors of its methods ("in the presence of phosphatidylserine",
"conjugation with biotin", "imidazole buffer"). Read as agents they give the verb or the pair reader
of their sentence a wrong subject. The names are data (``data/relations/present_substances.txt``);
a text that applies one ("treated with ATP", "exogenous ATP": ``applied_cues.tsv``) keeps it an agent.
"""

from __future__ import annotations

import functools
import re

from ..context import DATA_DIR
from ..grades import read_words
from ..records import Mention
from .applied import applied_by_cues
from .lexicon import word_set
from .units import Unit

PRESENT_SUBSTANCES = DATA_DIR / "relations" / "present_substances.txt"
_HEAD_OF = re.compile(r"([A-Za-z]+)\s+of\s+(?:the\s+|total\s+|free\s+|serum\s+|plasma\s+|intracellular\s+)?$")


@functools.cache
def present_substances() -> frozenset[str]:
    return read_words(PRESENT_SUBSTANCES)


def is_present_substance(unit: Unit, mention: Mention) -> bool:
    """Whether ``mention`` names a listed substance (its text or normalised name) the unit does not apply."""
    names = present_substances()
    if mention.text.lower() not in names and (mention.norm_name or "").lower() not in names:
        return False
    return not applied_by_cues(unit.text, unit.start, mention)


def is_measured_after_of(unit: Unit, mention: Mention) -> bool:
    """"levels of glutathione", "production of ROS", "release of CGRP": a chemical after a measure noun and
    "of" (``present.measured_of_heads``) is what is measured, as "glutathione levels" is. Not a dose noun
    ("a low concentration of depsipeptide potentiated", "a high intake of vitamin C") nor "a metabolite
    of X", which name what is applied."""
    at = mention.start - unit.start
    if unit.text.rfind(" of ", max(0, at - 24), at) < 0:
        return False  # cheap pre-check: no "of" right before the name
    head = _HEAD_OF.search(unit.text, max(0, at - 40), at)
    return head is not None and head.group(1).lower() in word_set("present.measured_of_heads")
