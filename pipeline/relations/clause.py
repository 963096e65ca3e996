"""The clause model the extractor works on, and how agents are found in it.

A clause is a run of tokens with the entity and agent mentions that cover each
token; agents come from mentions, anaphora or (for table bullets) the row's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Mention
from .lexicon import Token
from .units import Unit, is_agent

_LIST_GLUE = frozenset({",", "and", "or", "as", "well"})


@dataclass(frozen=True)
class AgentRef:
    """An agent a statement is about, and where its name (or anaphor) sits in the text."""

    mention: Mention
    source: str  # mention | row | anaphora | marker


@dataclass
class Clause:
    unit: Unit
    tokens: list[Token]
    entity_at: dict[int, Mention]
    agent_at: dict[int, tuple[Mention, ...]]
    fallback: tuple[AgentRef, ...]


def make_clause(unit: Unit, tokens: list[Token], fallback: tuple[AgentRef, ...],
                 anaphors: tuple[Mention, ...] = ()) -> Clause:
    entity_at: dict[int, Mention] = {}
    agent_at: dict[int, tuple[Mention, ...]] = {}
    for i, token in enumerate(tokens):
        for m in (*unit.mentions, *anaphors):
            if not (m.start < token.end and token.start < m.end):
                continue
            if is_agent(m, unit.agent_scope):
                if unit.column is None and not _names_a_receptor(unit, tokens, m):
                    agent_at[i] = agent_at.get(i, ()) + (m,)
            elif not (m.label == "DISEASE" and m.text.lower().startswith("phase")):
                entity_at.setdefault(i, m)
    return Clause(unit, tokens, entity_at, agent_at, fallback)


def _names_a_receptor(unit: Unit, tokens: list[Token], mention: Mention) -> bool:
    """"Angiotensin II AT1 receptor", "melatonin receptor agonist": the drug name only modifies a target."""
    after = next((t for t in tokens if t.start >= mention.end), None)
    if after is None:
        return False
    if after.lower.startswith("receptor"):
        return True
    return any(m.label == "TARGET" and m.start == after.start for m in unit.mentions)


def refs(clause: Clause, index: int) -> list[AgentRef]:
    return [AgentRef(m, "anaphora" if m.source in ("anaphora", "status") else "mention") for m in clause.agent_at[index]]


def is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4


def agents_left(clause: Clause, index: int) -> list[AgentRef]:
    """The nearest agent before ``index`` plus the agents listed with it ("A and B inhibited ...")."""
    positions = sorted(p for p in clause.agent_at if p < index)
    if not positions:
        return []
    chosen = [positions[-1]]
    for p in reversed(positions[:-1]):
        gap = _strip_brackets([t.lower for t in clause.tokens[p + 1:chosen[-1]]])
        if set(gap) <= _LIST_GLUE:
            chosen.append(p)
        else:
            break
    return [ref for p in reversed(chosen) for ref in refs(clause, p)]


def agent_after(clause: Clause, index: int, window: int = 6) -> list[AgentRef]:
    for p in range(index, min(len(clause.tokens), index + window)):
        if p in clause.agent_at:
            return refs(clause, p)
    return []


def _strip_brackets(words: list[str]) -> list[str]:
    out, depth = [], 0
    for w in words:
        if w in ("(", "["):
            depth += 1
        elif w in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(w)
    return out


def default_agents(clause: Clause, index: int) -> list[AgentRef]:
    left = agents_left(clause, index)
    if left:
        return left
    if clause.fallback:
        return list(clause.fallback)
    return []
