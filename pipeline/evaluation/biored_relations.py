"""BioRED document-level relations: score a pipeline run's relations against the corpus's relation lines.

BioRED relates concept ids, not mentions, per abstract. Scored here: chemical–gene and
chemical–disease pairs (the pairs an agent–effect relation can state). A pipeline relation names
a pair when its agent span overlaps a gold ChemicalEntity mention and its object span holds a
gold GeneOrGeneProduct or DiseaseOrPhenotypicFeature mention; the pair takes those mentions'
concept ids. The ids come from the gold mentions the pipeline's own spans overlap (the pipeline's
normalisation uses other vocabularies), so this is "our entities, gold identifiers", not the
BioCreative VIII end-to-end setting. The pipeline never reads the gold relations.

An agent span that overlaps no gold chemical still names one when the relation resolved it to an agent id
the run recognised elsewhere in the abstract: an anaphor ("Its efficacy has been attributed to the block
of X", "these effects disrupt Y": the agent span is the anaphor's) or an abbreviation the corpus leaves
unannotated ("high glucose (HG) ... HG decreased the expression of X"; not a name the corpus annotates as a
chemical elsewhere in the abstract: left out here, it is no chemical here, "the glucose and lactate
transporters GLUT1"). Such an agent takes the gold ids of the chemicals the run's own mentions of that
agent id overlap (``agent_spans``): the pair is the document's, the entity ours, the identifier gold's,
as for any other agent.

Polarity: ``increases`` -> Positive_Correlation; ``decreases`` and the clinical effects
(treating a disease) -> Negative_Correlation; ``binds`` -> Bind; anything else -> Association.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io import iter_text_lines
from ..records import Mention, Relation
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


def agent_spans(mentions: Iterable[Mention]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """The spans of a run's agent mentions (label DRUG, with an id) per (document, agent id)."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for mention in mentions:
        if mention.label == "DRUG" and mention.norm_id:
            spans.setdefault((mention.doc_id, mention.norm_id), []).append((mention.start, mention.end))
    return spans


def _agent_chemicals(relation: Relation, gold: Sequence[GoldMention], names: Collection[str],
                     spans: Mapping[tuple[str, str], Sequence[tuple[int, int]]]) -> list[GoldMention]:
    """The gold chemicals a relation's agent names: those its span overlaps, else (an anaphor, an unannotated
    abbreviation) those the run's other mentions of the same agent id overlap (see the module doc)."""
    found = _overlapping(gold, relation.agent_start, relation.agent_end, (CHEMICAL,))
    if found or relation.agent_id is None or relation.agent_text.lower() in names:
        return found  # a name the corpus annotates elsewhere but not here is no chemical here ("glucose transporters")
    return [m for start, end in spans.get((relation.doc_id, relation.agent_id), ())
            for m in _overlapping(gold, start, end, (CHEMICAL,))]


def _chemical_names(split: BioredSplit, pmid: str) -> frozenset[str]:
    """The texts (lower case) the corpus annotates as chemicals in one abstract."""
    text = split.texts.get(pmid, "")
    return frozenset(text[m.start:m.end].lower() for m in split.mentions.get(pmid, ()) if m.type == CHEMICAL)


def relation_pairs(relations: Iterable[Relation], split: BioredSplit, *, keep_negated: bool = False,
                   spans: Mapping[tuple[str, str], Sequence[tuple[int, int]]] | None = None) -> dict[Pair, str]:
    """The chemical–gene/disease pairs the relations state, each with its majority polarity label.

    A relation's document must be a PMID of ``split`` whose text the run kept unchanged
    (otherwise its offsets do not point into the gold mentions' text and it is skipped).
    ``spans`` (:func:`agent_spans` of the run's mentions) lets an agent span that names no gold chemical
    take the chemicals of the run's other mentions of its agent id; without it only the span counts.
    """
    votes: dict[Pair, Counter[str]] = {}
    annotated: dict[str, frozenset[str]] = {}
    for relation in relations:
        pmid = relation.doc_id.removeprefix("pmid:")
        gold = split.mentions.get(pmid)
        if gold is None or relation.effect in NO_ASSOCIATION_EFFECTS or (relation.negated and not keep_negated):
            continue
        if split.texts.get(pmid, "")[relation.agent_start:relation.agent_end] != relation.agent_text:
            continue
        if pmid not in annotated:
            annotated[pmid] = _chemical_names(split, pmid)
        agents = _agent_chemicals(relation, gold, annotated[pmid], spans or {})
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
