"""Constructions that link a trigger to its agent and object, recognised from word order.

Each handler gets the clause and the trigger's token index and returns
``(agents, objects, construction)`` or ``None``: passives with "by", agent nouns
("a gp130 inhibitor"), adjectives ("inhibitory effects on"), "activity against",
gerunds ("preventing binding of IL-6"), nominalisations ("inhibition of X by Y",
"binding of X to Y", "interaction between X and Y"), "anti-" modifiers and active verbs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .agent_nouns import BLOCKING_WORDS, agent_noun_statement, blocking_antibody_statement
from .antiwords import anti_statement
from .coordination import subject_before, subject_conjuncts, summarised_statement
from .clause import AgentRef, Clause, agent_after, agents_listed_after, default_agents, entity_span, is_adverb, refs
from .efficacy import efficacy_statement
from .lexicon import Token, Trigger, find_trigger, word_set
from .objects import IN_CHANGE_NOUNS, ObjectSpan, changed_object, object_after
from .treatment import treatment_positions
from .verb_agents import Found, by_agents, combination_subject, instrument_after, intransitive

_DETERMINER_BEFORE = word_set("constructions.determiner_before")
_NOT_AFTER_COMPOUND = word_set("constructions.not_after_compound")
_DEGREE_ADJECTIVES = word_set("constructions.degree_adjectives")  # "rapid decreases in X"
_AGAINST = word_set("constructions.against_words")  # the stems of the "against" construction
_PASSIVE_AUX = word_set("constructions.passive_auxiliaries")  # "was demonstrated by X"
_NOT_WORDS = word_set("constructions.not_words")
_FLOATING = word_set("constructions.floating_quantifiers")
_BINDER_NOUNS = word_set("constructions.binder_nouns")  # "a PKC ligand", "the ErbB3 ligand heregulin"
_CHANGE_PASTS = word_set("constructions.change_pasts")  # "IL-6 secretion rose after X exposure": no "-ed"
_LIGHT_VERBS = word_set("constructions.light_verbs")  # verbs whose object noun carries the effect
_AUX = word_set("constructions.aux")
_AUTHORS = word_set("constructions.author_subjects")
_ASIDE_REACH = 8  # tokens of an aside between a verb and its object, commas included
_AGENT_NOUN = re.compile(r"(?:or|ors|ist|ists|er|ers)$")
_VERBS_LIKE_NOUNS = word_set("constructions.verbs_like_nouns")  # "failed to enhance Y": a verb ending like "-ance"
_NOMINAL = re.compile(r"(?:ion|ions|ment|ments|ade|age|ing|ity|ance|ence|al|ure)$")
_ADJECTIVAL = re.compile(r"(?:ory|ive)$")
_EFFECT_NOUNS = word_set("constructions.effect_nouns")
_OBJECT_PREPS = word_set("constructions.object_preps")
_GERUND_OPENERS = word_set("constructions.gerund_openers")
_PASSIVE_BY_REACH = 4  # words from a passive participle to its "by"
_RESPONSE_REACH = 8  # words from a passive participle to its "in response to" (a setting phrase between)
_GERUND_NOT_BEFORE = word_set("constructions.gerund_not_before")
_LIST_GLUE = word_set("clause.list_glue")
_EFFECT_OBJECT_PREPS = word_set("constructions.effect_object_preps")  # "inhibitory effect of X on Y"
_CHANGE_NOUNS = word_set("treatment.change_nouns")  # "a decrease in X": "in" names what changes
_MODEL_NOUNS = word_set("constructions.model_nouns")  # "in a xenograft model of X": a setting, whatever X is
_SETTING_HEADS = word_set("treatment.treated_heads")  # cells, animals, tissues, patients: where a process happens


_OPPOSITE = {"increases": "decreases", "decreases": "increases"}
_VERB_REACH_STOPS = word_set("constructions.verb_reach_stops")
_BY_REACH = 4  # tokens between a nominalisation's object and its "by"


_LIGHT_REACH = 4  # words after a causative verb where its change noun may stand ("caused a 40% reduction in")
_AMOUNT_REACH = 8  # the same, amounts counted ("resulted in a 3- to 4-fold increase in")
_CHANGE_OPENERS = _DETERMINER_BEFORE | _DEGREE_ADJECTIVES | {"the"}  # words before a change noun ("the marked")


def _change_noun_follows(tokens: list[Token], i: int) -> bool:
    """Whether an increase/decrease trigger followed by an object preposition stands among the
    ``_LIGHT_REACH`` words after the verb at ``i`` ("induced significant decreases of"): such a verb is light."""
    for k in range(i + 1, min(len(tokens) - 1, i + _LIGHT_REACH + 1)):
        found = find_trigger(tokens[k].lower)
        if (found is not None and found.review_effect in _OPPOSITE
                and tokens[k + 1].lower in _OBJECT_PREPS):
            return True
    # "caused a 40% reduction LH pulse frequency", "causes increased expression of GFAP": the first word of
    # the object past its determiner, degree and amount words names the change
    k = i + 2 if i + 1 < len(tokens) and tokens[i + 1].lower in ("in", "to") else i + 1  # "resulted in", "led to"
    while k < len(tokens) and (tokens[k].lower in _CHANGE_OPENERS
                               or is_adverb(tokens[k].lower) or not tokens[k].text[:1].isalpha()
                               or (tokens[k].lower == "to" and k + 1 < len(tokens)
                                   and tokens[k + 1].text[:1].isdigit())):  # "a 3- to 4-fold increase in"
        k += 1
    found = find_trigger(tokens[k].lower) if k < len(tokens) and k - i <= _AMOUNT_REACH else None
    return found is not None and found.review_effect in _OPPOSITE


# "Serum IL-6 levels were lower in patients treated with X": a comparative after "was/were" reads as a passive
_COMPARATIVES = frozenset({"lower", "higher"})
_COMPARATIVE_ADJECTIVES = frozenset({"lower", "higher", "fewer"})


def statement_for(clause: Clause, i: int, trigger: Trigger, hint: str,
                  marker: list[AgentRef]) -> Found | None:
    """The agents and objects of the non-clinical trigger at token ``i``, by construction.

    ``hint`` is "anti" for "anti-" words; ``marker`` holds the agent of a preceding
    "X-mediated" word, which takes precedence over the clause's agent.
    """
    tokens = clause.tokens
    word = tokens[i].lower
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if hint == "anti":
        return anti_statement(clause, i)
    prev = [t.lower for t in tokens[max(0, i - 3):i] if not is_adverb(t.lower) and t.lower not in _NOT_WORDS
            and t.lower not in _FLOATING]  # "were all reversed by X"
    if (word.endswith("ed") or word in _COMPARATIVES) and prev and prev[-1] in _AUX:
        # "by" up to four words on: "was abrogated to varying degrees by X", "was reduced in part by X"
        if word in _COMPARATIVES and any(t.lower == "than" for t in tokens[i + 1:i + 4]):
            return None  # "was lower than that induced by PMA": a comparison, PMA is the reference
        by = None if word in _COMPARATIVES else next(
            (k for k in range(i + 1, min(len(tokens), i + _PASSIVE_BY_REACH + 1)) if tokens[k].lower == "by"), None)
        if by is None and word not in _COMPARATIVES:
            by = _in_response_to(tokens, i)  # "Stat3 was activated in T cells in response to IL-2"
        agents = by_agents(clause, by) if by is not None else []
        aux = max(k for k in range(max(0, i - 3), i) if tokens[k].lower in _AUX)
        summarised = summarised_statement(tokens, aux)
        if agents and summarised is not None:  # "..., an effect that was abrogated by X": X acts on its object
            return agents, summarised, "passive"
        subject = subject_before(clause, aux)
        if agents and subject is not None:  # "A and B were inhibited by X", "the loss of A was prevented by X"
            return agents, [changed_object(tokens, s) for s in subject_conjuncts(clause, subject)], "passive"
        if by is not None:
            return None  # "attenuated by gene deletion": the cause is not an agent
        if subject is not None and not any(k in clause.agent_at for k in range(subject.first, subject.last + 1)):
            # "Y was decreased after (being) treated with X": the treatment phrase after the verb names the cause
            # before any name earlier in the clause
            later = treatment_positions(tokens, clause.agent_at, i)
            agents = [ref for p in later for ref in refs(clause, p)] or default_agents(clause, i)
            return (agents, [changed_object(tokens, s) for s in subject_conjuncts(clause, subject)], "passive") \
                if agents else None
        return None
    if word in _COMPARATIVE_ADJECTIVES and i > 0 and tokens[i - 1].lower in ("by", "with", "and", "a", "in", "to") \
            and nxt not in ("than", "in", "of", "doses", "dose", "concentrations"):
        # "accompanied by fewer MDSCs and lower serum IL-6 levels": a comparative before its noun names a change
        objects = object_after(tokens, i + 1)
        agents = marker or default_agents(clause, i)
        return (agents, objects, "nominal") if agents and objects else None
    if trigger.effect == "no_effect" and i + 2 < len(tokens) and tokens[i + 1].lower.endswith("ed") \
            and tokens[i + 2].lower == "by":
        return None  # "..., an effect reversed by X": the summary noun, read at the participle
    if word.endswith("ed") and i + 1 < len(tokens) and tokens[i + 1].lower == "by":
        summarised = summarised_statement(tokens, i)  # "..., an effect reversed by X"
        agents = by_agents(clause, i + 1) if summarised is not None else []
        if agents:
            return agents, summarised, "passive"
    if word in BLOCKING_WORDS and (blocking := blocking_antibody_statement(clause, i)) is not None:
        return blocking  # "the IL-6R blocking antibody tocilizumab"
    if (_AGENT_NOUN.search(word) or word in _BINDER_NOUNS) and "noun" in trigger.forms and not word.endswith("ed"):
        return agent_noun_statement(clause, i)
    if trigger.stem in ("effective", "efficacy", "therapeutic"):
        return efficacy_statement(clause, i, marker)
    if _ADJECTIVAL.search(word):
        k = i + 2
        if nxt in _EFFECT_NOUNS and k + 1 < len(tokens) and tokens[k].lower == "of" and k + 1 in clause.agent_at:
            return _effect_of_agent(clause, k + 1)
        if nxt in _EFFECT_NOUNS and k < len(tokens) and tokens[k].lower in ("on", "against", "of", "toward", "towards"):
            objects = object_after(tokens, k + 1)
            agents = marker or default_agents(clause, i)
            return (agents, objects, "adjective") if agents and objects else None
        return None  # "preventive therapy", "inhibitory role" without an object
    if nxt in _EFFECT_NOUNS and i > 0 and i - 1 in clause.entity_at and word.endswith("ing"):
        # "IL-6/IL-6R blocking properties": the entity before the participle is the object
        agents = marker or default_agents(clause, i)
        return (agents, [entity_span(clause, i - 1)], "participle") if agents else None
    # "produced dose-related decreases in X"; "in" names what changed only after a change noun ("caused
    # cytoskeletal disruption in a murine model": where), as in the parsed reader
    light = (nxt in _OBJECT_PREPS and bool(_LIGHT_VERBS.intersection(prev))
             and (nxt != "in" or word in IN_CHANGE_NOUNS))
    if (_DETERMINER_BEFORE.intersection(prev[-2:]) or light or (prev and prev[-1] in _DEGREE_ADJECTIVES
                                                                and nxt in _OBJECT_PREPS)) and not _NOMINAL.search(word):
        # "a significant decrease in X", "an increased risk for X", "no increased risk of X"
        objects = object_after(tokens, i + 2) if nxt in _OBJECT_PREPS else object_after(tokens, i + 1)
        agents = marker or default_agents(clause, i)
        return (agents, objects, "nominal") if agents and objects else None
    if trigger.stem in _AGAINST:  # "active against X", "cytotoxic activity toward X"
        objects = object_after(tokens, i + 1)
        agents = marker or default_agents(clause, i) or agent_after(clause, 0, i) or _passive_by(clause, objects)
        return (agents, objects, "against") if agents and objects else None
    before = tokens[i - 1].lower if i > 0 else ""
    if (word.endswith("ing") and "verb" in trigger.forms and (before in _GERUND_OPENERS or is_adverb(before))
            and nxt not in _OBJECT_PREPS | _GERUND_NOT_BEFORE):
        objects = object_after(tokens, i + 1)  # a gerund used as a verb: "preventing binding of IL-6"
        agents = marker or combination_subject(clause, default_agents(clause, i)) or instrument_after(clause, objects)
        return (agents, objects, "gerund") if agents and objects else None
    if (_NOMINAL.search(word) and word not in _VERBS_LIKE_NOUNS) or (
            word in ("affinity", "avidity", "specificity", "blockade")) or nxt == "of":
        # a trigger right before "of" is its noun, whatever its ending ("the cisplatin-induced decrease of
        # STAT3", "the decrease of STAT3 by cisplatin"): no verb takes "of"
        return _nominal(clause, i, marker)
    if "verb" in trigger.forms:
        if word in _LIGHT_VERBS and _change_noun_follows(tokens, i):
            return None  # "caused a dramatic reduction in X": the noun states the effect (the light-verb rule above)
        if prev and prev[-1] in _AUTHORS:
            return None  # "..., we induced pulmonary remodelling in rats": the authors acted, not an agent
        # "resulted in Y", "led to Y": the object starts after the word the trigger requires
        start = i + 2 if trigger.requires_after and i + 1 < len(tokens) and tokens[i + 1].lower in trigger.requires_after \
            else i + 1
        if start + 1 < len(tokens) and tokens[start].lower == "part" and tokens[start + 1].lower == "from":
            return None  # "Y may result in part from Z": Y is what follows, not what the subject causes
        objects = object_after(tokens, _past_aside(tokens, start), allow_to=trigger.review_effect == "binds")
        agents = marker or combination_subject(clause, default_agents(clause, i))
        if agents and not objects and (word.endswith("ed") or word in _CHANGE_PASTS):
            return intransitive(clause, i, agents)
        return (agents, objects, "active") if agents and objects else None
    return None


def _nominal(clause: Clause, i: int, marker: list[AgentRef]) -> Found | None:
    tokens = clause.tokens
    word = tokens[i].lower
    k = i + 1
    if k < len(tokens) and tokens[k].lower in ("and",) and k + 1 < len(tokens):
        k += 2  # "binding and neutralization of X"
    if k + 2 < len(tokens) and tokens[k].lower in ("site", "sites") and tokens[k + 1].lower == "for" \
            and k + 2 in clause.agent_at:
        return _site_for(clause, k + 2)
    if k >= len(tokens) or tokens[k].lower not in _OBJECT_PREPS | {"between"}:
        return _compound(clause, i, marker)
    if tokens[k].lower == "with" and k + 1 in clause.agent_at:
        # "stimulation with LPS further increased Y": the agent applied, not an object; after an entity
        # ("IL-6 receptor blockade with tocilizumab") the entity is what the agent acts on
        return _compound(clause, i, marker)
    if tokens[k].lower == "between":
        objects = [ObjectSpan(p, p) for p in range(k + 1, min(len(tokens), k + 8))
                   if p in clause.entity_at and (p - 1 not in clause.entity_at or
                                                 clause.entity_at[p - 1] is not clause.entity_at[p])]
        agents = agent_after(clause, k + 1) or default_agents(clause, i)
        return (agents, objects[:1], "nominal") if agents and objects else None
    if tokens[k].lower == "of" and k + 1 in clause.agent_at:
        # "binding of olokizumab to site 3": the agent follows "of", the object its preposition.
        agents = refs(clause, k + 1)
        p = k + 2
        while p < len(tokens) and p in clause.agent_at:
            p += 1
        if p < len(tokens) and tokens[p].lower in ("to", "on", "with"):
            objects = object_after(tokens, p + 1)
            return (agents, objects, "nominal") if objects else None
        return None
    objects = object_after(tokens, k + 1, stop_at_by=True)
    if not objects:
        return None
    if tokens[k].lower == "in" and word not in _CHANGE_NOUNS and _names_a_setting(clause, objects[0]):
        return _compound(clause, i, marker)  # "STAT3 activation in MCF-7 cells": the cells are where, STAT3 what
    last = objects[-1].last
    # "inhibition of X in vivo by Y": the by-phrase may follow a short setting phrase
    by = next((k for k in range(last + 1, min(len(tokens), last + 1 + _BY_REACH)) if tokens[k].lower == "by"
               and not any(t.text in (",", ";", "(", "[") for t in tokens[last + 1:k])), None)
    # "induction of Y by A, B, and C": every agent of the by-phrase's list
    agents = (agents_listed_after(clause, by + 1) if by is not None else []) or marker or default_agents(clause, i) \
        or agent_after(clause, last + 1, len(tokens))
    return (agents, objects, "nominal") if agents else None


def _names_a_setting(clause: Clause, span: ObjectSpan) -> bool:
    """Whether the phrase after a process noun's "in" is where the process happens, not what it acts on:
    a cell line ("activation in MCF-7") or a phrase headed by cells, animals, tissues or patients
    ("proliferation in breast cancer cells"). A change noun's "in" names what changes ("a decrease in
    IL-6 levels"), so it is not asked."""
    last = clause.entity_at.get(span.last)
    return ((last is not None and last.label == "CELL_LINE") or clause.tokens[span.last].lower in _SETTING_HEADS
            or any(t.lower in _MODEL_NOUNS for t in clause.tokens[span.first:span.last + 1]))  # "a murine model of DCM"


