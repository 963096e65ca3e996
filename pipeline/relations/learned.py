"""Relations the learned pair reader adds to the rules' (how the two combine: see README.md, measured on dev).

The rules read a unit first. The model then reads every candidate pair of the unit (an acting agent
and a TARGET/DISEASE mention) that no rule relation already covers (same agent mention, object span
overlapping the mention) and adds a ``learned`` relation for a pair it labels with an effect. Negation,
hedging, model system, cell line and disease come from the same cue tables as the rules' relations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..records import Mention, Relation
from .assemble import relation_id
from .cues import is_hedged, is_negated, model_system
from .lexicon import Token, find_trigger, find_triggers, tokenize, word_parts, word_set
from .arms import is_partner
from .clause import is_adverb
from .interventions import is_manipulated
from .objects import ObjectSpan, object_after
from .pairs import (NONE, OBJECT_LABELS, PairModel, candidates, current_model, pair_features, path_encoding,
                    path_features, phrase_mention)
from .units import Unit, is_axis_agent

CONSTRUCTION = "learned"
NOMINAL = "nominal_induced"
NOMINAL_REACH = 4  # tokens after "X-induced" in which its object starts ("X-induced acute renal failure")
# A drug-gene pair needs this margin over "none" (the model's own threshold, 0.0, is for drug-disease pairs):
# on the on-topic tuning sets most drug-gene co-mentions it read were wrong, and on the judged BioRED dev
# sample the pairs between 0.0 and 0.5 were; drug-disease pairs there were mostly right (MODEL_CARD.md)
TARGET_MARGIN = 0.5
# "X- and Y-induced", "X- but not IL-6-induced" (the suffix after Y's last hyphen); group 1 ("-") absent:
# "X and Y-induced", read only when Y is an agent
_PHRASE_VERBS = word_set("objects.predicate_verbs") | word_set("learned.phrase_verbs")  # "... of PBMCs | dropped"
_AFTER_VERB_WORDS = word_set("learned.after_verb_words")
_SUSPENDED = re.compile(r"([-–])?\s+(?:and|or|but not)\s+([\w()]+(?:[-–][\w()]+)*)[-–](\w+)(?![\w-])")


def covered(relations: Sequence[Relation], agent: Mention, obj: Mention) -> bool:
    """An agent the rules read in this unit (any mention of it) keeps the rules' reading (measured: README.md)."""
    return any(r.agent_start == agent.start or (agent.norm_id and r.agent_id == agent.norm_id) for r in relations
               if r.construction != NOMINAL or r.object_label is not None)  # not "X-induced <phrase>"


def covered_pair(relations: Sequence[Relation], agent: Mention, obj: Mention) -> bool:
    """A pair the rules state (the agent, any mention of it, with an object overlapping the mention): a model
    whose card says ``coverage: pair`` reads the other objects of an agent the rules read too."""
    return any((r.agent_start == agent.start or (agent.norm_id and r.agent_id == agent.norm_id))
               and r.object_start < obj.end and obj.start < r.object_end for r in relations)


def acted_on(relations: Sequence[Relation], agent: Mention) -> bool:
    """An agent that is the object of another agent's statement in the unit ("X inhibited nitric oxide (NO)
    production by ...": NO, by its id or bracketed right after the object) is what was acted on there, not a
    cause of its own; so is a name inside an object past its first word ("suppressing the expression of inducible
    nitric oxide synthase": nitric oxide). A name that opens an object may still be a subject the object reader
    ran over ("X inhibited STAT3 and Y caused Z"), and acts."""
    return any(r.agent_id != agent.norm_id and r.agent_start != agent.start
               and (_bracketed_after(r, agent) or (agent.norm_id is not None and r.object_id == agent.norm_id)
                    or (r.object_start, r.object_end) == (agent.start, agent.end)
                    or r.object_start < agent.start and agent.end <= r.object_end)
               for r in relations)


def _bracketed_after(relation: Relation, mention: Mention) -> bool:
    """The mention opens a bracket right after the relation's object: "nitric oxide (NO)"."""
    gap = relation.sentence_text[relation.object_end - relation.sentence_start:mention.start - relation.sentence_start]
    return mention.start > relation.object_end and gap.strip() == "("


def _trigger_index(tokens: Sequence[Token], agent: Mention, obj: Mention) -> int:
    """The token that carries the statement: the first trigger word between the pair, else the one after the agent."""
    first, second = sorted((agent, obj), key=lambda m: m.start)
    between = [k for k, t in enumerate(tokens) if t.start >= first.end and t.end <= second.start]
    for k in between:
        if find_triggers(tokens[k].lower):
            return k
    after = next((k for k, t in enumerate(tokens) if t.start >= agent.end), len(tokens) - 1)
    return between[0] if between else max(after, 0)


