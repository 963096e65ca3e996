"""The checks a unit's relations pass once the rules and the pair reader have read it (one hook in ``extract``).

Each drops statements a construction of the sentence shows are not the agent's: the arm given alone in a
comparison (``arms.py``), an agent whose verb has an intervention for its subject (``interventions.py``),
a compound's gene statements after it is named an enzyme's substrate (``substrates.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Relation
from .arms import without_alone_arms
from .interventions import without_displaced_subjects
from .substrates import without_substrate_statements
from .units import Unit


def filtered(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """``relations`` of ``unit`` less those the checks above reject."""
    return without_substrate_statements(unit, without_displaced_subjects(unit, without_alone_arms(unit, relations)))
