"""Objects that are no object of their statement, whatever the words around them (checked in ``assemble``).

Each check is one construction of biomedical English in which the span a rule took is not what the
agent acts on:

- "patients with breast cancer whose tumors overexpress HER2": a noun right after "whose" opens a
  relative clause about the possessor (the population), so the agent does nothing to it;
- "tamoxifen produced decreases in the uterine weight increases induced by X": an object that is a bare
  participle ("induced", "mediated") names nothing; the rule stopped at the participle of a phrase;
  a passive's subject ends before its modal verb ("the toxicity of X can be prevented by Y": ``trimmed``);
- "the carcinogenic Phase I BP metabolite": "phase I/II" before a metabolism word
  (``object_checks.phase_metabolism``) is a phase of drug metabolism, not of a clinical trial;
- "Association of polymorphisms with survival and toxicity in patients treated with 5-FU": a trial,
  approval or study is never for a toxicity (``clinical.adverse_heads``); a drug's adverse effects
  are its ``increases`` statements (``clinical._adverse_effects``); likewise the examples listed after
  an adverse or safety noun ("safety issues such as macular oedema ... resulted in discontinuation of
  the programme for kidney transplantation": ``object_checks.adverse_list_heads``, ``list_openers``);
- "blocks the interaction between CD80/86 and CD28", "induced an interaction of VEGFR2 and NOX4": the
  second member of a pair (after "between A and" or "<interaction noun> of A and",
  ``object_checks.pair_nouns``) is part of the first conjunct's phrase, not an object of its own;
- "a trial in women with HER2-positive breast cancer": a gene hyphen-joined to a kind word
  (``clause.qualifies_a_noun``) names the kind of disease, not a clinical object.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from ..records import Mention
from .clause import qualifies_a_noun
from .lexicon import Token, find_trigger, word_set
from .objects import ObjectSpan
from .units import Unit

_PHASE_METABOLISM = word_set("object_checks.phase_metabolism")
_ADVERSE_HEADS = word_set("clinical.adverse_heads")
_MODALS = word_set("object_checks.modals")
_PAIR_NOUNS = word_set("object_checks.pair_nouns")
_PAIR_REACH = 6  # tokens of the first member of "between A and B"
_INDICATIONS = ("in_trial_for", "approved_for", "studied_in")
_CLINICAL = (*_INDICATIONS, "discontinued_for")
_LIST_HEADS = word_set("object_checks.adverse_list_heads")
_LIST_OPENERS = tuple(tuple(cue.split()) for cue in word_set("object_checks.list_openers"))
_LIST_REACH = 14  # tokens from the list opener to an example
_LIST_ENDS = frozenset({";", ".", "for", "led", "were", "was", "is", "are", "leading", "resulting", "causing"})
_PHASE_NUMBER = re.compile(r"^(?:i{1,3}|iv|[1-4])[ab]?$")
_PHASE_REACH = 3  # words after the phase's number in which the metabolism word stands ("Phase I BP metabolite")


def rejected_object(tokens: Sequence[Token], trig_idx: int, obj: ObjectSpan, effect: str,
                    entity: Mention | None = None, unit: Unit | None = None,
                    agent_tokens: Collection[int] = ()) -> bool:
    """Whether the statement at ``trig_idx`` with object ``obj`` (``entity`` its recognised head, in
    ``unit``) is no statement (see the module doc)."""
    if (effect in _CLINICAL and entity is not None and unit is not None and entity.label == "TARGET"
            and qualifies_a_noun(unit, entity)):
        return True  # "a trial in HER2-positive breast cancer": the disease is the indication, not HER2
    if obj.first > 0 and tokens[obj.first - 1].lower == "whose":
        return True
    if obj.first == obj.last and obj.start_char is None and _bare_participle(tokens[obj.first].lower):
        return True
    if effect in _INDICATIONS and tokens[obj.last].lower in _ADVERSE_HEADS:
        return True
    if second_of_a_pair(tokens, obj.first, agent_tokens):
        return True
    if effect in _CLINICAL and adverse_example(tokens, obj.first):
        return True
    return effect == "in_trial_for" and metabolism_phase(tokens, trig_idx)


def _bare_participle(word: str) -> bool:
    trigger = find_trigger(word)
    return trigger is not None and word.endswith("ed")


def metabolism_phase(tokens: Sequence[Token], i: int) -> bool:
    """"Phase I metabolism", "phase II conjugating enzymes": the trigger "phase" at ``i`` names a step of
    drug metabolism."""
    if tokens[i].lower != "phase" or i + 1 >= len(tokens) or not _PHASE_NUMBER.match(tokens[i + 1].lower):
        return False
    return any(t.lower in _PHASE_METABOLISM for t in tokens[i + 2:i + 2 + _PHASE_REACH])


def adverse_example(tokens: Sequence[Token], first: int) -> bool:
    """Whether the phrase at ``first`` is an example listed after an adverse or safety noun ("safety issues
    such as a negative chronotropic effect, macular oedema"), with no verb or clause end in between."""
    for k in range(first - 1, max(-1, first - _LIST_REACH - 1), -1):
        word = tokens[k].lower
        if word in _LIST_ENDS or (word.endswith("ed") and len(word) > 4):
            return False  # a verb ("resulted in discontinuation ... for X") or "for" ends the list
        for cue in _LIST_OPENERS:
            if tuple(t.lower for t in tokens[k:k + len(cue)]) == cue and k + len(cue) <= first:
                return any(t.lower in _LIST_HEADS for t in tokens[max(0, k - 3):k])
    return False


def trimmed(tokens: Sequence[Token], obj: ObjectSpan) -> ObjectSpan | None:
    """``obj`` without a modal verb at its end ("the toxicity of lometrexol can | be prevented by folic
    acid", ``object_checks.modals``), or None where nothing else is left ("that can be prevented")."""
    if obj.end_char is not None or tokens[obj.last].lower not in _MODALS:
        return obj
    return replace(obj, last=obj.last - 1) if obj.last > obj.first else None


def second_of_a_pair(tokens: Sequence[Token], first: int, agent_tokens: Collection[int] = ()) -> bool:
    """Whether the conjunct at ``first`` is the B of "between A and B" / "interaction of A and B", where A
    is no agent ("interaction between SC144 and gp130" is SC144's binding statement)."""
    if first < 2 or tokens[first - 1].lower != "and":
        return False
    for k in range(first - 2, max(0, first - 2 - _PAIR_REACH), -1):
        word = tokens[k].lower
        if word == "between" or (word in ("of", "with") and k > 0 and tokens[k - 1].lower in _PAIR_NOUNS):
            return not any(j in agent_tokens for j in range(k + 1, first - 1))
        if word in (",", ";", "and", "or", "(", ")") or find_trigger(word) is not None:
            return False
    return False
