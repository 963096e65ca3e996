"""Turning a recognised statement (agents, trigger, object span) into Relation records."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..context import DATA_DIR
from ..grades import read_words
from ..records import Mention, Relation
from ..text import is_dash
from .clinical import POPULATION_WORDS
from .cues import is_hedged, is_negated, trial_phase
from .lexicon import word_set
from .object_checks import rejected_object, trimmed
from .objects import ObjectSpan
from .units import is_axis_agent

CLINICAL_EFFECTS = ("in_trial_for", "discontinued_for", "studied_in", "approved_for")
_MODIFIER = re.compile(r"[a-z][a-z']*")
_WORD = re.compile(r"[^\W_][\w'-]*")
_MANNER_HEADS = word_set("assemble.manner_heads")
_EFFECT_ONLY = word_set("assemble.effect_only_words")
_ANAPHORIC_OPENERS = word_set("assemble.anaphoric_openers")
_WHO = POPULATION_WORDS | word_set("assemble.organism_words")
_NOT_NAMING_WORDS = word_set("assemble.not_object_words") | _EFFECT_ONLY


@lru_cache(maxsize=1)
def modifier_stops() -> frozenset[str]:
    """Function words that end a disease's modifiers (``data/relations/disease_modifier_stops.txt``)."""
    return read_words(DATA_DIR / "relations" / "disease_modifier_stops.txt")


@lru_cache(maxsize=1)
def disease_heads() -> frozenset[str]:
    """Words that name a disease only with a modifier before them (``data/lexicon/disease_heads.txt``)."""
    return read_words(DATA_DIR / "lexicon" / "disease_heads.txt")


def relation_id(doc_id: str, agent_id: str | None, agent_start: int, object_start: int, object_end: int,
                effect: str, object_text: str, qualifier: str | None = None) -> str:
    """A stable id: the same statement in the same text always gets the same id.

    ``qualifier`` tells apart the findings split from one statement (see :mod:`.splits`);
    an unsplit statement has none, and its id does not depend on it.
    """
    parts = (doc_id, agent_id or "", str(agent_start), str(object_start), str(object_end), effect, object_text)
    key = "|".join(parts + ((qualifier,) if qualifier else ()))
    return "rel:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _first(clause: Any, label: str, skip: Mention | None = None) -> Mention | None:
    for k in sorted(clause.entity_at):
        mention = clause.entity_at[k]
        if mention.label == label and mention is not skip and not mention.text.lower().startswith("phase"):
            return mention
    for mention in clause.unit.mentions:
        if mention.label == label and not mention.text.lower().startswith("phase"):
            return mention
    return None


def _disease_phrase(object_text: str, object_start: int, entity: Mention) -> str:
    """The disease entity, with the word written before it when the entity is a bare head word.

    "endometrial cancer" where only "cancer" was recognised names endometrial cancer. Only a
    bare head ("cancer", "tumors": ``data/lexicon/disease_heads.txt``) takes the word before it,
    and only a plain lower-case word that is not a function word ("IL-6–induced cancer" and
    "risk of cancer" stay "cancer"); a recognised disease of several words is kept as recognised.
    """
    inside = object_start <= entity.start < entity.end <= object_start + len(object_text)
    if not inside or entity.text.lower() not in disease_heads():
        return entity.text
    words = object_text[:entity.start - object_start].split()
    if words and _MODIFIER.fullmatch(words[-1]) and words[-1] not in modifier_stops():
        return f"{words[-1]} {entity.text}"
    return entity.text


def statement_disease(clause: Any, effect: str, entity: Mention | None, object_text: str,
                      object_start: int) -> str | None:
    """The disease the statement itself names.

    A disease object is that disease (with its written modifiers); a clinical statement
    (approved / in trial / discontinued / studied for) names its indication as its object even
    when NER did not recognise it ("approved for Castleman's disease"; a population such as
    "healthy subjects" is not a disease); otherwise the first
    disease of the statement's clause, then of its sentence.
    """
    if entity is not None and entity.label == "DISEASE":
        return _disease_phrase(object_text, object_start, entity)
    if effect in CLINICAL_EFFECTS and entity is None and not POPULATION_WORDS & set(object_text.lower().split()):
        return object_text
    found = _first(clause, "DISEASE")
    return found.text if found else None


def names_something(object_text: str) -> bool:
    """Whether an object span names a thing: it holds a word with a letter that is not a function
    word or a bare effect noun ("an increase", "the changes"), and is not a manner adverbial. Spans cut
    at the wrong place ("3.6-", "on") and "in a dose-dependent manner" are not objects of the statement."""
    words = [w.lower() for w in _WORD.findall(object_text) if any(c.isalpha() for c in w)]
    if not words or words[-1] in _MANNER_HEADS:
        return False
    if words[0] in _ANAPHORIC_OPENERS:
        return False  # "the mentioned parameters", "the above-described alterations": named elsewhere
    head = next((k for k, w in enumerate(words[:3]) if w in _EFFECT_ONLY), None)
    if head is not None and words[head + 1:head + 2] == ["on"]:
        return False  # "similar effects on the expression of X": an effect of unstated direction, not an object
    return any(len(w) > 1 and w not in _NOT_NAMING_WORDS for w in words)


