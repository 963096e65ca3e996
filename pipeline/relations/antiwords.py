"""Words of the form "anti" + what the agent acts against, written as one word or hyphenated.

"antitumor activity", "anticancer agents", "antioxidative activity" read as "anti-tumor activity":
:func:`anti_parts` splits the one-word form at the stem when the stem is one of
``constructions.anti_objects`` (so "antibody" and "antigen" stay whole), and :func:`anti_statement`
(the "anti-" construction :mod:`.constructions` dispatches to) says the agent binds a named target
("anti-IL-6 mAb") or decreases the stem ("anti-cancer effects"). :func:`anti_noun` reads the word used as
a noun naming the agent's kind ("LY117018 ... as an antiestrogen", "the antiestrogen LY117018"): the
agent decreases what the stem names (stems in ``constructions.anti_noun_stems``): the name right after
the noun, else an agent before it that the noun is predicated of ("as an", "is an", ", an").
"""

from __future__ import annotations

from ..text import is_dash
from .clause import AgentRef, Clause, agents_left, agents_listed_after, refs
from .lexicon import word_parts, word_set
from .objects import ObjectSpan

_PREFIX = "anti"
_ANTI_OBJECTS = word_set("constructions.anti_objects")
_ANTI_NOT_AGENT = word_set("constructions.anti_not_agent")
_POSSESSIVES = word_set("constructions.possessives")
_ANTI_NOUN_STEMS = word_set("constructions.anti_noun_stems")
_ANTI_HEADS = word_set("constructions.effect_nouns") | {"agent", "agents", "therapeutic"}


def anti_parts(word: str) -> list[str] | None:
    """``["anti", stem]`` for "antitumor" / "anti-tumour" whose stem is a known anti- object, else None."""
    lower = word.lower()
    if not lower.startswith(_PREFIX):
        return None
    parts = word_parts(lower)
    stem = lower[len(_PREFIX):] if len(parts) == 1 else parts[1] if len(parts) == 2 and parts[0] == _PREFIX else ""
    singular = stem[:-1] if stem.endswith("s") else stem
    objects = word_set("constructions.anti_objects") | word_set("constructions.anti_noun_stems")
    return [_PREFIX, stem] if stem in objects or singular in objects else None


def anti_noun(clause: Clause, i: int, agents: list[AgentRef]) -> tuple[list[AgentRef], int, int] | None:
    """``(agents, start_char, end_char)`` of the stem of an "anti" noun naming the agent's kind: right
    after "a"/"an"/"the" (an adjective between allowed) or right before the agent."""
    tokens = clause.tokens
    parts = anti_parts(tokens[i].text)
    if parts is None or not agents:
        return None
    stem = parts[1][:-1] if parts[1].endswith("s") else parts[1]
    if stem not in word_set("constructions.anti_noun_stems"):
        return None
    if i + 1 in clause.agent_at:
        agents = refs(clause, i + 1)  # "the antiestrogen LY117018": the name it introduces
    elif not {t.lower for t in tokens[max(0, i - 3):i]} & word_set("antiwords.predicative"):
        return None  # "X ... as an antiestrogen", "X is an antioxidant", "X, an antioxidant,"; not "the antioxidant Y"
    start = tokens[i].start + tokens[i].text.lower().index(stem, len(_PREFIX))
    return agents, start, start + len(parts[1])


def predicated_anti(clause: Clause, i: int) -> bool:
    """"LY117018 ... was effective as an antiestrogen": an anti- noun the NER names as a class, predicated
    of an agent named before it ("as/is a(n)"), says what that agent does (:func:`anti_noun`)."""
    tokens = clause.tokens
    parts = anti_parts(tokens[i].text)
    stem = parts[1].removesuffix("s") if parts else ""
    return (stem in word_set("constructions.anti_noun_stems") and i >= 2 and tokens[i - 1].lower in ("a", "an")
            and tokens[i - 2].lower in word_set("antiwords.predicative") and any(p < i - 2 for p in clause.agent_at))


def _listed_after_of(clause: Clause, i: int) -> list[AgentRef]:
    """The agents of a list after the anti- word that it describes or its phrase reaches by "of" ("the
    anti-inflammatory effects of A and B"); not a later name of the sentence ("neutralization with an anti-IL-6 antibody restored
    sensitivity to gefitinib": the antibody, which names no drug, is not gefitinib)."""
    agents = agents_listed_after(clause, i + 1, 8)
    if not agents:
        return []
    first = min(k for k in clause.agent_at if k > i)
    # the name the anti- phrase describes ("the antiestrogen LY117018", "the anti-IL-6 mAb siltuximab") or reaches
    # by "of"
    tokens = clause.tokens
    words = sum(1 for k in range(i + 1, first) if tokens[k].start > tokens[k - 1].end)  # "anti–IL-6" is one word
    return agents if words <= _DESCRIBED_REACH or any(t.lower == "of" for t in tokens[i + 1:first]) else []


