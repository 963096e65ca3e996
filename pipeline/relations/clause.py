"""The clause model the extractor works on, and how agents are found in it.

A clause is a run of tokens with the entity and agent mentions that cover each
token; agents come from mentions, anaphora or (for table bullets) the row's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Mention
from .treatment import treatment_positions
from .lexicon import Token, after_reference_cue, find_trigger, opens_exclusion, word_set
from .objects import ObjectSpan
from .present import is_measured_after_of, is_present_substance
from .units import Unit, is_applied

_LIST_GLUE = word_set("clause.list_glue")
_COMPARISON_OPENERS = tuple(tuple(phrase.split()) for phrase in word_set("clause.comparison_openers"))
_MODIFIER_JOINS = word_set("clause.modifier_joins")
_FORMULATION_JOINS = word_set("clause.formulation_joins")
_FORMULATION_HEADS = word_set("clause.formulation_heads")
_CAUSAL_JOINS = word_set("clause.causal_joins")
_OBJECT_MODIFIER_JOINS = word_set("clause.object_modifier_joins")
_TREATED_JOINS = word_set("clause.treated_joins")  # "IL-6-stimulated cells": the cells were treated
_TREATED_HEADS = word_set("treatment.treated_heads")
_MEASURE_HEADS = word_set("clause.measure_heads")
_MEASURE_OPENERS = word_set("clause.measure_openers")
_CLASS_TARGET_HEADS = word_set("clause.class_target_heads")
_ENZYME_SUFFIXES = tuple(sorted(word_set("clause.enzyme_suffixes")))
_NOT_ACTING_HEADS = _MEASURE_HEADS | _CLASS_TARGET_HEADS
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_CLAUSE_OPENERS = word_set("clause.openers")  # "; however, KGF prevented ...": words before a subject
RANGE_OPENERS = word_set("clause.range_openers")  # "Although ..., ": the clause ends at the first comma
_RANGE_SPLITTERS = word_set("clause.range_splitters")  # ", however ...": a new clause
_JOINED_WORD = re.compile(r"[-\u2010\u2011\u2013]([A-Za-z]+)(?:\s+([A-Za-z]+))?")


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
    """The clause over ``tokens``: which entity and which agents cover each token.

    In a table bullet the row's agent is the fallback; another agent the bullet names
    ("Inhibition of fibrosarcoma growth by MR16-1" in the tocilizumab row) is an agent of its own.
    """
    entity_at: dict[int, Mention] = {}
    agent_at: dict[int, tuple[Mention, ...]] = {}
    row_ids = {m.norm_id for m in unit.row_agents}
    # whether a mention acts is decided once per mention, not once per token it covers
    # a class naming the agent after it ("the aromatase inhibitor letrozole") is neither agent nor
    # entity: its words are read as an agent noun (``constructions._agent_noun``)
    mentions = [(m, unit.acts(m) and not modifies_a_noun(unit, m) and not is_measured(unit, m))
                for m in (*unit.mentions, *anaphors) if unit.described_agent(m) is None]
    for i, token in enumerate(tokens):
        for m, acting in mentions:
            if not (m.start < token.end and token.start < m.end):
                continue
            if acting:
                named = _referenced_as(unit, tokens, i, m)
                if named is None or _names_a_receptor(unit, tokens, m):
                    continue
                if unit.column is None or (named.norm_id not in row_ids and (named is not m or _actor(tokens, i, m))):
                    agent_at[i] = agent_at.get(i, ()) + (named,)
            elif not (m.label == "DISEASE" and m.text.lower().startswith("phase")):
                entity_at.setdefault(i, m)
    return Clause(unit, tokens, entity_at, agent_at, fallback)


def modifies_a_noun(unit: Unit, mention: Mention) -> bool:
    """"amphetamine-induced hyperactivity", "antipsychotic-like profile": an agent hyphen-joined to a
    word of ``clause.modifier_joins`` names the cause or kind of the noun after it, so it is not the
    subject of a verb outside that phrase ("THP ... reducing amphetamine-induced hyperactivity" is
    THP's statement). "X-induced Y" is read as a statement of its own (``learned.nominal_relations``);
    so is "LPS-stimulated inflammation" or "LPS-activated RAW 264.7 cells" ("Y inhibits LPS-stimulated
    inflammation by blocking A" is Y's blocking, not LPS's). "X-treated cells", "IL-6-stimulated cells"
    (a ``clause.treated_joins`` word before a ``treatment.treated_heads`` noun) and "X-mediated
    suppression of Y" keep X as the agent."""
    return _modifier_join(unit, mention) is not None


def _modifier_join(unit: Unit, mention: Mention) -> str | None:
    """The ``clause.modifier_joins`` word an agent is hyphen-joined to, unless a trigger noun follows it
    ("X-induced suppression of Y" keeps X as the agent of the suppression)."""
    joined = _JOINED_WORD.match(unit.text, mention.end - unit.start)
    if joined is None or joined.group(1).lower() not in _MODIFIER_JOINS:
        return None
    head = joined.group(2)
    if head and head.lower() in _TREATED_HEADS and joined.group(1).lower() in _TREATED_JOINS:
        return None
    if head and head.lower() in _FORMULATION_HEADS and joined.group(1).lower() in _FORMULATION_JOINS:
        return None  # "celastrol-loaded nanoparticles suppressed Y": the formulation delivers the agent, which acts
    return None if head and find_trigger(head) else joined.group(1).lower()


def describes_a_noun(unit: Unit, mention: Mention) -> bool:
    """"estrogen-sensitive breast cancer", "cisplatin-resistant cells": an agent hyphen-joined to a word of
    ``clause.modifier_joins`` that is not causal (``clause.causal_joins``: "induced", "evoked") names
    the kind of the noun after it, so it acts on nothing there; "X-induced Y" still states X's effect."""
    join = _modifier_join(unit, mention)
    return join is not None and join not in _CAUSAL_JOINS


def qualifies_a_noun(unit: Unit, mention: Mention) -> bool:
    """"ER-positive breast tumors", "IL-6-dependent growth", "p53-null cells": a target or disease
    hyphen-joined to a word of ``clause.object_modifier_joins`` says which kind of noun follows; the
    noun, not the name, is what a statement acts on."""
    joined = _JOINED_WORD.match(unit.text, mention.end - unit.start)
    return joined is not None and joined.group(1).lower() in _OBJECT_MODIFIER_JOINS


def is_measured(unit: Unit, mention: Mention) -> bool:
    """"serum ALT", "glucose metabolism", "MDA levels", "cholesterol levels": a chemical named as what
    is measured or metabolised (a word of ``clause.measure_heads`` right after it, or of
    ``clause.measure_openers`` right before it) is an analyte, not an agent applied in the study.
    A gene the text applies is never an analyte here ("treated with IL-6")."""
    if is_applied(unit.text, unit.start, mention):
        return False
    if is_present_substance(unit, mention) or is_measured_after_of(unit, mention):
        return True  # "ROS production", "levels of glutathione", "in the presence of phosphatidylserine"
    after = _NEXT_WORD.match(unit.text, mention.end - unit.start)
    word = after.group(1).lower() if after is not None else ""
    own = mention.text.lower().split()
    if word in _NOT_ACTING_HEADS or word.rstrip("s").endswith(_ENZYME_SUFFIXES) or (
            len(own) > 1 and own[-1].rstrip("s").endswith(_ENZYME_SUFFIXES)):
        # "prostaglandin synthetase inhibitors", "histamine antagonists": the target of a class;
        # "thymidine kinase", "glutathione reductase": the substrate in an enzyme's name; a drug
        # dictionary's "creatine phosphokinase" is the enzyme too (measured, not applied)
        return True
    before = unit.text[:mention.start - unit.start].split()
    return bool(before) and before[-1].lower() in _MEASURE_OPENERS


def _actor(tokens: list[Token], i: int, mention: Mention) -> bool:
    """In a table bullet, another agent acts only as the bullet's subject or after "by"."""
    first = next(k for k in range(i + 1) if tokens[k].end > mention.start)
    return first == 0 or tokens[first - 1].lower == "by"


def _referenced_as(unit: Unit, tokens: list[Token], i: int, mention: Mention) -> Mention | None:
    """The agent a mention stands for: itself, or — after "analog of" and the like — the agent
    named in brackets after it ("a rodent analog of tocilizumab (MR16-1)"), or none."""
    first = next(k for k in range(i + 1) if tokens[k].end > mention.start)
    if first >= 2 and tokens[first - 1].text == "(":
        # "more active than cisplatin (DDP)": the same agent's bracketed name is the same point of reference
        outer = next((m for m in unit.mentions if m.end == tokens[first - 2].end and m.norm_id == mention.norm_id), None)
        if outer is not None and _referenced_as(unit, tokens, first - 2, outer) is None:
            return None
    if not after_reference_cue(tuple(t.lower for t in tokens[max(0, first - 4):first])):
        return mention
    last = max(k for k in range(first, len(tokens)) if tokens[k].start < mention.end) if first < len(tokens) else i
    if last + 2 < len(tokens) and tokens[last + 1].text == "(":
        inner = tokens[last + 2]
        return next((m for m in unit.mentions if m.start == inner.start and m.norm_id != mention.norm_id
                     and unit.acts(m)), None)
    return None


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
    """The nearest agent before ``index`` plus the agents listed with it ("A and B inhibited ..."), less those of
    a fronted comparison ("Unlike A, B inhibited ...", "In contrast to A and B, C induced ...": C only)."""
    positions = sorted((p for p in clause.agent_at if p < index and not _excluded(clause.tokens, p)), reverse=True)
    return [ref for p in _without_compared(clause, sorted(_listed(clause, positions))) for ref in refs(clause, p)]


def _without_compared(clause: Clause, listed: list[int]) -> list[int]:
    """An agent list (positions, in order) less the agents of a comparison phrase that opens it, up to the
    phrase's last comma ("Unlike A, B", "In contrast to A and B, C": the agents after the comma)."""
    if not listed or not _compared(clause.tokens, listed[0]):
        return listed
    commas = [k for k in range(listed[0], listed[-1]) if clause.tokens[k].text == ","]
    return [p for p in listed if commas and p > commas[-1]]


def _compared(tokens: Sequence[Token], p: int) -> bool:
    """Whether the agent at ``p`` opens a comparison phrase (``clause.comparison_openers``: "unlike", "in
    contrast to", "compared with"; a determiner between skipped)."""
    k = p - 1 if p >= 1 and tokens[p - 1].lower in ("the", "a", "an") else p
    return any(k >= len(words) and tuple(t.lower for t in tokens[k - len(words):k]) == words
               for words in _COMPARISON_OPENERS)


def _excluded(tokens: Sequence[Token], p: int) -> bool:
    """"X, but not Y, inhibited Z": Y, after "but not" / "and not", is named as not acting."""
    return p >= 2 and opens_exclusion(tokens[p - 2].lower, tokens[p - 1].lower)


def agents_listed_with(clause: Clause, chosen: Sequence[AgentRef], index: int) -> list[AgentRef]:
    """``chosen`` agents before ``index`` plus the agents written in one list with them, either side
    ("Cisplatin and melphalan reduced Y", where the parse made only cisplatin the subject)."""
    before = sorted(p for p in clause.agent_at if p < index)
    starts = {ref.mention.start for ref in chosen}
    kept: set[int] = set()
    for p in (p for p in before if any(m.start in starts for m in clause.agent_at[p])):
        kept.update(_listed(clause, [p, *(q for q in reversed(before) if q < p)]))
        kept.update(_listed(clause, [p, *(q for q in before if q > p)]))
    return [ref for p in _without_compared(clause, sorted(kept)) for ref in refs(clause, p)]


def agents_listed_after(clause: Clause, index: int, window: int = 6) -> list[AgentRef]:
    """The first agent within ``window`` tokens from ``index`` plus the agents listed after it ("the
    anti-inflammatory effects of A and B": both), each once."""
    positions = sorted(p for p in clause.agent_at if p >= index)
    if not positions or positions[0] >= index + window:
        return []
    found: list[AgentRef] = []
    for ref in (ref for p in _listed(clause, positions) for ref in refs(clause, p)):
        if ref not in found:
            found.append(ref)  # a name of several tokens is one agent
    return found


def _listed(clause: Clause, positions: list[int]) -> list[int]:
    """The first of ``positions`` (nearest first) and those after it joined to it only by list words
    (``clause.list_glue``: commas, "and", "or", "as well as"; brackets skipped)."""
    if not positions:
        return []
    chosen = [positions[0]]
    for p in positions[1:]:
        low, high = sorted((p, chosen[-1]))
        if set(_strip_brackets([t.lower for t in clause.tokens[low + 1:high]])) <= _LIST_GLUE:
            chosen.append(p)
        else:
            break
    return chosen


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
    # "Reduced levels of A were detected after X treatment": the agents of a later treatment phrase
    return [ref for p in treatment_positions(clause.tokens, clause.agent_at, index) for ref in refs(clause, p)]


def inside_objects(clause: Clause, agents: list[AgentRef], covered: set[int]) -> bool:
    """Whether every agent is named at tokens inside the objects of earlier statements."""
    at = [p for p, ms in clause.agent_at.items() if any(ref.mention in ms for ref in agents)]
    return bool(at) and all(p in covered or _bracketed_after(clause.tokens, p, covered) for p in at)


def _bracketed_after(tokens: Sequence[Token], index: int, covered: set[int]) -> bool:
    """Whether token ``index`` is inside a bracket right after a covered token: "nitric oxide (NO)",
    whose object was cut before the bracket, still holds "NO"."""
    j = index - 1
    while j >= 0 and tokens[j].text != "(":
        if tokens[j].text == ")":
            return False
        j -= 1
    return j >= 1 and j - 1 in covered


def carried_into(unit: Unit, tokens: list[Token], carried: tuple[AgentRef, ...]) -> tuple[AgentRef, ...]:
    """The previous clause's agents, which a clause without an agent continues ("X did not increase A,
    but there was no increased risk for B") — unless the clause opens with a subject of its own: a name
    that does not act, right before a trigger word ("X reduced A; however, KGF prevented this inhibition"
    is KGF's statement, not X's)."""
    k = 0
    while k < len(tokens) and (tokens[k].lower in _CLAUSE_OPENERS or not any(c.isalnum() for c in tokens[k].text)):
        k += 1
    subject = next((m for m in unit.mentions if k < len(tokens) and m.start == tokens[k].start), None)
    if subject is None or unit.acts(subject):
        return carried
    after = next((j for j in range(k, len(tokens)) if tokens[j].start >= subject.end), None)
    return () if after is not None and find_trigger(tokens[after].lower) else carried


def clause_ranges(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Split at ";", at ", however/but/whereas ..." and after an opening "Although ... ,"."""
    cuts = [0]
    opener = bool(tokens) and tokens[0].lower in RANGE_OPENERS
    depth = 0
    for i, token in enumerate(tokens):
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth = max(0, depth - 1)
        if depth:
            continue  # "(RR 0.9; 95% CI 0.8-1.1)" does not end a clause
        if token.text == ";":
            cuts.append(i + 1)
            opener = i + 1 < len(tokens) and tokens[i + 1].lower in RANGE_OPENERS
        elif token.text == "," and i + 1 < len(tokens) and tokens[i + 1].lower in _RANGE_SPLITTERS:
            cuts.append(i + 1)
        elif token.text == "," and opener:
            cuts.append(i + 1)
            opener = False
    cuts.append(len(tokens))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def entity_span(clause: Clause, k: int) -> ObjectSpan:
    """The tokens of the entity mention ending at token ``k``."""
    mention = clause.entity_at[k]
    first = k
    while first - 1 >= 0 and clause.entity_at.get(first - 1) is mention:
        first -= 1
    return ObjectSpan(first, k)


def entity_span_forward(clause: Clause, j: int) -> ObjectSpan:
    """The tokens of the entity mention starting at token ``j``."""
    mention = clause.entity_at[j]
    last = j
    while last + 1 < len(clause.tokens) and clause.entity_at.get(last + 1) is mention:
        last += 1
    return ObjectSpan(j, last)
