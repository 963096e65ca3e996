"""Where a word stands decides whether it is an anaphor (``anaphora.py`` resolves it): as a subject
(:func:`is_opening`), not as an expletive "it" (:func:`expletive`), a possessive only before what an agent has,
"they" not before a reporting verb, a definite description not when it introduces its own referent, and a
description with describing words between its determiner and noun (:func:`modified_kind_nouns`)."""

from __future__ import annotations

from collections.abc import Sequence

from .clause import is_adverb
from .lexicon import Cue, Token, cue_positions, word_set
from .units import Unit

PREPOSITIONS = word_set("anaphora.prepositions")
_CONNECTIVES = word_set("anaphora.connectives")
_NEW_REFERENT_AFTER = word_set("anaphora.new_referent_after")
_EXPLETIVE_CLAUSE = word_set("anaphora.expletive_clause")
_EXPLETIVE_WORDS = word_set("anaphora.expletive_words")
_LINKING_VERBS = word_set("anaphora.linking_verbs")
_REPORTING_VERBS = word_set("anaphora.reporting_verbs")
_EXPLETIVE_PARTICIPLES = word_set("anaphora.expletive_participles")
_POSSESSED = word_set("anaphora.possessed_nouns")
_AUXILIARY_RUN = _LINKING_VERBS | {"been", "not", "be", "well"}  # "It has not been ...", "It is well known"
_HEADING_WORDS = 4  # "MATERIALS AND METHODS:", "AIM OF THE STUDY:"


def is_opening(words: Sequence[str], h: int) -> bool:
    """Whether position ``h`` starts a sentence's or clause's subject: nothing before it but
    connectives ("However it", "; it", ", but it"), a section heading ("RESULTS: They"), or an introductory phrase closed by a comma
    that opens with a preposition, a connective or an adverb ("In vivo, it ...", "At high doses,
    they ...", "Interestingly, the drug ...")."""
    k = h
    while k > 0 and words[k - 1] in _CONNECTIVES:
        k -= 1
    if k == 0 or words[k - 1] == ";":
        return True
    if words[k - 1] == ":" and 0 < k - 1 <= _HEADING_WORDS and all(w.isalpha() for w in words[:k - 1]):
        return True  # a structured abstract's heading: "RESULTS: The extracts suppressed ..."
    if words[k - 1] != ",":
        return False
    if k < h:
        return True  # "..., but it ..."
    first = words[0]
    opener = first in PREPOSITIONS or first in _CONNECTIVES or (first.endswith("ly") and len(first) > 4)
    return opener and ";" not in words[:h]


def expletive(words: Sequence[str], h: int) -> bool:
    """"It is known that ...", "It has been shown that ...", "It is important to ...", "It remains to be
    seen ...", "It was thought the ...": an "it" that anticipates a clause refers to no agent."""
    k = h + 1
    if k >= len(words) or words[k] not in _LINKING_VERBS:
        return False
    while k < len(words) and (words[k] in _AUXILIARY_RUN or is_adverb(words[k])):
        k += 1
    if k < len(words) and (words[k] in _EXPLETIVE_WORDS or words[k:k + 2] == ["to", "be"]):
        return True
    if k < len(words) and words[k] in _EXPLETIVE_PARTICIPLES and words[k + 1:k + 2] != ["to"]:
        return True  # "It was thought the frequency ..." (but "It was shown to inhibit X" is the drug)
    return any(w in _EXPLETIVE_CLAUSE for w in words[h + 1:h + 7])


def possesses(words: Sequence[str], end: int) -> bool:
    """"its inhibitory effect on X", "their activity against Y": a possessive stands for an agent only
    before what an agent has (``anaphora.possessed_nouns``, up to two modifiers between); "its
    induction", "its incidence", "their home cage" belong to a disease or an animal."""
    for k in range(end, min(end + 3, len(words))):
        if words[k] in _POSSESSED:
            return True
        if not words[k].isalpha() and "-" not in words[k]:
            return False
    return False


def reports(words: Sequence[str], end: int) -> bool:
    """"Moreover, they established that ...", "They found ...": a pronoun before a reporting verb stands
    for the authors, not for agents."""
    k = end
    while k < len(words) and (words[k] in ("also", "further", "have", "had", "then") or is_adverb(words[k])):
        k += 1
    return k < len(words) and words[k] in _REPORTING_VERBS


def introduces_its_own(unit: Unit, tokens: Sequence[Token], words: Sequence[str], cue: Cue,
                        end: int) -> bool:
    """"the inhibitor of NF-kB", "treatment with X", "the inhibitor U0126": a definite description (not
    a demonstrative: "the interaction of these drugs with gp130") followed by "of"/"with" or by a
    name is a new referent, not an anaphor."""
    definite = cue.words[0] == "the" or cue.value == "single"
    if definite and end < len(words) and words[end] in _NEW_REFERENT_AFTER:
        return True
    k = end + (1 if end < len(words) and words[end] in (",", "(") else 0)
    return k < len(tokens) and any(m.start == tokens[k].start and m.label == "DRUG" for m in unit.mentions)


def modified_kind_nouns(unit: Unit, tokens: Sequence[Token], words: Sequence[str],
                         cue: Cue) -> list[tuple[int, int]]:
    """``(start, length)`` of a description's cue with one or two describing words between its determiner and
    its noun ("the plant ethanolic extracts", "this crude extract", "all tested compounds", "this novel agent"
    for "the extracts", "this extract", "all compounds", "this agent"): plain lower-case words, no function
    word and no name. Not "a phase" ("a randomized phase": no description of an agent). ``cue.value`` is the
    cue's number (``anaphora_cues.tsv``: sg, pl, single ...)."""
    if len(cue.words) != 2 or cue.value not in ("sg", "pl") or cue.words[0] == "a":
        return []
    from spacy.lang.en.stop_words import STOP_WORDS  # here, not at import: `evidence --help` loads no spaCy
    determiner, noun = cue.words
    starts = {m.start for m in unit.mentions}
    found = []
    for h in cue_positions(words, Cue((determiner,), False, cue.value)):
        for gap in (1, 2):
            end = h + gap + 1
            between = range(h + 1, end)
            if end < len(words) and words[end] == noun and all(
                    words[k].isalpha() and words[k] not in STOP_WORDS and tokens[k].start not in starts
                    for k in between):
                found.append((h, gap + 2))
    return found