def _effect_of_agent(clause: Clause, p: int) -> Found | None:
    """"the inhibitory effect of X (and Y) on Z", "the protective activity of X against Z": the agents
    listed after "of", the object after their "on"/"against"/"toward"; without one, nothing (the
    phrase names X's property, not what it acts on)."""
    tokens = clause.tokens
    agents: list[AgentRef] = []
    while p < len(tokens):
        if p in clause.agent_at:
            agents += [ref for ref in refs(clause, p) if ref not in agents]
        elif tokens[p].lower not in _LIST_GLUE:
            break
        p += 1
    if p < len(tokens) and tokens[p].lower in _EFFECT_OBJECT_PREPS:
        objects = object_after(tokens, p + 1)
        return (agents, objects, "adjective") if objects else None
    return None


def _site_for(clause: Clause, p: int) -> Found | None:
    """"binding sites for 6a at the interfaces of IL-6/gp130 or IL-6/IL-6R": the agent after "for",
    the objects after its "at"/"on"/"in"."""
    tokens = clause.tokens
    agents = refs(clause, p)
    while p < len(tokens) and p in clause.agent_at:
        p += 1
    if p < len(tokens) and tokens[p].lower in ("at", "on", "in", "within"):
        objects = object_after(tokens, p + 1)
        return (agents, objects, "nominal") if objects else None
    return None


