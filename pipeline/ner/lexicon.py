"""Lexicon terms: the embedded curated tables, the drug dictionary and the compiled cache.

A *term* is one written form (``surface``) of one *entry* (an entity with its label,
identifier and canonical name). Loaders return :class:`Lexicon` objects; the matcher
compiles them into one automaton.

Table format (TSV, ``#`` comments): ``norm_id, norm_name, label, aliases, case,
drugbank_id, block_left, need_right, xrefs``. ``aliases`` are ``|``-separated; :func:`spelling_variants`
adds the hyphen / space / no-space variants of each. ``block_left`` lists words that veto a match
when they come just before it; ``need_right`` lists words one of which must come just after it
(a cell-line name that is also a gene symbol, "HK-2", counts only in "HK-2 cells"), or, for a name
alone in brackets, just before them ("tubular epithelial cells (HK-2)": :func:`bracket_cue`).
"""

from __future__ import annotations

import bz2
import csv
import functools
import importlib.util
import itertools
import logging
import pickle
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..context import DATA_DIR, PROJECT_DIR
from ..errors import InputError
from ..text import DASHES, SPACES, unify_dashes_and_spaces

logger = logging.getLogger(__name__)

LEXICON_DIR = DATA_DIR / "lexicon"
DEFAULT_CACHE_DIR = PROJECT_DIR / ".cache" / "lexicon"
LABELS = ("DRUG", "TARGET", "CELL_LINE", "DISEASE")
TABLE_COLUMNS = ("norm_id", "norm_name", "label", "aliases", "case", "drugbank_id", "block_left", "need_right",
                 "xrefs")
EMBEDDED_TABLES = ("agents.tsv", "agent_classes.tsv", "targets.tsv", "cell_lines.tsv", "diseases.tsv")

# Lower rank wins when two terms claim the same span (after length). Train-split names outrank the
# general tables: they carry the benchmark's own conventions (BioRED calls insulin a gene). A cell-line
# name followed by "cells" ("cued") outranks them: "HK2 cells" is the cell line even where HK2 was a gene.
SOURCE_RANK = {"curated": 0, "cellosaurus": 1, "cued": 2, "train": 3, "hgnc": 4, "drug": 5}
LABEL_RANK = {"CELL_LINE": 0, "TARGET": 1, "DRUG": 2, "DISEASE": 3}

