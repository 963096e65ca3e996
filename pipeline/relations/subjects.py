"""The grammatical subject of a trigger verb, from the shipped dependency parser, to choose among agents.

The rules take the agent nearest before a verb as its subject. Where a clause names two or more
agents before the verb ("Rats treated with X, unlike those given Y, showed reduced Z"; "the effect
of X on Y-induced Z ... reduced W") that guess is often wrong, so the sentence is parsed and the
agents inside the verb's subject phrase are taken instead. Only such sentences are parsed: most
clauses name one agent, and parsing costs ~40x the tokenizer (README, "Dependency parser").
Without the parser, or where the parse's subject holds none of the agents, the rules' choice stands.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .clause import AgentRef, Clause
from .pairs import parser_available
from .sentence_parse import unit_parse

# a coordinated or subordinate verb takes its subject from the verb it hangs on
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl", "ccomp"})
_SUBJECTS = frozenset({"nsubj", "csubj", "nsubjpass"})
_MODIFIERS = frozenset({"acl", "relcl"})  # clausal modifiers of a noun ("containing X", "which carry X")


@dataclass(frozen=True)
class ParsedToken:
    """What this module reads of a parsed token; plain data, so no spaCy Doc outlives the parse."""

    start: int  # character offsets into the parsed text, end-exclusive
    end: int
    dep: str
    head: int  # index of the head token (the root is its own head)
    subtree: tuple[int, int]  # character span of the token's subtree


@functools.lru_cache(maxsize=256)
def _parse(text: str) -> tuple[ParsedToken, ...]:
    doc = unit_parse(text)  # the one parse of the sentence the pair reader and the fallback share
    return tuple(ParsedToken(t.idx, t.idx + len(t.text), t.dep_, t.head.i,
                             (t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text))) for t in doc)


def subject_agents(clause: Clause, verb_index: int, candidates: Sequence[AgentRef]) -> list[AgentRef] | None:
    """The ``candidates`` inside the parsed subject of the verb at token ``verb_index``; None when the
    parser is absent, the verb is not found, or its subject holds none of them."""
    if not parser_available():
        return None
    unit = clause.unit
    token = clause.tokens[verb_index]
    parsed = _parse(unit.text)
    start, end = token.start - unit.start, token.end - unit.start
    inside_verb = [i for i, t in enumerate(parsed) if t.start < end and start < t.end]
    if not inside_verb:
        return None
    verb = inside_verb[-1]
    subjects: list[ParsedToken] = []
    for _ in range(4):  # climb at most a few coordinated verbs to the one with a subject
        subjects = [t for t in parsed if t.head == verb and t.dep in _SUBJECTS]
        if subjects or parsed[verb].dep not in _INHERITS_SUBJECT or parsed[verb].head == verb:
            break
        verb = parsed[verb].head
    inside = []
    for subject in subjects:
        begin, finish = unit.start + subject.subtree[0], unit.start + subject.subtree[1]
        found = [ref for ref in candidates if begin <= ref.mention.start and ref.mention.end <= finish]
        inside += _outside_modifiers(parsed, subject, found, unit.start)
    return inside or None


def _outside_modifiers(parsed: Sequence[ParsedToken], subject: ParsedToken, found: list[AgentRef],
                       offset: int) -> list[AgentRef]:
    """``found`` less the agents inside a clausal modifier of the subject ("derivatives 4 and 5, containing
    mannose and galactose appendages, suppress ..."), where another agent lies outside every such
    modifier: the modifier describes the agent that acts. Where all of them are inside one ("Mice treated
    with X and Y showed ..."), the subject's head is no agent and the modifier names the treatment."""
    first, last = subject.subtree
    modifiers = [(offset + t.subtree[0], offset + t.subtree[1]) for t in parsed
                 if t.dep in _MODIFIERS and first <= t.subtree[0] and t.subtree[1] <= last]
    outside = [ref for ref in found if not any(a <= ref.mention.start < b for a, b in modifiers)]
    return outside or found
