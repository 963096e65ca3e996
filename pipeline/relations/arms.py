"""The background arm of a comparison does not own the comparison's finding.

"a trial comparing lapatinib and capecitabine with capecitabine alone ... the combination of lapatinib and
capecitabine was associated with an improvement in response rate": capecitabine, named as the arm
given alone (``arms.alone_words`` right after it, and before it a comparison word, ``arms.comparison_words``,
or "with"/"to" after a word of ``arms.comparison_stems`` earlier in the sentence), is the background
both arms share; the improvement is the added agent's. So in such a sentence the alone arm's
``increases``/``decreases`` relations are dropped where another agent acts in them; its clinical ones
(the trial studies both arms) stay. "Treatment with cisplatin alone reduced growth" names no comparison
before "with", so cisplatin keeps its finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Mention, Relation
from .lexicon import partner_cue_before, word_set
from .units import Unit

_WORD = re.compile(r"[A-Za-z]+")
_FINDINGS = ("increases", "decreases")


def _alone_arms(unit: Unit) -> set[str]:
    """The ids of the agents this unit names as the arm given alone in a comparison."""
    alone, comparison, stems = (word_set("arms.alone_words"), word_set("arms.comparison_words"),
                                word_set("arms.comparison_stems"))
    found: set[str] = set()
    for m in unit.agents:
        after = _WORD.match(unit.text[m.end - unit.start:].lstrip())
        if m.norm_id is None or after is None or after.group().lower() not in alone:
            continue
        before = [w.lower() for w in _WORD.findall(unit.text[:m.start - unit.start])]
        if not before:
            continue
        if before[-1] in comparison or (before[-1] in ("with", "to") and any(
                w.startswith(tuple(stems)) for w in before[:-1])):
            found.add(m.norm_id)
    return found


def without_alone_arms(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """``relations`` of ``unit`` less the findings of an agent named only as the comparison's alone arm,
    where another agent of the unit acts too."""
    arms = _alone_arms(unit) if "alone" in unit.text or "monotherapy" in unit.text else set()
    if not arms or not any(m.norm_id not in arms for m in unit.agents):
        return list(relations)
    return [r for r in relations if not (r.agent_id in arms and r.effect in _FINDINGS)]


def is_partner(unit: Unit, mention: Mention) -> bool:
    """"toxicities associated with lapatinib used in combination with capecitabine": an agent named after a
    partner cue (``clinical.partner_cues``), with another agent before it, is the main agent's partner;
    the pair reader does not give it the combination's effects (the clinical rules share the
    combination's clinical statements with it, ``clinical._partners``)."""
    if "combin" not in unit.text:
        return False  # cheap pre-check: every partner cue has a form of "combine"
    before = tuple(_WORD.findall(unit.text[max(0, mention.start - unit.start - 40):mention.start - unit.start].lower()))
    return partner_cue_before(before) is not None and any(m.end <= mention.start and m.norm_id != mention.norm_id for m in unit.agents)
