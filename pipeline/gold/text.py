"""What the validator needs to know about the review's raw text.

Whitespace normalisation, the set of cited reference numbers, and where the
flattened Table 1 lies. All offsets are into the raw text, end-exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line wrap right after a hyphen, en dash or slash joins a hyphenated word ("IL-\n6R", "trans-\nsignaling"):
# normalisation drops it so that such words compare equal to their one-line spelling.
_HYPHEN_WRAP = re.compile(r"([-\u2013/])[ \t]*\n\s*")
_WHITESPACE = re.compile(r"\s+")
_BRACKET_CITATION = re.compile(r"\[([0-9][0-9,\s\-\u2013]*)\]")
_PAREN_CITATION = re.compile(r"\(([0-9]{1,3})\)")
_TRIAL_ID = re.compile(r"NCT[0-9]{8}")
# A range "[a-b]" wider than this is a typo or hostile, not a citation (expanding it would fill memory).
MAX_CITED_RANGE = 1000
TABLE1_HEADING = "Table 1:"
TABLE1_FOOTNOTE = "* Information from"


def normalise(text: str) -> str:
    """Join hyphen line wraps, collapse whitespace runs to one space and strip the ends."""
    return _WHITESPACE.sub(" ", _HYPHEN_WRAP.sub(r"\1", text)).strip()


def cited_references(raw: str) -> frozenset[int]:
    """Every reference number cited in ``raw``: ``[13, 16-18]`` groups and Table 1's ``(74)`` form."""
    numbers: set[int] = set()
    for match in _BRACKET_CITATION.finditer(raw):
        for part in match.group(1).split(","):
            bounds = [b for b in re.split(r"[\-\u2013]", _WHITESPACE.sub("", part)) if b]
            if len(bounds) == 1:
                numbers.add(int(bounds[0]))
            elif len(bounds) == 2 and int(bounds[1]) - int(bounds[0]) <= MAX_CITED_RANGE:
                numbers.update(range(int(bounds[0]), int(bounds[1]) + 1))
    numbers.update(int(m.group(1)) for m in _PAREN_CITATION.finditer(raw))
    return frozenset(numbers)


def trial_ids(raw: str) -> frozenset[str]:
    """Every ClinicalTrials.gov identifier printed in ``raw``."""
    return frozenset(_TRIAL_ID.findall(_WHITESPACE.sub("", raw)))


@dataclass(frozen=True)
class NormalisedText:
    """``raw`` normalised once, for repeated substring checks."""

    raw: str
    normalised: str

    @classmethod
    def of(cls, raw: str) -> NormalisedText:
        return cls(raw=raw, normalised=normalise(raw))

    def contains(self, phrase: str) -> bool:
        """Whether ``phrase`` occurs (case-sensitive) once both sides are normalised."""
        return normalise(phrase) in self.normalised


def table1_region(raw: str) -> tuple[int, int]:
    """Offsets of the flattened Table 1, from its heading to the end of its footnote line.

    Raises
    ------
    ValueError
        If the heading or the footnote is not in ``raw``.
    """
    start = raw.find(TABLE1_HEADING)
    foot = raw.find(TABLE1_FOOTNOTE, max(start, 0))
    if start < 0 or foot < 0:
        raise ValueError(f"no {TABLE1_HEADING!r} heading and {TABLE1_FOOTNOTE!r} footnote in the review")
    end = raw.find("\n", foot)
    return start, len(raw) if end < 0 else end

