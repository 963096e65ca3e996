"""The agent of an agentless statement named by a later treatment phrase: "Reduced levels of A and B
were detected after X treatment", "Tumor growth was inhibited following the administration of X".

A trigger with no agent before it and none carried from the clause before (``clause.default_agents``)
takes the agents of a treatment phrase later in its clause: a cue of ``treatment.cues`` ("after",
"following", "upon"), then within a few words either an agent list followed by a noun of
``treatment.nouns`` ("after BSC 3g or 3n treatment") or such a noun and "of"/"with" and the agents
("following administration of X"); or "in" and an agent list joined (by a hyphen or a space) to a
participle of ``treatment.participles`` before a head of ``treatment.treated_heads``, or such a head, the participle and "with"/"by" and the
agents ("... was observed in rats treated with X") ("Increased
caspase-3 activity was observed in STZ treated rats", "... was seen in isoproterenol-treated rats"); or
"in" and an agent list before a noun of ``treatment.group_nouns``: the arm given the agents ("p-STAT3 was
decreased in BBR group").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .lexicon import Token, find_trigger, word_set

REACH = 4  # words between the cue and the first agent (or treatment noun)
MODIFIERS = 3  # words before a treated head that describe it ("in MCF-7 breast cancer cells treated with X")
_GLUE = frozenset({"or", "and", ",", "the", "a", "either", "both"})


def treatment_positions(tokens: Sequence[Token], agent_at: Mapping[int, object], index: int) -> list[int]:
    """Token positions of the agents of the first treatment phrase after token ``index`` (see the module
    docstring; ``agent_at`` maps a token position to the agents named there), or []."""
    cues, nouns = word_set("treatment.cues"), word_set("treatment.nouns")
    later_statement = False
    for c in range(index + 1, len(tokens)):
        if _item_mark(tokens, c):
            return []  # "(5) decreased A, and (6) a drop in B after X": the phrase belongs to another item
        trigger = find_trigger(tokens[c].lower)
        later_statement = later_statement or (trigger is not None and trigger.review_effect is not None)
        if tokens[c].lower == "in":
            # "in X-treated rats" belongs to the statement before it, not past another trigger
            # ("increase of A in EEG of rats ... and decrease of B in L-NAME-treated rats")
            treated = [] if later_statement or not _without_subject(tokens, index, c) \
                else _treated_group(tokens, agent_at, c + 1)
            if treated:
                return treated
            continue
        if tokens[c].lower not in cues or later_statement:
            continue  # "A was increased in B, which was decreased after X": the phrase is the later verb's
        positions: list[int] = []
        p = c + 1
        skipped = 0  # words of the treated cells passed over ("upon stimulation of B cells with X")
        while p < len(tokens) and p <= c + REACH + skipped + len(positions) * 2:
            word = tokens[p].lower
            if p in agent_at:
                if not positions or positions[-1] != p - 1 or agent_at[p] != agent_at[p - 1]:
                    positions.append(p)
            elif word in nouns:
                if positions:
                    break  # "after X treatment"
                with_at = _treated_then_with(tokens, agent_at, p + 1)
                if with_at is not None:
                    skipped += with_at - p
                    p = with_at + 1  # "upon stimulation of precursor B cells with IL-7"
                    continue
                if p + 1 < len(tokens) and tokens[p + 1].lower in ("of", "with", "to"):
                    p += 2  # "following administration of X", "upon exposure to X"
                    continue
                return []
            elif positions and word not in _GLUE:
                break  # the list has ended
            p += 1
        treated = p < len(tokens) and tokens[p].lower in nouns  # "after X or Y treatment"
        if positions and (treated or tokens[positions[0] - 1].lower in ("of", "with", "to")):
            return positions
        return []
    return []


def _treated_then_with(tokens: Sequence[Token], agent_at: Mapping[int, object], p: int) -> int | None:
    """"stimulation of precursor B cells with IL-7": where a treatment noun's "of" phrase names what was
    treated (at most ``MODIFIERS`` + 1 words, ending in a head of ``treatment.treated_heads``, no agent among
    them), the position of the "with"/"by" after it; else None."""
    if p >= len(tokens) or tokens[p].lower != "of":
        return None
    first = p + 2 if p + 1 < len(tokens) and tokens[p + 1].lower in _GLUE else p + 1  # "of (the) B cells"
    head = _head_after_modifiers(tokens, agent_at, first)
    if head is None or head + 1 >= len(tokens) or tokens[head + 1].lower not in ("with", "by"):
        return None
    return head + 1


def _without_subject(tokens: Sequence[Token], index: int, cue: int) -> bool:
    """Whether the trigger at ``index`` states a finding with no subject of its own, so that "in X-treated
    rats" names its cause: a passive ("was reduced in ..."), a reported finding ("Increased caspase-3 was
    observed in ...", ``treatment.report_verbs``) or a change noun ("an increase in A in ..."); not an
    active verb whose subject the rules do not recognise ("chelation improves A in Pb-exposed children")."""
    word = tokens[index].lower
    if word.endswith(("ion", "ions")) or word in word_set("treatment.change_nouns"):
        return True
    if any(t.lower in word_set("treatment.report_verbs") for t in tokens[index + 1:cue]):
        return True
    k = index - 1
    while k >= 0 and tokens[k].lower.endswith("ly") and len(tokens[k].lower) > 4:
        k -= 1
    return k >= 0 and tokens[k].lower in word_set("constructions.aux")


def _treated_group(tokens: Sequence[Token], agent_at: Mapping[int, object], p: int) -> list[int]:
    """Positions of the agents of "<agents>-treated <head>" / "<agents> treated <head>" starting at ``p``
    (after "in"; a determiner skipped), or []."""
    participles = word_set("treatment.participles")
    while p < len(tokens) and tokens[p].lower in _GLUE:
        p += 1
    head = _head_after_modifiers(tokens, agent_at, p)
    link = 1 if head is not None and head + 1 < len(tokens) and tokens[head + 1].lower in word_set(
        "treatment.direct_participles") else 2  # "mice fed X" names X right after the participle
    if head is not None and head + link < len(tokens) and tokens[head + 1].lower in participles \
            and (link == 1 or tokens[head + 2].lower in ("with", "by")):
        # "in rats treated with X (and Y)", "in the obesity group fed X"
        p = head + link + 1
        after = [q for q in range(p, min(len(tokens), p + REACH)) if q in agent_at]
        first = after[0] if after else None
        if first is None or any(tokens[q].lower not in _GLUE for q in range(p, first)):
            return []
        found = [first]
        for q in range(first + 1, len(tokens)):
            if q in agent_at:
                if agent_at[q] != agent_at[found[-1]]:
                    found.append(q)
            elif tokens[q].lower not in _GLUE:
                break
        return found
    positions: list[int] = []
    while p < len(tokens) and (p in agent_at or (positions and tokens[p].lower in _GLUE)):
        if p in agent_at and (not positions or agent_at[positions[-1]] != agent_at[p]):
            positions.append(p)
        joined = tokens[p].lower.rpartition("-")[2] if p in agent_at else ""
        p += 1
        if joined in participles:
            break  # "isoproterenol-treated": the participle is the agent token's last part
    else:
        joined = ""
    if not positions:
        return []
    if not joined:
        if p < len(tokens) and tokens[p].lower in word_set("treatment.group_nouns"):
            return positions  # "decreased in (the) BBR group": the arm given X
        if p >= len(tokens) or tokens[p].lower not in participles:
            return []
        p += 1
    # the head may follow words that describe it: "in apigenin-treated MDA-MB-231 cells"
    return positions if p < len(tokens) and _head_after_modifiers(tokens, agent_at, p) is not None else []


def _head_after_modifiers(tokens: Sequence[Token], agent_at: Mapping[int, object], p: int) -> int | None:
    """The position of a head of ``treatment.treated_heads`` at ``p`` or after up to ``MODIFIERS`` words
    that describe it ("obesity group", "MCF-7 breast cancer cells"): no agent, trigger, function word or
    punctuation among them; else None."""
    from spacy.lang.en.stop_words import STOP_WORDS  # here, not at import: `evidence --help` loads no spaCy

    heads = word_set("treatment.treated_heads")
    for q in range(p, min(len(tokens), p + MODIFIERS + 1)):
        if tokens[q].lower in heads:
            return q
        word = tokens[q].lower
        if q in agent_at or not word[:1].isalnum() or word in STOP_WORDS or find_trigger(word) is not None:
            return None
    return None


def _item_mark(tokens: Sequence[Token], c: int) -> bool:
    """An enumeration mark "(6)", "(ii)", "b)" or a ";" that starts another item of a list."""
    if tokens[c].text == ";":
        return True
    return (tokens[c].text == "(" and c + 2 < len(tokens) and tokens[c + 2].text == ")"
            and len(tokens[c + 1].text) <= 3 and tokens[c + 1].text.isalnum())
