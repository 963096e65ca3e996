"""Where a study names what an agent was studied in: a method in the passive ("X was tested against Y in Z",
"the effect(s) of X on Y were evaluated in Z") and an aim in the first person or the infinitive ("we examined the
effect(s) of X on Y in Z", "To explore the effect of X on Y"). Read by :func:`pipeline.relations.clinical.clinical_relations`
for its ``studied_in`` statements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .clause import AgentRef, is_adverb
from .lexicon import word_parts, word_set
from .objects import ObjectSpan, object_after

_PASSIVE_AUX = word_set("constructions.passive_auxiliaries")
_EFFECT_NOUNS = word_set("clinical.method_effect_nouns")
_ABILITY_NOUNS = word_set("clinical.ability_nouns")  # "we investigated the ability of X to activate Y in Z"
_HEADING_NOUNS = word_set("study_methods.heading_nouns")  # "Effects of X on Y in Z" opening a title
_AIM_SUBJECTS = word_set("clinical.aim_subjects")  # "we examined", "this study evaluated", "To explore"
_CLASS_WORD = re.compile(r"(?:inhibitor|antagonist|agonist|blocker|antibody|mab)s?$")
_NOT_DESCRIBING = frozenset({"on", "in", "of", "to", "with", "by", "and", "or", "was", "were", "is", "are"})
_NO_SETTINGS = word_set("clinical.no_settings")  # "in vitro", "in vivo", "in combination": how, not where
_STIMULUS_JOINS = word_set("clause.causal_joins")


def method_objects(clause: Any, index: int) -> list[ObjectSpan]:
    """A study method in the passive: "X was tested against Y in Z", "the effect(s) of X on Y was/were
    evaluated in Z". What X was tested against or on (each conjunct) and the first setting after "in" are
    what X was studied in."""
    tokens = clause.tokens
    aux = _subject_end(tokens, index)
    if aux < 0 or tokens[aux].lower not in _PASSIVE_AUX:
        return []
    if index + 1 < len(tokens) and tokens[index + 1].lower == "against":
        spans = object_after(tokens, index + 2, stop_words=frozenset({"in"}))
    else:
        on = _effect_of_on(clause, aux)
        if on is None:
            return []
        spans = object_after(tokens, on + 1, stop_words=frozenset({"was", "were", "in"}))
    return _with_settings(clause, spans, index + 1, every=False)


def study_aim(clause: Any, index: int) -> tuple[list[ObjectSpan], list[AgentRef]]:
    """A study aim in the first person: "we examined the effect(s) of X on Y in Z", "this study evaluated the
    activity of X in Z", "we assessed X alone and in combination with W in Z" (the dev parts after ``ontopic/``
    mark an aim as studied in its objects and settings, every setting listed: "in SUM149, SUM159 and
    MDA-MB-231 cells"): its objects and settings, and the agents it names before them ("the effects of
    metformin, aspirin and the COX-2 inhibitor celecoxib on ...": all three)."""
    tokens = clause.tokens
    aux = _subject_end(tokens, index)
    if aux < 0 or tokens[aux].lower not in _AIM_SUBJECTS:
        return [], []
    of = _effect_of(clause, index + 1, min(len(tokens), index + 6)) or _named_after(clause, index + 1)
    if of is None:
        return [], []
    on = _past_agents(clause, of, len(tokens))
    spans = object_after(tokens, on + 1, stop_words=frozenset({"in"})) \
        if on < len(tokens) and tokens[on].lower == "on" else []
    if on + 2 < len(tokens) and tokens[on].lower == "to" and tokens[of - 2].lower in _ABILITY_NOUNS:
        # "the ability of PRL and IL-2 to activate Stat proteins in": the object follows the aim's verb
        spans = object_after(tokens, on + 2, stop_words=frozenset({"in"}))
    agents = [AgentRef(m, "mention") for p in sorted(k for k in clause.agent_at if of <= k < on)
              for m in clause.agent_at[p]]
    return _with_settings(clause, spans, on, every=True), list(dict.fromkeys(agents))


def heading_aim(clause: Any) -> tuple[list[ObjectSpan], list[AgentRef]]:
    """A title or heading naming a study's topic, with no verb: "Effect(s)/Influence/Impact of X (and Y) on Z in W"
    (the annotated parts mark such a title as X studied in Z and W, as a first-person aim): its objects and
    settings, and its agents; nothing where the sentence has an auxiliary ("Effects of X on Y were evaluated in Z"
    is a method, :func:`method_objects`)."""
    tokens = clause.tokens
    if len(tokens) < 5 or tokens[0].lower not in _HEADING_NOUNS or tokens[1].lower != "of" \
            or any(t.lower in _PASSIVE_AUX for t in tokens):
        return [], []
    of = _effect_of(clause, 0, 1)
    on = _past_agents(clause, of, len(tokens)) if of is not None else len(tokens)
    if on >= len(tokens) or tokens[on].lower != "on":
        return [], []
    spans = object_after(tokens, on + 1, stop_words=frozenset({"in"}))
    agents = [AgentRef(m, "mention") for p in sorted(k for k in clause.agent_at if of <= k < on)
              for m in clause.agent_at[p]]
    return _with_settings(clause, spans, on, every=True), list(dict.fromkeys(agents))


