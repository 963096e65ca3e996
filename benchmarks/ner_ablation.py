"""What each part of the NER pipeline contributes: strict F1 per label as parts are added.

A measurement script, not a test. Caches are built beforehand with ``evidence lexicon build``:

    nice -n 10 .venv/bin/evidence lexicon build --from ../shared/data/lexicons --cache-dir /tmp/lex_general
    nice -n 10 .venv/bin/evidence lexicon build --from ../shared/data/lexicons \\
        --corpus-train ../shared/data/benchmarks [--exclude-dev]          # -> .cache/lexicon
    nice -n 10 .venv/bin/python benchmarks/ner_ablation.py --corpus biored --split dev \\
        --general-cache /tmp/lex_general
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.corpora import load_corpus
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.evaluation.ner_scoring import apply_span_conventions, corpus_label_map, gold_mentions, score
from pipeline.ner.lexicon import DEFAULT_CACHE_DIR
from pipeline.evaluation.provenance import overlap_report, read_provenance

FOLDERS = {"biored": "BioRED", "bc5cdr": "BC5CDR", "jnlpba": "JNLPBA"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="biored", choices=sorted(FOLDERS))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--benchmarks", type=Path, default=Path("../shared/data/benchmarks"))
    parser.add_argument("--general-cache", type=Path, required=True, help="cache built without --corpus-train")
    parser.add_argument("--full-cache", type=Path, default=DEFAULT_CACHE_DIR, help="cache built with --corpus-train")
    args = parser.parse_args()

    documents = load_corpus(args.corpus, args.benchmarks / FOLDERS[args.corpus], args.split)
    report, shared = overlap_report((d.doc_id for d in documents),
                                    [read_provenance(args.full_cache)])
    print(report)
    if shared:
        raise SystemExit(f"refusing: {shared} evaluated documents were learned from")
    label_map = corpus_label_map(args.corpus)
    labels = sorted(set(label_map.values()))
    gold = gold_mentions(documents, label_map)
    texts = {d.doc_id: d.document.text for d in documents}
    no_parts = dict(drugs=False, patterns=False, abbreviations=False)
    rows = [
        ("embedded curated lexicon only", dict(compiled=False, **no_parts)),
        ("+ drug dictionary", dict(compiled=False, drugs=True, patterns=False, abbreviations=False)),
        ("+ HGNC & cell-line tables", dict(cache_dir=args.general_cache, drugs=True, patterns=False,
                                           abbreviations=False)),
        ("+ filtered train-split names", dict(cache_dir=args.full_cache, drugs=True, patterns=False,
                                              abbreviations=False)),
        ("+ shape patterns (cell lines, diseases)", dict(cache_dir=args.full_cache, abbreviations=False)),
        ("+ abbreviation propagation (= fast profile)", dict(cache_dir=args.full_cache)),
    ]
    print(f"\n{args.corpus} {args.split}: strict F1 (P/R) per label")
    print(f"{'configuration':<46} " + " ".join(f"{label:>17}" for label in labels + ["ALL"]))
    for name, options in rows:
        nlp = build_nlp(**options)
        predicted = apply_span_conventions(recognize_mentions([d.document for d in documents], nlp), texts,
                                           args.corpus)
        by_label = {s.label: s for s in score(gold, predicted, labels) if s.matching == "strict"}
        cells = [f"{by_label[label].f1:.3f} ({by_label[label].precision:.2f}/{by_label[label].recall:.2f})"
                 for label in labels + ["ALL"]]
        print(f"{name:<46} " + " ".join(f"{cell:>17}" for cell in cells))


if __name__ == "__main__":
    main()
