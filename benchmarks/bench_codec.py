"""Per-record cost of writing and reading stage files, on the benchmark corpus: prints measured µs (not a test).

Encodes the corpus's segmented documents and their fast-profile mentions with ``io.json_line``
and with the spelling it replaced (``json.dumps(to_jsonable(record), ensure_ascii=False)``),
reads them back (``json.loads``, then ``io.from_dict``), and times ``annotate_chunk`` against
``annotate_lines`` over the corpus (the encoding a refresh's workers add). CPU time, best of
``--repeat``. ``--project PATH`` times the ``pipeline`` package of another checkout (a git worktree
of an earlier commit, for before/after figures); what that checkout lacks is skipped.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_codec.py [--shared ../shared] [--project PATH] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--project", type=Path, default=HERE.parent, help="checkout whose pipeline package is timed")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    sys.path[:0] = [str(args.project.resolve()), str(HERE)]
    from bench_corpus import load_benchmark_corpus

    import pipeline.io as io
    from pipeline.ingest.corpus import segment_document
    from pipeline.parallel import chunked

    try:  # checkouts from before the stage rooms held their own work functions
        from pipeline.parallel import annotate_chunk, worker_nlp
        from pipeline import parallel as annotate
    except ImportError:
        import annotate
        from annotate import annotate_chunk
        from pipeline.ner.work import worker_nlp
    from pipeline.records import Document, Mention

    documents = [segment_document(d) for part in load_benchmark_corpus(args.shared).values() for d in part]
    worker_nlp("fast")
    chunks = list(chunked(documents, 64))
    mentions = [m for chunk in chunks for found, _ in annotate_chunk(chunk) for m in found]
    print(f"pipeline from {args.project.resolve()}: {len(documents)} documents, {len(mentions)} mentions")

    def cpu_seconds(work, repeat: int = args.repeat) -> float:  # noqa: ANN001 - a callable
        # time.process_time, not os.times: its 10 ms ticks were coarse for 1,524 documents
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
        return best

    def per_record(name: str, records: list, function) -> None:  # noqa: ANN001 - any records, any callable
        seconds = cpu_seconds(lambda: [function(r) for r in records])
        print(f"  {name:<52} {seconds / len(records) * 1e6:8.2f} µs per record")

    def old_spelling(record: object) -> str:
        return json.dumps(io.to_jsonable(record), ensure_ascii=False)

    for label, records, cls in (("Document", documents, Document), ("Mention", mentions, Mention)):
        lines = [old_spelling(r) for r in records]
        per_record(f"{label}: json.dumps(to_jsonable(...))", records, old_spelling)
        if hasattr(io, "json_line"):
            assert [io.json_line(r) for r in records] == lines, "json_line must write the same bytes"
            per_record(f"{label}: io.json_line", records, io.json_line)
        per_record(f"{label}: json.loads", lines, json.loads)
        values = [json.loads(line) for line in lines]
        per_record(f"{label}: io.from_dict", values, lambda value, cls=cls: io.from_dict(cls, value))

    if not hasattr(annotate, "annotate_lines"):
        records = cpu_seconds(lambda: [annotate_chunk(chunk) for chunk in chunks])
        print(f"  annotate_chunk (records) over the corpus               {records:8.3f} CPU-s")
        return 0
    records = lines = float("inf")
    for _ in range(max(1, args.repeat)):  # taking turns, so a slow spell of the host falls on both
        records = min(records, cpu_seconds(lambda: [annotate_chunk(chunk) for chunk in chunks], 1))
        lines = min(lines, cpu_seconds(lambda: [annotate.annotate_lines(chunk) for chunk in chunks], 1))
    print(f"  annotate_chunk (records) over the corpus               {records:8.3f} CPU-s")
    print(f"  annotate_lines (records encoded as lines)              {lines:8.3f} CPU-s "
          f"({lines - records:+.3f}, {(lines / records - 1) * 100:+.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
