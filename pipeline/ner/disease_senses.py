"""Disease words that the words around them show are no disease mention (``disease_word_senses.tsv``).

The last word of a mention, if in the table, is a disease only before some next words ("depressed
outpatients", not "depressed cardiac function"; "depressant-like effects", not "cardiac depressant
actions"), never before others ("deaths from breast cancer": the disease is breast cancer), or
not inside "anti-<word>" before a drug-class noun ("nonsteroidal anti-inflammatory drugs" names a class
of drugs), or never after some words before it ("neuronal cell death" is a cell's fate, no disease). The rules look only at the DISEASE candidates already found and a word on each side: a
dictionary look-up a mention, no scan of the text.
"""

from __future__ import annotations

import functools

from ..errors import InputError
from ..tables import read_tsv
from .lexicon import LEXICON_DIR
from .matcher import Candidate

SENSES_FILE = "disease_word_senses.tsv"
RULES = ("only_before", "not_before", "not_anti_before", "not_after")
ANTI = "anti-"


@functools.lru_cache(maxsize=1)
def word_senses() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Lower-case word -> its (rule, words) pairs from ``disease_word_senses.tsv``.

    Raises
    ------
    InputError
        Naming the word whose rule is not one of :data:`RULES`.
    """
    path = LEXICON_DIR / SENSES_FILE
    senses: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
    for word, rule, words in read_tsv(path, columns=3, header=True):
        if rule not in RULES:
            raise InputError(str(path), f"word {word!r}: unknown rule {rule!r} (one of {', '.join(RULES)})")
        senses[word.lower()] = senses.get(word.lower(), ()) + ((rule, frozenset(words.lower().split())),)
    return senses


def _next_word(text: str, end: int) -> str:
    """The lower-case word a single space or hyphen after ``end`` ("like" of "depressant-like"); "" if
    none ("depressed." ends a sentence)."""
    if text[end:end + 1] not in (" ", "-"):
        return ""
    stop = end + 1
    while stop < len(text) and (text[stop].isalnum() or text[stop] == "-"):
        stop += 1
    return text[end + 1:stop].lower()


def _after_anti(text: str, start: int) -> bool:
    """``start`` follows a word-initial "anti-"."""
    begin = start - len(ANTI)
    return begin >= 0 and text[begin:start].lower() == ANTI and not (begin and text[begin - 1].isalnum())


def _word_before(text: str, start: int) -> str:
    """The lower-case word a single space or hyphen before ``start`` ("cell" of "cell-death")."""
    if start < 2 or text[start - 1] not in (" ", "-"):
        return ""
    begin = start - 1
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    return text[begin:start - 1].lower()


def _misread(text: str, start: int, end: int) -> bool:
    """The last word of ``text[start:end]`` is used in another sense there (a modifier taken in on the
    left changes nothing: "cardiac depressant" is a drug's action as "depressant" is)."""
    space = text.rfind(" ", start, end)
    last = space + 1 if space != -1 else start
    senses = word_senses().get(text[last:end].lower())
    if senses is None:
        return False
    for rule, words in senses:
        if rule == "not_after":
            if _word_before(text, last) in words:
                return True
            continue
        before = _next_word(text, end) in words
        if rule == "only_before":
            if not before:
                return True
        elif before and (rule == "not_before" or (space == -1 and _after_anti(text, start))):
            return True
    return False


def drop_disease_misreads(kept: list[Candidate], text: str) -> list[Candidate]:
    """``kept`` without the DISEASE candidates whose words are used in another sense there."""
    return [c for c in kept if c.entry.label != "DISEASE" or not _misread(text, c.start, c.end)]
