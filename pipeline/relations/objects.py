"""Finding the object of a trigger: the span of text the agent acts on.

Works over tokens only: an object starts after its trigger (or the trigger's
preposition) and runs to the first boundary word from ``clause_boundaries.tsv``;
coordinated objects ("X and Y") are split into one span each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..text import is_dash
from .brackets import bracket_in_list, closing_of, glued_bracket, trim_brackets
from .conjuncts import before_time, join_modifiers, past_repeated_of, shared_head
from .lexicon import Token, find_trigger, object_boundaries, word_parts, word_set

MAX_OBJECT_TOKENS = 14
_NP_OPENERS = word_set("objects.np_openers")
_HEAD_NOUN = re.compile(r"(?:ion|ing|ment|ity)$")
_DETERMINERS = word_set("objects.determiners")
_CONJUNCTIONS = word_set("objects.conjunctions")
_DANGLING = word_set("objects.dangling_prepositions")
_CLAUSE_ADVERBS = word_set("objects.clause_adverbs")  # "and therefore ...", "and thus ..."
_TRAILING_ADVERBS = word_set("objects.trailing_adverbs")  # "induces STAT4 only in NK cells"
# names with a conjunction inside ("signal transducer and activator of transcription 3"): one object, not two
_FIXED_COORDINATIONS = word_set("objects.fixed_coordinations")
_COUNT_WORDS = word_set("objects.count_words")  # "two kinases, Jak-1 and Jak-3"
_FINITE_AUXILIARIES = word_set("objects.finite_auxiliaries")
_PREDICATE_VERBS = word_set("objects.predicate_verbs")  # "enhanced A and resulted in B": B is no object of "enhanced"
_CLAUSE_OPENERS = word_set("objects.clause_openers")  # "..., and neither A nor B altered C"
FOLD = re.compile(r"\d+(?:\.\d+)?-?fold")  # "and a 3-fold increase in ...": a quantity before a change noun
_SKIP_AFTER_TRIGGER = word_set("objects.skip_after_trigger")
_RISE_NOUNS = word_set("objects.rise_nouns")
# nouns of a change whose "in" phrase is what changed ("a decrease in Y", "an elevation in Y"), not where
IN_CHANGE_NOUNS = word_set("treatment.change_nouns") | _RISE_NOUNS
_FALL_NOUNS = word_set("objects.fall_nouns")
_CHANGE_DESCRIBERS = word_set("constructions.degree_adjectives")  # "the marked decrease in X"
_CHANGE_REACH = 3  # describing words before a change noun ("the significant IL-6-induced increase of")
_BOUND_QUANTIFIERS = word_set("objects.bound_quantifiers")
_REPORT_PARTICIPLES = word_set("objects.report_participles")
_MODALS = word_set("objects.modals")


@dataclass(frozen=True)
class ObjectSpan:
    """Token range ``[first, last]`` (inclusive indexes into the clause tokens) of one object."""

    first: int
    last: int
    shared_head: str | None = None
    start_char: int | None = None  # set when the object starts inside its first token ("anti-|cancer")
    end_char: int | None = None  # set when it ends inside its last token ("anti-IL-6|/anti-IgG")
    cell_line: str | None = None  # the cell line this object's finding is about, when split per cell line
    qualifier: str | None = None  # what tells apart findings split from one statement (enters the id)
    fallen: bool = False  # the object is what a named fall changes ("prevented the loss of X"): the effect turns
    change_at: int | None = None  # the change noun naming this object's change ("the loss of X"), part of the statement


def _fold_range(tokens: Sequence[Token], i: int) -> bool:
    """"5- to 20-fold" from token ``i`` ("5", "-", "to", "20-fold")."""
    words = [t.lower for t in tokens[i:i + 4]]
    return len(words) == 4 and words[0].replace(".", "").isdigit() and is_dash(words[1]) and words[2] == "to" \
        and bool(FOLD.fullmatch(words[3]))


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4


def object_after(tokens: Sequence[Token], start: int, *, stop_at_by: bool = False,
                 stop_words: frozenset[str] = frozenset(), allow_to: bool = True,
                 examples: bool = False) -> list[ObjectSpan]:
    """Objects that begin at token ``start`` (after the trigger), split at top-level coordination.

    ``stop_at_by`` ends the object at "by" (in "inhibition of X by Y"); ``stop_words`` are
    extra words that end it (the next trigger verb, for instance); ``allow_to`` skips a "to"
    after the trigger ("binds to X"); without it "decreased to ..." has no object.
    ``examples``: the list after "including" — a trigger noun after "and" is one more example
    ("including phosphorylation of JAK2 and binding of IL-6"), not a new statement.
    """
    boundaries = object_boundaries()
    if not allow_to and start < len(tokens) and tokens[start].lower == "to":
        return []
    i = start
    while i < len(tokens) and (tokens[i].lower in _SKIP_AFTER_TRIGGER or _is_adverb(tokens[i].lower)
                               or (tokens[i].lower == "and" and i > start and _is_adverb(tokens[i - 1].lower))
                               or FOLD.fullmatch(tokens[i].lower)):
        i += 1  # "increased 4-fold after X exposure": the amount is how much, not what
    if i + 2 < len(tokens) and " ".join(t.lower for t in tokens[i:i + 2]) in _BOUND_QUANTIFIERS:
        i += 2  # "induced at least two DNA-binding complexes": the bound is no preposition ending the object
    while i < len(tokens) and tokens[i].lower in _DETERMINERS:
        i += 1
    first = i
    end = first
    skipped = 0
    while end < len(tokens) and end - first - skipped < MAX_OBJECT_TOKENS:
        word = tokens[end].lower
        if word == "(" and glued_bracket(tokens, end):
            closing = closing_of(tokens, end)  # "interleukin (IL)-6": the bracket is inside the name
            skipped += closing + 1 - end
            end = closing + 1
            continue
        if word == "(" and bracket_in_list(tokens, end):
            closing = closing_of(tokens, end)  # "cataracts (RR 0.9), gallbladder disease (RR 1.0), ..."
            skipped += closing + 1 - end
            end = closing + 1
            continue
        if _as_well_as(tokens, end):
            skipped += 2
            end += 3
            continue
        if word == "but" and end + 1 < len(tokens) and tokens[end + 1].lower == "not" and _suspended(tokens, end):
            end += 2  # "caffeine- but not pentylenetetrazole-induced anxiogenic effect": one modified noun
            continue
        if word in boundaries and word != ",":
            break
        if word == "and" and inside_name(tokens, end):
            skipped += 2  # "signal transducers and activators of transcription" is one name: its words count once
        if word == "," and _as_well_as(tokens, end + 1):
            end += 1  # "A and B of HUVECs, as well as C": the list goes on
            continue
        if is_dash(word) and end > first and tokens[end].start > tokens[end - 1].end:
            break  # a spaced dash ends the phrase ("... cells - involvement of STAT3")
        if word == "," and end + 1 < len(tokens) and _starts_new_predicate(tokens, end + 1, 1):
            break  # "reduces A, increases B"
        if stop_at_by and word == "by":
            break
        if word in ("more", "less") and end + 1 < len(tokens) and (tokens[end + 1].lower.endswith("ly")
                                                                   or tokens[end + 1].lower == "than"):
            break  # "inhibited Y more potently than X", "reduced Y more than X": the comparison is no part of the object
        if word in stop_words:
            break
        if word == "," and not _continues_list(tokens, end):
            break
        if word == "and" and end + 1 < len(tokens) and not _suspended(tokens, end) and not inside_name(
                tokens, end) and _starts_new_predicate(
                tokens, end + 1, 0 if examples else 1 if end - first == 1 and _HEAD_NOUN.search(tokens[first].lower)
                else 2):
            break
        if end > first and _is_participle_by(tokens, end):
            break  # "osteoclastogenesis induced by IL-6": the object ends before the participle
        if end > first and (FOLD.fullmatch(word) or _fold_range(tokens, end)):
            break  # "increased aromatase activity 2.4-fold", "protein 5- to 20-fold": how much, not what
        if end > first and word in _REPORT_PARTICIPLES:
            break  # "abolished the increase in Y observed within 1 h": how the result was seen, not what changed
        if end > first and tokens[end].start == tokens[end - 1].end and (word[:1].isalnum() or is_dash(word)):
            skipped += 1  # the length counts written words: the pieces of "factor-α" and "-1β" are one
        end += 1
    while end > first and (tokens[end - 1].lower in _CONJUNCTIONS or tokens[end - 1].lower in _DANGLING
                           or tokens[end - 1].lower in _TRAILING_ADVERBS):
        end -= 1  # "migration and invasion of | both cell lines": a boundary inside a phrase leaves its preposition;
        # "induces STAT4 only | in NK cells": a focusing adverb before the setting is no part of the object
    if end <= first:
        return []
    k = _change_noun(tokens, first, end)
    if k is not None and ((k + 1 < end and tokens[k + 1].lower == "of")
                          or (k + 1 == end < len(tokens) - 1 and tokens[end].lower == "in")):
        # "attenuated the IL-6-induced increase in A and B", "prevented the loss of A and B": what changed
        # is the object (``changed_object``; "in" ends a plain object, so the words after it are read here)
        changed = object_after(tokens, k + 2, stop_at_by=stop_at_by, stop_words=stop_words, examples=examples)
        if changed:
            return [replace(span, fallen=span.fallen != (tokens[k].lower in _FALL_NOUNS), change_at=k)
                    for span in changed]
    return split_coordination(tokens, first, end - 1)


def _change_noun(tokens: Sequence[Token], first: int, end: int) -> int | None:
    """The index of the change noun ("increase", "loss", ``objects.rise_nouns``/``fall_nouns``) that heads
    the words ``first``..``end - 1``, when only describing words stand before it (a degree word, an
    "-ed"/"-ly" word, an "X-induced" compound, a number: "the marked IL-6-induced increase"); a noun before
    it makes a compound whose change is the place's own ("the body weight loss in rats")."""
    for k in range(first, min(end, first + _CHANGE_REACH + 1)):
        word = tokens[k].lower
        if word in _RISE_NOUNS or word in _FALL_NOUNS:
            return k
        describing = (word in _CHANGE_DESCRIBERS or word.endswith(("ed", "ly", "%")) or word[:1].isdigit()
                      or (len(word_parts(word)) > 1 and word_parts(word)[-1].endswith("ed")))
        if not describing:
            return None
    return None


