"""The relation cue tables (triggers, negation, hedges, model systems), loaded once from
``pipeline/data/relations/`` — data, not code — and a small regex tokenizer.

Every table is a tab-separated file with a header line; lines starting with ``#`` are comments.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..context import DATA_DIR
from ..errors import InputError
from ..tables import read_tsv_dicts

logger = logging.getLogger(__name__)

TABLE_DIR = DATA_DIR / "relations"
REVIEW_EFFECTS = ("decreases", "increases", "binds", "approved_for", "in_trial_for",
                  "discontinued_for", "no_effect", "studied_in")
MODEL_SYSTEMS = ("in_vitro", "in_vivo", "xenograft", "clinical", "docking", "unknown")

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’/.][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


@dataclass(frozen=True)
class Token:
    """A token with end-exclusive character offsets into the text it came from."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word and punctuation tokens; offsets are shifted by ``offset``.

    Hyphenated words stay whole ("IL-6–induced" is split at the en dash only), so
    "siltuximab-mediated" is one token whose parts :func:`word_parts` exposes.
    """
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def word_parts(word: str) -> list[str]:
    """The lower-cased hyphen parts of a word ("IL-6-induced" -> ["il", "6", "induced"])."""
    return [p for p in re.split(r"[-–/]", word.lower()) if p]


@dataclass(frozen=True)
class Trigger:
    stem: str
    prefix: bool
    effect: str
    review_effect: str | None
    forms: frozenset[str]
    requires_before: frozenset[str] = frozenset()
    requires_after: frozenset[str] = frozenset()

    def matches(self, word: str) -> bool:
        return word.startswith(self.stem) if self.prefix else word == self.stem


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    prefix: bool
    value: str = ""
    weight: int = 0


def _read_table(name: str, columns: tuple[str, ...], path: Path | None = None) -> list[dict[str, str]]:
    return read_tsv_dicts(path or TABLE_DIR / name, columns)


@functools.lru_cache(maxsize=None)
def triggers() -> tuple[Trigger, ...]:
    """The effect trigger table, longest stems first (so "down-regulat" beats "regulat")."""
    rows = _read_table("effect_triggers.tsv",
                       ("stem", "match", "effect", "review_effect", "forms", "requires_before", "requires_after"))
    table = [Trigger(r["stem"], r["match"] == "prefix", r["effect"],
                     None if r["review_effect"] == "-" else r["review_effect"],
                     frozenset(r["forms"].split(",")),
                     frozenset() if r["requires_before"] == "-" else frozenset(r["requires_before"].split("|")),
                     frozenset() if r["requires_after"] == "-" else frozenset(r["requires_after"].split("|")))
             for r in rows]
    for trigger in table:
        if trigger.review_effect is not None and trigger.review_effect not in REVIEW_EFFECTS:
            raise InputError(str(TABLE_DIR / "effect_triggers.tsv"),
                             f"unknown review_effect {trigger.review_effect!r} for {trigger.stem!r}")
    return tuple(sorted(table, key=lambda t: (-len(t.stem), not t.requires_before)))


# "X, but not Y, inhibited Z": the words that name Y as not acting (read by the agent reader, the negation reader
# and the unit filters alike).
EXCLUSIONS = (("but", "not"), ("and", "not"))


def opens_exclusion(first: str, second: str) -> bool:
    """Whether two lower-cased words are "but not" / "and not"."""
    return (first, second) in EXCLUSIONS


@functools.cache
def _partner_cues() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cue.split()) for cue in word_set("clinical.partner_cues"))


def partner_cue_before(words: Sequence[str]) -> tuple[str, ...] | None:
    """The partner cue (``clinical.partner_cues``: "in combination with", "combined with") that lower-cased
    ``words`` end with, if any: the name after it is a combination's partner."""
    return next((cue for cue in _partner_cues() if tuple(words[len(words) - len(cue):]) == cue), None)


def find_trigger(word: str) -> Trigger | None:
    """The trigger a lower-cased word (or one of its hyphen parts) carries, if any."""
    return _find_trigger(word.lower())


@functools.lru_cache(maxsize=65536)
def _find_trigger(word: str) -> Trigger | None:
    found = find_triggers(word)
    return found[0] if found else None


@functools.lru_cache(maxsize=65536)
def find_triggers(word: str) -> tuple[Trigger, ...]:
    """Every trigger a lower-cased word matches, longest stem first (rows with a context
    requirement come before the general row of the same stem)."""
    return tuple(t for t in triggers() if t.matches(word))


def _cues(name: str, value_column: str | None = None, weight_column: str | None = None,
          match_column: str | None = "match") -> tuple[Cue, ...]:
    columns = ("cue",) + tuple(c for c in (value_column, weight_column, match_column) if c)
    return tuple(
        Cue(tuple(r["cue"].split()), bool(match_column) and r[match_column] == "prefix",
            r[value_column] if value_column else "", int(r[weight_column]) if weight_column else 0)
        for r in _read_table(name, columns))


@functools.lru_cache(maxsize=None)
def applied_cues() -> tuple[Cue, ...]:
    """Words before/after a TARGET mention that make it an applied agent; ``value`` is ``before`` or ``after``."""
    return _cues("applied_cues.tsv", "side", match_column=None)


