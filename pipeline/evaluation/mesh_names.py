"""MeSH names of drugs and diseases -> their MeSH ids, for ``evidence lexicon build``'s ``standard_ids.txt``.

BioRED and BC5CDR name chemicals and diseases by MeSH id; the drug dictionaries give few of them
(DrugBank and UNII have none; the drug-NER dictionary's are partial and often a class heading) and train
annotations give only the names train writes. The MeSH tables ``evidence lexicon fetch`` saves under
``mesh/`` (``mesh_id_label_mappings.tsv``: descriptor id, heading, synonyms, tree numbers;
``mesh_supp_id_label_mappings.tsv``: supplementary concept id, name, synonyms, the descriptors it maps
to) name the rest: "Periodontitis" D010518, "olanzapine" D000077152.

Rules, each for a measured reason (BioRED dev, README "Measured accuracy"):
- A descriptor names drugs when one of its tree numbers is under a ``DRUG`` prefix of
  ``mesh_tree_labels.tsv``, diseases under a ``DISEASE`` one; a supplementary concept takes the labels of
  the descriptors it maps to.
- A name two concepts share names neither. Descriptor names come before supplementary ones (a
  supplementary concept that repeats a heading's synonym is the narrower one).
- Each name is also keyed by its :func:`~pipeline.ner.concept_keys.concept_key` (``meshvariant:``):
  "Erlotinib Hydrochloride" names "erlotinib", "Brain Neoplasms" names "brain neoplasm"; a mention is
  looked up by it only after every exact name.
- Supplementary drug names are kept only where the compiled drug tables have the name (``drug_names``):
  there are 0.3 M of them, nearly all compounds no recogniser finds, and the table is loaded by every
  worker; the 13 k kept lose one BioRED dev concept against keeping all.
"""

from __future__ import annotations

import csv
import functools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..ner.concept_keys import concept_key
from ..ner.lexicon import LEXICON_DIR, squash
from ..ner.standard_ids import MESH_KEY, MESH_VARIANT_KEY
from ..tables import read_tsv
from .lexicon_fetch import DEFAULT_DEST

logger = logging.getLogger(__name__)

MESH_FOLDER = "mesh"  # under ``lexicon fetch``'s folder
DESCRIPTORS = "mesh_id_label_mappings.tsv"
SUPPLEMENTARY = "mesh_supp_id_label_mappings.tsv"


@functools.lru_cache(maxsize=1)
def _tree_labels() -> tuple[tuple[str, str], ...]:
    return tuple((prefix, label) for prefix, label in read_tsv(LEXICON_DIR / "mesh_tree_labels.tsv", columns=2,
                                                               header=True))


def labels_of_trees(trees: Iterable[str]) -> frozenset[str]:
    """The mention labels a heading with these tree numbers names ("C07.465" -> DISEASE): each tree
    number's longest matching prefix decides; a prefix labelled ``-`` names nothing (enzymes)."""
    labels = set()
    for tree in trees:
        matches = [(len(prefix), label) for prefix, label in _tree_labels() if tree.startswith(prefix)]
        if matches and (label := max(matches)[1]) != "-":
            labels.add(label)
    return frozenset(labels)


def _rows(path: Path, columns: int) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if len(row) < columns or not row[0] or not row[1]:
                raise InputError(str(path), f"line {number}: expected id, name, synonyms, ... "
                                            f"({columns} columns at least); got {row[:columns]}")
            yield row


def _names(row: list[str]) -> list[str]:
    return [row[1]] + [s for s in row[2].split("|") if s]


def mesh_folder(source_dir: Path, explicit: Path | None = None) -> Path | None:
    """The folder of the MeSH tables: ``explicit`` (an error if it lacks them), else ``<source_dir>/mesh``
    where it has them, else None (the build then adds no MeSH names)."""
    if explicit is not None:
        missing = [name for name in (DESCRIPTORS, SUPPLEMENTARY) if not (explicit / name).is_file()]
        if missing:
            raise InputError(str(explicit), f"no MeSH table {', '.join(missing)} here "
                                            "(`evidence lexicon fetch --only mesh` saves them)")
        return explicit
    return _with_tables(source_dir / MESH_FOLDER)


def command_line_mesh_folder(source_dir: Path, explicit: Path | None) -> Path | None:
    """``lexicon build``'s choice: ``explicit``, else ``<source_dir>/mesh``, else ``lexicon fetch``'s default
    ``.cache/lexicon_sources/mesh`` (a user who fetched MeSH alone and builds from other copies of the
    rest). Only the command line looks there: a build called from code reads what it is given."""
    return mesh_folder(source_dir, explicit) or _with_tables(DEFAULT_DEST / MESH_FOLDER)


def _with_tables(folder: Path) -> Path | None:
    return folder if (folder / DESCRIPTORS).is_file() and (folder / SUPPLEMENTARY).is_file() else None


def read_mesh_names(folder: Path, drug_names: frozenset[str]) -> dict[tuple[str, str], str]:
    """(label, ``mesh:<squashed name>`` or ``meshvariant:<concept key>``) -> ``MESH:<id>`` for the names of
    drugs and diseases (rules above); ``drug_names`` are squashed."""
    tiers = ("descriptor", "supplementary")
    found: dict[str, dict[tuple[str, str], set[str]]] = {t: defaultdict(set) for t in tiers}
    trees: dict[str, tuple[str, ...]] = {}

    def add(tier: str, labels: frozenset[str], concept: str, names: list[str]) -> None:
        for label in labels:
            for name in names:
                squashed = squash(name)
                if not squashed or (tier == "supplementary" and label == "DRUG" and squashed not in drug_names):
                    continue
                found[tier][(label, MESH_KEY + squashed)].add(concept)
                if key := concept_key(name, label):
                    found[tier][(label, MESH_VARIANT_KEY + key)].add(concept)

    for row in _rows(folder / DESCRIPTORS, 4):
        trees[row[0]] = tuple(t for t in row[3].split("|") if t)
        add("descriptor", labels_of_trees(trees[row[0]]), row[0], _names(row))
    for row in _rows(folder / SUPPLEMENTARY, 4):
        # the descriptors a concept maps to: "D007191,D011743" ("*" marks the main one)
        mapped = (m.strip().lstrip("*") for m in row[3].replace("|", ",").split(",") if m.strip())
        add("supplementary", labels_of_trees(t for m in mapped for t in trees.get(m, ())), row[0], _names(row))
    table: dict[tuple[str, str], str] = {}
    earlier: set[tuple[str, str]] = set()  # keys an earlier tier claimed, with one concept or several
    for tier in tiers:
        for key, concepts in found[tier].items():
            if key not in earlier and len(concepts) == 1:
                table[key] = "MESH:" + next(iter(concepts))
        earlier |= found[tier].keys()
    logger.info("MeSH names from %s: %d keys", folder, len(table))
    return table
