"""What a refresh costs next to a full run, and how the relations stage scales with workers (prints measured numbers).

The corpus: the benchmark texts (BioRED, BC5CDR, ChemProt test splits, the PubMed snapshot)
plus the train/dev texts not among them (4,464 distinct abstracts, read from ``--shared``),
segmented as ingest does and repeated with distinct doc ids and PMIDs to ``--documents``
(20,000); the refresh adds ``--new-fraction`` (1 %) more, spread through the file.

Three runs of the real NER and relations stages (stage files in and out), each in a fresh
process (``--child``), one worker:

1. *store run*: the 20,000 with ``--refresh`` into an empty store (last week's run);
2. *refresh*: the 20,200 with ``--refresh`` in the same folder;
3. *full run*: the 20,200 without the store, in another folder.

``refresh_cost_ratio`` is the CPU of the refresh's NER and relations stages over the full
run's. Each process also spends a fixed start-up (imports) and NER pipeline build, the same
for any corpus size, measured apart (``fixed_cpu_s``); ``refresh_cost_ratio_whole_process``
includes them. ``identical_to_full_run``: the refresh's ``mentions.jsonl``, ``relations.jsonl``
and ``relations_errors.jsonl`` equal the full run's, byte for byte.

``relations_stage_speedup_2_workers``: the relations stage on the full run's files (the
20,200 documents and their mentions in, relations out) with 1 and 2 workers, wall time,
best of ``--repeat``; beside it the host's two-process ceiling measured in the same run
(``benchmarks/bench_pipeline.py``'s independent pair: two one-worker relations stages at
once in two forked processes, twice the one-worker wall over theirs). Passes take turns
(1, 2, pair, 1, 2, pair, ...).

Usage (from the repository root)::

    nice -n 10 .venv/bin/python benchmarks/bench_refresh.py --json outputs/bench/bench_refresh.json
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)

from pipeline.context import DEFAULT_PROFILE, NER_PROFILES, PROFILES, RunContext  # noqa: E402
from pipeline.io import write_json, write_jsonl  # noqa: E402
from pipeline.records import Document  # noqa: E402
from pipeline.stages import STAGE_BY_NAME, run_stage, stage_path  # noqa: E402

from bench_measure import Timing, best_of_each, timed  # noqa: E402

OUTPUTS = ("mentions", "relations", "relations_errors")
CHUNK_SIZE = 64


def build_corpus(shared: Path, count: int, new_fraction: float) -> tuple[list[Document], list[Document]]:
    """(last week's ``count`` documents, this week's: the same plus ``new_fraction`` more spread among them)."""
    from bench_corpus import distinct_extra_documents, load_benchmark_corpus
    from bench_memory import repeated
    from pipeline.ingest.corpus import segment_document

    base = [d for part in load_benchmark_corpus(shared).values() for d in part]
    base = [segment_document(d) for d in base + distinct_extra_documents(shared, base)]
    new = max(1, round(count * new_fraction))
    stream = list(itertools.islice(repeated(base, count // len(base) + 2), count + new))
    old, added = stream[:count], stream[count:]
    step = count // new
    refreshed = []
    for n, document in enumerate(old):
        refreshed.append(document)
        if n % step == step - 1 and added:
            refreshed.append(added.pop(0))
    return old, refreshed + added


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def child(folder: Path, profile: str, refresh: bool) -> dict[str, Any]:
    """One fresh process: build the NER pipeline, run NER then relations; CPU of each part."""
    started = _cpu(resource.RUSAGE_SELF)  # interpreter start-up and the imports above
    from pipeline.ner.work import worker_nlp

    build, _ = timed(lambda: worker_nlp(NER_PROFILES[0]))
    context = RunContext(out_dir=folder, profile=profile, refresh=refresh, chunk_size=CHUNK_SIZE)
    result: dict[str, Any] = {"startup_cpu_s": started, "build_cpu_s": build.cpu}
    for name in ("ner", "relations"):
        timing, counts = timed(lambda name=name: run_stage(STAGE_BY_NAME[name], context))
        result[name] = {"cpu_s": timing.cpu, "wall_s": timing.wall, "counts": counts}
    return result


def run_child(folder: Path, profile: str, refresh: bool) -> dict[str, Any]:
    before, wall = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", str(folder), "--profile", profile]
                          + (["--refresh"] if refresh else []), capture_output=True, text=True, cwd=PROJECT)
    if proc.returncode:
        raise RuntimeError(f"child run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_cpu_s"] = _cpu(resource.RUSAGE_CHILDREN) - before
    result["process_wall_s"] = time.perf_counter() - wall
    result["stages_cpu_s"] = result["ner"]["cpu_s"] + result["relations"]["cpu_s"]
    result["fixed_cpu_s"] = result["process_cpu_s"] - result["stages_cpu_s"]
    return result


def _write_inputs(folder: Path, documents: list[Document]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(documents, stage_path(folder, "documents"))
    write_jsonl([], stage_path(folder, "table1"))


def _digests(folder: Path) -> dict[str, str]:
    return {key: hashlib.sha256(stage_path(folder, key).read_bytes()).hexdigest() for key in OUTPUTS}


def relations_scaling(source: Path, work: Path, repeat: int) -> dict[str, Any]:
    """The relations stage on ``source``'s files with 1 and 2 workers, and the host's pair ceiling."""
    from bench_pipeline import _independent_pair

    folders = {name: work / name for name in ("w1", "w2", "pair0", "pair1")}
    for folder in folders.values():
        folder.mkdir(parents=True)
        for key in ("documents", "table1", "mentions"):
            os.link(stage_path(source, key), stage_path(folder, key))

    def stage(folder: Path, workers: int) -> None:
        run_stage(STAGE_BY_NAME["relations"], RunContext(out_dir=folder, workers=workers, chunk_size=CHUNK_SIZE))

    def pair() -> None:
        for name in ("claim0", "claim1"):
            shutil.rmtree(work / name, ignore_errors=True)
        _independent_pair(_claimed_relations_stage, [work])

    passes = {1: lambda: stage(folders["w1"], 1), 2: lambda: stage(folders["w2"], 2), "pair": pair}
    best = best_of_each(repeat, passes, by="wall")
    one, two, both = best[1][0], best[2][0], best["pair"][0]
    identical = all(_digests(folders[name])["relations"] == _digests(source)["relations"]
                    for name in ("w1", "w2", "pair0", "pair1"))
    speedup, ceiling = one.wall / two.wall, 2 * one.wall / both.wall
    return {"workers_1": _rates(one), "workers_2": _rates(two), "independent_pair": _rates(both),
            "relations_stage_speedup_2_workers": speedup, "two_process_ceiling": ceiling,
            "share_of_ceiling": speedup / ceiling, "identical_for_every_worker_count": identical}


def _claimed_relations_stage(chunk: list[Path]) -> list[None]:
    """One process of the independent pair: claims ``pair0`` or ``pair1`` (an atomic mkdir) and runs the stage there."""
    work = chunk[0]
    for n in (0, 1):
        try:
            (work / f"claim{n}").mkdir()
        except FileExistsError:
            continue
        run_stage(STAGE_BY_NAME["relations"], RunContext(out_dir=work / f"pair{n}", chunk_size=CHUNK_SIZE))
        return [None]
    raise RuntimeError(f"both pair folders of {work} were already claimed")


def _rates(timing: Timing) -> dict[str, float]:
    return {"wall_s": round(timing.wall, 3), "cpu_s": round(timing.cpu, 3), "own_cpu_s": round(timing.own_cpu, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--new-fraction", type=float, default=0.01)
    parser.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE)
    parser.add_argument("--repeat", type=int, default=3, help="passes of the relations stage per worker count")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--refresh", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.profile, args.refresh)))
        return 0
    load = os.getloadavg()
    print(f"load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    old, refreshed = build_corpus(args.shared, args.documents, args.new_fraction)
    with tempfile.TemporaryDirectory(prefix="bench-refresh-") as scratch:
        work = Path(scratch)
        store_run, full = work / "store", work / "full"
        _write_inputs(store_run, old)
        first = run_child(store_run, args.profile, refresh=True)
        print(f"store run ({len(old)} documents): stages {first['stages_cpu_s']:.2f} CPU-s, "
              f"process {first['process_cpu_s']:.2f}", flush=True)
        _write_inputs(store_run, refreshed)
        refresh = run_child(store_run, args.profile, refresh=True)
        print(f"refresh (+{len(refreshed) - len(old)}): stages {refresh['stages_cpu_s']:.2f} CPU-s, "
              f"process {refresh['process_cpu_s']:.2f}; NER {refresh['ner']['counts']['reused']} reused, "
              f"{refresh['ner']['counts']['computed']} computed", flush=True)
        _write_inputs(full, refreshed)
        full_run = run_child(full, args.profile, refresh=False)
        print(f"full run ({len(refreshed)}): stages {full_run['stages_cpu_s']:.2f} CPU-s, "
              f"process {full_run['process_cpu_s']:.2f}", flush=True)
        identical = _digests(store_run) == _digests(full)
        store_bytes = sum(f.stat().st_size for f in store_run.glob(stage_path(store_run, "result_store").name + "*"))
        scaling = relations_scaling(full, work / "scaling", args.repeat)
    result = {
        "documents": len(old), "new_documents": len(refreshed) - len(old), "profile": args.profile,
        "compiled_lexicon_cache": any((PROJECT / ".cache" / "lexicon").glob("*.tsv")),
        "load_average_start": load, "load_average_end": os.getloadavg(),
        "refresh_cost_ratio": refresh["stages_cpu_s"] / full_run["stages_cpu_s"],
        "refresh_cost_ratio_whole_process": refresh["process_cpu_s"] / full_run["process_cpu_s"],
        "identical_to_full_run": identical, "store_bytes_per_document": store_bytes / len(refreshed),
        "relations_stage_speedup_2_workers": scaling["relations_stage_speedup_2_workers"],
        "two_process_ceiling": scaling["two_process_ceiling"],
        "runs": {"store_run": first, "refresh": refresh, "full_run": full_run}, "relations_scaling": scaling,
    }
    print(f"refresh_cost_ratio {result['refresh_cost_ratio']:.4f} (whole process "
          f"{result['refresh_cost_ratio_whole_process']:.4f}); identical_to_full_run {identical}")
    print(f"result store: {result['store_bytes_per_document']:.0f} bytes a document")
    print(f"relations stage: 1 worker {scaling['workers_1']['wall_s']:.2f} s, 2 workers "
          f"{scaling['workers_2']['wall_s']:.2f} s: {scaling['relations_stage_speedup_2_workers']:.2f}x; "
          f"host's two-process ceiling {scaling['two_process_ceiling']:.2f}x "
          f"(share {scaling['share_of_ceiling']:.2f}); identical {scaling['identical_for_every_worker_count']}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in result['load_average_end'])}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        write_json(result, args.json)
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