@functools.lru_cache(maxsize=None)
def negation_cues() -> tuple[Cue, ...]:
    """Negation cues; ``value`` is the scope (before, after or clause) and ``weight`` its window in tokens;
    scope ``self`` marks a trigger that negates itself ("unaffected"); scope ``none`` marks a phrase that
    starts like a cue but negates nothing ("not only")."""
    cues = _cues("negation_cues.tsv", "scope", "window", match_column=None)
    for cue in cues:
        if cue.value not in ("before", "after", "clause", "self", "none"):
            raise InputError(str(TABLE_DIR / "negation_cues.tsv"), f"unknown scope {cue.value!r}")
    return cues


@functools.lru_cache(maxsize=None)
def anaphora_cues() -> tuple[Cue, ...]:
    """Phrases that refer back to earlier agents; ``value`` is ``sg`` or ``pl``."""
    return _cues("anaphora_cues.tsv", "number", match_column=None)


@functools.lru_cache(maxsize=None)
def effect_inversions() -> dict[tuple[str, str], str]:
    """(trigger stem, object entity label) -> the effect that replaces the trigger's own."""
    rows = _read_table("effect_inversions.tsv", ("stem", "object_label", "effect"))
    for row in rows:
        if row["effect"] not in REVIEW_EFFECTS:
            raise InputError(str(TABLE_DIR / "effect_inversions.tsv"), f"unknown effect {row['effect']!r}")
    return {(r["stem"], r["object_label"]): r["effect"] for r in rows}


@functools.lru_cache(maxsize=None)
def reference_cues() -> tuple[tuple[str, ...], ...]:
    """Word sequences right before an agent's name that make it a point of reference ("analog of")."""
    return tuple(tuple(r["cue"].split()) for r in _read_table("reference_cues.tsv", ("cue",)))


def after_reference_cue(words: tuple[str, ...]) -> bool:
    """Whether the lower-case ``words`` right before a name end with a ``reference_cues.tsv`` cue; an article
    between cue and name counts as none ("more potent than the E-isomer": the E-isomer is the reference)."""
    def ends_with_cue(words: tuple[str, ...]) -> bool:
        return any(words[len(words) - len(cue):] == cue for cue in reference_cues() if len(cue) <= len(words))
    # the cue itself may end in an article ("as a"), so the words are tried before the article is dropped
    return ends_with_cue(words) or (bool(words) and words[-1] in ("the", "a", "an") and ends_with_cue(words[:-1]))


@functools.lru_cache(maxsize=None)
def object_boundaries() -> frozenset[str]:
    """Lower-cased words and punctuation that end an object phrase."""
    return frozenset(r["word"] for r in _read_table("clause_boundaries.tsv", ("word",)))


@functools.lru_cache(maxsize=None)
def hedge_cues() -> tuple[Cue, ...]:
    return _cues("hedge_cues.tsv")


@functools.lru_cache(maxsize=None)
def model_system_cues() -> tuple[Cue, ...]:
    cues = _cues("model_system_cues.tsv", "system", "priority")
    for cue in cues:
        if cue.value not in MODEL_SYSTEMS:
            raise InputError(str(TABLE_DIR / "model_system_cues.tsv"), f"unknown system {cue.value!r}")
    return cues


class Words(list):
    """Lower-cased words of a clause or sentence, with one joined copy of them.

    Callers try every cue of a table against the same words, and most cues are absent from
    most sentences: :func:`cue_positions` rules an absent cue out with one substring search
    of the joined copy instead of a Python loop over the words. Treat it as read-only.
    """

    __slots__ = ("_joined",)

    def __init__(self, words: Iterable[str] = ()) -> None:
        super().__init__(words)
        self._joined = "\x00" + "\x00".join(self) + "\x00"

    def may_hold(self, cue: Cue) -> bool:
        """False when no word could start ``cue``: its first word is absent (for a one-word prefix
        cue, no word begins with it). True may still be a miss (never the other way round)."""
        first = cue.words[0]
        if cue.prefix and len(cue.words) == 1:
            return "\x00" + first in self._joined
        return "\x00" + first + "\x00" in self._joined


def cue_positions(words: list[str], cue: Cue) -> list[int]:
    """Indexes in lower-cased ``words`` where the (possibly multi-word) ``cue`` starts."""
    if isinstance(words, Words) and not words.may_hold(cue):
        return []
    first, last, n = cue.words[0], cue.words[-1], len(cue.words)
    if n == 1:
        if cue.prefix:
            return [i for i, word in enumerate(words) if word.startswith(first)]
        return [i for i, word in enumerate(words) if word == first]
    # Every word but the last is exact: find the first word's positions in C, then check the rest.
    middle = list(cue.words[1:-1])
    hits = []
    for i in _positions(words, first, len(words) - n + 1):
        word = words[i + n - 1]
        if words[i + 1:i + n - 1] == middle and (word.startswith(last) if cue.prefix else word == last):
            hits.append(i)
    return hits


def _positions(words: list[str], word: str, stop: int) -> list[int]:
    found, start = [], 0
    while start < stop:
        try:
            start = words.index(word, start, stop)
        except ValueError:
            break
        found.append(start)
        start += 1
    return found


WORD_SETS = "word_sets.tsv"


@functools.cache
def _word_sets() -> dict[str, frozenset[str]]:
    rows = _read_table(WORD_SETS, ("set", "words"))
    return {row["set"]: frozenset("" if w == "(none)" else w for w in row["words"].split("|")) for row in rows}


def word_set(name: str) -> frozenset[str]:
    """The word set ``name`` (``<module>.<constant>``) of ``pipeline/data/relations/word_sets.tsv``."""
    try:
        return _word_sets()[name]
    except KeyError:
        raise InputError(str(TABLE_DIR / WORD_SETS), f"no word set {name!r}") from None