_SPLIT = re.compile(r"[\s\-]+|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_GREEK_PIECES = frozenset({"alpha", "beta", "gamma", "delta", "epsilon", "kappa", "zeta", "theta"})
_MAX_VARIANT_PIECES = 4
# A code's number of four to six digits after a space or hyphen, as papers also write it with a
# thousands comma ("ICI 182,780", "RP 67,580" for the dictionaries' "ICI-182780", "RP 67580").
_CODE_NUMBER = re.compile(r"(?<=[A-Za-z][ -])(\d{1,3})(\d{3})$")


@dataclass(frozen=True)
class Entry:
    """One entity a lexicon knows: its label, identifier and canonical name."""

    norm_id: str
    norm_name: str
    label: str
    source: str = "curated"
    drugbank_id: str | None = None
    block_left: tuple[str, ...] = ()
    need_right: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()  # standard ids besides norm_id ("NCBIGene:3569", "MESH:D000068878")


CASE_MODES = ("ci", "cs", "cap", "upper")
_BRACKET_CUE = re.compile(r"([A-Za-z]+) \($")


def bracket_cue(text: str, start: int, end: int) -> str:
    """The word before a name that stands alone in brackets ("cells" in "epithelial cells (HK-2)"), lower
    case, else "": a name defined that way is named by that word as surely as by the word after it."""
    match = _BRACKET_CUE.search(text, max(0, start - 24), start) if text[end:end + 1] == ")" else None
    return match.group(1).lower() if match else ""


@dataclass(frozen=True)
class Term:
    """One written form of an entry.

    ``case``: ``"ci"`` any case; ``"cs"`` only as written; ``"cap"`` any case provided the
    text has a capital or a digit (so the gene "REST" never matches the word "rest");
    ``"upper"`` any case provided the text has a capital and keeps a capital initial ("KG-1", "Kg-1", not
    "kg-1"; "pA1", a plasmid or allele, is not the cell line PA1).
    """

    surface: str
    entry: Entry
    case: str = "ci"


@dataclass
class Lexicon:
    """A bag of terms from one or more sources."""

    terms: list[Term] = field(default_factory=list)

    def extend(self, other: "Lexicon") -> "Lexicon":
        self.terms.extend(other.terms)
        return self

    def entries(self) -> list[Entry]:
        """Distinct entries in the order of their first term (curated tables first), the same in every
        process: a set's order changes with the string hash seed, and the first entry of a name wins."""
        return list(dict.fromkeys(term.entry for term in self.terms))


_NEEDS_NORMALIZING = re.compile(r"[\s" + SPACES + DASHES + "]")


def normalize_surface(text: str) -> str:
    """Unify dashes and whitespace, drop whitespace after a hyphen (line-break hyphenation)."""
    if not _NEEDS_NORMALIZING.search(text):
        return text
    text = unify_dashes_and_spaces(text)
    text = re.sub(r"-\s+", "-", text)
    return re.sub(r"\s{2,}", " ", text)


def agent_id(canonical_name: str) -> str:
    """The project agent id: ``"agent:"`` + the name lower-cased, non-alphanumeric runs -> ``"-"``."""
    return "agent:" + re.sub(r"[^a-z0-9]+", "-", canonical_name.lower()).strip("-")


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")  # compiled once: squash runs for most mentions of every text


def squash(text: str) -> str:
    """Lower-case alphanumerics only: the key under which spelling variants of a name meet."""
    return _NOT_ALNUM.sub("", text.lower())


def spelling_variants(name: str, joins: tuple[str, ...] = ("", "-", " ")) -> set[str]:
    """The name with its pieces joined by hyphen, space or nothing ("CNTO 328", "CNTO-328", "CNTO328").

    Pieces are split at spaces, hyphens and letter/digit changes; names with more than
    four pieces only get the all-hyphen, all-space and all-joined forms. ``joins`` limits
    the separators (gene symbols take only "" and "-": "NRG1", "NRG-1").
    """
    name = normalize_surface(name.strip())
    pieces = [p for p in _SPLIT.split(name) if p]
    variants = {name}
    if len(pieces) < 2:
        return variants
    if len(pieces) > _MAX_VARIANT_PIECES:
        variants.update(j.join(pieces) for j in joins)
        return variants
    for chosen in itertools.product(joins, repeat=len(pieces) - 1):
        parts = [pieces[0]]
        for join, piece in zip(chosen, pieces[1:]):
            # Joining two letter pieces (or two digit pieces) with nothing makes a different word; in a gene
            # symbol (``joins`` without a space) a Greek letter's name is the exception: "IKK-beta" is written
            # "IKKβ", which the matcher spells "IKKbeta"; drug and disease names are not written so
            # ("interferon-gamma", never "interferonγ")
            if join == "" and parts[-1][-1:].isalpha() == piece[:1].isalpha() and not (
                    " " not in joins and piece.lower() in _GREEK_PIECES):
                break
            parts.append(join + piece)
        else:
            variants.add("".join(parts))
    if " " in joins:  # drug names, not gene symbols ("LINC01234" is never written with a comma)
        variants.update([_CODE_NUMBER.sub(r"\1,\2", v) for v in variants])
    return variants


def read_table(path: Path, source: str = "curated", *, variants: bool = True,
               joins: tuple[str, ...] = ("", "-", " ")) -> Lexicon:
    """Read one lexicon TSV into terms.

    Raises
    ------
    InputError
        Naming the file and line of a row with a missing column or an unknown label.
    """
    lexicon = Lexicon()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = (line for line in handle if not line.startswith("#"))
        reader = csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header[:4]) != TABLE_COLUMNS[:4]:
            raise InputError(str(path), f"header must start with {TABLE_COLUMNS[:4]}, got {header}")
        for line_number, row in enumerate(reader, start=2):
            if not row or not any(row):
                continue
            row = row + [""] * (len(TABLE_COLUMNS) - len(row))
            norm_id, norm_name, label, aliases, case, drugbank_id, block_left, need_right, xrefs = row[:9]
            if label not in LABELS:
                raise InputError(str(path), f"unknown label {label!r} (expected one of {LABELS})", line=line_number)
            if not norm_id or not aliases:
                raise InputError(str(path), "empty norm_id or aliases", line=line_number)
            entry = Entry(norm_id=norm_id, norm_name=norm_name or norm_id, label=label, source=source,
                          drugbank_id=drugbank_id or None,
                          block_left=tuple(w.lower() for w in block_left.split("|") if w),
                          need_right=tuple(w.lower() for w in need_right.split("|") if w),
                          xrefs=tuple(x for x in xrefs.split("|") if x))
            case = case.strip() or "ci"
            if case not in CASE_MODES:
                raise InputError(str(path), f"unknown case mode {case!r} (expected one of {CASE_MODES})",
                                 line=line_number)
            for alias in aliases.split("|"):
                if not alias.strip():
                    continue
                forms = spelling_variants(alias, joins) if variants else {normalize_surface(alias.strip())}
                lexicon.terms.extend(Term(form, entry, case) for form in sorted(forms))
    logger.debug("%s: %d terms", path, len(lexicon.terms))
    return lexicon


