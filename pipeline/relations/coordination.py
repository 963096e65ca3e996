"""Coordinated subjects of a passive: "A, B and C were inhibited by X" -> A, B and C, not C alone.

:func:`noun_phrase_before` stops at "and" and commas, so a passive's subject is the last
conjunct only. :func:`subject_conjuncts` walks back over "and" / "or" / "," / ", as well as" and
takes each earlier noun phrase that names no agent and holds no trigger verb, as far as the list goes
(the clause start, or a phrase of its own that is not cut off by the length limit).
"""

from __future__ import annotations

from collections.abc import Sequence

from .clause import Clause
from .lexicon import Token, find_trigger, word_set
from .brackets import opening_of
from .objects import ObjectSpan, inside_name, split_coordination

MAX_CONJUNCTS = 6
_GLUE = ("and", "or", ",")
_LIST_OPENERS = word_set("coordination.list_openers")  # "Both A and B were inhibited"


def _glue_before(tokens: Sequence[Token], first: int, last_conjunct: bool) -> int | None:
    """The index of the first glue token right before ``first`` (", and", ", as well as"), or None.
    Before the last conjunct the glue must hold "and"/"or"/"as well as" ("In mice, A was ..." is no list)."""
    k = first - 1
    if k >= 3 and [t.lower for t in tokens[k - 2:k + 1]] == ["as", "well", "as"]:
        k -= 3
        return k if k >= 0 and tokens[k].text == "," else k + 1
    if k < 0 or tokens[k].lower not in _GLUE or (last_conjunct and tokens[k].text == ","):
        return None
    if k >= 1 and tokens[k].lower in ("and", "or") and tokens[k - 1].text == ",":
        k -= 1
    return k


def _plain(clause: Clause, span: ObjectSpan) -> bool:
    """A noun phrase: no agent in it and no trigger verb ("X reduced A and B was inhibited by Y")."""
    if clause.tokens[span.first].lower in word_set("coordination.not_openers"):
        return False  # "In mice", "After treatment": a setting, not a conjunct
    for k in range(span.first, span.last + 1):
        word = clause.tokens[k].lower
        if k in clause.agent_at or (word.endswith(("ed", "es")) and find_trigger(word) is not None):
            return False
    return True


def subject_conjuncts(clause: Clause, subject: ObjectSpan) -> list[ObjectSpan]:
    """``subject`` and the noun phrases coordinated before it, in text order."""
    tokens = clause.tokens
    out = [subject]
    while len(out) < MAX_CONJUNCTS:
        glue = _glue_before(tokens, out[0].first, len(out) == 1)
        if glue is None or glue == 0:
            break
        span = noun_phrase_before(tokens, glue)
        if span is None or not _plain(clause, span):
            if span is not None and tokens[span.first].lower in word_set("coordination.not_openers") \
                    and tokens[glue].lower in ("and", "or") and len(out) > 1:
                out.pop(0)  # "in the arcuate nucleus and choroid plexus, A and B were induced": the PP's noun
            break
        opener = span.first - 1
        while opener >= 0 and tokens[opener].lower in ("the", "a", "an"):
            opener -= 1
        if opener >= 0 and tokens[opener].lower in _LIST_OPENERS:
            out.insert(0, span)  # "Both A and B were inhibited by X": the word opens the list
            break
        if opener >= 0 and tokens[opener].lower not in _GLUE + (";",) and tokens[opener].text not in "([":
            break  # the phrase runs on to the left (cut off by the length limit): not a clean conjunct
        out.insert(0, span)
    return out


def subject_before(clause: Clause, aux: int) -> ObjectSpan | None:
    """The passive's subject ending before its auxiliary at ``aux`` (a modal before it skipped); "A, as
    well as B, was inhibited": the comma closing an "as well as" conjunct is skipped."""
    tokens = clause.tokens
    while aux > 0 and tokens[aux - 1].lower in word_set("coordination.modals"):
        aux -= 1  # "these deficits can be reversed by X": the modal is no part of the subject
    span = noun_phrase_before(tokens, aux)
    if span is not None and any(tokens[k].lower in _VERBS_OF_BEING or tokens[k].lower == "to"
                                for k in range(span.first, span.last + 1)):
        return None  # "..., which is believed to be caused by X": a verb phrase, no subject noun
    if span is None and aux >= 2 and tokens[aux - 1].lower in ("which", "that"):
        return _antecedent(tokens, aux - 2 if tokens[aux - 2].text == "," else aux - 1)
    if span is None and aux >= 2 and tokens[aux - 1].text == ",":
        span = noun_phrase_before(tokens, aux - 1)
        if span is None or span.last - span.first < 3 or \
                [t.lower for t in tokens[span.first:span.first + 3]] != ["as", "well", "as"]:
            return None
        span = ObjectSpan(span.first + 3, span.last)
    return span


