"""Peak memory of the real ``evidence ingest|ner|relations`` stages, each in a fresh process, per input scale.

Used by ``bench_pipeline.py --memory-scales``. Run as a script, this file is the child
process: it runs the next stage of a run folder and prints its peak RSS as JSON::

    .venv/bin/python benchmarks/bench_memory.py INPUT.xml.gz RUN_DIR --profile default
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_measure import _status_mb, peak_rss_mb, rate, timed  # noqa: E402
from pipeline.context import DEFAULT_PROFILE, PROFILES  # noqa: E402
from pipeline.pubmed.baseline import write_baseline_file  # noqa: E402
from pipeline.records import Document  # noqa: E402
from pipeline.stages import STAGE_FILES  # noqa: E402


def repeated(documents: list[Document], scale: int) -> Iterator[Document]:
    """``documents`` ``scale`` times over; each copy gets its own doc id and a fresh PMID."""
    pmids = itertools.count(MEMORY_FIRST_PMID)
    for copy in range(scale):
        for document in documents:
            doc_id = document.doc_id if copy == 0 else f"{document.doc_id}#copy{copy}"
            yield replace(document, doc_id=doc_id, pmid=str(next(pmids)))


MEMORY_FIRST_PMID = 40_000_000
MEMORY_STAGES = ("ingest", "ner", "relations")
MEMORY_OUTPUTS = {"ingest": STAGE_FILES["documents"], "ner": STAGE_FILES["mentions"], "relations": STAGE_FILES["relations"]}


def _next_stage(run_dir: Path) -> str:
    for stage in MEMORY_STAGES:
        if not (run_dir / MEMORY_OUTPUTS[stage]).exists():
            return stage
    raise RuntimeError(f"{run_dir}: every measured stage has run already")


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def memory_child(input_path: Path, output_path: Path, profile: str, workers: int, chunk_size: int) -> None:
    """Run the next stage of the run folder ``output_path`` through the real CLI; print its peak RSS as JSON.

    The stage is the first of ingest, NER, relations whose output file is missing, so
    three calls in fresh processes are ``evidence ingest --pubmed-baseline INPUT --out DIR``,
    ``evidence ner --out DIR`` and ``evidence relations --out DIR``. The peak (VmHWM) is
    the whole process's: imports, the NER pipeline build and the streaming.
    """
    from pipeline.cli import main as evidence

    stage = _next_stage(output_path)
    arguments = [stage, "--out", str(output_path), "--profile", profile, "--workers", str(workers),
                 "--chunk-size", str(chunk_size)]
    if stage == "ingest":
        arguments += ["--pubmed-baseline", str(input_path), "--pubmed-cache", str(output_path / "no-pubmed-cache")]
    timing, code = timed(lambda: evidence(arguments))
    if code not in (0, 4):  # 4: some input items were rejected (reported), the stage still ran
        raise SystemExit(f"evidence {stage} exited with {code}")
    print(json.dumps({"stage": stage, "exit_code": code, "records": _count_lines(output_path / MEMORY_OUTPUTS[stage]),
                      "seconds": timing.wall, "cpu_seconds": timing.cpu, "peak_rss_mb": peak_rss_mb(),
                      "rss_end_mb": _status_mb("VmRSS")}))


def measure_memory(documents: list[Document], scales: list[int], profile: str, workers: int,
                   extra: list[Document] | None = None, chunk_size: int = 64) -> list[dict]:
    """Peak RSS of the real ingest, NER and relations stages, each in a fresh process, per input scale.

    Each input is written as a PubMed baseline file (``pubmed26nNNNN.xml.gz``): ``documents``
    repeated ``scale`` times (ids and PMIDs made unique) and, with ``extra``, ``documents``
    followed by those distinct texts, whose new words a repeated corpus lacks. Each stage then
    runs through the CLI on that file (see :func:`memory_child`).
    """
    inputs: list[tuple[str, Callable[[], Iterator[Document]]]] = [
        (f"x{scale}", functools.partial(repeated, documents, scale)) for scale in scales]
    if extra:
        label = f"distinct x{(len(documents) + len(extra)) / len(documents):.1f}"
        inputs.append((label, functools.partial(repeated, documents + extra, 1)))
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_memory_") as folder:
        for number, (label, make) in enumerate(inputs):
            input_path = Path(folder) / f"pubmed26n{number + 1:04d}.xml.gz"
            articles = write_baseline_file(make(), input_path)
            run_dir = Path(folder) / f"run_{number}"
            run_dir.mkdir()
            row: dict[str, Any] = {"input": label, "articles": articles, "input_bytes": input_path.stat().st_size,
                                   "profile": profile, "workers": workers, "stages": {}}
            for _ in MEMORY_STAGES:
                command = [sys.executable, __file__, str(input_path), str(run_dir), "--profile", profile,
                           "--workers", str(workers), "--chunk-size", str(chunk_size)]
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    raise RuntimeError(f"memory run {label} failed:\n{done.stderr[-2000:]}")
                stage = json.loads(done.stdout.strip().splitlines()[-1])
                stage["articles_per_s"] = rate(articles, stage["seconds"])
                row["stages"][stage.pop("stage")] = stage
            row["peak_rss_mb"] = max(s["peak_rss_mb"] for s in row["stages"].values())
            rows.append(row)
            print(f"  {label:<15} {articles:>6} articles  baseline file {row['input_bytes'] / 1e6:6.1f} MB  peak RSS "
                  + ", ".join(f"{name} {s['peak_rss_mb']:7.1f} MB (at the end {s['rss_end_mb']:.1f} MB; {s['records']} records, "
                                 f"{s['seconds']:.0f} s)"
                              for name, s in row["stages"].items()), flush=True)
            shutil.rmtree(run_dir)
            input_path.unlink()
    for row in rows[1:]:
        row["stage_peak_vs_first"] = {name: s["peak_rss_mb"] / rows[0]["stages"][name]["peak_rss_mb"]
                                      for name, s in row["stages"].items()}
        print(f"  peak RSS {row['input']} / {rows[0]['input']} per stage: "
              + ", ".join(f"{name} {ratio:.3f}" for name, ratio in row["stage_peak_vs_first"].items()), flush=True)
    return rows


def child_main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=64)
    args = parser.parse_args()
    memory_child(args.input, args.run_dir, args.profile, args.workers, args.chunk_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())
