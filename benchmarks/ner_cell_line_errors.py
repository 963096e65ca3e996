"""Error analysis of CELL_LINE mentions on BioRED train (k-fold) and dev: counts per cause, with examples.

A measurement script, not a test. No split is scored with names learned from it: for dev the
train names come from train only (as ``lexicon build --exclude-dev``); for each train fold they
come from the other folds. The test split is never read here except to exclude its PMIDs.

    nice -n 10 .venv/bin/python benchmarks/ner_cell_line_errors.py --folds 3 [--no-dev] [--examples 15]

Prints strict P/R/F1 of all four labels per evaluated part and summed, then the CELL_LINE false
negatives and false positives sorted into causes:

- ``boundary``: a predicted CELL_LINE overlaps the gold span but starts or ends elsewhere;
- ``other label``: a prediction of another label covers the gold span (gene symbol, drug, abbreviation);
- ``in tables, not matched``: the squashed gold name is a name of the shared cell-line tables or of
  the curated table (so a spelling, case or filtering rule lost it);
- ``dropped by compiler``: the raw shared tables have the name but the compiled cache does not;
- ``absent from tables``: no table names it.

Measured 2026-11-25 (3 folds): train CELL_LINE strict F1 .798 before the cued names, document
repetition and abbreviation guards, .859 after (dev .909 both; DISEASE/DRUG/TARGET unchanged).
Train false negatives before: 14 absent from every table, 9 taken by a gene symbol ("HK2", "HEK"),
3 boundary ("SCID-HuH-7"), 0 dropped by the compiler; after: 10 absent, 2 other label, 3 boundary.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.corpora import load_corpus
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.evaluation.lexicon_build import CELL_LINE_FILES, build_cache
from pipeline.evaluation.ner_scoring import corpus_label_map, gold_mentions, score
from pipeline.ner.lexicon import LEXICON_DIR, squash

LABELS = ("CELL_LINE", "DISEASE", "DRUG", "TARGET")


def raw_table_names(source: Path) -> set[str]:
    """Squashed names and synonyms of every row of the shared cell-line tables, before any filter."""
    names: set[str] = set()
    with (source / CELL_LINE_FILES["sdrf"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for value in [row.get("cell line", ""), row.get("cellosaurus name", "")] + re.split(
                    r"[;,]", row.get("synonyms", "")):
                names.add(squash(value))
    with (source / CELL_LINE_FILES["passports"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for value in [row.get("model_name", "")] + row.get("synonyms", "").split(";"):
                names.add(squash(value))
    with (source / CELL_LINE_FILES["depmap"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for value in (row.get("CellLineName", ""), row.get("StrippedCellLineName", ""),
                          row.get("CCLEName", "").split("_")[0]):
                names.add(squash(value))
    names.discard("")
    return names


def table_names(path: Path) -> set[str]:
    """Squashed CELL_LINE aliases of one lexicon TSV."""
    names = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) > 3 and parts[2] == "CELL_LINE":
                names.update(squash(a) for a in parts[3].split("|"))
    return names


def evaluate(documents, cache: Path):
    nlp = build_nlp(cache_dir=cache)
    predicted = recognize_mentions([d.document for d in documents], nlp)
    gold = gold_mentions(documents, corpus_label_map("biored"))
    return gold, predicted


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % folds


def classify(gold, predicted, texts, compiled: set[str], raw: set[str]):
    gold_cl = {(m.doc_id, m.start, m.end): m for m in gold if m.label == "CELL_LINE"}
    pred_cl = {(m.doc_id, m.start, m.end): m for m in predicted if m.label == "CELL_LINE"}
    pred_by_doc = defaultdict(list)
    for m in predicted:
        pred_by_doc[m.doc_id].append(m)
    gold_by_doc = defaultdict(list)
    for m in gold:
        gold_by_doc[m.doc_id].append(m)
    fn: dict[str, list[str]] = defaultdict(list)
    for key, g in gold_cl.items():
        if key in pred_cl:
            continue
        near = [p for p in pred_by_doc[g.doc_id] if p.start < g.end and g.start < p.end]
        if any(p.label == "CELL_LINE" for p in near):
            p = next(p for p in near if p.label == "CELL_LINE")
            cause, shown = "boundary", f"{g.text!r} predicted {p.text!r}"
        elif near:
            p = near[0]
            cause, shown = "other label", f"{g.text!r} as {p.label}/{p.source} {p.text!r}"
        elif squash(g.text) in compiled:
            cause, shown = "in tables, not matched", repr(g.text)
        elif squash(g.text) in raw:
            cause, shown = "dropped by compiler", repr(g.text)
        else:
            cause, shown = "absent from tables", repr(g.text)
        context = texts[g.doc_id][max(0, g.start - 30):g.end + 30].replace("\n", " ")
        fn[cause].append(f"{shown}  ...{context}...")
    fp: dict[str, list[str]] = defaultdict(list)
    for key, p in pred_cl.items():
        if key in gold_cl:
            continue
        near = [g for g in gold_by_doc[p.doc_id] if g.start < p.end and p.start < g.end]
        if any(g.label == "CELL_LINE" for g in near):
            cause = "boundary"
        elif near:
            cause = f"gold {near[0].label}"
        else:
            cause = "not annotated"
        context = texts[p.doc_id][max(0, p.start - 30):p.end + 30].replace("\n", " ")
        fp[f"{cause} ({p.source})"].append(f"{p.text!r}  ...{context}...")
    return fn, fp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=Path, default=Path("../shared/data/benchmarks"))
    parser.add_argument("--lexicons", type=Path, default=Path("../shared/data/lexicons"))
    parser.add_argument("--folds", type=int, default=3, help="train folds (0: skip train)")
    parser.add_argument("--no-dev", action="store_true")
    parser.add_argument("--examples", type=int, default=10)
    parser.add_argument("--work", type=Path, default=None, help="folder for the caches (default: a temp dir)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="cell_line_errors_"))
    corpus = args.benchmarks / "BioRED"
    raw = raw_table_names(args.lexicons)
    curated = table_names(LEXICON_DIR / "cell_lines.tsv")
    parts = []
    if not args.no_dev:
        cache = work / "dev"
        build_cache(args.lexicons, cache_dir=cache, benchmarks=args.benchmarks, exclude_splits=("test", "dev"))
        parts.append(("dev", load_corpus("biored", corpus, "dev"), cache))
    if args.folds:
        train = load_corpus("biored", corpus, "train")
        for k in range(args.folds):
            held = [d for d in train if fold_of(d.doc_id, args.folds) == k]
            cache = work / f"fold{k}"
            build_cache(args.lexicons, cache_dir=cache, benchmarks=args.benchmarks, exclude_splits=("test", "dev"),
                        exclude_ids=frozenset(d.doc_id for d in held))
            parts.append((f"train fold {k}", held, cache))

    totals: dict[str, Counter] = {"dev": Counter(), "train": Counter()}
    fn_all: dict[str, dict[str, list[str]]] = {"dev": defaultdict(list), "train": defaultdict(list)}
    fp_all: dict[str, dict[str, list[str]]] = {"dev": defaultdict(list), "train": defaultdict(list)}
    for name, documents, cache in parts:
        gold, predicted = evaluate(documents, cache)
        group = "dev" if name == "dev" else "train"
        for s in score(gold, predicted, LABELS):
            if s.matching == "strict":
                totals[group].update({(s.label, "gold"): s.gold, (s.label, "pred"): s.predicted,
                                      (s.label, "tp"): s.correct_gold})
        compiled = table_names(cache / "cellosaurus_cell_lines.tsv") | table_names(
            cache / "cued_cell_lines.tsv") | curated
        texts = {d.doc_id: d.document.text for d in documents}
        fn, fp = classify(gold, predicted, texts, compiled, raw)
        for cause, items in fn.items():
            fn_all[group][cause].extend(items)
        for cause, items in fp.items():
            fp_all[group][cause].extend(items)

    for group in ("dev", "train"):
        if not totals[group]:
            continue
        print(f"\n=== {group} ({'100 documents' if group == 'dev' else f'{args.folds}-fold cross-validation'})")
        for label in LABELS + ("ALL",):
            g = sum(totals[group][(lb, "gold")] for lb in LABELS) if label == "ALL" else totals[group][(label, "gold")]
            p = sum(totals[group][(lb, "pred")] for lb in LABELS) if label == "ALL" else totals[group][(label, "pred")]
            tp = sum(totals[group][(lb, "tp")] for lb in LABELS) if label == "ALL" else totals[group][(label, "tp")]
            precision, recall = (tp / p if p else 0.0), (tp / g if g else 0.0)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(f"strict {label:<10} gold {g:>5} pred {p:>5}  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
        for title, table in (("CELL_LINE false negatives", fn_all[group]), ("CELL_LINE false positives",
                                                                             fp_all[group])):
            print(f"-- {title}: {sum(len(v) for v in table.values())}")
            for cause, items in sorted(table.items(), key=lambda kv: -len(kv[1])):
                print(f"   {cause}: {len(items)}")
                for item in items[:args.examples]:
                    print(f"      {item}")


if __name__ == "__main__":
    main()