def assemble(clause: Any, agents: Sequence[Any], effect: str, trig_idx: int, obj: ObjectSpan,
             construction: str, triggers: tuple[str, ...], system: str,
             entity: Mention | None) -> list[Relation]:
    """One Relation per distinct agent; a ``no_effect`` statement is kept only when negated."""
    unit = clause.unit
    tokens = clause.tokens
    obj = trimmed(tokens, obj)
    if obj is None:
        return []
    start, end = tokens[obj.first].start, tokens[obj.last].end
    if obj.start_char is not None or obj.end_char is not None:
        start = obj.start_char if obj.start_char is not None else start
        end = obj.end_char if obj.end_char is not None else end
    elif entity is not None and all(clause.entity_at.get(k) is entity for k in range(obj.first, obj.last + 1)):
        overlapping = [m for m in unit.mentions if m.start < end and start < m.end]
        if len(overlapping) == 1:
            start, end = entity.start, entity.end  # the object is exactly one recognised entity
    object_text = unit.text[start - unit.start:end - unit.start]
    if not names_something(object_text) or rejected_object(tokens, trig_idx, obj, effect, entity, unit,
                                                                   clause.agent_at.keys()):
        return []
    if effect not in CLINICAL_EFFECTS and entity is None and _WHO & set(object_text.lower().split()):
        return []  # "an effective therapy for postmenopausal women", "induction in Wistar albino rats": whom it is for or in, not what it acts on
    negated, negation_cue = is_negated(tokens, trig_idx, (obj.first,))
    if effect == "no_effect" and not negated:
        return []
    hedged, hedge_cue = is_hedged(tokens)
    phase = trial_phase(unit.text, near=start - unit.start) if effect in CLINICAL_EFFECTS else None
    cell_line_mention = _first(clause, "CELL_LINE")
    cell_line = obj.cell_line or (cell_line_mention.text if cell_line_mention else None)
    disease = statement_disease(clause, effect, entity, object_text, start)
    out: list[Relation] = []
    seen: set[str | None] = set()
    for ref in agents:
        agent: Mention = ref.mention
        if agent.norm_id in seen:
            continue
        seen.add(agent.norm_id)
        if (entity is not None and entity.norm_id == agent.norm_id) or agent.text.lower() == object_text.lower():
            continue  # "stimulatory activities of I3S and TCDD ... I3S": an agent acting on itself names nothing
        rid = relation_id(unit.doc_id, agent.norm_id, agent.start, start, end, effect, object_text, obj.qualifier)
        out.append(Relation(
            relation_id=rid, doc_id=unit.doc_id,
            agent_text=agent.text, agent_start=agent.start, agent_end=agent.end,
            agent_id=agent.norm_id, agent_name=agent.norm_name,
            effect=effect, triggers=triggers,
            object_text=object_text, object_start=start, object_end=end,
            object_label=entity.label if entity else None, object_id=entity.norm_id if entity else None,
            sentence_text=unit.text, sentence_start=unit.start, sentence_end=unit.end,
            cell_line=cell_line,
            disease=disease,
            model_system=system, phase=phase, negated=negated, hedged=hedged,
            section=unit.section, construction=construction, agent_source=ref.source,
            negation_cue=negation_cue or None, hedge_cue=hedge_cue or None, shared_head=obj.shared_head or None,
            table_column=unit.column or None, split=obj.qualifier or None,
            axis_agent=is_axis_agent(agent),
        ))
    return out


def stated_no_effect(relations: Sequence[Relation]) -> list[Relation]:
    """The output convention of a ``no_effect`` statement: "X did not affect Y", "X had no effect on Y"
    state, positively, that X had no effect on Y, so they leave the stage with ``negated`` False (as the
    dev annotations write them, and as the conflict rules read ``no_effect``: the opposite of an affirmed
    ``increases``); the cue that made the statement one of no effect stays in ``negation_cue``.

    Inside the stage a no-effect trigger ("affect", "effect", "alter") is read like any other, negated by
    its cue, so the rules that lift a negation met elsewhere ("A, but not C, affected Y": the cue is in
    the subject) still apply; a no-effect trigger left unnegated states an effect of no direction and
    gives nothing."""
    return [replace(r, negated=False) if r.effect == "no_effect" else r
            for r in relations if r.effect != "no_effect" or r.negated]


def object_entity(clause: Any, obj: ObjectSpan) -> Mention | None:
    """The recognised entity an object is about: the last one inside it that is not a hyphen-joined
    modifier ("IL-6-induced STAT3 phosphorylation" is about STAT3)."""
    found = [clause.entity_at[k] for k in range(obj.first, obj.last + 1) if k in clause.entity_at]
    if not found:
        return None
    modifiers = [m for k, m in ((k, clause.entity_at.get(k)) for k in range(obj.first, obj.last))
                 if m is not None and k + 1 <= obj.last and is_dash(clause.tokens[k + 1].text)]
    heads = [m for m in found if m not in modifiers] or found
    return heads[-1]
