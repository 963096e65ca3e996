"""The agent of an agentless statement named by a later treatment phrase: "Reduced levels of A and B
were detected after X treatment", "Tumor growth was inhibited following the administration of X".

A trigger with no agent before it and none carried from the clause before (``clause.default_agents``)
takes the agents of a treatment phrase later in its clause: a cue of ``treatment.cues`` ("after",
"following", "upon"), then within a few words either an agent list followed by a noun of
``treatment.nouns`` ("after BSC 3g or 3n treatment") or such a noun and "of"/"with" and the agents
("following administration of X").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .lexicon import Token, word_set

REACH = 4  # words between the cue and the first agent (or treatment noun)
_GLUE = frozenset({"or", "and", ",", "the", "a", "either", "both"})


def treatment_positions(tokens: Sequence[Token], agent_at: Mapping[int, object], index: int) -> list[int]:
    """Token positions of the agents of the first treatment phrase after token ``index`` (see the module
    docstring; ``agent_at`` maps a token position to the agents named there), or []."""
    cues, nouns = word_set("treatment.cues"), word_set("treatment.nouns")
    for c in range(index + 1, len(tokens)):
        if _item_mark(tokens, c):
            return []  # "(5) decreased A, and (6) a drop in B after X": the phrase belongs to another item
        if tokens[c].lower not in cues:
            continue
        positions: list[int] = []
        p = c + 1
        while p < len(tokens) and p <= c + REACH + len(positions) * 2:
            word = tokens[p].lower
            if p in agent_at:
                if not positions or positions[-1] != p - 1 or agent_at[p] != agent_at[p - 1]:
                    positions.append(p)
            elif word in nouns:
                if positions:
                    break  # "after X treatment"
                if p + 1 < len(tokens) and tokens[p + 1].lower in ("of", "with"):
                    p += 2  # "following administration of X"
                    continue
                return []
            elif positions and word not in _GLUE:
                break  # the list has ended
            p += 1
        treated = p < len(tokens) and tokens[p].lower in nouns  # "after X or Y treatment"
        if positions and (treated or tokens[positions[0] - 1].lower in ("of", "with")):
            return positions
        return []
    return []


def _item_mark(tokens: Sequence[Token], c: int) -> bool:
    """An enumeration mark "(6)", "(ii)", "b)" or a ";" that starts another item of a list."""
    if tokens[c].text == ";":
        return True
    return (tokens[c].text == "(" and c + 2 < len(tokens) and tokens[c + 2].text == ")"
            and len(tokens[c + 1].text) <= 3 and tokens[c + 1].text.isalnum())