def _past_aside(tokens: Sequence[Token], k: int) -> int:
    """Where a verb's object starts past an aside between commas ("induced, similar to IL-5, two DNA-binding
    complexes"): after the second comma, when the aside is a few words with no trigger; else ``k``."""
    if k >= len(tokens) or tokens[k].text != ",":
        return k
    for c in range(k + 2, min(len(tokens), k + _ASIDE_REACH)):
        if tokens[c].text == ",":
            return c + 1
        if find_trigger(tokens[c].lower) is not None or tokens[c].text in (";", "(", ")"):
            return k
    return k


def _compound(clause: Clause, i: int, marker: list[AgentRef]) -> Found | None:
    """"the potential of X in cancer inhibition", "STAT3 inhibition by X", "IL-6R blockade with X": a recognised
    entity right before a nominal trigger (with no "of" after it) is its object."""
    j = i - 1
    if j < 0 or j not in clause.entity_at or clause.entity_at[j].label not in ("DISEASE", "TARGET"):
        return None
    tokens = clause.tokens
    if clause.unit.column == "clinical" or (i + 1 < len(tokens) and tokens[i + 1].lower in _NOT_AFTER_COMPOUND):
        return None  # "Breast cancer prevention (phase III)" names a trial; "the gp130 binding site" a place
    # "STAT3 inhibition by X", "IL-6 receptor blockade with X": the means names the agent
    by = i + 1 if i + 1 < len(tokens) and tokens[i + 1].lower in ("by", "with") else None
    agents = (agent_after(clause, by + 1, 3) if by is not None else []) or marker or default_agents(clause, i)
    return (agents, [entity_span(clause, j)], "compound") if agents else None