def write_table(rows: Iterable[tuple[Entry, Iterable[str], str]], path: Path) -> int:
    """Write entries with their aliases as a lexicon TSV (atomically); return the row count."""
    from ..io import atomic_writer

    count = 0
    with atomic_writer(path) as handle:
        handle.write("\t".join(TABLE_COLUMNS) + "\n")
        for entry, aliases, case in rows:
            alias_text = "|".join(a.replace("|", " ").replace("\t", " ") for a in aliases)
            if not alias_text:
                continue
            handle.write("\t".join((entry.norm_id, entry.norm_name, entry.label, alias_text,
                                    case, entry.drugbank_id or "",
                                    "|".join(entry.block_left), "|".join(entry.need_right),
                                    "|".join(entry.xrefs))) + "\n")
            count += 1
    return count


def load_embedded(agents_table: Path | None = None) -> Lexicon:
    """The hand-curated tables shipped in ``pipeline/data/lexicon``: the default, needing nothing else.

    ``agents_table`` replaces the IL-6 project's ``agents.tsv`` (a project file names its own agents).
    """
    lexicon = Lexicon()
    for name in EMBEDDED_TABLES:
        path = agents_table if name == "agents.tsv" and agents_table else LEXICON_DIR / name
        lexicon.extend(read_table(path, "curated"))
    return lexicon


def drugbank_ids() -> dict[str, str]:
    """Project agent id -> DrugBank id, for the embedded agents the drug dictionary knows.

    ``Mention`` has no field for a second identifier, so the DrugBank id of a mention normalised
    to an agent (``agent:tocilizumab`` -> ``DB06273``) is looked up here.
    """
    return {term.entry.norm_id: term.entry.drugbank_id
            for term in read_table(LEXICON_DIR / "agents.tsv", "curated", variants=False).terms
            if term.entry.drugbank_id}


def load_compiled(cache_dir: Path = DEFAULT_CACHE_DIR) -> Lexicon:
    """The tables written by ``evidence lexicon build`` (empty when the cache is absent)."""
    lexicon = Lexicon()
    if not cache_dir.is_dir():
        return lexicon
    for path in sorted(cache_dir.glob("*.tsv")):
        source = path.stem.split("_", 1)[0]
        # Train names are kept as written; gene symbols get hyphen variants ("NRG-1"), cell lines all.
        joins = ("", "-") if source == "hgnc" else ("", "-", " ")
        lexicon.extend(read_table(path, source, variants=source != "train", joins=joins))
    logger.info("compiled lexicon %s: %d terms", cache_dir, len(lexicon.terms))
    return lexicon


# Written by `evidence lexicon build` into the cache: DrugBank ids of foods, organisms and allergen sources.
DRUG_SOURCE_IDS = "drug_source_ids.txt"
# The drug dictionary's names that the train texts use often and rarely annotate as a chemical ("amino acids",
# "antioxidant", "normal saline"): the compiled DrugBank and UNII names pass the same test at build time,
# and a name they dropped came back through the dictionary (BioRED dev: 14 false DRUG mentions to 1 right).
DRUG_COMMON_WORDS = "drug_common_words.txt"


