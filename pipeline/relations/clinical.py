"""Clinical statements: an agent approved for, in trial for, discontinued for or studied in a disease.

All clinical trigger words of a clause are pooled; the strongest effect wins
(discontinued > approved > in trial > studied) and every disease of the clause —
after the trigger when there is one there — becomes an object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..text import is_dash
from .lexicon import Token, Trigger, find_trigger, partner_cue_before, word_parts, word_set
from .clause import AgentRef
from .objects import ObjectSpan, object_after
from .study_methods import method_objects, possessed, study_aim
from .units import is_agent

CLINICAL_EFFECTS = ("discontinued_for", "approved_for", "in_trial_for", "studied_in")
#: Words for the people a study treats ("patients with X"): a population, never a disease.
POPULATION_WORDS = word_set("clinical.population")
#: Head nouns of an "anti-<disease>" phrase that a study or use aims at ("anti-cancer therapy").
ANTI_AIM_HEADS = word_set("clinical.anti_aim_heads")
STUDY_EFFECTS = ("in_trial_for", "studied_in")
#: How far after a study trigger an "anti-" phrase is still what the study is of.
STUDY_AIM_WINDOW = 6
_RELATED = word_set("clinical.related")
_LIST_PREPS = word_set("clinical.list_preps")
_ADVERSE_HEADS = word_set("clinical.adverse_heads")
_ADVERSE_VERBS = word_set("clinical.adverse_verbs")
_FALLBACK_OBJECTS = (("healthy", "subjects"), ("healthy", "volunteers"), ("healthy", "subject"))


def _disease_spans(clause: Any) -> list[ObjectSpan]:
    spans: list[ObjectSpan] = []
    k = 0
    n = len(clause.tokens)
    while k < n:
        mention = clause.entity_at.get(k)
        if mention is None or mention.label != "DISEASE" or mention.text.lower().startswith("phase"):
            k += 1
            continue
        first = k
        while k + 1 < n and clause.entity_at.get(k + 1) is mention:
            k += 1
        k = _related_head(clause.tokens, k)
        spans.append(ObjectSpan(first, _anti_head(clause.tokens, first, k)))
        k += 1
    return spans


def _related_head(tokens: Sequence[Any], last: int) -> int:
    """"non-small cell lung cancer (NSCLC)-related fatigue": a disease that only qualifies the next
    noun is part of one object with it; returns the object's last token (``last`` otherwise)."""
    k = last
    if k + 3 < len(tokens) and tokens[k + 1].text == "(" and tokens[k + 3].text == ")":
        k += 3  # a bracketed abbreviation
    parts = word_parts(tokens[k].text)
    if len(parts) > 1 and parts[-1] in _RELATED:
        head = k + 1  # "cancer-related fatigue"
    elif k + 2 < len(tokens) and is_dash(tokens[k + 1].text) and tokens[k + 2].lower in _RELATED:
        head = k + 3  # "(NSCLC)-related fatigue"
    else:
        return last
    if head < len(tokens) and tokens[head].text[0].isalnum() and tokens[head].lower not in ("and", "or"):
        return head
    return last


def _anti_head(tokens: Sequence[Any], first: int, last: int) -> int:
    """"studied as anti-breast cancer agents": a disease inside an "anti-" phrase is studied as the
    phrase's aim, so the object runs to the phrase's head noun; otherwise it ends at ``last``."""
    if word_parts(tokens[first].text)[:1] != ["anti"]:
        return last
    for j in range(last + 1, min(len(tokens), last + 3)):
        if tokens[j].lower in ANTI_AIM_HEADS:
            return j
    return last


def _without_populations(clause: Any, spans: list[ObjectSpan]) -> list[ObjectSpan]:
    """"oral mucositis in patients with head and neck cancer": once the clause has an object, a
    later disease after "patients with" only says who was treated."""
    tokens = clause.tokens
    return [s for n, s in enumerate(spans) if n == 0 or s.first < 2 or not (
        tokens[s.first - 1].lower == "with" and tokens[s.first - 2].lower in POPULATION_WORDS)]


def _with_list_mates(clause: Any, index: int, diseases: list[ObjectSpan]) -> list[ObjectSpan]:
    """"for Crohn's disease, RA, and SLE": the unrecognised items of a list that holds a recognised
    disease are diseases too; a bracketed abbreviation right after a disease is that disease."""
    if not diseases:
        return diseases
    tokens = clause.tokens
    diseases = [d for d in diseases if not (tokens[d.first - 1].text == "(" and any(
        e.last == d.first - 2 for e in diseases))]
    start = next((k + 1 for k in range(diseases[0].first - 1, index, -1) if tokens[k].lower in _LIST_PREPS),
                 diseases[0].first)  # the list starts after the trigger's preposition
    listed = _clean(clause, object_after(tokens, start), limit=None)
    mates = [m for m in listed if not any(d.first <= m.last and m.first <= d.last for d in diseases)]
    if len(listed) < 2 or not mates:
        return diseases
    return sorted(diseases + mates, key=lambda s: s.first)