def within_verb(tokens: Sequence[Token], i: int, effect: str, agents: list[AgentRef],
                last_verb: tuple[int, str, frozenset[int]]) -> str:
    """"PTE inhibited the phosphorylation of JAK2 at Tyr 1007 and the activation of STAT3": a nominal
    trigger that the verb before it reaches (same agents, no word of ``constructions.verb_reach_stops`` between)
    is part of that verb's object, so the verb's effect applies to it: what a verb decreases, the
    increase it names is decreased ("inhibited ... activation of STAT3": decreases STAT3). After "via",
    "through" or "by" the nominal is the means, a statement of its own ("suppresses IL-6 signaling via
    inhibition of STAT3 phosphorylation"), and a new verb or clause word ends the verb's reach."""
    verb, verb_effect, verb_agents = last_verb
    if verb_effect != "decreases" or effect not in _OPPOSITE or {ref.mention.start for ref in agents} != verb_agents:
        return effect
    k = i - 1
    while k > verb and (tokens[k].lower in _DETERMINER_BEFORE or tokens[k].lower in _DEGREE_ADJECTIVES):
        k -= 1
    if tokens[k].lower in ("and", ","):
        return effect  # "resulted in reduced A and a lower proportion of B": a change of its own beside the verb's
    if any(t.lower in _VERB_REACH_STOPS for t in tokens[verb + 1:i]):
        return effect
    return _OPPOSITE[effect]


