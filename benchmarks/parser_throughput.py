"""Parser throughput in sentences per CPU-second, beside the bare project tokenizer, in one run.

A measurement script, not a test: it prints what it measures. One process; CPU time is
``time.process_time`` (all threads of this process), so other jobs on the machine do not inflate it.
Sentences: GENIA dev (PubMed abstracts) and CRAFT dev (full-text articles), as plain text, each
parsed as one sentence by ``pipeline.parser.parse_sentences``. The bare tokenizer is timed on a fresh
copy of the model (cold cache) and again warm, which is how the parse is timed (best of ``--repeat``).

    nice -n 10 .venv/bin/python benchmarks/parser_throughput.py [--treebanks ../shared/data/treebanks] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from pipeline.evaluation.parser_data import treebank_sentences
from pipeline.parser import DEFAULT_MODEL_DIR, load_parser, parse_sentences


def best_cpu_seconds(work, repeat: int) -> float:
    """The least CPU time of ``repeat`` calls of ``work()``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebanks", type=Path, default=Path("../shared/data/treebanks"))
    parser.add_argument("--model-dir", type=Path, default=None, help="parser model (default: the shipped one)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = load_parser(args.model_dir)
    print(f"model: {args.model_dir or 'shipped'}; pipeline: {nlp.pipe_names}")
    for treebank in ("genia", "craft"):
        texts = [s.text for s in treebank_sentences(treebank, "dev", args.treebanks)]
        # The tokenizer caches the words it has split; a fresh copy of the model measures it cold first.
        fresh = spacy.load(args.model_dir or DEFAULT_MODEL_DIR)
        started = time.process_time()
        tokens = sum(len(fresh.make_doc(text)) for text in texts)
        cold = time.process_time() - started
        parse_sentences(texts, model_dir=args.model_dir)  # warm-up: model loaded, tokenizer cache filled
        bare = best_cpu_seconds(lambda: [nlp.make_doc(text) for text in texts], args.repeat)
        full = best_cpu_seconds(lambda: parse_sentences(texts, model_dir=args.model_dir), args.repeat)
        print(f"{treebank} dev: {len(texts)} sentences, {tokens} project tokens ({tokens / len(texts):.1f} a sentence)")
        print(f"  tokenizer only, cold    : {len(texts) / cold:8.0f} sentences/CPU-s ({cold:.2f} CPU-s)")
        print(f"  tokenizer only, warm    : {len(texts) / bare:8.0f} sentences/CPU-s ({bare:.2f} CPU-s)")
        print(f"  tokenizer + tag + parse : {len(texts) / full:8.0f} sentences/CPU-s ({full:.2f} CPU-s, "
              f"{tokens / full:.0f} tokens/CPU-s)")


if __name__ == "__main__":
    main()
