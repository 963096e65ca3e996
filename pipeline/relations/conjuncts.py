"""The conjuncts of a split object: what each keeps of the words between its commas and "and"s (a time phrase
ending it, a repeated "of", a stage adjective joined to the next conjunct, the "of" head the first one shares)."""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import Token, word_set

_DETERMINERS = word_set("objects.determiners")
_MODIFIERS = word_set("objects.coordinated_modifiers")


def before_time(tokens: Sequence[Token], a: int, b: int) -> tuple[int, int]:
    """A conjunct less a time phrase that ends it ("increased IL-6 mRNA within 6 h and IL-6 secretion": when,
    not what; the list goes on after it)."""
    for k in range(a + 1, b):
        if tokens[k].lower == "within" and tokens[k + 1].text[:1].isdigit():
            return a, k - 1
    return a, b


def past_repeated_of(tokens: Sequence[Token], a: int, b: int) -> tuple[int, int]:
    """"the upregulation of A and of B": a later conjunct repeating the preposition names B."""
    if a < b and tokens[a].lower == "of":
        a += 1
        while a < b and tokens[a].lower in _DETERMINERS:
            a += 1
    return a, b


def join_modifiers(tokens: Sequence[Token], parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"advanced or metastatic breast cancer": a conjunct that is one stage/course adjective
    (``objects.coordinated_modifiers``) modifies the noun of the next conjunct; the two are one object."""
    out: list[tuple[int, int]] = []
    for a, b in reversed(parts):
        if out and a == b and tokens[a].lower in _MODIFIERS:
            out[-1] = (a, out[-1][1])
        else:
            out.append((a, b))
    return out[::-1]


def shared_head(tokens: Sequence[Token], part: tuple[int, int]) -> str | None:
    """"phosphorylation of" in "phosphorylation of STAT3, ERK1/2, and Akt"."""
    a, b = part
    for k in range(a, b + 1):
        if tokens[k].lower == "of" and k > a:
            return " ".join(t.text for t in tokens[a:k + 1])
    return None