def pair_relation(unit: Unit, tokens: Sequence[Token], agent: Mention, obj: Mention, effect: str,
                  construction: str, system: str, index: int | None = None) -> Relation:
    """A relation whose object is one entity mention, with the cues the rules' relations carry.

    ``index`` is the token carrying the statement (default: the first trigger between the pair).
    """
    index = _trigger_index(tokens, agent, obj) if index is None else index
    negated, negation_cue = is_negated(tokens, index, (next(
        (k for k, t in enumerate(tokens) if t.start >= obj.start), index),))
    hedged, hedge_cue = is_hedged(tokens)
    disease = obj if obj.label == "DISEASE" else next((m for m in unit.mentions if m.label == "DISEASE"), None)
    return Relation(
        relation_id=relation_id(unit.doc_id, agent.norm_id, agent.start, obj.start, obj.end, effect, obj.text),
        doc_id=unit.doc_id, agent_text=agent.text, agent_start=agent.start, agent_end=agent.end,
        agent_id=agent.norm_id, agent_name=agent.norm_name, effect=effect,
        triggers=(tokens[index].text,) if tokens else (), object_text=obj.text, object_start=obj.start,
        object_end=obj.end, object_label=obj.label, object_id=obj.norm_id, sentence_text=unit.text,
        sentence_start=unit.start, sentence_end=unit.end,
        cell_line=next((m.text for m in unit.mentions if m.label == "CELL_LINE"), None),
        disease=disease.text if disease else None, model_system=system, negated=negated, hedged=hedged,
        section=unit.section, construction=construction, agent_source="mention",
        negation_cue=negation_cue or None, hedge_cue=hedge_cue or None, axis_agent=is_axis_agent(agent))


def learned_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str],
                      model: PairModel | None = None) -> list[Relation]:
    """The model's relations for the pairs of ``unit`` the rules' ``found`` relations do not cover."""
    model = model or current_model()
    if model is None or unit.column is not None:
        return []  # no model shipped; Table 1 bullets are read by the rules alone
    read = covered_pair if model.card.get("coverage") == "pair" else covered
    pairs = [(a, o) for a, o in candidates(unit, bool(model.card.get("phrases")))
             if not read(found, a, o) and not is_manipulated(unit, o) and not is_partner(unit, a)
             and not acted_on(found, a)]
    # an agent the rules read here gives a pair of its own only with this margin (card "read_margin")
    read_margin = float(model.card.get("read_margin", model.threshold))
    if not pairs:
        return []
    tokens = tokenize(unit.text, unit.start)
    encoding = path_encoding(model.card)
    paths = path_features(unit, pairs, encoding) if encoding else [None] * len(pairs)
    context = bool(model.card.get("context"))
    system = model_system(tokens, doc_system())
    target_margin = float(model.card.get("target_margin", TARGET_MARGIN))
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for (agent, obj), path in zip(pairs, paths):
        effect, margin = model.predict(pair_features(tokens, agent, obj, path, context))
        key = (agent.norm_id or agent.text.lower(), obj.norm_id or obj.text.lower(), effect)
        if (effect == NONE or key in seen or (obj.label == "TARGET" and margin <= target_margin)
                or (margin <= read_margin and covered(found, agent, obj))):
            continue  # one relation per agent, object and effect in a unit, at their first mentions
        seen.add(key)
        relation = pair_relation(unit, tokens, agent, obj, effect, CONSTRUCTION, system)
        out.append(relation if obj.label in OBJECT_LABELS else replace(relation, object_label=None))
    return out


def nominal_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """"X-induced Y" as a statement of its own where X is an acting agent: X increases Y ("X-induced loss
    of Y", a fall noun of ``objects.fall_nouns`` right after: X decreases Y).

    Y is the first TARGET/DISEASE mention within ``NOMINAL_REACH`` tokens after the hyphen-joined
    word; the suffixes are ``learned.nominal_increase`` of ``word_sets.tsv``. "-mediated" and
    "-driven" (``learned.nominal_mediated``) name a cause only before a head noun without an effect of its
    own ("X-mediated growth inhibition"; "X-mediated suppression of Y" is the trigger noun's statement, read by
    the constructions). The statement inside the object of another ("Melatonin reduced cisplatin-induced
    nephrotoxicity") stays there too.
    """
    mediated = word_set("learned.nominal_mediated")
    suffixes = word_set("learned.nominal_increase") | mediated
    tokens: list[Token] | None = None
    out: list[Relation] = []
    for agent in unit.agents:
        joined = unit.text[agent.end - unit.start:agent.end - unit.start + 14].lower()
        # "STZ- and castration-induced memory impairment": the suspended hyphen takes the later suffix
        suspended = _SUSPENDED.match(unit.text, agent.end - unit.start)
        end = agent.end
        if suspended is not None and suspended.group(3).lower() in suffixes and (
                suspended.group(1) or _names_an_agent(unit, unit.start + suspended.start(2), unit.start + suspended.end(2))):
            end = unit.start + suspended.end(2)
        elif joined[:1] not in ("-", "–") or not any(joined[1:].startswith(w) for w in suffixes):
            continue
        tokens = tokens if tokens is not None else tokenize(unit.text, unit.start)
        k = next((i for i, t in enumerate(tokens) if t.start < end <= t.end), None)
        if k is None or (word_parts(tokens[k].text)[-1:] and word_parts(tokens[k].text)[-1] in mediated
                         and k + 1 < len(tokens) and find_trigger(tokens[k + 1].lower) is not None):
            continue
        reach = tokens[k].end, tokens[min(k + NOMINAL_REACH, len(tokens) - 1)].end
        obj = next((m for m in unit.mentions if m.label in OBJECT_LABELS and reach[0] < m.end <= reach[1]
                    and m.start >= agent.end), None)
        targets = [obj, *_later_conjuncts(unit, tokens, k, obj)] if obj is not None else _phrase_objects(unit, tokens, k)
        # "the cisplatin-induced loss of Y": what X induces is the fall the noun names, so X decreases Y
        fall = k + 1 < len(tokens) and tokens[k + 1].lower in word_set("objects.fall_nouns")
        effect = "decreases" if fall else "increases"
        for target in targets:
            if any(r.agent_start == agent.start and r.effect == effect
                   and r.object_start < target.end and target.start < r.object_end for r in found):
                continue  # the rules already say it
            relation = pair_relation(unit, tokens, agent, target, effect, NOMINAL,
                                     model_system(tokens, doc_system()), k)
            # a clause's negation scopes its verb, not a modifier inside the object ("did not prevent
            # X-induced Y"): the nominal statement is negated only by the word right before it ("no X-induced Y")
            before = tokens[k - 1].lower if k > 0 else ""
            cue = before if before in word_set("learned.nominal_negations") else None
            if end != agent.end and "not" in suspended.group(0).split():
                cue = None  # "caffeine- but not PTZ-induced": the "not" denies PTZ's statement, not caffeine's
            entity = target if target.label in OBJECT_LABELS else None
            out.append(replace(relation, negated=cue is not None, negation_cue=cue,
                               object_label=entity and entity.label, object_id=entity and entity.norm_id))
    return out


