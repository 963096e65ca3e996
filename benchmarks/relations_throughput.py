"""Relation extraction throughput: prints measured numbers (not a test).

Usage (from the repository root, after `evidence ingest` and `evidence ner` into RUN_DIR):

    .venv/bin/python benchmarks/relations_throughput.py --run outputs [--repeat 3] \
        [--chemprot ../shared/data/benchmarks/ChemProt]

Measures the rule extractor over the run's documents (sentences/s, documents/s,
relations/s; best of ``--repeat``) and, with ``--chemprot``, the pair classifier's
prediction speed on the ChemProt test split (abstracts/s, pairs/s; model from
models/relations_chemprot.pkl or trained on the train split first).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.io import read_jsonl
from pipeline.records import Document, Mention, TableRow
from pipeline.relations.extract import extract_relations
from pipeline.stages import stage_path


def bench_extractor(run: Path, repeat: int, scope: str) -> None:
    documents = read_jsonl(stage_path(run, "documents"), Document)
    mentions = read_jsonl(stage_path(run, "mentions"), Mention)
    rows = read_jsonl(stage_path(run, "table1"), TableRow) if stage_path(run, "table1").exists() else []
    sentences = sum(len(d.sentences) for d in documents)
    best = float("inf")
    relations = []
    for _ in range(repeat):
        started = time.perf_counter()
        relations = extract_relations(documents, mentions, rows, agent_scope=scope)
        best = min(best, time.perf_counter() - started)
    print(f"extractor ({scope} agents): {len(documents)} documents, {sentences} sentences, {len(rows)} table rows, "
          f"{len(mentions)} mentions -> {len(relations)} relations")
    print(f"  best of {repeat}: {best:.3f}s = {len(documents) / best:.1f} documents/s, "
          f"{sentences / best:.0f} sentences/s, {len(relations) / best:.0f} relations/s")


def bench_chemprot(data: Path) -> None:
    from pipeline.evaluation.chemprot import load_split
    from pipeline.evaluation.relation_classifier import DEFAULT_MODEL_PATH, load_classifier, train_classifier

    if DEFAULT_MODEL_PATH.exists():
        classifier = load_classifier(DEFAULT_MODEL_PATH)
    else:
        classifier = train_classifier(load_split(data, "train").candidates)
    started = time.perf_counter()
    split = load_split(data, "test")
    loaded = time.perf_counter()
    classifier.predict(split.candidates)
    done = time.perf_counter()
    print(f"ChemProt test: load {loaded - started:.2f}s; predict {done - loaded:.2f}s = "
          f"{split.documents / (done - loaded):.0f} abstracts/s, {len(split.candidates) / (done - loaded):.0f} pairs/s "
          f"(load + predict: {split.documents / (done - started):.0f} abstracts/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, default=Path("outputs"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scope", choices=("project", "drugs", "chemicals"), default="project")
    parser.add_argument("--chemprot", type=Path, default=None)
    args = parser.parse_args()
    bench_extractor(args.run, args.repeat, args.scope)
    if args.chemprot:
        bench_chemprot(args.chemprot)


if __name__ == "__main__":
    main()
