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

from .clause import AgentRef, Clause
from .pairs import parser_available

# a coordinated or subordinate verb takes its subject from the verb it hangs on
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl", "ccomp"})
_SUBJECTS = frozenset({"nsubj", "csubj", "nsubjpass"})


@functools.lru_cache(maxsize=256)
def _parse(text: str):  # noqa: ANN202 - a spaCy Doc; the import stays lazy
    from ..parser import parse_sentences

    return parse_sentences([text])[0]


def subject_agents(clause: Clause, verb_index: int, candidates: Sequence[AgentRef]) -> list[AgentRef] | None:
    """The ``candidates`` inside the parsed subject of the verb at token ``verb_index``; None when the
    parser is absent, the verb is not found, or its subject holds none of them."""
    if not parser_available():
        return None
    unit = clause.unit
    token = clause.tokens[verb_index]
    doc = _parse(unit.text)
    span = doc.char_span(token.start - unit.start, token.end - unit.start, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    for _ in range(4):  # climb at most a few coordinated verbs to the one with a subject
        subjects = [child for child in verb.children if child.dep_ in _SUBJECTS]
        if subjects or verb.dep_ not in _INHERITS_SUBJECT or verb.head.i == verb.i:
            break
        verb = verb.head
    inside = []
    for subject in subjects:
        first, last = subject.left_edge, subject.right_edge
        begin, end = unit.start + first.idx, unit.start + last.idx + len(last.text)
        inside += [ref for ref in candidates if begin <= ref.mention.start and ref.mention.end <= end]
    return inside or None
