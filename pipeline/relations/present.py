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

from ..context import DATA_DIR
from ..grades import read_words
from ..records import Mention
from .units import Unit, applied_by_cues

PRESENT_SUBSTANCES = DATA_DIR / "relations" / "present_substances.txt"


@functools.cache
def present_substances() -> frozenset[str]:
    return read_words(PRESENT_SUBSTANCES)


def is_present_substance(unit: Unit, mention: Mention) -> bool:
    """Whether ``mention`` names a listed substance (its text or normalised name) the unit does not apply."""
    names = present_substances()
    if mention.text.lower() not in names and (mention.norm_name or "").lower() not in names:
        return False
    return not applied_by_cues(unit.text, unit.start, mention)