def _antecedent(tokens: Sequence[Token], end: int) -> ObjectSpan | None:
    """The noun phrase a relative pronoun at ``end`` stands for ("cells exhibited increased STAT3
    phosphorylation, which was reduced by X"): back to a boundary, and not past a verb or participle."""
    span = noun_phrase_before(tokens, end)
    if span is None:
        return None
    first = span.first
    for k in range(span.first, span.last + 1):
        if tokens[k].lower.endswith("ed") or tokens[k].lower in _VERBS_OF_BEING:
            first = k + 1
    while first <= span.last and tokens[first].lower in _DETERMINERS:
        first += 1  # "increased | the proportion of ...": the verb's article is no part of the phrase
    if first <= span.last and tokens[first].lower in word_set("coordination.not_openers"):
        return None  # "were increased in IL-6 group, which were decreased": a setting, not what changed
    return ObjectSpan(first, span.last) if first <= span.last else None


_DETERMINERS = word_set("objects.determiners")
_VERBS_OF_BEING = word_set("constructions.aux") | {"has", "have"}


def summarised_statement(tokens: Sequence[Token], k: int) -> list[ObjectSpan] | None:
    """What a summary phrase ending before token ``k`` stands for: "X increased the proportion of ALDH1+
    cells, an effect that was abrogated by Y", "... accelerated tumor growth, an effect reversed by Y", "..., and
    this effect was abolished by Y": the object of the statement before its comma (Y acts on that object)."""
    j = k - 1
    if j >= 0 and tokens[j].lower in _VERBS_OF_BEING:
        j -= 1
    if j >= 0 and tokens[j].lower in ("that", "which"):
        j -= 1
    if j < 0 or tokens[j].lower not in _SUMMARY_NOUNS:
        return None
    j -= 1
    if j >= 0 and tokens[j].lower in _SUMMARY_DETERMINERS:
        j -= 1
    if j >= 0 and tokens[j].lower in ("and", "whereas", "while", "but"):
        j -= 1
    return _summarised_objects(tokens, j) if j > 0 and tokens[j].text == "," else None


def _summarised_objects(tokens: Sequence[Token], comma: int) -> list[ObjectSpan] | None:
    """The objects before ``comma`` back to the verb or change word that governs them ("showed increased STAT3
    phosphorylation and migration": both), or to a clause boundary."""
    k = comma - 1
    while k >= 0 and tokens[k].text not in (",", ";", "(", ":") and tokens[k].lower not in ("that", "which") \
            and not (k < comma - 1 and (tokens[k].lower.endswith("ed") or (
                find_trigger(tokens[k].lower) and tokens[k].lower.endswith(("es", "s"))))):
        k -= 1
    governing = find_trigger(tokens[k].lower) if k >= 0 else None
    if governing is not None and governing.review_effect == "decreases":
        return None  # "X reduced Y, an effect reversed by Z": Z restores Y; which way is not said plainly
    first = k + 1
    while first < comma and tokens[first].lower in _DETERMINERS:
        first += 1
    return split_coordination(tokens, first, comma - 1) or None if first < comma else None


_SUMMARY_NOUNS = word_set("coordination.summary_nouns")
_SUMMARY_DETERMINERS = word_set("coordination.summary_determiners")


def noun_phrase_before(tokens: Sequence[Token], end: int, limit: int = 10) -> ObjectSpan | None:
    """The phrase ending just before token ``end`` (the subject of a passive), back to a boundary."""
    stops = {",", ";", "(", "[", ")", "]", "that", "which", "and", "but", "however", "although", "whereas", "while",
             "because", "since", "if", "unless"}  # a subordinator opens the clause whose subject follows it
    i = end - 1
    skipped = 0
    while i >= 0 and end - i - skipped <= limit:
        if tokens[i].text == ")" and i > 0:
            opening = opening_of(tokens, i)  # "Phosphorylated AMPKa (p-AMPK) in the myocardium was ..."
            if opening > 0 and tokens[opening - 1].lower not in stops:
                skipped += i - opening + 1
                i = opening - 1
                continue
        if tokens[i].lower in stops and not inside_name(tokens, i):
            break
        i -= 1
    first = i + 1
    while first < end and tokens[first].lower in _DETERMINERS:
        first += 1
    return ObjectSpan(first, end - 1) if first < end else None