def changed_object(tokens: Sequence[Token], span: ObjectSpan) -> ObjectSpan:
    """"prevented the decrease of X", "the loss of X was reversed by Y": a change noun with "of"/"in" at the
    head of an object names the change of what follows, which is the object; a fall turns the effect on
    it (``ObjectSpan.fallen``: preventing a decrease increases X), a rise keeps it ("blocked the increase
    of X" decreases X). Other spans are returned unchanged."""
    k = _change_noun(tokens, span.first, span.last + 1)
    if k is None or k + 2 > span.last or tokens[k + 1].lower not in ("of", "in") or span.start_char is not None:
        return span
    return replace(span, first=k + 2, fallen=tokens[k].lower in _FALL_NOUNS, change_at=k)


def _suspended(tokens: Sequence[Token], i: int) -> bool:
    """"STZ- and castration-induced memory impairment": a conjunction after a suspended hyphen joins two
    modifiers of one noun, not two objects."""
    if i < 2 or not is_dash(tokens[i - 1].text):
        word = tokens[i - 1].text[:-1] if i and tokens[i - 1].text.endswith(("-", "–")) else ""
    else:
        attached = tokens[i - 1].start == tokens[i - 2].end and tokens[i].start > tokens[i - 1].end
        word = tokens[i - 2].text if attached else ""
    return sum(c.isalpha() for c in word) >= 2  # a name, not "3.6- and 1.8-fold" or "L- and T-type"


