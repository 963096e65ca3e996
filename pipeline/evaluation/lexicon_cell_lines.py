"""Cell-line rows of the compiled lexicon, from the Cellosaurus-keyed tables (sdrf, Cell Model Passports,
DepMap), and the small helpers every lexicon source reader shares."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

from ..errors import InputError
from ..ner.lexicon import LEXICON_DIR, Entry, squash
from ..tables import read_word_list

# Cellosaurus writes a name that several lines share with the line's origin in brackets ("HK-2 [Human kidney]",
# "PC-3 [Human lung carcinoma]"): texts never do, so the bracket is dropped and the bare name is claimed like
# any other (the line the tables name most keeps it).
_DISAMBIGUATION = re.compile(r"\s*\[[^\]]*\]$")

CELL_LINE_FILES = {
    "sdrf": "cell_lines/sdrf_cellline_metadata_db__cl-annotations-db.tsv",
    "passports": "cell_lines/cell_model_passports__model_list_20240110.csv",
    "depmap": "cell_lines/depmap__Model.csv",
}


def read_list(name: str) -> set[str]:
    return set(read_word_list(LEXICON_DIR / name))


def require_source(path: Path) -> Path:
    if not path.exists():
        raise InputError(str(path), "lexicon source file not found")
    return path


def bare_name(name: str) -> str:
    """A table's cell-line name without quotes and without Cellosaurus's bracketed origin ("BJ [Human fibroblast]")."""
    return _DISAMBIGUATION.sub("", name.strip().strip('"'))


def cell_line_rows(source_dir: Path, gene_symbols: set[str] = frozenset(), gene_aliases: set[str] = frozenset()
                   ) -> list[tuple[Entry, list[str], str]]:
    """Cell-line names and synonyms keyed by CVCL accession, as (entry, aliases, case mode) rows.

    Names with a digit match in any case that has a capital ("KG-1", not "kg-1"); names without
    one ("HeLa", "Jurkat") match only as written. Names that are only digits are dropped. Names
    whose squashed form is an approved gene symbol in ``gene_symbols`` ("HK2", "CHL-1"), synonyms (not
    the line's own name) that are a gene alias in ``gene_aliases`` ("AP-2" of CRO-AP2 is the factor
    TFAP2A, "CD18" of HPAF-II the integrin), dangerous aliases, and names without a digit that are
    upper-case or capitalised words ("CHO", "Raji") match only when a word of ``cell_line_cues.txt``
    follows ("HK2 cells"): rows with ``need_right``. A line's own name that is an alias ("PC-3",
    "THP-1") stays: it is how the line is written.
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    canonical: dict[str, str] = {}

    def add(accession: str, name: str, weight: int = 1) -> None:
        accession, name = accession.strip(), bare_name(name)
        if not accession.startswith("CVCL_") or not name or name.upper() in {"NAN", "NOT AVAILABLE"}:
            return
        names[accession][name] += weight

    with require_source(source_dir / CELL_LINE_FILES["sdrf"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            accession = row.get("cellosaurus accession", "")
            add(accession, row.get("cellosaurus name", ""), 3)
            canonical.setdefault(accession, bare_name(row.get("cellosaurus name", "")))
            for synonym in re.split(r"[;,]", row.get("synonyms", "")):
                if any(c.isdigit() for c in synonym) and " CELL" not in synonym.upper() and "-CTRL" not in synonym.upper():
                    add(accession, synonym)
    with require_source(source_dir / CELL_LINE_FILES["passports"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("model_type") != "Cell Line":
                continue
            add(row.get("RRID", ""), row.get("model_name", ""), 2)
            canonical.setdefault(row.get("RRID", "").strip(), row.get("model_name", "").strip())
            for synonym in row.get("synonyms", "").split(";"):
                add(row.get("RRID", ""), synonym)
    with require_source(source_dir / CELL_LINE_FILES["depmap"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            add(row.get("RRID", ""), row.get("CellLineName", ""), 2)
            add(row.get("RRID", ""), row.get("StrippedCellLineName", ""))
            canonical.setdefault(row.get("RRID", "").strip(), row.get("CellLineName", "").strip())
    dangerous = {w.upper() for w in read_list("dangerous_aliases.txt")}
    cues = tuple(sorted(w.lower() for w in read_list("cell_line_cues.txt")))
    # A squashed name claimed by two accessions ("MCF7" vs a derivative) stays with the more frequent.
    claims: dict[str, Counter[str]] = defaultdict(Counter)
    for accession, counter in names.items():
        for name, weight in counter.items():
            claims[squash(name)][accession] += weight
    rows = []
    for accession in sorted(names):
        with_digit, without_digit, cued_digit, cued = [], [], [], []
        for name in sorted(names[accession]):
            key = squash(name)
            if len(key) < 3 or key.isdigit() or claims[key].most_common(1)[0][0] != accession:
                continue
            digit = any(c.isdigit() for c in name)
            alias = key in gene_aliases and key != squash(canonical.get(accession, ""))
            if key in gene_symbols or alias or name.upper() in dangerous:
                (cued_digit if digit else cued).append(name)
            elif digit:
                with_digit.append(name)
            elif name.isupper() or (len(name) >= 4 and name[:1].isupper() and name[1:].islower()):
                cued.append(name)  # "CHO", and "Becker", "Raji": surnames and words on their own
            elif len(name) >= 4:
                without_digit.append(name)
        entry = Entry(norm_id=accession, norm_name=canonical.get(accession) or accession, label="CELL_LINE",
                      source="cellosaurus")
        cued_entry = Entry(entry.norm_id, entry.norm_name, entry.label, entry.source, need_right=cues)
        for group, row_entry, case in ((with_digit, entry, "upper"), (without_digit, entry, "cs"),
                                       (cued_digit, cued_entry, "upper"), (cued, cued_entry, "cs")):
            if group:
                rows.append((row_entry, group, case))
    return rows
