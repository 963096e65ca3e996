"""An abstract's antibody binds what it is raised against: "anti-STAT3 Ab", "IL-6 neutralizing antibodies",
"antibodies against VEGF" -> binds STAT3 / IL-6 / VEGF, once per sentence that names it.

Read for an antibody applied as an agent: one a rule made the agent of a statement of the sentence ("anti-IL-6
Abs blocked STAT activation") or one named neutralizing or blocking (``antibodies.applied_modifiers``); not a
detection antibody ("Western blotting with anti-Pin1 antibody", "supershifted with anti-STAT3 Ab": a tool,
not an applied agent), nor where a rule already said it binds something. The antigen is the part of the
mention's own words that names it (``antibodies.heads``, ``antibodies.modifiers``); the review's antibodies
are the gold table's agents and keep the review's rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..records import Mention, Relation
from .cues import model_system
from .learned import pair_relation
from .lexicon import tokenize, word_set
from .units import Unit

CONSTRUCTION = "antibody"


@functools.lru_cache(maxsize=1)
def _antigen_patterns() -> tuple[re.Pattern[str], ...]:
    heads = "|".join(sorted(word_set("antibodies.heads"), key=len, reverse=True))
    modifiers = "|".join(sorted(word_set("antibodies.modifiers"), key=len, reverse=True))
    return (
        # "anti-STAT3 Ab", "anti-IL-6 receptor monoclonal antibody"
        re.compile(rf"anti[-\u2010\u2011\u2013\s]?(?P<antigen>.+?)(?:\s+(?:{modifiers}))*\s+(?:{heads})", re.I),
        # "IL-6 neutralizing antibodies", "Stat-specific antisera"
        re.compile(rf"(?P<antigen>.+?)[-\s](?:{modifiers})(?:\s+(?:{modifiers}))*\s+(?:{heads})", re.I),
        # "antibodies against VEGF", "a monoclonal antibody directed against ER"
        re.compile(rf"(?:(?:{modifiers})\s+)*(?:{heads})\s+(?:directed\s+)?(?:against|to)\s+(?P<antigen>.+)", re.I),
    )


def antigen_span(mention: Mention) -> tuple[int, int] | None:
    """The characters of the antigen an antibody mention names, or None for no antibody."""
    for pattern in _antigen_patterns():
        match = pattern.fullmatch(mention.text)
        if match is not None and match.group("antigen").strip():
            start = mention.start + match.start("antigen")
            return start, start + len(match.group("antigen").rstrip())
    return None


def antibody_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """binds <antigen> for each acting antibody of an abstract's sentence the rules gave no binding."""
    if not unit.abstract:
        return []
    out: list[Relation] = []
    tokens = None
    for agent in unit.agents:
        span = antigen_span(agent)
        if span is None or any(r.agent_start == agent.start and r.effect == "binds" for r in found):
            continue
        applied = any(r.agent_start == agent.start for r in found) or bool(
            set(agent.text.lower().replace("-", " ").split()) & word_set("antibodies.applied_modifiers"))
        if not applied:
            continue
        tokens = tokens if tokens is not None else tokenize(unit.text, unit.start)
        start, end = span
        antigen = next((m for m in unit.mentions if (m.start, m.end) == span), None) or Mention(
            unit.doc_id, start, end, unit.text[start - unit.start:end - unit.start], "TARGET", None, None,
            "antibody", ())
        index = next((k for k, t in enumerate(tokens) if t.start >= agent.start), 0)
        relation = pair_relation(unit, tokens, agent, antigen, "binds", CONSTRUCTION,
                                 model_system(tokens, doc_system()), index)
        out.append(replace(relation, negated=False, negation_cue=None))
    return out
