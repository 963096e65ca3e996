"""A rule baseline for ChemProt built on the same trigger table as the review extractor.

A pair gets the group of the trigger word nearest the gene between (or right
around) the two entities, when they are at most ``max_distance`` tokens apart and
no other gene stands between the trigger and the pair's gene.
"""

from __future__ import annotations

from collections.abc import Sequence

from .chemprot import NO_RELATION, Candidate
from .chemprot_features import masked_sequence
from ..relations.lexicon import find_trigger

EFFECT_TO_GROUP = {"decreases": "CPR:4", "increases": "CPR:3", "agonist": "CPR:5",
                   "antagonist": "CPR:6", "substrate": "CPR:9"}
DEFAULT_MAX_DISTANCE = 20  # best of 3..20 on the train split


def _group(word: str) -> str | None:
    if not word[0].isalpha():
        return None
    trigger = find_trigger(word)
    return EFFECT_TO_GROUP.get(trigger.effect) if trigger is not None else None


def predict_rules(candidates: Sequence[Candidate], *, max_distance: int = DEFAULT_MAX_DISTANCE) -> list[str]:
    """The rule group (or ``NONE``) for every candidate."""
    out = []
    for candidate in candidates:
        seq, i_c, i_g = masked_sequence(candidate)
        first, last = min(i_c, i_g), max(i_c, i_g)
        label = NO_RELATION
        if last - first - 1 <= max_distance:
            # walk from the gene towards the chemical, then look just after the gene ("X is a GENE inhibitor")
            step = -1 if i_g > i_c else 1
            path = list(range(i_g + step, i_c, step)) + [i_g + 1, i_g + 2]
            for k in path:
                if not 0 <= k < len(seq) or seq[k] == "@G":
                    break
                group = _group(seq[k])
                if group is not None:
                    label = group
                    break
        out.append(label)
    return out
