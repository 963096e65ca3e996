"""Examples listed after an object are objects of the same statement.

"inhibition of IL-6 signaling, such as phosphorylation of STAT3, ERK1/2, and Akt", "including A and B",
and a bracketed list opened by an example cue ("suppress metastatic events (e.g., migration, invasion and
adhesion)", "(i.e. fibrinogen)"; the cues of ``bracket_examples.example_cue_length``): the writer names what the
head object covers, so the effect on the head is stated for each example too. A bracket without a cue
("(eight assays)", "(RR 0.9)") lists nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from .bracket_examples import example_cue_length
from .lexicon import Token
from .objects import ObjectSpan, object_after


def examples_after(tokens: Sequence[Token], k: int) -> list[ObjectSpan]:
    """"inhibition of IL-6 signaling, such as phosphorylation of STAT3, ERK1/2, and Akt": the
    examples are objects of the same statement."""
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    if k < len(tokens) and tokens[k].lower == "including":
        return object_after(tokens, k + 1, examples=True)
    if k + 1 < len(tokens) and tokens[k].lower == "such" and tokens[k + 1].lower == "as":
        return object_after(tokens, k + 2)
    if k < len(tokens) and tokens[k].text == "(":
        # "suppress metastatic events (e.g., migration, invasion and adhesion)": a cued bracket lists examples,
        # which end at the bracket's close
        cued = example_cue_length(tokens, k + 1)
        if cued:
            closing = next((c for c in range(k + 1 + cued, len(tokens)) if tokens[c].text == ")"), len(tokens))
            return object_after(tokens[:closing], k + 1 + cued, examples=True)
    return []