def drug_dictionary_path() -> Path:
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("drug_named_entity_recognition", "package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"


# MeSH "Chemical Actions and Uses": the pharmacological-action headings ("Antiviral Agents").
_ACTION_TREE = "D27."
_PROTEIN_TREES = ("D12.776", "D12.644")  # MeSH: Proteins; Peptides (adiponectin, bradykinin, insulin)
_GREEK = re.compile(r"(?<![a-z])(alpha|beta|gamma|delta|epsilon|kappa|zeta|theta)(?![a-z])")


@functools.lru_cache(maxsize=1)
def _small_molecule_trees() -> tuple[str, ...]:
    return tuple(w.upper() for w in _read_words("small_molecule_mesh_trees.txt"))


def _read_words(name: str) -> list[str]:
    with (LEXICON_DIR / name).open(encoding="utf-8") as handle:
        return [line.strip().lower() for line in handle if line.strip() and not line.startswith("#")]


_ENGINEERED_CELLS = re.compile(r"\bcar\b")  # chimeric antigen receptor: "CAR-T cells", "CAR NK cells"


def names_cells(name: str) -> bool:
    """A drug-dictionary name ending in "cell(s)" ("NK cells", "M cells": cell therapies' generic names) names
    cells in an abstract's sentence, never an applied drug; an engineered one ("CAR-T cells") is the therapy."""
    lower = name.lower()
    return lower.endswith((" cell", " cells")) and not _ENGINEERED_CELLS.search(lower)


def _names_a_protein(variant: str, info: dict, excluded: tuple[str, ...], inn_suffixes: tuple[str, ...]) -> bool:
    """True for a drug-dictionary name that is the protein rather than a drug made of it.

    A biologic whose MeSH headings are all protein, enzyme or biological-factor trees, or any of them a
    protein or peptide tree (adiponectin, bradykinin: BioRED genes), is written in
    abstracts as the gene product ("IL-12", "bFGF", "cytochrome c"); only its INN ("aldesleukin",
    "tocilizumab": ``biologic_inn_suffixes.txt``) names the drug. A variant naming a Greek-lettered
    subunit its drug's name lacks ("PKC-alpha" for aprinocarsen) is the drug's target. An entry filed
    under an amino-acid or chemical tree (``small_molecule_mesh_trees.txt``) names a small molecule.
    """
    if variant.endswith(inn_suffixes):
        return False
    trees = info.get("mesh_tree") or ()
    if any(t.startswith(_small_molecule_trees()) for t in trees):
        return False
    if excluded and trees and all(t.startswith(excluded) for t in trees):
        return True
    if any(t.startswith(_PROTEIN_TREES) for t in trees):
        return True
    greek = _GREEK.search(variant)
    return bool(greek) and greek.group(1) not in (info.get("name") or "").lower()


def mesh_holders(records: Iterable[dict]) -> Counter[str]:
    """How many of the drug dictionary's ``records`` carry each MeSH id (for :func:`own_mesh_id`)."""
    return Counter(r["mesh_id"] for r in records if r.get("mesh_id"))


def own_mesh_id(record: dict, holders: Counter[str]) -> str | None:
    """``MESH:<id>`` of a drug-dictionary record when that id is the record's own heading, else None.

    The dictionary often gives a drug its pharmacological action instead of its own heading
    (acarbose: "Glycoside Hydrolase Inhibitors", which the dictionary's record of that class carries
    too; ganciclovir and eight other drugs: "Antiviral Agents"). An id that another record (a drug
    or the class itself) also carries names a class; the class's own record, whose tree numbers are
    all action headings (D27), keeps it.
    """
    mesh = record.get("mesh_id")
    if not mesh:
        return None
    trees = record.get("mesh_tree") or ()
    if holders[mesh] == 1 or (trees and all(t.startswith(_ACTION_TREE) for t in trees)):
        return "MESH:" + mesh
    return None


def read_drug_dictionary() -> dict:
    """The bundled dictionary of ``drug-named-entity-recognition`` (``drug_variant_to_canonical``,
    ``drug_canonical_to_data``), read from its pickle directly: importing the package's finder would pull
    in its network helpers (structure and OMOP downloads), which a run must never touch."""
    with bz2.open(drug_dictionary_path(), "rb") as handle:
        return pickle.load(handle)  # noqa: S301 - the package's own bundled file


def load_drug_dictionary(min_length: int = 4, stopwords: Iterable[str] = (),
                         excluded_trees: Iterable[str] = (), excluded_ids: Iterable[str] = ()) -> Lexicon:
    """General drugs from the bundled dictionary of ``drug-named-entity-recognition`` (:func:`read_drug_dictionary`).

    Variants shorter than ``min_length`` and those in ``stopwords`` are dropped, and so are
    entries whose MeSH tree numbers all start with one of ``excluded_trees`` (protein, enzyme and
    drug-class headings), except their INN names (:func:`_names_a_protein`), and drugs whose DrugBank id
    is in ``excluded_ids`` (the foods and organisms ``evidence lexicon build`` found: :data:`DRUG_SOURCE_IDS`).
    """
    excluded = tuple(excluded_trees)
    skipped_ids = set(excluded_ids)
    inn_suffixes = tuple(_read_words("biologic_inn_suffixes.txt"))
    excluded = tuple(e.upper() for e in excluded)
    data = read_drug_dictionary()
    canonical_data = data["drug_canonical_to_data"]
    blocked = {s.lower() for s in stopwords}
    entries: dict[str, Entry] = {}
    holders = mesh_holders(canonical_data.values())
    lexicon = Lexicon()
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        if len(variant) < min_length or variant in blocked or not canonicals or names_cells(variant):
            continue
        canonical = canonicals[0]
        info = canonical_data.get(canonical, {})
        if info.get("drugbank_id") in skipped_ids or _names_a_protein(variant, info, excluded, inn_suffixes):
            continue
        entry = entries.get(canonical)
        if entry is None:
            drugbank = info.get("drugbank_id")
            mesh = own_mesh_id(info, holders)
            norm_id = drugbank or mesh or "drug:" + re.sub(r"[^a-z0-9]+", "-", canonical).strip("-")
            entry = Entry(norm_id=norm_id, norm_name=info.get("name") or canonical, label="DRUG",
                          source="drug", drugbank_id=drugbank)
            entries[canonical] = entry
        lexicon.terms.append(Term(variant, entry, "ci"))
    logger.info("drug dictionary: %d terms, %d drugs", len(lexicon.terms), len(entries))
    return lexicon
