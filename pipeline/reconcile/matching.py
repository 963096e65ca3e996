"""Named matching strategies between an extracted relation and a gold finding.

Each strategy is a small pure function with its threshold stated beside it; the
aligner in :mod:`pipeline.reconcile.align` combines them. None of them looks at
a particular gold row: they compare identities, effect classes, words and spans.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..context import DATA_DIR
from ..gold.records import GoldAgent
from ..tables import read_tsv, read_word_list
from ..text import DASHES

logger = logging.getLogger(__name__)

DATA = DATA_DIR / "reconcile"

#: An object pair scoring below this is not the same object (see :func:`object_similarity`).
OBJECT_SIMILARITY_THRESHOLD = 0.5
#: A pair whose effects are only compatible (not identical) needs this much object similarity: a
#: different effect on the same object ("binds IL-6R" / "decreases IL-6R") is one fact seen two ways,
#: a different effect on an overlapping object ("binds IL-6" / "decreases IL-6 signaling") is not.
CROSS_EFFECT_SIMILARITY_THRESHOLD = 0.9
#: Characters of slack around a gold evidence span when testing overlap (a clause boundary the
#: curator and the extractor drew one word apart).
EVIDENCE_SLACK = 0

_DASHES = re.compile(f"[{DASHES}]")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-/+][a-z0-9]+)*\+?")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class AgentIdentity:
    """What identifies one agent: its project id, every name it goes by, its DrugBank id."""

    agent_id: str
    names: frozenset[str]
    drugbank_id: str | None = None


@lru_cache(maxsize=None)
def effect_compatibility(path: Path = DATA / "effect_compatibility.tsv") -> dict[tuple[str, str], float]:
    """The symmetric table of compatible (extracted, gold) effect pairs and their weights."""
    table: dict[tuple[str, str], float] = {}
    for extracted, gold, weight in read_tsv(path, columns=3, header=True):
        table[(extracted, gold)] = table[(gold, extracted)] = float(weight)
    return table


@lru_cache(maxsize=None)
def object_stopwords(path: Path = DATA / "object_stopwords.txt") -> frozenset[str]:
    """Function words ignored by :func:`object_tokens`."""
    return frozenset(word.lower() for word in read_word_list(path))


def normalise_name(text: str) -> str:
    """Lower-case, unify dashes and collapse whitespace: the form names are compared in."""
    return " ".join(_DASHES.sub("-", text).lower().split())


def same_agent(agent_id: str | None, agent_text: str, agent_name: str | None, gold: AgentIdentity) -> bool:
    """Agent identity: the same project id, a name the gold agent goes by, or the same DrugBank id.

    ``agent_id`` may be a DrugBank id when only the drug dictionary knew the agent.
    """
    if agent_id is not None and (agent_id == gold.agent_id or (gold.drugbank_id and agent_id == gold.drugbank_id)):
        return True
    return any(normalise_name(name) in gold.names for name in (agent_text, agent_name or "") if name)


def effect_weight(extracted: str, gold: str) -> float:
    """Effect class compatibility: 1.0 when identical, the table's weight when compatible, else 0."""
    if extracted == gold:
        return 1.0
    return effect_compatibility().get((extracted, gold), 0.0)


def object_tokens(text: str) -> frozenset[str]:
    """Content words of an object, hyphenated compounds kept whole (``IL-6`` is not ``IL-6R``).

    A parenthesised abbreviation is kept as a word of its own ("rheumatoid arthritis (RA)").
    """
    flat = _PARENTHESIS.sub(r" \1 ", normalise_name(text))
    return frozenset(token for token in _TOKEN.findall(flat) if token not in object_stopwords())


def object_similarity(extracted: str, gold: str) -> float:
    """Object similarity in [0, 1]: the mean of word containment and Dice overlap.

    Containment (shared words / words of the shorter object) lets "RA" match "active RA";
    Dice keeps a one-word overlap of two long phrases low. Objects match when the score
    reaches :data:`OBJECT_SIMILARITY_THRESHOLD`.
    """
    left, right = object_tokens(extracted), object_tokens(gold)
    if not left or not right:
        return 0.0
    shared = len(left & right)
    containment = shared / min(len(left), len(right))
    dice = 2 * shared / (len(left) + len(right))
    return (containment + dice) / 2


def evidence_overlaps(raw_start: int, raw_end: int, gold_start: int, gold_end: int,
                      slack: int = EVIDENCE_SLACK) -> bool:
    """Same place in the review: the relation's raw object span overlaps the gold evidence span.

    A gold finding without offsets (``gold_end <= gold_start``) constrains nothing.
    """
    if gold_end <= gold_start:
        return True
    return raw_start < gold_end + slack and raw_end > gold_start - slack


def identities(agents: Iterable[GoldAgent]) -> dict[str, AgentIdentity]:
    """Build :class:`AgentIdentity` from the gold agents."""
    out: dict[str, AgentIdentity] = {}
    for agent in agents:
        names = {normalise_name(agent.canonical_name)} | {normalise_name(a) for a in agent.aliases}
        out[agent.agent_id] = AgentIdentity(agent.agent_id, frozenset(names), agent.drugbank_id)
    return out
