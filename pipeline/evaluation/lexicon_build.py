"""``evidence lexicon build``: compile HGNC, cell-line and train-split tables into the local cache.

Outputs (TSV in the lexicon table format, under ``.cache/lexicon/``):

- ``hgnc_genes.tsv``: approved symbols and their aliases/previous symbols. Symbols of one or two
  characters are dropped; the rest match case-sensitively, except symbols of four or more
  characters, which match in any case with a capital or digit (as written if ``capitalised_words.txt`` lists it).
  Dangerous aliases are dropped: an alias that is another gene's approved symbol or names two
  genes, and those in ``dangerous_aliases.txt`` (upper-case common words and abbreviations:
  "MN", "AGS", "NEU", "HGF", "RAC" ...).
- ``cellosaurus_cell_lines.tsv``: names and synonyms from the Cellosaurus-derived, Cell Model
  Passports and DepMap tables, keyed by CVCL accession (read in :mod:`.lexicon_cell_lines`).
- ``cued_cell_lines.tsv``: the names of those tables that count only before "cell(s)" ("HK2 cells",
  "CHO cells").
- ``train_names.tsv`` (with ``--corpus-train``): mention strings of the BioRED and BC5CDR train
  splits, kept when annotated in at least 30% of their occurrences in those texts (tuned on dev); every test
  PMID of every corpus is excluded, and ``learned_from.json`` records what was used. Disease names also get
  their spelling variants (:mod:`.disease_variants`), and CRAFT's MONDO names join them (:mod:`.craft_names`).
- ``vocabulary_primer.txt`` (with ``--corpus-train``): the most frequent whitespace-separated
  chunks of those train texts, tokenized once when a pipeline is built so that spaCy's tokenizer
  cache holds them (:mod:`pipeline.ner.vocabulary`); speed only, never what is found.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..ner.lexicon import DEFAULT_CACHE_DIR, Entry, squash, write_table
from ..ner.disease_spans import DISEASE_MODIFIERS_FILE, learn_modifiers, write_modifiers
from ..ner.disease_shapes import DISEASE_SHAPES_FILE, hand_written_shapes, learn_shapes, write_shapes
from ..ner.standard_ids import SINGLE_ID_LABELS, write_standard_ids
from ..ner.vocabulary import PRIMER_FILE, write_primer
from .craft_names import CRAFT_SPLITS, craft_disease_rows
from .disease_variants import add_spelling_variants
from .lexicon_cell_lines import CELL_LINE_FILES, cell_line_rows, read_list as _read_list, require_source as _require
from .lexicon_sources import (drug_dictionary_info, drug_rows, read_ncbi_genes, write_drug_common_words,
                              write_drug_source_ids)
from .mesh_names import mesh_folder, read_mesh_names
from .provenance import write_provenance
from .train_evidence import TrainEvidence, class_ids_from_train, count_occurrences

logger = logging.getLogger(__name__)

HGNC_FILE = "genes/hgnc_symbol_to_approved__HGNChelper_hgnc.table_2022-04-04.tsv"
HGNC_COMPLETE_FILE = "genes/hgnc_complete_set.txt"
HELD_OUT_CORPORA = (("biored", "BioRED"), ("bc5cdr", "BC5CDR"))
MIN_TRAIN_PRECISION = 0.3


def gene_rows(source_dir: Path, *, keep_dangerous: bool = False, evidence: "TrainEvidence | None" = None
              ) -> list[tuple[Entry, list[str], str]]:
    """HGNC approved symbols with their usable aliases, as (entry, aliases, case mode) rows.

    With the NCBI Gene tables in ``source_dir`` the official full names and NCBI aliases join the
    HGNC aliases, and each entry carries its ``NCBIGene:<id>`` as a cross-reference. The filters of
    :mod:`pipeline.evaluation.lexicon_sources` apply (ambiguity, short symbols, common words in train texts).
    """
    aliases: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    hgnc_ids: dict[str, str] = {}
    entrez: dict[str, str] = {}
    for symbol, approved, hgnc_id, entrez_id in _hgnc_pairs(source_dir):
        aliases[approved].add(symbol)
        owners[symbol.upper()].add(approved)
        if hgnc_id:
            hgnc_ids[approved] = hgnc_id
        if entrez_id:
            entrez[approved] = "NCBIGene:" + entrez_id
    ncbi_ids, ncbi_names = read_ncbi_genes(source_dir)
    ncbi_ids = {**entrez, **ncbi_ids}
    approved_upper = {a.upper() for a in aliases}
    for symbol, names in ncbi_names.items():
        if symbol in aliases:
            for name in names:
                aliases[symbol].add(name)
                owners[name.upper()].add(symbol)
    dangerous = {w.upper() for w in _read_list("dangerous_aliases.txt")}
    disease_heads, capitalised = ({w.lower() for w in _read_list(n)} for n in ("disease_heads.txt", "capitalised_words.txt"))
    if evidence is not None:
        evidence.count(n for names in aliases.values() for n in names)
    rows = []
    for approved in sorted(aliases):
        names = {approved}
        for alias in aliases[approved]:
            upper = alias.upper()
            if alias == approved:
                continue
            if not keep_dangerous and (upper in approved_upper or (
                    len(owners[upper]) > 1 and not _first_owner(approved, owners[upper], ncbi_ids, alias))):
                continue
            if evidence is not None and alias.upper() != alias and evidence.common_word(alias, "TARGET"):
                continue
            # NCBI lists disease names and their abbreviations as aliases ("Van der Woude syndrome", "XLH"),
            # and some aliases are drug abbreviations the train texts annotate as chemicals ("ASA", "NTG").
            if alias.lower().rsplit(" ", 1)[-1] in disease_heads or (evidence is not None and any(
                    evidence.prefers(squash(alias), other, "TARGET") for other in ("DISEASE", "DRUG"))):
                continue
            names.add(alias)
        if not keep_dangerous:
            names = {n for n in names if n.upper() not in dangerous}
        names = {n for n in names if len(n) > 2 and _LETTER.search(n) and not _SPREADSHEET_DATE.fullmatch(n)}
        if not names:
            continue
        xrefs = tuple(x for x in (ncbi_ids.get(approved), hgnc_ids.get(approved)) if x)
        entry = Entry(norm_id=approved, norm_name=approved, label="TARGET", source="hgnc", xrefs=xrefs)
        # An alias in capitals that the train texts use as an ordinary word ("SPATIAL", "BASE") matches only
        # as written: "Spatial learning" opening a sentence is no gene.
        english = {n for n in names if n.isalpha() and n.isupper() and evidence is not None
                   and evidence.common_word(n, "TARGET")}
        short = sorted(n for n in names if len(n) < 4 or n.lower() in capitalised  # "MARCH" not "March"
                       or n in english)
        long = sorted(n for n in names if len(n) >= 4 and not n.islower() and n.lower() not in capitalised
                      and n not in english)
        words = sorted(n for n in names if len(n) >= 4 and n.islower())  # full names: "interleukin 6"
        # A name the source writes in capitals ("ADIPONECTIN", "C-KIT") is a word, not an acronym: papers
        # write it in lower case too ("adiponectin", "c-kit"), unless the train texts use it as a common word.
        words += sorted({n.lower() for n in long if _capitalised_word(n)} - set(words)
                        - {n.lower() for n in long if evidence is not None and evidence.common_word(n, "TARGET")})
        for group, case in ((short, "cs"), (long, "cap"), (words, "ci")):
            if group:
                rows.append((entry, group, case))
    return rows


def _first_owner(approved: str, owners: set[str], ncbi_ids: dict[str, str], alias: str) -> bool:
    """Whether an alias several genes share ("p62", "PAR1") is kept for ``approved``: the gene NCBI numbered first.

    Any owner makes the mention a gene; the first-numbered is the longest-studied. Kept only for
    aliases of four characters or more, or mixing a lower-case letter and a digit: shorter ones are
    as often other abbreviations ("MR", "AR").
    """
    if len(alias) < 4 and not (any(c.islower() for c in alias) and any(c.isdigit() for c in alias)):
        return False
    numbers = {owner: int(ncbi_ids[owner].split(":")[1]) for owner in owners if owner in ncbi_ids}
    return bool(numbers) and approved in numbers and min(numbers, key=lambda o: (numbers[o], o)) == approved


# Protein words end in "-in" or "-ase" ("ADIPONECTIN", "PODOCIN", "TELOMERASE"); other long words in
# capitals are as often diseases or English ("ADRENOLEUKODYSTROPHY", "CRYPTIC"). "BETA-CATENIN", "C-KIT": a prefix.
_CAPITALISED_WORD = re.compile(r"(?:[A-Z]+-)?[A-Z]{5,}(?:IN|ASE)|[A-Z]-[A-Z]{3,}")


_LETTER = re.compile(r"[A-Za-z]")
# HGNChelper lists the dates a spreadsheet made of symbols ("3-Mar", "MAR-4", "03/04") as aliases: "3/4" and
# "3-5" of a text ("grade 3-5") became MARCHF4 and MARCHF5. Letterless aliases go too.
_SPREADSHEET_DATE = re.compile(r"(?i)\d{1,2}-(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
                               r"|(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-\d{1,2}")


def _capitalised_word(name: str) -> bool:
    """A gene name in capitals that reads as a protein word: "-in"/"-ase" of seven letters or more, or "C-KIT"."""
    return _CAPITALISED_WORD.fullmatch(name) is not None


def _hgnc_pairs(source_dir: Path) -> Iterator[tuple[str, str, str, str]]:
    """(symbol or alias, approved symbol, HGNC id, Entrez id) from the HGNChelper table or HGNC's complete set.

    The complete set (``genes/hgnc_complete_set.txt``, as ``lexicon fetch`` saves it) has ids; the
    HGNChelper table has none (empty strings).
    """
    helper, complete = source_dir / HGNC_FILE, source_dir / HGNC_COMPLETE_FILE
    if not helper.exists() and complete.exists():
        with complete.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                approved = row["symbol"].strip()
                if not approved or row.get("status", "Approved") != "Approved":
                    continue
                names = [approved] + [n for field in ("alias_symbol", "prev_symbol")
                                      for n in row.get(field, "").strip('"').split("|") if n.strip()]
                for name in names:
                    yield name.strip(), approved, row.get("hgnc_id", ""), row.get("entrez_id", "").strip()
        return
    with _require(helper).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            symbol, approved = row["Symbol"].strip(), row["Approved.Symbol"].strip()
            if symbol and approved:
                yield symbol, approved, "", ""


def train_rows(benchmarks: Path, exclude_splits: tuple[str, ...] = ("test",),
               gene_symbols: dict[str, str] | None = None, min_precision: float = MIN_TRAIN_PRECISION,
               train_splits: tuple[str, ...] = ("train",), exclude_ids: frozenset[str] = frozenset(),
               evidence: TrainEvidence | None = None, scored_corpus: str | None = None
               ) -> tuple[list[tuple[Entry, list[str], str]], set[str], set[str], list[str]]:
    """Names learned from the train splits, the train document ids used, the excluded ids and the train texts.

    Documents of ``exclude_splits`` of every corpus are left out (test always; add dev to tune on dev),
    and so are ``exclude_ids`` (a held-out fold of train, for cross-validation). With ``scored_corpus``
    only that corpus's held-out documents are left out: BioRED's train split holds 97 documents that are
    BC5CDR dev or test documents, which a cache for scoring BioRED learns from (it cannot score BC5CDR:
    the overlap check refuses).
    A gene name whose squashed form is an unambiguous HGNC symbol or alias (``gene_symbols``) is
    normalised to that symbol; other names keep the corpus id (MeSH, NCBI Gene, CVCL).
    ``evidence``, when given, is filled with the train texts and annotations (for the general sources' filters).
    """
    gene_symbols = gene_symbols or {}
    from ..corpora import load_corpus
    from .ner_scoring import corpus_label_map

    excluded: set[str] = set(exclude_ids)
    held_out = [(c, f) for c, f in HELD_OUT_CORPORA if scored_corpus in (None, c)]
    if not held_out:
        raise InputError(str(scored_corpus), f"not a corpus the lexicon learns from ({', '.join(c for c, _f in HELD_OUT_CORPORA)})")
    for (corpus, folder), split in ((c, s) for c in held_out for s in exclude_splits):
        excluded.update(d.doc_id for d in load_corpus(corpus, benchmarks / folder, split))
    used: set[str] = set()
    annotated: Counter[tuple[str, str]] = Counter()
    ids: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    texts: list[str] = []
    spans: list[list[tuple[int, int]]] = []
    for (corpus, folder), split in ((c, s) for c in HELD_OUT_CORPORA for s in train_splits):
        if split in exclude_splits:
            raise InputError(f"{corpus}:{split}", "cannot learn from a split that is held out")
        label_map = corpus_label_map(corpus)
        for document in load_corpus(corpus, benchmarks / folder, split):
            if document.doc_id in excluded or document.doc_id in used:
                continue
            used.add(document.doc_id)
            texts.append(document.document.text)
            spans.append([(m.start, m.end) for m in document.mentions])
            if evidence is not None:
                evidence.add(corpus, document.document.text,
                             [(m.text, label_map[m.label], _standard_ids(label_map[m.label], m.norm_id))
                              for m in document.mentions if m.label in label_map],
                             [(m.start, m.end) for m in document.mentions if label_map.get(m.label) == "DISEASE"])
            for mention in document.mentions:
                label = label_map.get(mention.label)
                if label and len(mention.text) >= 3:
                    annotated[(mention.text, label)] += 1
                    ids[(mention.text, label)][mention.norm_id or "-"] += 1
    names = {text for text, _label in annotated}
    occurrences = count_occurrences(names | {v for text in names for v in _case_variants(text)}, texts, spans)
    by_text: dict[str, Counter[str]] = defaultdict(Counter)
    for (text, label), n in annotated.items():
        by_text[text][label] += n
    rows = []
    for text, labels in sorted(by_text.items()):
        label, n = labels.most_common(1)[0]
        if n / max(occurrences.get(text, n), n) < min_precision:
            continue
        norm = ids[(text, label)].most_common(1)[0][0]
        # A name mostly annotated with several ids ("MMPs": 4312,4313) is a family: none of them is its id.
        norm = "-" if label in SINGLE_ID_LABELS and re.search("[|,;]", norm) else norm.split("|")[0].split(",")[0]
        prefix = {"DRUG": "MESH:", "DISEASE": "MESH:", "TARGET": "NCBIGene:", "CELL_LINE": ""}[label]
        norm_id = norm if norm.startswith(("MESH:", "NCBIGene:", "CVCL_")) or norm == "-" else prefix + norm
        if norm_id == "-":
            norm_id = f"train:{label.lower()}:{squash(text)}"
        norm_name = text
        if label == "TARGET" and squash(text) in gene_symbols:
            norm_id = norm_name = gene_symbols[squash(text)]
        entry = Entry(norm_id=norm_id, norm_name=norm_name, label=label, source="train")
        # A case variant the train texts write too must pass the bar itself: "Contrast" annotated at the
        # start of a sentence is no licence for the "contrast" of every "In contrast".
        forms = [text] + [v for v in _case_variants(text)
                          if sum(by_text.get(v, {}).values()) >= min_precision * occurrences.get(v, 0)]
        rows.append((entry, forms, "cs"))
    return rows, used, excluded, texts


def _case_variants(text: str) -> list[str]:
    """The other case a learned name is matched in: "Cisplatin" <-> "cisplatin" (one capital at most)."""
    if text[:1].isupper() and text[1:].islower():
        return [text.lower()]
    if text[:1].islower():
        return [text[:1].upper() + text[1:]]
    return []


def fold_ids(benchmarks: Path, corpus: str, k: int, n: int) -> frozenset[str]:
    """The document ids of fold ``k`` of ``n`` of ``corpus``'s train split (:mod:`.folds`)."""
    from ..corpora import load_corpus
    from .folds import fold

    folders = dict(HELD_OUT_CORPORA)
    if corpus not in folders:
        raise InputError(corpus, f"no train split to fold (one of {', '.join(folders)})")
    return frozenset(d.doc_id for d in fold(load_corpus(corpus, benchmarks / folders[corpus], "train"), k, n))


def _map_train_genes(rows: list[tuple[Entry, list[str], str]], genes: list[tuple[Entry, list[str], str]]
                     ) -> list[tuple[Entry, list[str], str]]:
    """Train gene names whose squashed form is an unambiguous HGNC symbol or alias take that symbol."""
    symbol_of = _unique_symbols(genes)
    xrefs_of = {entry.norm_id: entry.xrefs for entry, _aliases, _case in genes}
    human = {x for xrefs in xrefs_of.values() for x in xrefs}
    result = []
    for entry, forms, case in rows:
        key = squash(entry.norm_name)
        if entry.label == "TARGET" and human and entry.norm_id.startswith("NCBIGene:") and entry.norm_id not in human \
                and key not in symbol_of:
            # Another species' gene id would name that species' gene in every document; the ids learned per
            # document species (standard_ids.txt) give it where the document is of that species.
            entry = Entry(f"train:target:{key}", entry.norm_name, "TARGET", entry.source)
        elif entry.label == "TARGET" and key in symbol_of:
            symbol = symbol_of[key]
            own = (entry.norm_id,) if entry.norm_id.startswith("NCBIGene:") else ()  # any species: human id first
            entry = Entry(symbol, symbol, "TARGET", entry.source,
                          xrefs=tuple(dict.fromkeys(xrefs_of.get(symbol, ()) + own)))
        result.append((entry, forms, case))
    return result


def _standard_id(label: str, corpus_id: str | None) -> str:
    """A corpus id in the standard spelling: ``MESH:D...``, ``NCBIGene:<n>``, ``CVCL_...`` (first of a list)."""
    first = (corpus_id or "").split("|")[0].split(",")[0].split(";")[0].strip()
    if not first or first == "-" or first.startswith(("MESH:", "NCBIGene:", "CVCL_")):
        return first
    return {"DRUG": "MESH:", "DISEASE": "MESH:", "TARGET": "NCBIGene:"}.get(label, "") + first


def _standard_ids(label: str, corpus_id: str | None) -> str:
    """Every id of a corpus id list in the standard spelling, ``|``-separated ("4312,4313" -> two NCBIGene ids)."""
    pieces = (corpus_id or "").replace(",", "|").replace(";", "|").split("|")
    return "|".join(dict.fromkeys(i for i in (_standard_id(label, p) for p in pieces) if i and i != "-"))


def _unique_symbols(genes: list[tuple[Entry, list[str], str]]) -> dict[str, str]:
    """Squashed symbol or alias -> approved symbol, for names that point to one gene only."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry, aliases, _case in genes:
        for alias in aliases:
            owners[squash(alias)].add(entry.norm_id)
    return {key: next(iter(symbols)) for key, symbols in owners.items() if len(symbols) == 1}


def build_cache(source_dir: Path, *, cache_dir: Path | None = None, benchmarks: Path | None = None,
                keep_dangerous: bool = False, exclude_splits: tuple[str, ...] = ("test",),
                min_precision: float = MIN_TRAIN_PRECISION, train_splits: tuple[str, ...] = ("train",),
                exclude_ids: frozenset[str] = frozenset(), scored_corpus: str | None = None,
                mesh_dir: Path | None = None) -> dict[str, int]:
    """Write the compiled tables into ``cache_dir`` (default ``.cache/lexicon``); return row counts.

    The MeSH tables are read from ``mesh_dir``, else from where ``lexicon fetch`` saves them
    (:func:`~pipeline.evaluation.mesh_names.mesh_folder`); without them drugs and diseases get MeSH ids
    only from the train annotations and the drug dictionary, and the counts say so (``mesh_names=0``)."""
    mesh_dir = mesh_folder(source_dir, mesh_dir)
    cache_dir = cache_dir or DEFAULT_CACHE_DIR
    cache_dir.mkdir(parents=True, exist_ok=True)
    evidence = TrainEvidence() if benchmarks is not None else None
    learned = None
    if benchmarks is not None:
        learned = train_rows(benchmarks, tuple(dict.fromkeys(("test",) + exclude_splits)), {}, min_precision,
                             train_splits, exclude_ids, evidence, scored_corpus)
    genes = gene_rows(source_dir, keep_dangerous=keep_dangerous, evidence=evidence)
    approved = {squash(entry.norm_id) for entry, _aliases, _case in genes}
    gene_keys = {squash(alias) for _entry, aliases, _case in genes for alias in aliases}
    cell_lines = cell_line_rows(source_dir, approved, gene_keys)
    drugs, food_sources = drug_rows(source_dir, gene_keys, evidence, drug_dictionary_info())
    write_drug_source_ids(food_sources, cache_dir)
    counts = {"hgnc_rows": write_table(genes, cache_dir / "hgnc_genes.tsv"),
              "cell_line_rows": write_table((r for r in cell_lines if not r[0].need_right),
                                            cache_dir / "cellosaurus_cell_lines.tsv"),
              "cued_cell_line_rows": write_table((r for r in cell_lines if r[0].need_right),
                                                 cache_dir / "cued_cell_lines.tsv")}
    counts["drug_dictionary_common_words"] = write_drug_common_words(evidence, cache_dir)
    drug_path = cache_dir / "drug_names.tsv"
    if drugs:
        counts["drug_rows"] = write_table(drugs, drug_path)
    else:
        drug_path.unlink(missing_ok=True)
    train_path = cache_dir / "train_names.tsv"
    if learned is not None:
        rows, used, excluded, texts = learned
        rows = add_spelling_variants(_map_train_genes(rows, genes), evidence)
        rows += (craft := craft_disease_rows(benchmarks / "CRAFT", evidence, rows))
        counts["train_rows"] = write_table(rows, train_path)
        write_provenance(cache_dir, "lexicon cache (train_names.tsv)", [f"{c}:{s}" for c, _f in HELD_OUT_CORPORA
                         for s in train_splits] + [f"craft:{s}" for s in CRAFT_SPLITS if craft], used, excluded)
        counts["train_documents"] = len(used)
        counts["primer_chunks"] = write_primer(texts, cache_dir)
        counts["disease_modifiers"] = write_modifiers(cache_dir, learn_modifiers(evidence.disease_spans))
        counts["disease_endings"] = write_shapes(cache_dir, learn_shapes(evidence.disease_spans, hand_written_shapes()))
    else:  # nothing learned: no table of an earlier build may stay
        for name in (train_path.name, DISEASE_MODIFIERS_FILE, DISEASE_SHAPES_FILE, PRIMER_FILE, "learned_from.json"):
            (cache_dir / name).unlink(missing_ok=True)
    # Target-named classes take the id train gave their names ("COX-2 inhibitors" -> class:ptgs2_blocker).
    class_ids = class_ids_from_train(evidence.named_ids("DRUG"), _unique_symbols(genes)) if evidence else {}
    rows = genes + drugs + cell_lines + (learned[0] if learned else [])
    mesh = {}
    counts["mesh_names"] = 0
    if mesh_dir is not None:
        recognised = frozenset(squash(name) for entry, aliases, _case in rows if entry.label == "DRUG"
                               for name in (entry.norm_name, *aliases))
        mesh = read_mesh_names(mesh_dir, recognised)
        counts["mesh_names"] = len(mesh)
    counts["standard_ids"] = write_standard_ids(cache_dir, rows, evidence, class_ids, mesh)
    logger.info("lexicon cache %s: %s", cache_dir, counts)
    return counts
