"""BioRED document-level relations: score a pipeline run's relations against the corpus's relation lines.

BioRED relates concept ids, not mentions, per abstract. Scored here: chemical–gene and
chemical–disease pairs (the pairs an agent–effect relation can state). A pipeline relation names
a pair when its agent span overlaps a gold ChemicalEntity mention and its object span holds a
gold GeneOrGeneProduct or DiseaseOrPhenotypicFeature mention; the pair takes those mentions'
concept ids. The ids come from the gold mentions the pipeline's own spans overlap (the pipeline's
normalisation uses other vocabularies), so this is "our entities, gold identifiers", not the
BioCreative VIII end-to-end setting. The pipeline never reads the gold relations.

Polarity: ``increases`` -> Positive_Correlation; ``decreases`` and the clinical effects
(treating a disease) -> Negative_Correlation; ``binds`` -> Bind; anything else -> Association.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io import iter_text_lines
from ..records import Relation
from .scoring import Score, score_sets

SPLIT_FILES = {"train": "Train.PubTator", "dev": "Dev.PubTator", "test": "Test.PubTator"}
CHEMICAL = "ChemicalEntity"
OBJECT_TYPES = frozenset({"GeneOrGeneProduct", "DiseaseOrPhenotypicFeature"})
POLARITY = {"increases": "Positive_Correlation", "decreases": "Negative_Correlation",
            "approved_for": "Negative_Correlation", "in_trial_for": "Negative_Correlation",
            "discontinued_for": "Negative_Correlation", "binds": "Bind"}
OTHER = "Association"
#: effects that state no association of the pair: "X did not affect Y" is ``no_effect`` with ``negated``
#: False (the relations stage's convention, ``relations/assemble.stated_no_effect``), not a pair
NO_ASSOCIATION_EFFECTS = frozenset({"no_effect"})
#: the labels scored with polarity; a gold pair of another type (Cotreatment, Comparison ...) counts as Association
POLARITY_LABELS = ("Positive_Correlation", "Negative_Correlation", "Bind", OTHER)

#: BC5CDR's PubTator files read the same way: its types and its one relation (chemical-induced disease)
TYPE_ALIASES = {"Chemical": CHEMICAL, "Disease": "DiseaseOrPhenotypicFeature"}
KIND_ALIASES = {"CID": "Positive_Correlation"}
# BC5CDR joins several ids with "|"; BioRED's variant ids hold "|" themselves ("c|DEL|1314_1328|")
_ID_SEPARATORS = re.compile(r"[,;]")
_CDR_ID_SEPARATORS = re.compile(r"[,;|]")

Pair = tuple[str, str, str]  # (pmid, chemical id, gene or disease id)


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    type: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class BioredSplit:
    """One split's gold mentions (per PMID), texts, and chemical–gene/disease pairs with their type."""

    texts: dict[str, str]
    mentions: dict[str, tuple[GoldMention, ...]]
    pairs: dict[Pair, str]


def split_path(data: Path, split: str) -> Path:
    path = data / SPLIT_FILES[split]
    if not path.exists():
        raise InputError(str(path), f"BioRED {split} file not found")
    return path


def load_biored(path: Path) -> BioredSplit:
    """Read a BioRED (or BC5CDR) PubTator file: texts, typed mentions and the scored relation pairs."""
    titles: dict[str, str] = {}
    texts: dict[str, str] = {}
    mentions: dict[str, list[GoldMention]] = {}
    relations: list[tuple[str, str, str, str, int]] = []
    for number, line in iter_text_lines(path):
        if "|t|" in line[:20] or "|a|" in line[:20]:
            pmid, kind, body = line.split("|", 2)
            if kind == "t":
                titles[pmid] = body
            else:
                texts[pmid] = f"{titles.get(pmid, '')} {body}"
            continue
        fields = line.split("\t")
        if len(fields) >= 6 and fields[1].isdigit():
            separators = _CDR_ID_SEPARATORS if fields[4] in TYPE_ALIASES else _ID_SEPARATORS
            ids = tuple(i.strip() for i in separators.split(fields[5]) if i.strip() and i.strip() != "-")
            kind = TYPE_ALIASES.get(fields[4], fields[4])
            mentions.setdefault(fields[0], []).append(GoldMention(int(fields[1]), int(fields[2]), kind, ids))
        elif len(fields) >= 4:
            relations.append((fields[0], fields[1], fields[2], fields[3], number))
        elif line.strip():
            raise InputError(str(path), f"not a PubTator line: {line[:60]!r}", line=number)
    pairs: dict[Pair, str] = {}
    for pmid, kind, first, second, number in relations:
        types = {i: m.type for m in mentions.get(pmid, ()) for i in m.ids}
        if first not in types or second not in types:
            raise InputError(str(path), f"relation of {pmid} names an id with no mention", line=number)
        for chem, other in ((first, second), (second, first)):
            if types[chem] == CHEMICAL and types[other] in OBJECT_TYPES:
                pairs[(pmid, chem, other)] = KIND_ALIASES.get(kind, kind)
    return BioredSplit(texts, {k: tuple(v) for k, v in mentions.items()}, pairs)


def _overlapping(mentions: Iterable[GoldMention], start: int, end: int, types: Iterable[str]) -> list[GoldMention]:
    wanted = set(types)
    return [m for m in mentions if m.type in wanted and m.start < end and start < m.end]


def relation_pairs(relations: Iterable[Relation], split: BioredSplit, *,
                   keep_negated: bool = False) -> dict[Pair, str]:
    """The chemical–gene/disease pairs the relations state, each with its majority polarity label.

    A relation's document must be a PMID of ``split`` whose text the run kept unchanged
    (otherwise its offsets do not point into the gold mentions' text and it is skipped).
    """
    votes: dict[Pair, Counter[str]] = {}
    for relation in relations:
        pmid = relation.doc_id.removeprefix("pmid:")
        gold = split.mentions.get(pmid)
        if gold is None or relation.effect in NO_ASSOCIATION_EFFECTS or (relation.negated and not keep_negated):
            continue
        if split.texts.get(pmid, "")[relation.agent_start:relation.agent_end] != relation.agent_text:
            continue
        agents = _overlapping(gold, relation.agent_start, relation.agent_end, (CHEMICAL,))
        objects = _overlapping(gold, relation.object_start, relation.object_end, OBJECT_TYPES)
        label = POLARITY.get(relation.effect, OTHER)
        for agent in agents:
            for obj in objects:
                for chem in agent.ids:
                    for other in obj.ids:
                        votes.setdefault((pmid, chem, other), Counter())[label] += 1
    # a pair stated with a direction takes it over a bare association; ties go to the first label of POLARITY_LABELS
    return {pair: min(c, key=lambda k: (k == OTHER, -c[k], POLARITY_LABELS.index(k))) for pair, c in votes.items()}


def score_biored(gold: dict[Pair, str], predicted: dict[Pair, str],
                 documents: Sequence[str] | None = None) -> tuple[Score, list[Score]]:
    """Pair score and per-type scores (last: micro) with polarity, over ``documents`` (default: all gold)."""
    if documents is not None:
        keep = set(documents)
        gold = {p: t for p, t in gold.items() if p[0] in keep}
        predicted = {p: t for p, t in predicted.items() if p[0] in keep}
    pair = score_sets(((p, "pair") for p in gold), ((p, "pair") for p in predicted), ("pair",))[0]
    typed = [(p, t if t in POLARITY_LABELS else OTHER) for p, t in gold.items()]
    return pair, score_sets(typed, predicted.items(), POLARITY_LABELS)
