"""Where a verb's agents stand when the name before the verb is not its subject.

A passive's by-list ("was abrogated by A and by B"), the instrument after a sentence-opening gerund's object
("Blocking IL-6R with tocilizumab ..."), and an opening treatment phrase before a change verb with no object
("After treatment with X, the expression of Y decreased"). Read by :func:`pipeline.relations.constructions.statement_for`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .clause import AgentRef, Clause, agent_after, agents_listed_after, is_adverb, refs
from .lexicon import Token, partner_cue_before, word_set
from .coordination import noun_phrase_before
from .objects import FOLD, ObjectSpan

Found = tuple[list[AgentRef], list[ObjectSpan], str]  # agents, objects, construction name


def by_agents(clause: Clause, by: int) -> list[AgentRef]:
    """The agents after a passive's "by": the first and those listed with it ("by A and B"), and those of a
    repeated "by" ("was abrogated by A and by B")."""
    tokens = clause.tokens
    agents = agents_listed_after(clause, by + 1)
    for k in range(by + 3, len(tokens) - 1):
        # "by A or by the anti-IL-6R antibody B": a describing phrase may stand between the second "by" and B
        if (tokens[k].lower == "by" and tokens[k - 1].lower in ("and", "or") and k - 2 in clause.agent_at
                and any(ref in agents for ref in refs(clause, k - 2))):
            agents += [ref for ref in agents_listed_after(clause, k + 1) if ref not in agents]
    return agents


def instrument_after(clause: Clause, objects: Sequence[ObjectSpan]) -> list[AgentRef]:
    """The agents right after "with"/"using" that ends a gerund's object: "Blocking IL-6R with tocilizumab
    decreased Y" (tocilizumab blocks IL-6R) — a gerund opening the sentence has no agent before it."""
    if not objects:
        return []
    after = objects[-1].last + 1
    if after + 1 < len(clause.tokens) and clause.tokens[after].lower in _INSTRUMENT_WORDS:
        return agent_after(clause, after + 1, window=1)
    return []


_INSTRUMENT_WORDS = frozenset({"with", "using"})
_DETERMINERS = word_set("objects.determiners")


def intransitive(clause: Clause, i: int, agents: list[AgentRef]) -> Found | None:
    """"After treatment with X, the expression of Y decreased": a change verb with no object after it says
    what changed in its subject; the agents are those of an opening phrase, before a comma, never a name
    inside the subject ("the IL-6 level of X-fed mice decreased" is no statement of a name in it)."""
    tokens = clause.tokens
    positions = [p for p in clause.agent_at if any(ref.mention in clause.agent_at[p] for ref in agents)]
    j = i + 1
    while j < len(tokens) and (is_adverb(tokens[j].lower) or FOLD.fullmatch(tokens[j].lower)):
        j += 1  # "rose 4-fold upon X exposure"
    if positions and min(positions) > j and j < len(tokens) and tokens[j].lower in _TREATMENT_CUES:
        # "IL-6 secretion rose 4-fold upon neratinib exposure": the treatment phrase after the verb names the
        # agents (``treatment.treatment_positions`` found them there); the subject is what changed
        subject = noun_phrase_before(tokens, _before_adverbs(tokens, i))
        return (agents, [subject], "intransitive") if subject is not None else None
    after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if after and after[:1].isalnum() and not is_adverb(after) and after not in _INTRANSITIVE_AFTER:
        return None
    k = _before_adverbs(tokens, i)
    subject = noun_phrase_before(tokens, k)
    if subject is None:
        return None
    comma = subject.first - 1
    while comma > 0 and tokens[comma].lower in _DETERMINERS:
        comma -= 1
    if comma < 1 or tokens[comma].text != ",":
        return None
    if not positions or max(positions) >= comma:
        return None
    return agents, [subject], "intransitive"


_INTRANSITIVE_AFTER = frozenset({"in", "to", "by", "from", "at", "after", "within", "over", "significantly"})
_TREATMENT_CUES = word_set("treatment.cues")  # after, following, upon, during


def _before_adverbs(tokens: Sequence[Token], k: int) -> int:
    while k > 0 and (is_adverb(tokens[k - 1].lower) or tokens[k - 1].lower in _FOCUS_ADVERBS):
        k -= 1  # "STAT3 phosphorylation markedly decreased", "IL-6 secretion also increased"
    return k


_FOCUS_ADVERBS = word_set("verb_agents.focus_adverbs")  # "IL-6 secretion also increased"


def combination_subject(clause: Clause, agents: list[AgentRef]) -> list[AgentRef]:
    """"napabucasin in combination with paclitaxel suppressed Y", "metformin combined with tamoxifen reduced Y":
    the partner after the cue (``clinical.partner_cues``) is nearest the verb, but the subject is the agent
    before the cue (the dev parts give a combination's finding to the added drug). Other agents stay."""
    if not agents:
        return agents
    tokens = clause.tokens
    named = [k for k in clause.agent_at if any(ref.mention is m for ref in agents for m in clause.agent_at[k])]
    if not named:
        return agents  # a fallback or an earlier sentence's agent: no cue before it here
    p = min(named)
    cue = partner_cue_before([t.lower for t in tokens[max(0, p - 3):p]])
    q = p - len(cue) - 1 if cue else -1
    if q >= 0 and q in clause.agent_at:
        return refs(clause, q)
    # "adding siltuximab (20 mg/kg) to docetaxel delayed Y", "the addition of X to Y reduced Z": the added drug's
    q = next((k for k in range(p - 2, max(-1, p - 12), -1) if k in clause.agent_at), None)
    if q is None or tokens[p - 1].lower != "to" or not all(
            t.text in ("(", ")") or t.text[:1].isdigit() or t.lower in _DOSE_WORDS for t in tokens[q + 1:p - 1]):
        return agents
    opener = [t.lower for t in tokens[max(0, q - 2):q]]
    return refs(clause, q) if opener[-1:] == ["adding"] or opener == ["addition", "of"] else agents


_DOSE_WORDS = word_set("verb_agents.dose_words")  # what may stand in brackets after the added drug
