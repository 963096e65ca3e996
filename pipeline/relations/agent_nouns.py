"""Agent nouns: "a gp130 inhibitor", "inhibitors of JAK3", "the aromatase inhibitor letrozole", "the dual
EGFR/ErbB2 kinase inhibitor GW572016", "the ErbB3 ligand heregulin": the noun says what the agent it names (before
or right after it) does to the words before it or to its "of" phrase.
"""

from __future__ import annotations

from ..text import is_dash
from .clause import AgentRef, Clause, agents_left, agents_listed_after, entity_span, refs
from .lexicon import word_set
from .objects import ObjectSpan, object_after
from .verb_agents import Found

_BINDER_NOUNS = word_set("constructions.binder_nouns")  # "a PKC ligand", "the ErbB3 ligand heregulin"
_EXAMPLES_REACH = 14  # tokens from an agent noun to the "such as" of its examples
_LIGAND_REACH = 10  # tokens between an agent and "ligand" that names it ("I3A as a protein kinase C (PKC) ligand")
_TARGET_CLASS_WORDS = word_set("agent_nouns.target_class_words")  # "the EGFR kinase inhibitor X"
_ANTIBODY_NOUNS = word_set("agent_nouns.antibody_nouns")  # "the IL-6R blocking antibody tocilizumab"
BLOCKING_WORDS = word_set("agent_nouns.blocking_words")


def agent_noun_statement(clause: Clause, i: int) -> Found | None:
    """The statement of the agent noun at ``i`` ("a gp130 inhibitor", "inhibitors of JAK3", "the STAT3 inhibitor
    Stattic"): the agent before it (or right after it, :func:`_descriptor`) acts on what the noun names."""
    tokens = clause.tokens
    if i + 1 < len(tokens) and (i + 1 in clause.entity_at and clause.entity_at[i + 1].label == "DRUG"):
        return None  # "the VEGF blocker aflibercept": the agent noun names another drug
    if i + 1 in clause.agent_at:
        return _descriptor(clause, i)
    # "JAK inhibitors, such as ruxolitinib and tofacitinib": every agent of the examples' list
    agents = agents_left(clause, i) or agents_listed_after(clause, i + 1, 4) or _examples_after(clause, i) \
        or list(clause.fallback)
    if not agents:
        return None
    if tokens[i].lower in _BINDER_NOUNS and (i + 1 in clause.entity_at or not any(
            p in clause.agent_at for p in range(max(0, i - _LIGAND_REACH), i))):
        return None  # "the ErbB3 ligand heregulin" names another protein; a ligand far from the agent is not its
    if i + 1 < len(tokens) and tokens[i + 1].lower in ("of", "against", "for", "to"):
        objects = object_after(tokens, i + 2)
        return (agents, objects, "agent_noun") if objects else None
    j = i - 1
    while j >= 0 and is_dash(tokens[j].text):
        j -= 1
    if j >= 2 and tokens[j].text == ")" and tokens[j - 2].text == "(":
        j -= 3  # "a protein kinase C (PKC) ligand": the abbreviation repeats the name before it
    if j >= 0 and j in clause.entity_at:
        return agents, _listed_entities_before(clause, j), "agent_noun"
    return None


def _examples_after(clause: Clause, i: int) -> list[AgentRef]:
    """"Direct STAT3 inhibitors, including small molecules that target the SH2 domain such as stattic, S3I-201
    and BP-1-102": the agents of the first example list opened ("such as", "including") within
    ``_EXAMPLES_REACH`` words after the agent noun that lists agents, no agent between."""
    tokens = clause.tokens
    for k in range(i + 1, min(len(tokens) - 1, i + _EXAMPLES_REACH)):
        if k in clause.agent_at or tokens[k].text in (";", ":"):
            return []
        opener = 2 if (tokens[k].lower, tokens[k + 1].lower) == ("such", "as") else tokens[k].lower == "including"
        listed = agents_listed_after(clause, k + opener, 2) if opener else []
        if listed:
            return listed  # "including small molecules ... such as X": the opener that lists agents
    return []


def blocking_antibody_statement(clause: Clause, i: int) -> Found | None:
    """"the IL-6 receptor (IL-6R) blocking antibody tocilizumab": a blocking word (``agent_nouns.blocking_words``)
    before an antibody noun (``agent_nouns.antibody_nouns``) and an agent says the agent blocks the targets named
    before the blocking word; else None."""
    tokens = clause.tokens
    if not (i + 2 < len(tokens) and tokens[i + 1].lower in _ANTIBODY_NOUNS and i + 2 in clause.agent_at):
        return None
    j = i - 1
    if j >= 2 and tokens[j].text == ")" and tokens[j - 2].text == "(":
        j -= 3  # the abbreviation repeats the name before it
    targets = _listed_entities_before(clause, j, "TARGET") if j >= 0 and j in clause.entity_at else []
    return (refs(clause, i + 2), targets, "agent_noun") if targets else None


def _listed_entities_before(clause: Clause, j: int, label: str | None = None) -> list[ObjectSpan]:
    """The entity ending at token ``j`` and those listed before it ("a JAK1/JAK2 and activin A receptor type 1
    (ACVR1) inhibitor": JAK1, JAK2 and ACVR1), joined by "/", "," or "and"; a bracketed short form skipped.
    With ``label``, only entities of that label."""
    tokens = clause.tokens
    spans: list[ObjectSpan] = []
    k = j
    while k >= 0 and k in clause.entity_at and label in (None, clause.entity_at[k].label):
        spans.insert(0, entity_span(clause, k))
        k = spans[0].first - 1
        if k < 1 or tokens[k].text not in ("/", ",", "and"):
            break
        k -= 1
        if k >= 2 and tokens[k].text == ")" and tokens[k - 2].text == "(":
            k -= 3  # "IL-6 receptor (IL-6R) and gp130 inhibitors"
    return spans


def _descriptor(clause: Clause, i: int) -> Found | None:
    """"the aromatase inhibitor letrozole", "the tyrosine kinase inhibitor ZD1839": the noun says what
    the agent named right after it does to the words before it (an entity, else the rest of the class
    mention the NER gave, ``Unit.described_agent``); without either, nothing."""
    tokens = clause.tokens
    agents = refs(clause, i + 1)
    if i >= 1 and i - 1 in clause.entity_at:
        return agents, [entity_span(clause, i - 1)], "agent_noun"
    targets = _targets_before_class_words(clause, i - 1)
    if targets:
        return agents, targets, "agent_noun"
    described = next((m for m in clause.unit.mentions if m.end == tokens[i].end and m.start < tokens[i].start
                      and clause.unit.described_agent(m) is not None), None)
    if described is None:
        return None
    first = next(k for k in range(i + 1) if tokens[k].end > described.start)
    return (agents, [ObjectSpan(first, i - 1)], "agent_noun") if first < i else None


def _targets_before_class_words(clause: Clause, j: int) -> list[ObjectSpan]:
    """"the dual EGFR/ErbB2 kinase inhibitor GW572016": past the class words ending at token ``j``
    (``agent_nouns.target_class_words``), the genes listed there ("/", "and", commas between them); none
    where no class word stands between them and the agent noun (the caller reads that case)."""
    tokens = clause.tokens
    k = j
    while k >= 0 and tokens[k].lower in _TARGET_CLASS_WORDS:
        k -= 1
    if k == j:
        return []
    return _listed_entities_before(clause, k, "TARGET")