def possessed(tokens: Sequence[Any], span: ObjectSpan) -> bool:
    return bool({tokens[span.first].lower, tokens[max(0, span.first - 1)].lower} & {"its", "their"})


def _subject_end(tokens: Sequence[Any], index: int) -> int:
    """The word before the trigger, past adverbs ("were initially tested", "we further examined")."""
    k = index - 1
    while k >= 0 and is_adverb(tokens[k].lower):
        k -= 1
    return k


def _with_settings(clause: Any, spans: list[ObjectSpan], start: int, *, every: bool) -> list[ObjectSpan]:
    """``spans`` and the settings after each "in" from ``start`` on (the first conjunct of each, or ``every`` one);
    a measure may hold a trigger word ("STAT3 activation", "PGE2 production"): only agents are left out."""
    tokens = clause.tokens
    for k in range(start, len(tokens)):
        if tokens[k].lower == "in" and k + 1 < len(tokens) and tokens[k + 1].lower not in _NO_SETTINGS:
            spans = spans + object_after(tokens, k + 1, stop_words=frozenset({"by", "in"}))[:None if every else 1]
    return [t for t in (_after_stimulus(clause, s) for s in spans) if t is not None]


def _after_stimulus(clause: Any, span: ObjectSpan) -> ObjectSpan | None:
    """"TNF-α stimulated HepG2 cells", "LPS-induced PGE2 production": the setting or measure a method
    names after the stimulus (a ``clause.causal_joins`` word) is the object; a span holding an agent
    otherwise names no object (None)."""
    tokens = clause.tokens
    inside = [p for p in range(span.first, span.last + 1) if p in clause.agent_at]
    if not inside:
        return span
    k = inside[-1] + 1
    joined = False
    while k <= span.last and (tokens[k].text in (")", "-", "–") or _stimulus_join(tokens[k].text)):
        joined = joined or _stimulus_join(tokens[k].text)
        k += 1
    return ObjectSpan(k, span.last) if joined and k <= span.last else None


def _stimulus_join(word: str) -> bool:
    """"stimulated", "-induced", ")-induced": a word ending in a ``clause.causal_joins`` part."""
    parts = word_parts(word)
    return bool(parts) and parts[-1] in _STIMULUS_JOINS


def _effect_of_on(clause: Any, aux: int) -> int | None:
    """The position of "on" in a subject "the effect(s) of <agents> on Y" ending before ``aux``."""
    of = _effect_of(clause, 0, aux - 2)
    if of is None:
        return None
    p = _past_agents(clause, of, aux)
    return p if p < aux and clause.tokens[p].lower == "on" else None


def _effect_of(clause: Any, start: int, end: int) -> int | None:
    """The first agent after "effect(s) of" ("the anti-tumour effects of X") when the effect noun is in [start, end)."""
    tokens = clause.tokens
    for e in range(start, min(end, len(tokens) - 2)):
        if tokens[e].lower in _EFFECT_NOUNS and tokens[e + 1].lower == "of":
            p = e + 2
            while p < min(len(tokens), e + 6) and p not in clause.agent_at and _describing(clause, p):
                p += 1  # "the effects of the JAK1/2 inhibitor AZD1480"
            return p if p in clause.agent_at else None
    return None


def _describing(clause: Any, p: int) -> bool:
    """An article, a class word or a target before the agent it describes ("the STAT3 inhibitor C188-9")."""
    token = clause.tokens[p]
    word = token.lower
    return (word in ("the", "a", "an") or bool(_CLASS_WORD.search(word)) or p in clause.entity_at
            or (token.text.isalpha() and token.text.islower() and word not in _NOT_DESCRIBING))


def _named_after(clause: Any, k: int) -> int | None:
    """"we assessed (the) napabucasin in ...": the agent right after the aim's verb."""
    while k < len(clause.tokens) and clause.tokens[k].lower in ("the", "a", "an"):
        k += 1
    return k if k in clause.agent_at else None


def _past_agents(clause: Any, first: int, end: int) -> int:
    """The position after a list of agents starting at ``first``: their brackets ("napabucasin (BBI608)"),
    appositions (", a cancer stemness inhibitor,") and the words of a class naming the next agent ("and the
    STAT3 inhibitor C188-9") belong to the list."""
    tokens = clause.tokens
    p = first
    while p < end:
        if p in clause.agent_at or tokens[p].lower in ("and", ","):
            p += 1
        elif tokens[p].text == "(":
            close = next((k for k in range(p + 1, min(end, p + 8)) if tokens[k].text == ")"), None)
            if close is None:
                break
            p = close + 1
        elif tokens[p - 1].text == "," and tokens[p].lower in ("a", "an"):
            close = next((k for k in range(p + 1, min(end, p + 12)) if tokens[k].text == ","), None)
            if close is None:
                break
            p = close + 1
        elif _describing(clause, p) and any(k in clause.agent_at for k in range(p + 1, min(end, p + 5))):
            p += 1
        else:
            break
    return p
