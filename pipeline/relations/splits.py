"""One statement, several findings: a relation per model system, per cell line, per combination.

The review reports "activity against multiple myeloma in vitro and in vivo" or
"growth of xenograft tumors of DU145, Calu3, and A549 cells" as one sentence but as
several findings (one per model system, one per cell line, the single agent and the
combination). A split relation carries a ``qualifier`` that enters its id, so each
finding keeps a distinct, stable id while an unsplit statement keeps the id it had.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .lexicon import Token, Words, cue_positions, model_system_cues, word_set
from .objects import ObjectSpan

logger = logging.getLogger(__name__)

#: Only explicit cues split a statement: "cells" (priority 2) is too common to mean an in vitro arm.
SPLIT_MIN_PRIORITY = 3
#: The two arms a statement may name: cells in culture, and animals (xenografts are animals).
_FAMILY = {"in_vitro": "cells", "in_vivo": "animals", "xenograft": "animals"}
#: Words that may sit between the two arms' cues ("in a SCID-hu in vivo model and in cell lines").
_ARM_GLUE = word_set("splits.arm_glue")
_BOTH_ARMS = re.compile(r"\bboth as (?:a )?single agents? and in combination\b")


def _arms(words: list[str]) -> list[tuple[int, int, str, int]]:
    """(first, end, system, priority) of each explicit model-system cue, in text order."""
    found = []
    for cue in model_system_cues():
        if cue.weight < SPLIT_MIN_PRIORITY or cue.value not in _FAMILY:
            continue
        for pos in cue_positions(words, cue):
            found.append((pos, pos + len(cue.words), cue.value, cue.weight))
    return sorted(found)


def system_variants(segment: Sequence[Token], system: str) -> list[tuple[str, str | None]]:
    """``[(model_system, qualifier)]`` for one finding; more than one when it names both arms.

    ``segment`` holds the finding's words (trigger to the end of its object's clause).
    The statement's own ``system`` comes first with no qualifier (its id is unchanged);
    the other arm follows, qualified by its system. The two arms' cues must be joined
    only by glue words ("in vitro and in vivo"), so "proliferation in vitro and tumor
    growth in vivo" — two objects, each with its own arm — is not doubled.
    """
    if _FAMILY.get(system) is None:
        return [(system, None)]
    words = Words(t.lower for t in segment)
    arms = _arms(words)
    for (_, end, left, _), (first, _, right, _) in zip(arms, arms[1:]):
        glue = words[end:first]
        if _FAMILY[left] != _FAMILY[right] and all(w in _ARM_GLUE for w in glue) and "and" in glue:
            other = left if _FAMILY[left] != _FAMILY[system] else right
            return [(system, None), (other, other)]
    return [(system, None)]


def combination_variants(after: Sequence[Token], obj: ObjectSpan) -> list[ObjectSpan]:
    """"... both as a single agent and in combination with X": the single agent and the combination.

    ``after`` are the clause's words after the object. Only "both ... and" reports two findings;
    "as a single agent or in combination" is one finding that holds either way. The combination
    finding is the same object qualified ``combination``; objects already split per cell line
    share one combination finding (the same qualifier, so the extractor keeps the first).
    """
    if _BOTH_ARMS.search(" ".join(t.lower for t in after)):
        return [obj, replace(obj, qualifier="combination")]
    return [obj]


def cell_line_objects(clause: Any, objects: list[ObjectSpan]) -> list[ObjectSpan]:
    """"growth of xenograft tumors of DU145 (prostate), Calu3 (lung), and A549 (lung) cells":
    one object per cell line, each the shared head ("growth of xenograft tumors") qualified
    by its cell line.

    Applies when the first object ends "<head> of <cell line>" and every other object names
    a cell line; otherwise ``objects`` come back unchanged.
    """
    if len(objects) < 2:
        return objects
    tokens = clause.tokens
    lines = [_cell_line_in(clause, o) for o in objects]
    if any(line is None for line in lines):
        return objects
    first = objects[0]
    line_start = next(k for k in range(first.first, first.last + 1) if clause.entity_at.get(k) is lines[0])
    of = line_start - 1
    if of <= first.first or tokens[of].lower != "of":
        return objects
    return [ObjectSpan(first.first, of - 1, cell_line=line.text, qualifier=line.text) for line in lines]


def _cell_line_in(clause: Any, obj: ObjectSpan) -> Any:
    for k in range(obj.first, obj.last + 1):
        mention = clause.entity_at.get(k)
        if mention is not None and mention.label == "CELL_LINE":
            return mention
    return None
