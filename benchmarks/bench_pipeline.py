"""Pipeline throughput and memory on a fixed corpus: prints measured numbers (not a test).

The corpus is the texts of the BioRED, BC5CDR and ChemProt test splits plus the
PubMed snapshot (~1,500 abstracts), read from ``--shared``. In one run it measures,
on the same texts:

- the reference: a bare spaCy tokenizer (``spacy.blank("en").tokenizer``), new for each pass so it
  has cached none of the texts;
- per stage, abstracts/s on one core: ingest (sentence segmentation), NER, relations;
- end to end (NER + relations through :func:`pipeline.parallel.map_chunks`, each document's
  result encoded in the worker as the JSON line a refresh writes: :func:`benchmarks/annotate.py::annotate_lines`)
  with each ``--workers`` value, over ``--stream-copies`` (3) copies of the corpus in one stream, as a
  refresh streams all its documents through one pool of workers (a single pass of the fast
  profile takes ~2 s, of which a 2-worker pool's start-up is a large part); the speed-up over
  one worker; and on a Dask LocalCluster (``--dask-workers``, one copy), each checked identical
  to the one-worker output;
- the reference and each end to end (every worker count) are the best of ``--repeat`` passes
  (least CPU time, or wall time for worker counts: on a shared machine neighbours only ever slow a pass
  down); the worker counts take turns, pass by pass, so a slow spell of the host falls on each alike;
- the real NER and relations stages (``evidence ner|relations``, stage files in and out) with each
  ``--workers`` value on the same copies written as ``documents.jsonl``, each the best of ``--repeat``
  (``--no-stage-files`` skips this);
- the speed-up ceiling of the host (``--no-pair-ceiling`` skips it): two independent processes,
  each running the one-worker end to end, at once; twice the one-worker wall time over theirs is
  what two cores give to this work with no splitting or pickling (the cores share a cache, and a
  shared machine has neighbours); its passes take turns with the worker counts;
- peak RSS of this process, and of the real ``evidence ingest|ner|relations`` stages (each
  ``--profile``), each stage in a fresh process, at each ``--memory-scales`` multiple of the
  corpus written as a PubMed baseline file (the corpus repeated, ids and PMIDs made unique).

Usage (from the repository root)::

    nice -n 10 .venv/bin/python benchmarks/bench_pipeline.py [--shared ../shared] \\
        [--workers 1 2] [--dask-workers 2] [--memory-scales 1 10] \\
        [--stream-copies 3] [--json outputs/bench/bench_pipeline.json] [--limit N]
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import logging
import multiprocessing
import os
import sys
import tempfile
import warnings
from pathlib import Path
from collections.abc import Callable
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.context import NER_PROFILES, PROFILE_AGENT_SCOPES, PROFILES, RunContext  # noqa: E402
from pipeline.ingest.corpus import segment_document  # noqa: E402
from pipeline.io import write_json, write_jsonl  # noqa: E402
from pipeline.ner.work import recognize_chunk, worker_nlp  # noqa: E402
from pipeline.ner.chunk_tokens import chunk_tokens  # noqa: E402
from pipeline.parallel import map_chunks  # noqa: E402
from pipeline.records import Document  # noqa: E402
from pipeline.relations.work import extract_chunk  # noqa: E402
from pipeline.stages import STAGE_BY_NAME, run_stage, stage_path  # noqa: E402

sys.path.insert(0, str(PROJECT / "benchmarks"))
from annotate import annotate_lines  # noqa: E402

from bench_corpus import distinct_extra_documents, load_benchmark_corpus  # noqa: E402
from bench_measure import Timing, best_of, best_of_each, peak_rss_mb, timed  # noqa: E402
from bench_memory import measure_memory, repeated  # noqa: E402

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64


def measure_stage_files(profile: str, documents: list[Document], workers: list[int], repeat: int) -> dict:
    """The real NER and relations stages on ``documents`` written as ``documents.jsonl``, per worker count.

    Each stage is the best of ``repeat`` runs by wall time; ``identical_to_first`` compares the
    sha256 of ``mentions.jsonl`` and ``relations.jsonl`` with the first worker count's.
    """
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as folder:
        run = Path(folder)
        write_jsonl(documents, stage_path(run, "documents"))
        write_jsonl([], stage_path(run, "table1"))
        digests: dict[int, set[str]] = {}

        def stage(name: str, count: int, output: str) -> Callable[[], None]:
            def one_pass() -> None:
                run_stage(STAGE_BY_NAME[name], RunContext(out_dir=run, profile=profile, workers=count,
                                                          chunk_size=CHUNK_SIZE))
                digests.setdefault(count, set()).add(hashlib.sha256(stage_path(run, output).read_bytes()).hexdigest())
            return one_pass

        passes = {(part, count): stage(part, count, output) for count in workers
                  for part, output in (("ner", "mentions"), ("relations", "relations"))}
        best = best_of_each(repeat, passes, by="wall")
        first = digests[workers[0]]
        for count in workers:
            ner, relations = best["ner", count][0], best["relations", count][0]
            both = Timing(ner.wall + relations.wall, ner.cpu + relations.cpu, ner.own_cpu + relations.own_cpu)
            rows[str(count)] = {"ner": ner.rates(len(documents)), "relations": relations.rates(len(documents)),
                                "both": both.rates(len(documents)), "identical_to_first": digests[count] == first}
    one = rows.get("1")
    for row in rows.values():
        if one:
            row["speedup_vs_1"] = {part: row[part]["per_s"] / one[part]["per_s"] for part in ("ner", "relations", "both")}
    return rows


def measure_profile(profile: str, documents: list[Document], workers: list[int], reference: dict,
                    dask_workers: int = 0, repeat: int = 1, stream_copies: int = 1, stage_files: bool = True,
                    pair_ceiling: bool = True) -> dict:
    """Per-stage and end-to-end rates of one run profile over segmented ``documents``.

    Each end to end (least wall time) is the best of ``repeat`` runs.
    The end to end runs stream ``stream_copies`` copies of the corpus through one map, as a refresh
    streams all its documents through one pool of workers.
    """
    n = len(documents)
    build, nlp = timed(lambda: worker_nlp(NER_PROFILES[0]))
    recognize_chunk(documents[:5], NER_PROFILES[0])  # warm-up: first-call lazy initialisation
    ner, per_doc_mentions = timed(lambda: list(map_chunks(
        functools.partial(recognize_chunk, profile=NER_PROFILES[0]), documents, chunk_size=CHUNK_SIZE)))
    items = [(d, m, []) for d, m in zip(documents, per_doc_mentions)]
    extract = functools.partial(extract_chunk, agent_scope=PROFILE_AGENT_SCOPES[profile])
    relations, per_doc_relations = timed(lambda: list(map_chunks(extract, items, chunk_size=CHUNK_SIZE)))
    result: dict[str, Any] = {
        "profile": profile, "pipeline": nlp.pipe_names, "build_seconds": round(build.wall, 2),
        "mentions": sum(len(m) for m in per_doc_mentions),
        "relations": sum(len(r) for r, _ in per_doc_relations),
        "ner": ner.rates(n), "relations_stage": relations.rates(n), "end_to_end": {},
    }
    work = functools.partial(annotate_lines, profile=profile)
    # copies get their own ids, as in a real stream: a doc id repeated within a chunk would have its
    # mentions grouped under its first occurrence (with --limit under the chunk size, the copies meet)
    stream = list(repeated(documents, stream_copies))
    result["end_to_end_stream_copies"] = stream_copies
    # by wall time: the speed-up of more workers is a wall-clock figure; the worker counts take turns
    passes: dict[Any, Callable[[], Any]] = {count: functools.partial(_annotate_stream, work, stream, count)
                                            for count in workers}
    if pair_ceiling and 1 in workers:
        passes["pair"] = functools.partial(_independent_pair, work, stream)
    best = best_of_each(repeat, passes, by="wall")
    if "pair" in best:
        # two copies of the one-worker run at once, as separate processes sharing nothing: what this
        # host's two cores give to two of this work, with no splitting, pickling or pool at all
        pair = best.pop("pair")[0]
        result["independent_pair"] = {**pair.rates(2 * len(stream)),
                                      "speedup_ceiling": 2 * best[1][0].wall / pair.wall}
    first = None
    for count in workers:
        timing, output = best[count]
        first = output if first is None else first
        result["end_to_end"][str(count)] = {
            **timing.rates(len(stream)), "identical_to_first": output == first,
            "differing_documents": [d.doc_id for d, a, b in zip(stream, output, first) if a != b][:20]}
    one = result["end_to_end"].get("1")
    if one:
        result["end_to_end_vs_tokenizer"] = one["per_cpu_s"] / reference["per_cpu_s"]
        for row in result["end_to_end"].values():
            row["speedup_vs_1"] = row["per_s"] / one["per_s"]
            row["cpu_vs_1"] = row["cpu_s"] / one["cpu_s"]
    if dask_workers and first is not None:
        # wall time includes starting the LocalCluster and building the pipeline in each Dask worker
        timing, output = timed(lambda: list(map_chunks(work, documents, workers=dask_workers, chunk_size=CHUNK_SIZE,
                                                       executor="dask")))
        first = first[:len(documents)]
        result["dask"] = {**timing.rates(n), "workers": dask_workers, "identical_to_local": output == first,
                          "differing_documents": [d.doc_id for d, a, b in zip(documents, output, first) if a != b][:20]}
    if stage_files:
        result["stage_files"] = measure_stage_files(profile, stream, workers, repeat)
    return result


def _annotate_stream(work: Callable[[list[Document]], list[str]], stream: list[Document], workers: int) -> list[str]:
    # Each pass meets the corpus as new text: the tokens the definitions step remembers from the
    # stage timing or an earlier pass would otherwise make a repeated corpus look faster than new
    # literature reads (it still learns within the pass, as a refresh does over its abstracts).
    chunk_tokens.cache_clear()
    return list(map_chunks(work, stream, workers=workers, chunk_size=CHUNK_SIZE))


def _independent_pair(work: Callable[[list[Document]], list[str]], stream: list[Document]) -> None:
    """Two forked processes, each running the whole one-worker stream; returns when both are done."""
    context = multiprocessing.get_context("fork")
    gc.freeze()  # as map_chunks does before forking its pool
    try:
        processes = [context.Process(target=_annotate_stream, args=(work, stream, 1)) for _ in range(2)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    finally:
        gc.unfreeze()
    failed = [process.exitcode for process in processes if process.exitcode]
    if failed:
        raise RuntimeError(f"independent pair: a process exited with {failed}")


def _line(name: str, rates: dict[str, float], extra: str = "") -> None:
    print(f"  {name:<34} {rates['per_s']:8.1f} abstracts/s  {rates['per_cpu_s']:8.1f} per CPU-s  "
          f"(wall {rates['wall_s']:.1f} s, CPU {rates['cpu_s']:.1f} s){extra}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--profile", choices=PROFILES, nargs="+", default=list(PROFILES),
                        help="run profiles to measure, each beside the same tokenizer figures (default: all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--memory-scales", type=int, nargs="*", default=[1, 10])
    parser.add_argument("--memory-distinct", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure memory on the corpus plus distinct train/dev texts (new vocabulary)")
    parser.add_argument("--dask-workers", type=int, default=2, help="end to end on a Dask LocalCluster (0: skip)")
    parser.add_argument("--limit", type=int, default=None, help="keep the first N abstracts (quick runs)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="best of N for the reference tokenizer and each end to end")
    parser.add_argument("--stream-copies", type=int, default=3,
                        help="end to end over this many copies of the corpus in one stream (one pool of workers, "
                             "as in a refresh; with 1, a 2-worker pass of the fast profile is mostly process start-up)")
    parser.add_argument("--pair-ceiling", action=argparse.BooleanOptionalAction, default=True,
                        help="also run two independent one-worker processes at once: the speed-up this host allows")
    parser.add_argument("--stage-files", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the real NER and relations stages, stage files in and out, per worker count")
    parser.add_argument("--json", type=Path, default=Path("outputs/bench/bench_pipeline.json"))
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.WARNING)
    if args.dask_workers:
        import distributed  # noqa: F401 - importing it sets its loggers to INFO; quieten them after

    logging.getLogger("distributed").setLevel(logging.WARNING)
    load, parts = timed(lambda: load_benchmark_corpus(args.shared))
    raw = [d for part in parts.values() for d in part][: args.limit]
    n = len(raw)
    print(f"corpus: {n} abstracts ({', '.join(f'{k} {len(v)}' for k, v in parts.items())}"
          f"{f'; first {args.limit}' if args.limit else ''}), {sum(len(d.text) for d in raw) / 1e6:.2f} M characters, "
          f"read in {load.wall:.1f} s")
    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(per-CPU-second rates are the per-core figures; wall rates depend on what else runs)")
    def tokenize_all(tokenizer: Callable[[str], Any]) -> list[Any]:
        return [tokenizer(d.text) for d in raw]

    def warmed(tokenizer: Callable[[str], Any]) -> Callable[[str], Any]:
        tokenizer("warm up")  # first-call set-up, not tokenizing
        return tokenizer

    tok, _ = best_of(args.repeat, tokenize_all, fresh=lambda: warmed(spacy.blank("en").tokenizer))
    sci, _ = best_of(args.repeat, tokenize_all, fresh=lambda: warmed(combined_rule_tokenizer(spacy.blank("en"))))
    seg, documents = timed(lambda: [segment_document(d) for d in raw])
    report: dict[str, Any] = {"abstracts": n, "parts": {k: len(v) for k, v in parts.items()},
                              "load_average_start": os.getloadavg()[0], "cpus": os.cpu_count(),
                              "tokenizer": tok.rates(n), "scientific_tokenizer": sci.rates(n),
                              "ingest": seg.rates(n), "profiles": []}
    _line("reference: bare spaCy tokenizer", report["tokenizer"])
    _line("scispaCy tokenizer (used by NER)", report["scientific_tokenizer"])
    _line("ingest (sentence segmentation)", report["ingest"])
    profiles = tuple(args.profile)
    for profile in profiles:
        row = measure_profile(profile, documents, args.workers, report["tokenizer"], args.dask_workers, args.repeat,
                              args.stream_copies, args.stage_files, args.pair_ceiling)
        report["profiles"].append(row)
        print(f"profile {profile}: pipeline {row['pipeline']} built in {row['build_seconds']} s; "
              f"{row['mentions']} mentions, {row['relations']} relations")
        _line("NER", row["ner"])
        _line("relations", row["relations_stage"])
        print(f"  end to end: documents in, one encoded JSON line per document out; {args.stream_copies} "
              f"cop{'ies' if args.stream_copies > 1 else 'y'} of the corpus streamed through one map "
              f"({args.stream_copies * len(documents)} abstracts; rates per abstract)")
        for count, e2e in row["end_to_end"].items():
            differs = f" (differs in {', '.join(e2e['differing_documents'])})" if e2e["differing_documents"] else ""
            _line(f"end to end, {count} worker(s)", e2e,
                  f"  wall speed-up {e2e.get('speedup_vs_1', float('nan')):.2f}x, CPU used "
                  f"{e2e.get('cpu_vs_1', float('nan')):.2f}x of 1 worker (parent {e2e['own_cpu_s']:.2f} s), "
                  f"identical output: {e2e['identical_to_first']}{differs}")
        if "independent_pair" in row:
            pair = row["independent_pair"]
            _line("two independent 1-worker runs at once", pair,
                  f"  speed-up ceiling of this host: {pair['speedup_ceiling']:.2f}x; 2 workers reach "
                  f"{row['end_to_end'].get('2', {}).get('speedup_vs_1', float('nan')) / pair['speedup_ceiling']:.2f} "
                  "of it")
        if "dask" in row:
            dask = row["dask"]
            differs = f" (differs in {', '.join(dask['differing_documents'])})" if dask["differing_documents"] else ""
            _line(f"end to end, Dask {dask['workers']} workers", dask,
                  f"  (wall and CPU include the cluster start and one pipeline build per worker) "
                  f"identical to local: {dask['identical_to_local']}{differs}")
        for count, stage in row.get("stage_files", {}).items():
            speedup = stage.get("speedup_vs_1", {})
            for part in ("ner", "relations", "both"):
                _line(f"stage files, {part}, {count} worker(s)", stage[part],
                      f"  wall speed-up {speedup.get(part, float('nan')):.2f}x, parent CPU {stage[part]['own_cpu_s']:.2f} s"
                      + (f", identical files: {stage['identical_to_first']}" if part == "both" else ""))
        if "end_to_end_vs_tokenizer" in row:
            print(f"  end to end (1 worker) / bare tokenizer, per CPU-s: {row['end_to_end_vs_tokenizer']:.3f}")
    report["peak_rss_mb"] = peak_rss_mb()
    report["load_average_end"] = os.getloadavg()[0]
    print(f"peak RSS of this process: {report['peak_rss_mb']:.1f} MB")
    extra = distinct_extra_documents(args.shared, raw) if args.memory_scales and args.memory_distinct else None
    report["memory"] = {}
    for profile in profiles if args.memory_scales else ():
        print(f"streaming memory ({profile} profile, 1 worker, fresh process per stage, chunk size {CHUNK_SIZE}):")
        report["memory"][profile] = rows = measure_memory(raw, args.memory_scales, profile, 1, extra, CHUNK_SIZE)
        for row in rows[1:]:
            row["peak_vs_first"] = row["peak_rss_mb"] / rows[0]["peak_rss_mb"]
            print(f"  peak RSS {row['input']} / {rows[0]['input']} = {row['peak_vs_first']:.3f}")
    write_json(report, args.json)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