def _fallback_object(clause: Any) -> list[ObjectSpan]:
    words = [t.lower for t in clause.tokens]
    for phrase in _FALLBACK_OBJECTS:
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i:i + len(phrase)]) == phrase:
                return [ObjectSpan(i, i + len(phrase) - 1)]
    return []


def _prepositional_object(clause: Any, index: int, effect: str) -> list[ObjectSpan]:
    """"approved for multicentric Castleman's disease" when no disease was recognised."""
    tokens = clause.tokens
    reach = 9 if effect == "approved_for" else 2  # "approved by the US FDA for ..."
    k = next((j for j in range(index + 1, min(len(tokens), index + reach))
              if tokens[j].lower in ("for", "in", "against")), len(tokens))
    if k < len(tokens):
        spans = object_after(tokens, k + 1)
        return [s for s in spans if not any(p in clause.agent_at or find_trigger(tokens[p].lower)
                                            for p in range(s.first, s.last + 1))][:3]
    return []


def _clean(clause: Any, spans: list[ObjectSpan], limit: int | None = 3) -> list[ObjectSpan]:
    tokens = clause.tokens
    return [s for s in spans if not any(p in clause.agent_at or find_trigger(tokens[p].lower)
                                        for p in range(s.first, s.last + 1))][:limit]


def _population_object(clause: Any) -> list[ObjectSpan]:
    """"in subjects with Crohn's disease who failed ..." when the disease was not recognised."""
    tokens = clause.tokens
    for k in range(len(tokens) - 2):
        if tokens[k].lower in POPULATION_WORDS and tokens[k + 1].lower == "with":
            return _clean(clause, object_after(tokens, k + 2))
    return []


def _after_agent_object(clause: Any) -> list[ObjectSpan]:
    """"a clinical study of C326 in Crohn's disease": the phrase after "in"/"for" right after the agent."""
    tokens = clause.tokens
    for p in sorted(clause.agent_at):
        k = p + 1
        while k in clause.agent_at:
            k += 1
        if k < len(tokens) and tokens[k].lower in ("in", "for"):
            return _clean(clause, object_after(tokens, k + 1))
    return []


def _nearest_agents(clause: Any, index: int,
                    default_agents: Callable[[Any, int], list[Any]]) -> list[Any]:
    agents = default_agents(clause, index)
    if agents:
        return agents
    after = sorted(p for p in clause.agent_at if p > index)
    if not after:
        return []
    agents = default_agents(clause, after[0] + 1)
    # the arms of a trial named after its word: "received goserelin plus tamoxifen or anastrozole, with or without
    # zoledronic acid" (each one in the trial)
    tokens, last = clause.tokens, after[0]
    for p in after[1:]:
        if p == last + 1 and clause.agent_at[p] == clause.agent_at[last]:
            last = p  # the same name over several tokens
            continue
        if not all(t.lower in _ARM_GLUE for t in tokens[last + 1:p]):
            break
        agents += [ref for ref in default_agents(clause, p + 1) if ref not in agents]
        last = p
    return agents


_ARM_GLUE = word_set("clause.list_glue") | {"plus", "with", "without", "either", "versus", "vs", "vs."}


def _adverse_effects(clause: Any, objects: list[ObjectSpan]) -> tuple[int, int] | None:
    """"The most common toxicities associated with X in the trial were A, B and C": the diseases after
    the verb that follows an adverse-effect head (``clinical.adverse_heads``, ``clinical.adverse_verbs``)
    are effects of the first agent named between the two, not what the trial was for. Returns that
    agent's and the verb's token positions, or None."""
    tokens = clause.tokens
    head = next((k for k, t in enumerate(tokens) if t.lower in _ADVERSE_HEADS), None)
    if head is None:
        return None
    verb = next((k for k in range(head + 1, len(tokens)) if tokens[k].lower in _ADVERSE_VERBS), None)
    cause = next((p for p in sorted(clause.agent_at) if head < p < (verb or 0)), None)
    if cause is None or not any(obj.first > verb for obj in objects):
        return None
    return cause, verb