def _names_an_agent(unit: Unit, start: int, end: int) -> bool:
    """"leptin and insulin-induced Tub-p-tyr": without the suspended hyphen the second conjunct must be an
    agent of the unit for the first to share its "-induced" (not "curcumin and LPS-induced" read from a
    gene: both are agents there, so it is read; "IL-6 and LPS-induced" with IL-6 not applied is not)."""
    return any(m.start == start and m.end == end for m in unit.agents)


def _phrase_objects(unit: Unit, tokens: Sequence[Token], k: int) -> list[Mention]:
    """"H2O2-induced vascular permeability", "H2O2-stimulated actin remodeling and albumin uptake": with no
    entity in reach, the noun phrases right after the joined word (each of ``NOMINAL_REACH`` tokens at
    most, naming something) are what X increases; a longer phrase is left alone, and so is a cell, an
    organism or a bare change ("LPS-stimulated RAW 264.7 macrophages", ``learned.not_phrase_heads``), and
    a phrase naming a chemical: another agent's ("X-induced A, carrageenan-induced B") or the first half
    of a coordination whose head comes later ("X-induced striatal dopamine and DOPAC depletion")."""
    if k + 1 >= len(tokens) or find_triggers(tokens[k + 1].lower):
        return []  # "X-induced inhibition of Y": the head noun's effect, read by the rules
    spans = [_before_verb(tokens, span) for span in object_after(tokens, k + 1)]
    return [m for m in (phrase_mention(unit, tokens, span) for span in spans) if m is not None]


def _before_verb(tokens: Sequence[Token], span: ObjectSpan) -> ObjectSpan:
    """The span up to a verb that ends the noun phrase: "PHA-induced proliferation of PBMCs | dropped
    significantly", "... | depends upon the tumour load" (a word of ``objects.predicate_verbs`` or
    ``learned.phrase_verbs``, or a past form before an adverb or a preposition)."""
    for p in range(span.first + 1, span.last + 1):
        word = tokens[p].lower
        after = tokens[p + 1].lower if p + 1 < len(tokens) else ""
        if word in _PHRASE_VERBS or (word.endswith("ed") and tokens[p - 1].lower not in ("of", "and", "the", "a", "an")
                                     and (is_adverb(after) or after in _AFTER_VERB_WORDS)):
            return replace(span, last=p - 1)
    return span


def _later_conjuncts(unit: Unit, tokens: Sequence[Token], k: int, first: Mention) -> list[Mention]:
    """"anisomycin-induced phosphorylation of p38, cav-1 and vascular permeability": X induced each
    conjunct of the phrase whose first conjunct holds the entity found (an entity of the conjunct,
    else the conjunct itself as for :func:`_phrase_objects`)."""
    spans = object_after(tokens, k + 1)
    if len(spans) < 2 or not tokens[spans[0].first].start <= first.start < tokens[spans[0].last].end:
        return []
    out = []
    for span in spans[1:]:
        if find_triggers(tokens[span.first].lower) or span.last - span.first >= NOMINAL_REACH:
            continue  # "... and decreasing tumor growth": a new predicate; a long conjunct: another setting
        start, end = tokens[span.first].start, tokens[span.last].end
        entity = next((m for m in unit.mentions if m.label in OBJECT_LABELS and start <= m.start and m.end <= end), None)
        found = entity or phrase_mention(unit, tokens, span)
        if found is not None:
            out.append(found)
    return out
