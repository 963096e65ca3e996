"""Statements whose parts are shared across a list: "respectively" and an elliptical "but not".

"A and B have been approved for X and Y respectively" pairs the agents with the objects in
order; "..., but not for Z" repeats the previous clause's statements, negated, with Z as object.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from .lexicon import Token, find_trigger, word_set
from .objects import ObjectSpan, object_after

logger = logging.getLogger(__name__)

_RESPECTIVELY = "respectively"
_ELLIPSIS_PREPS = word_set("ellipsis.ellipsis_preps")

Statement = tuple[Any, ...]  # (agents, effect, trigger_index, ObjectSpan, construction, trigger_words)


def pair_respectively(tokens: Sequence[Token], statements: list[Statement]) -> list[Statement]:
    """Pair the n agents of one trigger with its n objects when the clause says "respectively".

    Statements of a trigger whose agent and object counts differ are left as they are.
    """
    if not any(t.lower == _RESPECTIVELY for t in tokens):
        return statements
    by_trigger: dict[int, list[Statement]] = {}
    for statement in statements:
        by_trigger.setdefault(statement[2], []).append(statement)
    out: list[Statement] = []
    for group in by_trigger.values():
        agents = _distinct_agents(group[0][0])
        if len(group) >= 2 and len(agents) == len(group) and all(_distinct_agents(s[0]) == agents for s in group):
            out.extend((agents[k:k + 1], *statement[1:]) for k, statement in enumerate(group))
        else:
            out.extend(group)
    return out


def _distinct_agents(agents: Sequence[Any]) -> list[Any]:
    seen: set[str | None] = set()
    out = []
    for ref in agents:
        if ref.mention.norm_id not in seen:
            seen.add(ref.mention.norm_id)
            out.append(ref)
    return out


def elliptical_objects(tokens: Sequence[Token]) -> list[ObjectSpan]:
    """The objects of a clause "but not (for) Z" that has no trigger of its own; else ``[]``."""
    if len(tokens) < 3 or tokens[0].lower != "but" or tokens[1].lower != "not":
        return []
    if any(find_trigger(t.lower) is not None and find_trigger(t.lower).review_effect for t in tokens[2:]):
        return []  # "but not inhibited ...": a statement of its own
    start = 3 if tokens[2].lower in _ELLIPSIS_PREPS else 2
    objects = object_after(tokens, start)
    if tokens[2].lower == "in" and objects and tokens[objects[-1].last].lower in word_set("treatment.treated_heads"):
        return []  # "induces STAT4 in NK cells, but not in primary T cells": where it did not, not what
    return objects


def repeat_negated(previous: Sequence[Statement], objects: list[ObjectSpan]) -> list[Statement]:
    """The previous clause's last statement (one per agent and effect) with the ellipsis' objects.

    The trigger index is "not" (index 1), so the statement is negated by its own clause.
    """
    out: list[Statement] = []
    seen: set[tuple[Any, str]] = set()
    last = max((s[2] for s in previous), default=None)  # the statement the ellipsis continues
    for agents, effect, _, _, construction, words in (s for s in previous if s[2] == last):
        for ref in agents:
            if (ref.mention.norm_id, effect) in seen:
                continue
            seen.add((ref.mention.norm_id, effect))
            out.extend(([ref], effect, 1, obj, construction, words) for obj in objects)
    return out
