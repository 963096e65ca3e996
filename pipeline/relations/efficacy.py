"""Efficacy statements: "X showed efficacy in patients with RA", "X is effective in the treatment of Y", "a therapeutic
agent for Y": X decreases the disease (or what the treatment phrase names)."""

from __future__ import annotations

from .clause import AgentRef, Clause, default_agents, entity_span_forward
from .lexicon import word_set
from .objects import object_after
from .verb_agents import Found

_LIST_GLUE = word_set("clause.list_glue")


def efficacy_statement(clause: Clause, i: int, marker: list[AgentRef]) -> Found | None:
    """"X showed efficacy in patients with RA", "X is effective in the treatment of Y": X decreases Y; "a
    therapeutic agent for Y" only with its preposition ("a therapeutic agent to counteract Y" is the verb's)."""
    tokens = clause.tokens
    if tokens[i].lower == "therapeutic" and (i + 2 >= len(tokens) or tokens[i + 2].lower not in ("for", "against")):
        return None
    end = min(len(tokens), i + 15)
    diseases = [k for k in range(i + 1, end) if k in clause.entity_at and clause.entity_at[k].label == "DISEASE"
                and not (k - 1 in clause.entity_at and clause.entity_at[k - 1] is clause.entity_at[k])]
    agents = marker or default_agents(clause, i)
    if not agents:
        return None
    if diseases:  # the first disease and those listed right after it ("in controlling A, B, and C")
        spans = [entity_span_forward(clause, diseases[0])]
        k = spans[-1].last + 1
        while k < len(tokens) and tokens[k].lower in _LIST_GLUE:
            k += 1
            if k < len(tokens) and tokens[k].lower not in _LIST_GLUE and k in clause.entity_at:
                span = entity_span_forward(clause, k)
                if clause.entity_at[k].label != "DISEASE" or clause.entity_at[k].end < tokens[span.last].end:
                    break  # another kind of entity, or a disease modifying a noun ("myelofibrosis-related symptoms")
                spans.append(span)
                k = spans[-1].last + 1
        return agents, spans, "efficacy"
    for k in range(i + 1, end):
        if tokens[k].lower in ("for", "against") or (tokens[k].lower == "of" and tokens[k - 1].lower == "treatment"):
            objects = object_after(tokens, k + 1)
            return (agents, objects[:1], "efficacy") if objects else None
    return None
