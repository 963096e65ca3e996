"""Statements whose agent follows the phrase it acts on: "Y induced by X", "Y in response to X".

A past participle of causing right after a noun phrase, with no auxiliary before it ("the anxiety
induced by caffeine", "hyperactivity caused by amphetamine", "interleukin synthesis induced by
dietary oxysterols"), and "Y in response to X" ("translocation in response to I3A and PMA") say that
X increases Y, as "X-induced Y" does (:func:`.learned.nominal_relations`). The cue phrases are
``postnominal.cues`` in ``word_sets.tsv``; "was induced by X" (a passive with its auxiliary) is the
rules' own construction and is left to them. Y is the short noun phrase right before the cue (back
to a preposition, determiner, conjunction, verb or punctuation); X is every agent of a list right
after it ("by tamoxifen and monohydroxytamoxifen", "by either 3g or 3n"). The statement sits inside
another's object ("X blocked hyperactivity induced by amphetamine") and is read besides it; the
clause's negation scopes that verb, not this modifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from ..records import Mention, Relation
from .assemble import names_something
from .clause import is_adverb, is_measured
from .cues import model_system
from .learned import pair_relation
from .lexicon import Token, find_trigger, find_triggers, tokenize, word_set
from .pairs import OBJECT_LABELS
from .trigger_reading import STATE_PARTICIPLES
from .units import Unit

CONSTRUCTION = "postnominal"
_HYPHENATED = re.compile(r"[-–][^\W\d_]")
PHRASE_REACH = 5  # the noun phrase before the cue has fewer words than this
_PHRASE_STOPS = word_set("postnominal.phrase_stops")
_TREATMENT_NOUNS = word_set("treatment.nouns") | word_set("therapy.nouns")
AGENT_REACH = 4  # tokens after the cue in which the first agent starts ("by chronic morphine administration")


def _cues() -> list[tuple[str, ...]]:
    """Cue phrases, e.g. ("induced", "by") and ("in", "response", "to")."""
    return [tuple(cue.split()) for cue in word_set("postnominal.cues")]


def _cue_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """``(first, end)`` token ranges of the cue phrases not preceded by an auxiliary."""
    aux = word_set("constructions.aux")
    skip = word_set("constructions.not_words") | word_set("constructions.floating_quantifiers")
    words = [t.lower for t in tokens]
    for cue in _cues():
        for k in range(1, len(words) - len(cue) + 1):
            if tuple(words[k:k + len(cue)]) != cue:
                continue
            j = k - 1
            while j >= 0 and (is_adverb(words[j]) or words[j] in skip):  # "were also induced by"
                j -= 1
            if j >= 0 and words[j] not in aux:  # "was induced by X" is a passive: the rules read it
                yield k, k + len(cue)


def _phrase_before(unit: Unit, tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
    """The token range of the short noun phrase ending right before token ``k``, or None."""
    stops = _PHRASE_STOPS
    drug_tokens = {i for i, t in enumerate(tokens) for m in unit.mentions
                   if m.label == "DRUG" and m.start < t.end and t.start < m.end}
    first = k
    while first > 0 and k - first < PHRASE_REACH:
        word = tokens[first - 1].lower
        verb_like = word.endswith(("ed", "ing")) and bool(find_triggers(word)) \
            or word in STATE_PARTICIPLES  # "was rapidly phosphorylated in response to X"
        if word in stops or not word[:1].isalnum() or first - 1 in drug_tokens or verb_like:
            break
        first -= 1
    last = k - 1
    while last >= first and tokens[last].lower in word_set("postnominal.change_nouns"):
        last -= 1  # "the uterine weight increases induced by X": X increases the uterine weight
    if last < first or k - first >= PHRASE_REACH:
        return None  # nothing left, or a longer phrase whose start is unclear ("We saw renal lipid peroxidation")
    if tokens[last].lower in word_set("learned.not_phrase_heads"):
        return None  # "mice induced by ...", "cells stimulated by ...": not what X acts on
    return first, last


def agents_after(unit: Unit, tokens: Sequence[Token], k: int) -> list[Mention]:
    """The agents listed from token ``k`` on: the first within ``AGENT_REACH`` tokens, then each one
    joined to it by "and", "or", "," (a bracketed abbreviation or dose between them skipped)."""
    glue = word_set("clause.list_glue") | {"either", "both", "the"}
    # "by the dopamine antagonist sulpiride", "by angiotensin-converting enzyme inhibitor intake": a name
    # that is the target of a class noun or the first half of a hyphenated word is not the cause
    starts = {m.start: m for m in unit.agents if not is_measured(unit, m)
              and not _HYPHENATED.match(unit.text, m.end - unit.start)}
    out: list[Mention] = []
    p = k
    limit = k + AGENT_REACH
    while p < len(tokens) and p < limit:
        mention = starts.get(tokens[p].start)
        if mention is None:
            if out and tokens[p].lower not in glue and tokens[p].text != "(":
                break
            if tokens[p].text == "(":
                depth = 0
                while p < len(tokens):  # "(PMA)", "(10 mg/kg)"
                    depth += tokens[p].text == "("
                    depth -= tokens[p].text == ")"
                    p += 1
                    if depth == 0:
                        break
                continue
            # "caused by a deficiency of X": X is not the cause; "caused by epidural injection of X": it is
            treatment_of = tokens[p].lower in ("of", "with") and p > k and tokens[p - 1].lower in _TREATMENT_NOUNS
            if not out and not treatment_of and (not tokens[p].text[:1].isalnum()
                                                 or tokens[p].lower in _PHRASE_STOPS - glue):
                break
            p += 1
            continue
        out.append(mention)
        while p < len(tokens) and tokens[p].start < mention.end:
            p += 1
        limit = p + 3  # the next list item starts within a few glue words
    return out


def postnominal_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """X increases Y for "Y induced by X" / "Y in response to X" (see the module docstring)."""
    if unit.column is not None or not unit.agents:
        return []
    tokens = tokenize(unit.text, unit.start)
    out: list[Relation] = []
    for k, end in _cue_spans(tokens):
        agents = agents_after(unit, tokens, end)
        for phrase in _coordinated_phrases(unit, tokens, k) if agents else ():
            out.extend(_phrase_relations(unit, tokens, phrase, k, agents, (*found, *out), doc_system))
    return out


def _coordinated_phrases(unit: Unit, tokens: Sequence[Token], k: int) -> list[tuple[int, int]]:
    """The phrase right before the cue at ``k`` and the one coordinated before it ("inhibited both
    macrophage differentiation and apoptosis induced by IL-6": both were induced), nearest first."""
    phrase = _phrase_before(unit, tokens, k)
    if phrase is None:
        return []
    if phrase[0] >= 2 and tokens[phrase[0] - 1].lower in ("and", "or"):
        earlier = _phrase_before(unit, tokens, phrase[0] - 1)
        # one word before a longer phrase may describe its head ("pro-oxidant and pro-inflammatory events")
        if earlier is not None and not (earlier[0] == earlier[1] and phrase[1] > phrase[0]):
            return [phrase, earlier]
    return [phrase]


def _phrase_relations(unit: Unit, tokens: Sequence[Token], phrase: tuple[int, int], k: int, agents: list[Mention],
                      found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """The relations of the agents after the cue at ``k`` to the phrase (its first and last token)."""
    out: list[Relation] = []
    negations = word_set("learned.nominal_negations")
    if any(t.lower in word_set("postnominal.measure_verbs") for t in tokens[max(0, phrase[0] - 3):phrase[0]]):
        return []  # "we measured A mRNAs in response to X": what was measured, not that X raised it
    a, b = tokens[phrase[0]].start, tokens[phrase[1]].end
    text = unit.text[a - unit.start:b - unit.start]
    if not names_something(text):
        return []
    entity = next((m for m in reversed(unit.mentions) if m.label in OBJECT_LABELS and a <= m.start and m.end <= b),
                  None)
    obj = entity or Mention(unit.doc_id, a, b, text, "PHRASE", source="phrase")
    before = tokens[phrase[0] - 1].lower if phrase[0] > 0 else ""
    cue = before if before in negations else None
    effect = _change_before(tokens, phrase[0])
    for agent in agents:
        if any(r.agent_start == agent.start and r.effect == effect
               and r.object_start < obj.end and obj.start < r.object_end for r in (*found, *out)):
            continue  # already read (by the pair reader, or as a passive)
        relation = pair_relation(unit, tokens, agent, obj, effect, CONSTRUCTION,
                                 model_system(tokens, doc_system()), k)
        out.append(replace(relation, negated=cue is not None, negation_cue=cue,
                           object_label=entity and entity.label, object_id=entity and entity.norm_id))
    return out


def _change_before(tokens: Sequence[Token], first: int) -> str:
    """"Down-regulation of hippocampal NET induced by X": the cue qualifies the change noun before "of",
    so X decreases NET; otherwise X increases the phrase."""
    q = first - 1
    while q > 0 and first - q < PHRASE_REACH and tokens[q].lower != "of" and tokens[q].text[:1].isalnum():
        q -= 1  # past a name the phrase stopped at ("Down-regulation of norepinephrine transporter function")
    if q >= 1 and tokens[q].lower == "of":
        found = find_trigger(tokens[q - 1].lower)
        if found is not None and found.review_effect == "decreases":
            return "decreases"
    return "increases"