def _partners(clause: Any, agents: list[Any]) -> list[Any]:
    """"indicated for use in combination with capecitabine for X": the partner of a combination shares
    its clinical statement (``clinical.partner_cues`` right before the partner's name). A drug that does not
    act beside an axis agent (``Unit.axis_first``: "a trial of tocilizumab combined with trastuzumab") is
    still in the trial as its partner."""
    tokens = clause.tokens
    have = {id(ref.mention) for ref in agents}
    named = dict(clause.agent_at)
    for p, m in clause.entity_at.items():
        if p not in named and is_agent(m, clause.unit.agent_scope):
            named[p] = (m,)
    out = []
    for p in sorted(named):
        if partner_cue_before([t.lower for t in tokens[max(0, p - 3):p]]) is not None:
            out.extend(AgentRef(m, "mention") for m in named[p] if id(m) not in have)
            have.update(id(m) for m in named[p])
    return out


def clinical_relations(clause: Any, triggers: Sequence[tuple[int, Trigger]],
                       default_agents: Callable[[Any, int], list[Any]],
                       covered: set[int] = frozenset(), later: set[int] = frozenset()) -> Iterator[tuple[Any, ...]]:
    """Yield ``(agents, effect, trigger_index, ObjectSpan, "clinical", trigger_words)`` for a clause.

    Diseases at ``covered`` are never objects; those at ``later`` (objects of a statement whose
    trigger follows the clinical one: "approved for RA and shown to be an effective therapy for X")
    are not, unless the clause has no other disease.
    """
    if not triggers:
        return
    effect = min((t.review_effect for _, t in triggers), key=lambda e: CLINICAL_EFFECTS.index(e))
    chosen = [(i, t) for i, t in triggers if t.review_effect == effect]
    index = chosen[0][0]
    words = tuple(dict.fromkeys(clause.tokens[i].text for i, _ in chosen))
    diseases = [d for d in _disease_spans(clause) if d.first not in covered]
    diseases = [d for d in diseases if d.first not in later] or diseases
    after = _without_populations(clause, _with_list_mates(clause, index, [d for d in diseases if d.first > index]))
    objects = after or diseases or _population_object(clause)
    aim, aim_agents = study_aim(clause, index) if effect == "studied_in" else ([], [])
    if aim:  # the aim's phrases, and the diseases outside them ("on visceral fat weight in induced obese mice")
        objects = aim + [d for d in objects if not any(a.first <= d.last and d.first <= a.last for a in aim)]
    if not objects and effect == "studied_in":
        # a study names a disease or a population ("a safety study in healthy subjects"); "used in 75 of
        # 210 cases", "used in homeopathic medicine", "used for studying X" name neither
        objects = [s for s in _prepositional_object(clause, index, effect) or _after_agent_object(clause)
                   if POPULATION_WORDS & {t.lower for t in clause.tokens[s.first:s.last + 1]}] \
            or method_objects(clause, index)
    elif not objects:  # an unrecognised indication: "approved for multicentric Castleman's disease"
        objects = _prepositional_object(clause, index, effect) or _after_agent_object(clause) or _fallback_object(clause)
    adverse = _adverse_effects(clause, objects)
    if adverse is not None:
        cause, verb = adverse
        for obj in objects:
            if obj.first > verb:
                yield default_agents(clause, cause + 1), "increases", verb, obj, "adverse", (clause.tokens[verb].text,)
        objects = [obj for obj in objects if obj.first < verb]
    agents = (aim_agents if aim else []) or _nearest_agents(clause, index, default_agents)
    if not agents:
        return
    agents = agents + _partners(clause, agents)
    studies = [i for i, t in triggers if t.review_effect == "studied_in" and i > index]
    for obj in objects:
        if any(k in clause.agent_at for k in range(obj.first, obj.last + 1)) or possessed(clause.tokens, obj):
            continue  # "... in breast cancer cells and its possible mechanism": no setting
        study = max((i for i in studies if i < obj.first), default=None)
        if study is not None and effect == "approved_for":
            # "X, approved for RA, was tested in a mouse model of mastitis": a disease after a later study word
            # is where X was studied, not what it is approved for
            yield agents, "studied_in", study, obj, "clinical", (clause.tokens[study].text,)
            continue
        yield agents, effect, index, obj, "clinical", words


def names_study_aim(tokens: Sequence[Token], i: int, clinical: Sequence[tuple[int, Trigger]]) -> bool:
    """Whether the trigger at ``i`` names what a preceding study word is about: close after it
    ("a study of the anti-cancer activity"), or after its "for" ("no data are available for the
    activity of X against Y")."""
    for k, trigger in clinical:
        if trigger.review_effect not in STUDY_EFFECTS or not 0 < i - k <= 2 * STUDY_AIM_WINDOW:
            continue
        if i - k <= STUDY_AIM_WINDOW or any(t.lower == "for" for t in tokens[k + 1:i]):
            return True
    return False
