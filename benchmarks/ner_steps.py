"""CPU time of the fast NER's text-level steps over the benchmark corpus (prints numbers; not a test).

Steps, each over the 1,524 abstracts of ``bench_corpus.load_benchmark_corpus``, best of ``--repeat``:
abbreviation definitions, match views, lexicon candidates, and the shape matchers run one after the
other per text as ``EntityRecognizer.find`` runs them (so that matchers sharing an ``@word`` row share
a text's word listing), then each shape matcher alone.

    nice .venv/bin/python benchmarks/ner_steps.py [--shared ../shared] [--repeat 7]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_corpus import load_benchmark_corpus  # noqa: E402

from pipeline.ner.definitions import find_definitions  # noqa: E402
from pipeline.ner.matcher import MatchView  # noqa: E402
from pipeline.ner.resources import get_matchers  # noqa: E402
from pipeline.ner.work import worker_nlp  # noqa: E402


def best_cpu(step: Callable[[], object], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs of ``step``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        step()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    texts = [d.text for part in load_benchmark_corpus(args.shared).values() for d in part]
    tokenizer = worker_nlp("fast").tokenizer
    lexicon, patterns = get_matchers(None)
    views = [MatchView(text) for text in texts]
    steps = {
        "definitions": lambda: [find_definitions(text, tokenizer) for text in texts],
        "match views": lambda: [MatchView(text) for text in texts],
        "lexicon candidates": lambda: [lexicon.candidates(view) for view in views],
        "shape matchers, per text": lambda: [p.candidates(view) for view in views for p in patterns],
    }
    for number, matcher in enumerate(patterns, start=1):
        name = f"  {number}. {type(matcher).__name__} {getattr(matcher, 'label', '')}"
        steps[name] = lambda matcher=matcher: [matcher.candidates(view) for view in views]
    print(f"{len(texts)} abstracts, best of {args.repeat} (CPU-s)")
    for name, step in steps.items():
        print(f"{name:<28} {best_cpu(step, args.repeat):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
