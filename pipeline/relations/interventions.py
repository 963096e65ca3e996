"""A gene the study manipulates itself is an intervention of its own, not what an agent acts on.

"Knockdown of NOX4 by siRNA inhibited VEGF-induced ROS generation", "cells expressing the exogenous
Rab6c exhibited less resistance to doxorubicin", "not affected by Jak2 or Stat3 RNA interference":
the sentence states what knocking down or expressing the gene does, so the pair reader's candidate
(the agent of the sentence with that gene) is no statement of the agent's effect on it. The cues are
data (``interventions.before``: words ending right before the gene; ``interventions.after``: words
right after it, or after "or <gene>"/"and <gene>" for a coordinated pair, in ``word_sets.tsv``).
"""

from __future__ import annotations

import functools
import re

from collections.abc import Sequence

from ..records import Mention, Relation
from .lexicon import word_set
from .units import Unit

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z]+)?")
_COORDINATED = re.compile(r"^\s*(?:or|and|,)\s+[\w/-]+")


@functools.cache
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


_SUBJECT_REACH = 30  # characters from an intervention's name to the verb it is the subject of
_VERB_CONSTRUCTIONS = ("active", "nominal", "gerund", "compound")
# a word every cue of ``interventions.before``/``after``/``applied_against`` starts with or contains
_INDICATOR = re.compile(r"(?i)knock|silenc|deplet|delet|express|transfect|sirna|shrna|rna|antis|antibod|neutraliz")


def without_displaced_subjects(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """"KGF exhibited mitogenic effects in PCSCs, where treatment with KGF antiserum abolished cell
    proliferation": an antibody, siRNA or knock-down of a gene (a word of ``interventions.after`` or
    ``units.not_applied_after`` after it, or a cue of ``interventions.before`` before it) right before a
    statement's object is that statement's subject, so an agent named before it does not reach the object."""
    if not any(r.construction in _VERB_CONSTRUCTIONS for r in relations) or not _INDICATOR.search(unit.text):
        return list(relations)  # cheap pre-check: most units name no intervention
    blockers = [m for m in unit.mentions if m.label in ("TARGET", "DRUG") and (
        is_manipulated(unit, m) or _names_an_antibody(unit, m))]
    if not blockers:
        return list(relations)
    return [r for r in relations if not (r.construction in _VERB_CONSTRUCTIONS and any(
        r.agent_end <= m.start and m.end <= r.object_start and _verb_right_after(unit, m, r) for m in blockers))]


def _verb_right_after(unit: Unit, mention: Mention, relation: Relation) -> bool:
    """Whether the statement's trigger word follows ``mention`` within ``_SUBJECT_REACH`` characters."""
    if not relation.triggers:
        return False
    at = unit.text.find(relation.triggers[0], mention.end - unit.start, relation.object_start - unit.start)
    return 0 <= at - (mention.end - unit.start) <= _SUBJECT_REACH


def _names_an_antibody(unit: Unit, mention: Mention) -> bool:
    """"treatment with KGF antiserum", "transfection with STAT3 siRNA": a gene named as what an applied
    antibody or RNA is against (``interventions.applied_against`` after it, "with"/"of"/"by"/"using"
    before it); not "an anti-IL-6 mAb" or "a gp130 inhibitor", which describe an agent."""
    after = _WORD.findall(unit.text[mention.end - unit.start:mention.end - unit.start + 20].lower())
    before = _WORD.findall(unit.text[max(0, mention.start - unit.start - 20):mention.start - unit.start].lower())
    return (bool(after) and after[0] in word_set("interventions.applied_against")
            and bool(before) and before[-1] in ("with", "of", "by", "using"))
