"""Brackets inside an object phrase: where a bracket closes or opens, and whether it belongs to a name
("interleukin (IL)-6") or to a list item's statistics ("cataracts (RR 0.9), ..."). Read by ``objects`` and
``coordination``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import is_dash
from .lexicon import Token


def closing_of(tokens: Sequence[Token], opening: int) -> int:
    """The index of the bracket closing the one at ``opening`` (the last token when none does)."""
    depth = 0
    for j in range(opening, len(tokens)):
        if tokens[j].text in ("(", "["):
            depth += 1
        elif tokens[j].text in (")", "]"):
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def opening_of(tokens: Sequence[Token], closing: int) -> int:
    """The index of the bracket opening the one at ``closing`` (0 when none does)."""
    depth = 0
    for j in range(closing, -1, -1):
        if tokens[j].text in (")", "]"):
            depth += 1
        elif tokens[j].text in ("(", "["):
            depth -= 1
            if depth == 0:
                return j
    return 0


def glued_bracket(tokens: Sequence[Token], opening: int) -> bool:
    """A bracket group whose closing bracket is glued to a following dash: part of one name, as in
    "interleukin (IL)-6" and "cyclooxygenase (COX)-2", not the end of the object."""
    closing = closing_of(tokens, opening)
    return (closing + 1 < len(tokens) and tokens[closing].text == ")"
            and tokens[closing + 1].start == tokens[closing].end and is_dash(tokens[closing + 1].text))


def bracket_in_list(tokens: Sequence[Token], opening: int) -> bool:
    """A bracket group followed by "," / "and" / "or" sits inside a list of objects; one followed by
    "of" interrupts a noun phrase ("a higher incidence (p < 0.001) of akathisia"), which goes on."""
    after = closing_of(tokens, opening) + 1
    return after < len(tokens) and tokens[after].lower in (",", "and", "or", "of")


def trim_brackets(tokens: Sequence[Token], a: int, b: int) -> tuple[int, int]:
    """Drop a trailing "(...)" group from a conjunct."""
    if b > a and tokens[b].text == ")":
        j = opening_of(tokens, b)
        if a < j and tokens[j].text == "(":
            return a, j - 1
    return a, b
