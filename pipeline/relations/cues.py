"""Negation, hedging, model system and trial phase of a statement, read from cue tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Token, Words, cue_positions, hedge_cues, model_system_cues, negation_cues, opens_exclusion

_PHASE = re.compile(r"\bphase\s+(IV|I{1,3}|[1-4])(?:\s*(?:/|-|–|and)\s*(IV|I{1,3}|[1-4]))?\b", re.IGNORECASE)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _words(tokens: Sequence[Token]) -> Words:
    """The clause's lower-cased words; "NO" in capitals in a clause not written in capitals is nitric
    oxide ("inducible NO synthase"), not the negation cue "no", so it is kept as written."""
    if not any(t.text == "NO" for t in tokens) or all(t.text.isupper() or not t.text.isalpha() for t in tokens):
        return Words(t.lower for t in tokens)
    return Words(t.text if t.text == "NO" else t.lower for t in tokens)


def is_negated(tokens: Sequence[Token], index: int, extra_indexes: Sequence[int] = ()) -> tuple[bool, str | None]:
    """Whether the trigger at ``index`` (or a word at ``extra_indexes``) is in a negation cue's scope.

    ``tokens`` is the clause. Returns the verdict and the cue that decided it.
    """
    words = _words(tokens)
    cues = negation_cues()
    cancelled = {pos for cue in cues if cue.value == "none" for pos in cue_positions(words, cue)}
    for cue in sorted(cues, key=lambda c: -len(c.words)):  # report the longest cue
        if cue.value == "none":
            continue
        for pos in cue_positions(words, cue):
            if pos in cancelled or _excluding(words, pos, index):
                continue  # "not only X but also Y" affirms both; "X, but not Y, inhibited Z" affirms X
            end = pos + len(cue.words)
            if cue.value == "self" and pos == index:
                return True, " ".join(cue.words)  # "Y was unaffected by X": the trigger denies itself
            if cue.value == "clause" and pos < index:
                return True, " ".join(cue.words)
            targets = (index, *extra_indexes)
            if cue.value == "before" and any(0 <= t - end < cue.weight and t >= end for t in targets):
                return True, " ".join(cue.words)
            if cue.value == "after" and 0 < pos - index <= cue.weight and "," not in words[index:pos]:
                return True, " ".join(cue.words)
    return False, None


def _excluding(words: Sequence[str], pos: int, index: int) -> bool:
    """A "but not" / "and not" phrase closed by a comma before the trigger: "X, but not Y, inhibited Z" names
    what did not act (the agent reader leaves Y out, :func:`pipeline.relations.clause.agents_left`)."""
    return 0 < pos < index and opens_exclusion(words[pos - 1], words[pos]) and "," in words[pos + 1:index]


def is_hedged(tokens: Sequence[Token]) -> tuple[bool, str | None]:
    """Whether the clause carries a hedge cue; returns the verdict and the cue."""
    words = _words(tokens)
    for cue in hedge_cues():
        if cue_positions(words, cue):
            return True, " ".join(cue.words)
    return False, None


def model_system(tokens: Sequence[Token], default: str = "unknown") -> str:
    """The model system the sentence's cues point to (highest priority wins), else ``default``."""
    words = _words(tokens)
    best: tuple[int, str] | None = None
    for cue in model_system_cues():
        if cue_positions(words, cue) and (best is None or cue.weight > best[0]):
            best = (cue.weight, cue.value)
    return best[1] if best else default


def trial_phase(text: str, near: int | None = None) -> str | None:
    """The trial phase written in ``text`` ("I", "I/II", "II", "III"), the one nearest ``near`` if several."""
    matches = list(_PHASE.finditer(text))
    if not matches:
        return None
    if near is not None:
        before = [m for m in matches if m.start() <= near]
        matches = [max(before, key=lambda m: m.start())] if before else sorted(matches, key=lambda m: m.start())
    first, second = matches[0].group(1).upper(), matches[0].group(2)
    first = _ROMAN.get(first, first)
    if second:
        second = second.upper()
        return f"{first}/{_ROMAN.get(second, second)}"
    return first
