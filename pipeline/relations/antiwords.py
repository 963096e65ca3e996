"""Words of the form "anti" + what the agent acts against, written as one word or hyphenated.

"antitumor activity", "anticancer agents", "antioxidative activity" read as "anti-tumor activity":
:func:`anti_parts` splits the one-word form at the stem when the stem is one of
``constructions.anti_objects`` (so "antibody" and "antigen" stay whole), and the "anti-" rules of
:mod:`.constructions` then say the agent decreases the stem. :func:`anti_noun` reads the word used as
a noun naming the agent's kind ("LY117018 ... as an antiestrogen", "the antiestrogen LY117018"): the
agent decreases what the stem names (stems in ``constructions.anti_noun_stems``): the name right after
the noun, else an agent before it that the noun is predicated of ("as an", "is an", ", an").
"""

from __future__ import annotations

from .clause import AgentRef, Clause, refs
from .lexicon import word_parts, word_set

_PREFIX = "anti"


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
