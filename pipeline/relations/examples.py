"""Examples listed after an object are objects of the same statement.

"inhibition of IL-6 signaling, such as phosphorylation of STAT3, ERK1/2, and Akt", "including A and B",
and a bracketed list opened by an example cue ("suppress metastatic events (e.g., migration, invasion and
adhesion)", "(i.e. fibrinogen)"; cues in ``word_sets.tsv`` ``examples.cues``): the writer names what the
head object covers, so the effect on the head is stated for each example too. A bracket without a cue
("(eight assays)", "(RR 0.9)") lists nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import Token, word_set
from .objects import ObjectSpan, object_after

_CUES = word_set("examples.cues")


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
        # "suppress metastatic events (e.g., migration, invasion and adhesion)": the bracket lists examples;
        # the cue may come as one token or as letters and dots ("e", ".", "g", ".")
        cue, j = "", k + 1
        while j < len(tokens) and j < k + 6 and cue not in _CUES and tokens[j].text.replace(".", "").isalpha():
            cue += tokens[j].lower.replace(".", "")
            j += 1
            while j < len(tokens) and tokens[j].text == ".":
                j += 1
        if cue in _CUES:  # the list ends at the bracket's close
            closing = next((c for c in range(j, len(tokens)) if tokens[c].text == ")"), len(tokens))
            return object_after(tokens[:closing], j + (j < len(tokens) and tokens[j].text == ","), examples=True)
    return []
