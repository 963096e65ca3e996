"""Reading the BioCreative VI ChemProt corpus into candidate chemical–gene pairs.

A split folder holds ``*_abstracts*.tsv``, ``*_entities*.tsv`` and
``*_gold_standard.tsv``. Entity offsets index ``title + " " + abstract``
(end-exclusive). A candidate is a CHEMICAL and a GENE-Y/GENE-N mention in one
sentence; gold pairs that cross sentences stay in the gold set, so the score is
the official one (they count as misses).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..text import split_sentences

logger = logging.getLogger(__name__)

EVALUATED_GROUPS: tuple[str, ...] = ("CPR:3", "CPR:4", "CPR:5", "CPR:6", "CPR:9")
NO_RELATION = "NONE"
SPLIT_FOLDERS = {"train": "chemprot_training", "dev": "chemprot_development", "test": "chemprot_test_gs"}


@dataclass(frozen=True)
class Entity:
    """One ChemProt entity: ``start``/``end`` end-exclusive into the document text."""

    ent_id: str
    label: str
    start: int
    end: int
    text: str

    @property
    def is_chemical(self) -> bool:
        return self.label == "CHEMICAL"


@dataclass(frozen=True)
class Candidate:
    """A chemical–gene pair inside one sentence, with its gold group (or ``NONE``)."""

    pmid: str
    sentence: str
    sentence_start: int
    chemical: Entity
    gene: Entity
    others: tuple[Entity, ...]
    label: str = NO_RELATION


@dataclass(frozen=True)
class ChemProtSplit:
    """A loaded split: candidates plus the official gold set ``(pmid, group, chem_id, gene_id)``."""

    name: str
    candidates: tuple[Candidate, ...]
    gold: frozenset[tuple[str, str, str, str]]
    documents: int


def _split_dir(data_dir: Path, split: str) -> Path:
    if split not in SPLIT_FOLDERS:
        raise ValueError(f"unknown ChemProt split {split!r}; expected one of {sorted(SPLIT_FOLDERS)}")
    folder = Path(data_dir) / SPLIT_FOLDERS[split]
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: ChemProt split folder not found")
    return folder


def _one_file(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if not found:
        raise FileNotFoundError(f"{folder}: no file matching {pattern}")
    return found[0]


def _rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) < width:
                raise InputError(str(path), f"expected {width} tab-separated fields, got {len(fields)}: {line!r}",
                                 line=number)
            yield number, fields


def load_split(data_dir: Path, split: str, *, limit: int | None = None) -> ChemProtSplit:
    """Load one ChemProt split as candidate pairs and its gold set.

    Parameters
    ----------
    data_dir
        The ChemProt folder holding ``chemprot_training/`` etc.
    split
        ``train``, ``dev`` or ``test``.
    limit
        Keep only the first ``limit`` abstracts (for quick runs and tests).
    """
    folder = _split_dir(data_dir, split)
    texts: dict[str, str] = {}
    for _, fields in _rows(_one_file(folder, "*_abstracts*.tsv"), 3):
        if limit is not None and len(texts) >= limit:
            break
        texts[fields[0]] = fields[1] + " " + fields[2]
    entities: dict[str, list[Entity]] = {pmid: [] for pmid in texts}
    entities_path = _one_file(folder, "*_entities*.tsv")
    for number, fields in _rows(entities_path, 6):
        pmid = fields[0]
        if pmid not in texts:
            continue
        try:
            start, end = int(fields[3]), int(fields[4])
        except ValueError as exc:
            raise InputError(str(entities_path), f"bad offsets {fields[3]!r}, {fields[4]!r}", line=number) from exc
        entities[pmid].append(Entity(fields[1], fields[2], start, end, fields[5]))
    gold: set[tuple[str, str, str, str]] = set()
    for _, fields in _rows(_one_file(folder, "*_gold_standard.tsv"), 4):
        if fields[0] in texts and fields[1] in EVALUATED_GROUPS:
            gold.add((fields[0], fields[1], fields[2].removeprefix("Arg1:"), fields[3].removeprefix("Arg2:")))
    labels = {(p, c, g): group for p, group, c, g in sorted(gold)}
    candidates: list[Candidate] = []
    for pmid, text in texts.items():
        candidates.extend(_document_candidates(pmid, text, entities[pmid], labels))
    logger.info("ChemProt %s: %d abstracts, %d candidates, %d gold pairs", split, len(texts), len(candidates), len(gold))
    return ChemProtSplit(split, tuple(candidates), frozenset(gold), len(texts))


def training_labels(data_dir: Path, split: ChemProtSplit) -> list[str]:
    """A training label per candidate of ``split``: its evaluated group, else the unevaluated group the
    split's ``*_relations*.tsv`` gives the pair (``CPR:1/2/7/8/10``), else ``NONE``.

    Training on the unevaluated groups as classes of their own keeps related-but-unscored pairs
    ("regulates", "part of", "does not affect") out of ``NONE``, which the classifier then learns as
    "no relation stated" only; predictions of those classes count as ``NONE``.
    """
    path = _one_file(_split_dir(data_dir, split.name), "*_relations*.tsv")
    other: dict[tuple[str, str, str], str] = {}
    for _, fields in _rows(path, 6):
        if fields[1] not in EVALUATED_GROUPS:
            other[(fields[0], fields[4].removeprefix("Arg1:"), fields[5].removeprefix("Arg2:"))] = fields[1]
    return [c.label if c.label != NO_RELATION else other.get((c.pmid, c.chemical.ent_id, c.gene.ent_id), NO_RELATION)
            for c in split.candidates]


def _document_candidates(pmid: str, text: str, entities: list[Entity],
                         labels: dict[tuple[str, str, str], str]) -> Iterator[Candidate]:
    for sent_start, sent_end in split_sentences(text):
        inside = sorted((e for e in entities if e.start >= sent_start and e.end <= sent_end),
                        key=lambda e: (e.start, e.end))
        chemicals = [e for e in inside if e.is_chemical]
        genes = [e for e in inside if not e.is_chemical]
        for chemical in chemicals:
            for gene in genes:
                others = tuple(e for e in inside if e is not chemical and e is not gene)
                yield Candidate(pmid, text[sent_start:sent_end], sent_start, chemical, gene, others,
                                labels.get((pmid, chemical.ent_id, gene.ent_id), NO_RELATION))