def _own_phrase(clause: Clause, i: int) -> bool:
    """"..., while an anti-IL-6 receptor antibody restored sensitivity": an anti- word after an indefinite
    article names an agent of its own, not the name before it, unless the phrase is said of that name (an
    apposition ", an anti-IL-6 mAb," or a predicate "is/as an anti-IL-6 mAb": ``antiwords.predicative``)."""
    tokens = clause.tokens
    return i >= 1 and tokens[i - 1].lower in ("a", "an") and (
        i < 2 or tokens[i - 2].lower not in _SAID_OF)


_SAID_OF = word_set("antiwords.predicative") | {"(", ":"}  # a predicate, an apposition or a bracket
_DESCRIBED_REACH = 2  # words between the anti- word and the name it describes ("the anti-IL-6 mAb siltuximab")


def anti_statement(clause: Clause, i: int) -> tuple[list[AgentRef], list[ObjectSpan], str] | None:
    """"anti–IL-6 mAb" binds IL-6; "anti-cancer effects" decreases cancer."""
    tokens = clause.tokens
    # the nearest agent before ("tocilizumab (anti-IL-6R) and siltuximab (anti-IL-6)": a bracket describes
    # the name before it, so not the whole list), else every agent of a list after it ("the
    # anti-inflammatory effects of A and B")
    own = _own_phrase(clause, i)
    after = _listed_after_of(clause, i)
    if after and i > 0 and tokens[i - 1].lower == "the":
        agents = after  # "by ruxolitinib or by the anti-IL-6R antibody tocilizumab": the name the phrase describes
    else:
        agents = ([] if own else agents_left(clause, i)[-1:]) or after or ([] if own else list(clause.fallback))
    before = [p for p in clause.agent_at if p < i]
    if i > 0 and tokens[i - 1].lower in _POSSESSIVES and before:
        # "Wogonin, a flavonoid from the root of Scutellaria, is known for its anti-oxidant activity":
        # the possessive points at the clause's subject, not at the name nearest before it
        agents = refs(clause, min(before))
    if not agents:
        return None
    parts = anti_parts(tokens[i].text) or word_parts(tokens[i].text)  # "antitumor" as "anti-tumor"
    k = i + 1
    while k < len(tokens) and is_dash(tokens[k].text):
        k += 1
    if len(parts) == 1:
        after = k + 1
        while after < len(tokens) and clause.entity_at.get(after) is clause.entity_at.get(k):
            after += 1
        if after < len(tokens) and tokens[after].lower in _ANTI_NOT_AGENT:
            return None
        if k < len(tokens) and k in clause.entity_at and clause.entity_at[k].label == "TARGET":
            return agents, [ObjectSpan(k, k)], "anti_binds"
        return None
    if k < len(tokens) and tokens[k].lower in _ANTI_NOT_AGENT:
        return None  # "anti-TNF therapy", "other anti-cancer drugs": another agent's property
    if i in clause.entity_at and clause.entity_at[i].label == "TARGET":
        mention = clause.entity_at[i]  # "anti-gp130"
        return agents, [ObjectSpan(i, i, start_char=max(mention.start, tokens[i].start),
                                   end_char=min(mention.end, tokens[i].end))], "anti_binds"
    disease = i in clause.entity_at and clause.entity_at[i].label == "DISEASE"
    if parts[1] not in _ANTI_OBJECTS | _ANTI_NOUN_STEMS and not disease:
        return None  # "anti-colon cancer effect" names a recognised disease; "anti-TNF" does not
    end = i
    while end + 1 < len(tokens) and end - i < 4 and tokens[end + 1].lower not in _ANTI_HEADS \
            and tokens[end + 1].text[0].isalnum() and len(word_parts(tokens[i].text)) > 1:  # "antitumor": one word
        end += 1
    if end + 1 >= len(tokens) or tokens[end + 1].lower not in _ANTI_HEADS:
        noun = anti_noun(clause, i, agents)  # "LY117018 ... as an antiestrogen"
        return (noun[0], [ObjectSpan(i, i, start_char=noun[1], end_char=noun[2])], "anti_decreases") if noun else None
    if any(tokens[k].lower == "other" for k in range(max(0, i - 2), i)):
        return None  # "other anti-cancer drugs" are not this agent
    cut = tokens[i].start + tokens[i].text.lower().index(parts[1])
    return agents, [ObjectSpan(i, end, start_char=cut)], "anti_decreases"
