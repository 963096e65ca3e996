"""Named examples in brackets after an object: "decreased the release of inflammatory cytokines
(IL-1beta, IL-6, TNF-alpha)", "down-regulated cell surface molecules (CD80, CD86 and MHC class II)",
"ameliorated deposition of ECM components (including collagen I and collagen III)".

A bracket right after an object that lists two or more names (items split at top-level commas and
"and"/"or", each holding a recognised TARGET/DISEASE mention), or that opens with an example cue
(``bracket_examples.openers``: "including", "e.g.", "such as") and names one, gives its examples as
objects of the same statement, as "such as"/"including" after the object do (``examples.examples_after``).
A bracket with one name and no cue is an abbreviation or a gloss ("(ECM)", "(IL-6)"); one with an
item naming nothing ("(n = 12)", "(RR 1.2, 95% CI ...)") is not a list of examples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import Mention
from .lexicon import Token, word_set
from .objects import ObjectSpan, split_coordination
from .pairs import OBJECT_LABELS

MAX_BRACKET_TOKENS = 30
# Example cues without their spaces, built once ("such as" -> "suchas"): see example_cue_length.
_OPENERS = frozenset(w.replace(" ", "") for w in word_set("bracket_examples.openers"))


def bracketed_examples(tokens: Sequence[Token], entity_at: Mapping[int, Mention], obj: ObjectSpan) -> list[ObjectSpan]:
    """The examples a bracket right after ``obj`` (or closing it) lists, one span each; else []."""
    opening = obj.last + 1
    if opening >= len(tokens) or tokens[opening].text != "(":
        return []
    closing = next((k for k in range(opening + 1, min(len(tokens), opening + MAX_BRACKET_TOKENS))
                    if tokens[k].text in ("(", ")")), None)
    if closing is None or tokens[closing].text != ")" or closing == opening + 1:
        return []  # unclosed, too long, or nested brackets: not a plain list
    first = opening + 1
    cued = example_cue_length(tokens, first)
    items = split_coordination(tokens, first + cued, closing - 1)
    if not items or any(not _names_entity(entity_at, item) for item in items):
        return []
    if len(items) < 2 and not cued:
        return []
    return items


def example_cue_length(tokens: Sequence[Token], k: int) -> int:
    """How many tokens an example cue at ``k`` takes ("including" 1, "such as" 2, "e.g." 1-4, with a
    comma after it), or 0. The cue is compared without spaces, so tokenisation does not matter."""
    for length in (4, 3, 2, 1):
        if k + length <= len(tokens) and "".join(t.lower for t in tokens[k:k + length]) in _OPENERS:
            return length + (k + length < len(tokens) and tokens[k + length].text == ",")
    return 0


def _names_entity(entity_at: Mapping[int, Mention], item: ObjectSpan) -> bool:
    return any(entity_at[k].label in OBJECT_LABELS for k in range(item.first, item.last + 1) if k in entity_at)
