"""Which token is a trigger, and in what role: a verb or noun of ``effect_triggers.tsv`` read in context (an agent's
name is none, "anti-" words are their own kind, a hyphen-joined participle modifies a noun, a participle before a
noun describes it, a verb-only form after an article is a plural noun, a state participle needs a verb's place).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import is_dash
from .antiwords import anti_parts, predicated_anti
from .clause import Clause, is_adverb
from .lexicon import Token, Trigger, find_trigger, find_triggers, word_parts, word_set

_ARTICLES = word_set("trigger_reading.noun_determiners")  # "the STAT3 targets": not "that targets"
_VERB_ONLY = frozenset({"verb"})
# participles written far more often as a state before a noun ("phosphorylated STAT3") than as a verb; their
# present form is the trigger table's ("phosphorylate")
STATE_PARTICIPLES = word_set("trigger_reading.state_participles")
_AUX = word_set("constructions.aux")


def trigger_at(clause: Clause, i: int) -> tuple[Trigger | None, str]:
    """The trigger of token ``i`` and its construction hint ("", "modifier", "marker", "anti")."""
    token = clause.tokens[i]
    if i in clause.agent_at:  # a name is no trigger, but "X ... as an antiestrogen" says what X does
        return (find_trigger("anti"), "anti") if predicated_anti(clause, i) else (None, "")
    word = token.lower
    parts = anti_parts(token.text) or word_parts(token.text)  # "antitumor" reads as "anti-tumor"
    if len(parts) > 1 and find_trigger(word) is None:
        if parts[0] == "anti":
            return find_trigger("anti"), "anti"
        if parts[-1] in STATE_PARTICIPLES:  # "JAK2 becomes tyrosine-phosphorylated"
            return (find_trigger(parts[-1].removesuffix("d")), "") if _verb_position(clause, i) else (None, "")
        last = find_trigger(parts[-1])
        if last is None:
            return None, ""
        if "mod" in last.forms or last.stem == "mediat" or parts[-1].endswith(("ing", "ed")):
            return None, "modifier"  # "IL-6-induced", "IL-6-targeting": part of a phrase, not a statement
        return last, ""
    if i in clause.entity_at:
        return None, ""
    # the cue words before a trigger, over a name between them ("cytotoxicity of hydrazone 16 against"); a
    # status or anaphor ("no clinical data are available for") is made of cue words itself
    words = [k for k in range(max(0, i - 8), i) if all(m.source in ("anaphora", "status") for m in clause.agent_at.get(k, ()))]
    before = {clause.tokens[k].lower for k in words[-3:]}
    after = clause.tokens[i + 1].lower if i + 1 < len(clause.tokens) else ""
    if word in STATE_PARTICIPLES:
        # "IL-13 phosphorylated JAK1", "JAK2 was phosphorylated": the verb's present form ("phosphorylate") is
        # the trigger; anywhere else the participle is a state ("total and phosphorylated STAT3"), and the
        # object rules read it as a word of the object (it is no trigger of the table)
        return (find_trigger(word.removesuffix("d")), "") if _verb_position(clause, i) else (None, "")
    trigger = next((t for t in find_triggers(word) if (not t.requires_before or before & t.requires_before)
                    and (not t.requires_after or after in t.requires_after)), None)
    if trigger is None:
        return None, ""
    if word == "anti":
        return trigger, "anti"
    if i >= 2 and is_dash(clause.tokens[i - 1].text) and "mod" in trigger.forms:
        return None, "modifier"
    if "mod" in trigger.forms and word.endswith("ed") and i >= 1 and i - 1 in clause.entity_at:
        return None, "modifier"  # "IL-6 stimulated MDA-MB-231 cells"
    if word.endswith("ed") and _adjective_participle(clause.tokens, i):
        return None, "modifier"  # "cell lines with reduced DOCK8 expression", "in induced obese mice"
    if trigger.forms == _VERB_ONLY and not trigger.prefix and word.endswith("s") and _plural_noun(clause, i):
        return None, ""  # "the STAT3 targets Mcl-1 and survivin": a noun, no verb
    return trigger, ""


def _plural_noun(clause: Clause, i: int) -> bool:
    """A verb-only trigger ending in "s" right after an article or possessive, or after one with a name between
    ("the STAT3 targets", "its targets"): a plural noun."""
    tokens = clause.tokens
    k = i - 1
    if k >= 0 and k in clause.entity_at and clause.entity_at[k].label != "DRUG":
        k -= 1
    return k >= 0 and tokens[k].lower in _ARTICLES


def _adjective_participle(tokens: Sequence[Token], i: int) -> bool:
    """Whether the participle at ``i`` describes the noun after it rather than stating a verb: after a cell or
    animal head and "with" ("cell lines with reduced DOCK8 expression"), or after "in" when such a head
    follows within a few words ("in induced obese mice"); "associated with increased Y" and "resulted in
    decreased Y" keep their statements."""
    heads = word_set("treatment.treated_heads")
    if i >= 2 and tokens[i - 1].lower == "with" and tokens[i - 2].lower in heads:
        return True
    if i < 1 or tokens[i - 1].lower != "in":
        return False
    stops = word_set("postnominal.phrase_stops")  # function words
    # the head ends the phrase right after the participle's describing words ("in improved outcome in
    # patients", "in enhanced cell death" state a change)
    for k in range(i + 1, min(len(tokens), i + 4)):
        if tokens[k].lower in heads:
            return k + 1 == len(tokens) or not tokens[k + 1].text[:1].isalnum() or tokens[k + 1].lower in stops
        if tokens[k].lower in stops or not tokens[k].text[:1].isalnum():
            return False
    return False


def _verb_position(clause: Clause, i: int) -> bool:
    """Whether the participle at ``i`` stands where a verb does: after an auxiliary or "become" ("was
    phosphorylated", "became tyrosine-phosphorylated") or right after an agent ("IL-13 phosphorylated JAK1"),
    adverbs aside."""
    k = i - 1
    while k >= 0 and is_adverb(clause.tokens[k].lower):
        k -= 1
    return k >= 0 and (clause.tokens[k].lower in _AUX or k in clause.agent_at)