def inside_name(tokens: Sequence[Token], i: int) -> bool:
    """The conjunction at ``i`` is inside a name (``objects.fixed_coordinations``), not between two phrases."""
    return 0 < i < len(tokens) - 1 and " ".join(t.lower for t in tokens[i - 1:i + 2]) in _FIXED_COORDINATIONS


def _as_well_as(tokens: Sequence[Token], i: int) -> bool:
    return i + 3 < len(tokens) and tuple(t.lower for t in tokens[i:i + 3]) == ("as", "well", "as")










def _starts_new_predicate(tokens: Sequence[Token], i: int, so_far: int = 2) -> bool:
    """After "and": a new trigger ("and enhanced ...", "and down-regulation of ...") starts a new
    statement; a trigger noun after a one-word object is a coordinated head instead
    ("the phosphorylation and activation of AKT")."""
    while i < len(tokens) and (_is_adverb(tokens[i].lower) or tokens[i].lower in _NP_OPENERS
                               or FOLD.fullmatch(tokens[i].lower)):
        i += 1  # "and a significant increase in ...", "and a 3-fold increase in ..."
    if i >= len(tokens):
        return False
    word = tokens[i].lower
    if word in _PREDICATE_VERBS or word in _CLAUSE_OPENERS:
        return True
    if word == "to" and i + 1 < len(tokens):  # "to prevent A and to improve B": an infinitive of its own
        following = find_trigger(tokens[i + 1].lower)
        return tokens[i + 1].lower in _PREDICATE_VERBS or (following is not None and following.review_effect is not None)
    trigger = find_trigger(word)
    if trigger is None or trigger.review_effect is None:
        return _subject_then_verb(tokens, i)
    verb_like = word.endswith(("ed", "es")) or (word.endswith("s") and not word.endswith("ss"))
    return verb_like or so_far >= 2