def effect_on(effect: str, obj: ObjectSpan) -> str:
    """The effect on an object that a named fall changes (``ObjectSpan.fallen``): what prevents, reverses or
    blocks a decrease of X increases X, what enhances it decreases X; other effects ("binds") are kept."""
    return _OPPOSITE[effect] if obj.fallen and effect in _OPPOSITE else effect


def _in_response_to(tokens: Sequence[Token], i: int) -> int | None:
    """The "to" of an "in response to" within ``_RESPONSE_REACH`` words after the passive participle at ``i``
    (a setting may stand between: "are activated in normal T cells in response to IL-2"), not past a comma."""
    for k in range(i + 1, min(len(tokens) - 2, i + _RESPONSE_REACH + 1)):
        if tokens[k].text in (",", ";"):
            return None
        if [t.lower for t in tokens[k:k + 3]] == ["in", "response", "to"]:
            return k + 2
    return None


def _passive_by(clause: Clause, objects: list[ObjectSpan]) -> list[AgentRef]:
    """"Cytotoxic activity against HeLa cells was demonstrated by hydrazone 17": an activity phrase as the
    subject of a passive verb right after its object takes the agent after that verb's "by"."""
    tokens = clause.tokens
    k = objects[-1].last + 1 if objects else len(tokens)
    if k + 2 < len(tokens) and tokens[k].lower in _PASSIVE_AUX and tokens[k + 1].lower.endswith(("ed", "wn", "en")):
        if tokens[k + 2].lower == "by":
            return agent_after(clause, k + 3, 3)
    return []