def _subject_then_verb(tokens: Sequence[Token], i: int, reach: int = 3) -> bool:
    """"inhibited STAT3 and melphalan reduced tumor growth": a short noun phrase followed by a
    past-tense trigger verb (not a participle before "by", not hyphen-joined) is a new clause with
    its own subject, not more of the object."""
    for k in range(i + 1, min(len(tokens), i + 1 + reach)):
        word = tokens[k].lower
        if word in _MODALS:
            return True  # "..., and the mechanism may be related to ...": a clause of its own
        if word in object_boundaries() or word in _DETERMINERS or not word[:1].isalnum() or word in _CONJUNCTIONS:
            return False  # "upregulated A and B and downregulated C": a verb after "and" shares the subject
        trigger = find_trigger(word)
        if trigger is not None and trigger.review_effect is not None and word.endswith("ed"):
            joined = tokens[k].start == tokens[k - 1].end and is_dash(tokens[k - 1].text)
            return not joined and not _is_participle_by(tokens, k)
        if word in _PREDICATE_VERBS:
            return True  # "did not affect A, and hypercalcaemia occurred in one participant"
    return False


def _is_participle_by(tokens: Sequence[Token], i: int) -> bool:
    word = tokens[i].lower
    trigger = find_trigger(word)
    return (trigger is not None and word.endswith("ed") and i + 1 < len(tokens)
            and tokens[i + 1].lower == "by")


def _continues_list(tokens: Sequence[Token], comma: int) -> bool:
    """A comma continues an object list when a later "and"/"or" closes the list before any boundary."""
    boundaries = object_boundaries()
    j = comma + 1
    seen = 0
    commas = 0
    participial = tokens[comma + 1].lower.endswith(("ed", "ing")) if comma + 1 < len(tokens) else False
    while j < len(tokens) and seen < 12:
        word = tokens[j].lower
        if word == "(":
            j = closing_of(tokens, j) + 1  # bracketed statistics do not count towards the distance
            continue
        j += 1
        seen += 1
        if word in ("and", "or"):
            if _clause_follows(tokens, j):
                return False  # "the inhibitor, I kappa B, and therefore NF-kB was ...": a new clause, no list
            # "a decreased expression of A, B, C, and a restored expression of D": a list of three or
            # more names closed by ", and" before a new statement still is a list (the last item is C)
            # (not when an item opens with a participle: "had thickened A, decreased B, thickened C,
            # activated D, and increased E" lists findings, each with its own change word)
            return not _starts_new_predicate(tokens, j, 2) or (commas >= 1 and tokens[j - 2].text == ","
                                                                and not participial)
        commas += word == ","
        participial = participial or (word == "," and j < len(tokens) and tokens[j].lower.endswith(("ed", "ing")))
        if word in boundaries and word != ",":
            return False
    return False


def _clause_follows(tokens: Sequence[Token], j: int, reach: int = 5) -> bool:
    """"..., and therefore NF-kB was retained": a clause adverb then a short subject and a finite "was"/"were"
    opens a clause of its own; "reduced A, B, and thus tumor growth" goes on with the list."""
    if j >= len(tokens) or tokens[j].lower not in _CLAUSE_ADVERBS:
        return False
    return any(t.lower in _FINITE_AUXILIARIES for t in tokens[j + 2:j + 2 + reach])


def split_coordination(tokens: Sequence[Token], first: int, last: int) -> list[ObjectSpan]:
    """Split ``tokens[first:last+1]`` at top-level "and", "or" and commas (not inside brackets)."""
    parts: list[tuple[int, int]] = []
    depth = 0
    begin = first
    for i in range(first, last + 1):
        word = tokens[i].lower
        if word in ("(", "["):
            depth += 1
        elif word in (")", "]"):
            depth = max(0, depth - 1)
        elif (depth == 0 and (word in _CONJUNCTIONS or _as_well_as(tokens, i)) and i >= begin
              and not _suspended(tokens, i) and not inside_name(tokens, i)):
            if i > begin:
                parts.append((begin, i - 1))
            begin = i + (3 if word == "as" else 1)
    if begin <= last:
        parts.append((begin, last))
    parts = [before_time(tokens, *trim_brackets(tokens, a, b)) for a, b in parts]
    # "reduced STAT3 phosphorylation and thus tumor growth": the clause adverb opening a conjunct is the
    # reader's link between two results, not part of the second object
    parts = [(a + 1, b) if a < b and tokens[a].lower in _CLAUSE_ADVERBS else (a, b) for a, b in parts]
    # "the upregulation of A and of B": a later conjunct repeating the preposition names B
    parts = parts[:1] + [past_repeated_of(tokens, a, b) for a, b in parts[1:]]
    parts = [(a, b) for a, b in parts if b >= a and any(tokens[k].text[0].isalnum() for k in range(a, b + 1))]
    parts = join_modifiers(tokens, parts)
    if len(parts) <= 1:
        return [ObjectSpan(*parts[0])] if parts else []
    if parts[0][0] == parts[0][1] and len(parts) > 1 and any(
            tokens[k].lower == "of" for k in range(parts[1][0], parts[1][1] + 1)):
        # "the binding and signaling of IL-6": a bare first noun shares the next conjunct's "of" phrase
        parts = [(parts[0][0], parts[1][1])] + parts[2:]
        if len(parts) == 1:
            return [ObjectSpan(parts[0][0], parts[0][1])]
    head = shared_head(tokens, parts[0])
    spans = [ObjectSpan(parts[0][0], parts[0][1])]
    for a, b in parts[1:]:
        has_of = any(tokens[k].lower == "of" for k in range(a, b + 1))
        spans.append(ObjectSpan(a, b, None if has_of else head))
    # "two kinases, Jak-1 and Jak-3": a counted class before its members names them, no object of its own
    return [span for k, span in enumerate(spans) if not (
        tokens[span.first].lower in _COUNT_WORDS and k + 1 < len(spans) and tokens[span.last + 1].text == ",")]
