"""Pipeline throughput and memory on a fixed corpus: prints measured numbers (not a test).

The corpus is the texts of the BioRED, BC5CDR and ChemProt test splits plus the
PubMed snapshot (~1,500 abstracts), read from ``--shared``. In one run it measures,
on the same texts:

- the reference: a bare spaCy tokenizer (``spacy.blank("en").tokenizer``), new for each pass so it
  has cached none of the texts;
- per stage, abstracts/s on one core: ingest (sentence segmentation), NER, relations;
- end to end (NER + relations through :func:`pipeline.parallel.map_chunks`) with each
  ``--workers`` value, the speed-up over one worker, and on a Dask LocalCluster
  (``--dask-workers``), each checked identical to the one-worker output;
- the reference, each end to end (every worker count) and the bare model are the best of ``--repeat`` passes
  (least CPU time: on a shared machine neighbours only ever slow a pass down);
- for ``--profile accurate``, the same trained spaCy pipeline run bare (``nlp.pipe``);
- peak RSS of this process, and of the real ``evidence ingest|ner|relations`` stages (each
  ``--profile``), each stage in a fresh process, at each ``--memory-scales`` multiple of the
  corpus written as a PubMed baseline file (the corpus repeated, ids and PMIDs made unique).

Usage (from the repository root)::

    nice -n 10 .venv/bin/python benchmarks/bench_pipeline.py [--shared ../shared] \\
        [--profile fast|accurate|both] [--workers 1 2] [--dask-workers 2] [--memory-scales 1 10] \\
        [--json outputs/bench/bench_pipeline.json] [--limit N]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.corpora import load_corpus  # noqa: E402
from pipeline.ingest import segment_document  # noqa: E402
from pipeline.io import write_json  # noqa: E402
from pipeline.parallel import annotate_chunk, extract_chunk, map_chunks, recognize_chunk, worker_nlp  # noqa: E402
from pipeline.pubmed import parse_pubmed_xml  # noqa: E402
from pipeline.pubmed.baseline import write_baseline_file  # noqa: E402
from pipeline.records import Document, Span  # noqa: E402

logger = logging.getLogger(__name__)

MODEL_DIR = PROJECT / "models" / "ner"
CHUNK_SIZE = 64


def _with_title_sections(document: Document, source: str, doc_id: str) -> Document:
    title_end = len(document.title) if document.title and document.text.startswith(document.title) else 0
    sections = (Span(0, title_end, "TITLE"),) if title_end else ()
    if len(document.text) > title_end + 1:
        sections += (Span(title_end + 1 if title_end else 0, len(document.text), "ABSTRACT"),)
    return replace(document, doc_id=doc_id, source=source, sections=sections, paragraphs=(), sentences=())


def chemprot_documents(path: Path) -> list[Document]:
    """Title + abstract of each line of a ChemProt ``*_abstracts*.tsv`` (PMID, title, abstract)."""
    documents = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            title, abstract = fields[1].strip(), fields[2].strip()
            document = Document(doc_id=fields[0], source="chemprot", title=title, text=f"{title} {abstract}",
                                pmid=fields[0])
            documents.append(_with_title_sections(document, "chemprot", f"chemprot:{fields[0]}"))
    return documents


def load_benchmark_corpus(shared: Path) -> dict[str, list[Document]]:
    """The fixed corpus, unsegmented, by part; doc ids are prefixed by corpus so overlaps stay distinct."""
    benchmarks = shared / "data" / "benchmarks"
    parts: dict[str, list[Document]] = {}
    for corpus, folder in (("biored", "BioRED"), ("bc5cdr", "BC5CDR")):
        parts[corpus] = [_with_title_sections(a.document, corpus, f"{corpus}:{a.document.doc_id}")
                         for a in load_corpus(corpus, benchmarks / folder, "test")]
    parts["chemprot"] = chemprot_documents(
        benchmarks / "ChemProt" / "chemprot_test_gs" / "chemprot_test_abstracts_gs.tsv")
    snapshot = shared / "data" / "pubmed" / "snapshot" / "pubmed_snapshot.xml"
    documents, errors = parse_pubmed_xml(snapshot.read_bytes(), str(snapshot))
    for error in errors:
        logger.warning("snapshot: %s", error)
    parts["pubmed_snapshot"] = [replace(d, paragraphs=(), sentences=()) for d in documents]
    return parts


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds (this process plus finished children) of one measured call."""

    wall: float
    cpu: float

    def rates(self, count: int) -> dict[str, float]:
        """``per_s``: abstracts per wall second; ``per_cpu_s``: per CPU second (a per-core rate
        that a busy shared machine does not deflate)."""
        return {"wall_s": round(self.wall, 3), "cpu_s": round(self.cpu, 3),
                "per_s": rate(count, self.wall), "per_cpu_s": rate(count, self.cpu)}


def best_of(repeat: int, function: Callable[[], Any], by: str = "cpu") -> tuple[Timing, Any]:
    """The fastest of ``repeat`` timed calls (least ``by``: ``"cpu"`` or ``"wall"`` seconds).

    Neighbours on a shared machine only ever slow a call down.
    """
    runs = [timed(function) for _ in range(max(1, repeat))]
    return min(runs, key=lambda run: getattr(run[0], by))


def cold_tokenizer_rate(make: Callable[[], Callable[[str], Any]], documents: list[Document], repeat: int) -> Timing:
    """Best of ``repeat`` passes, each by a new tokenizer (built untimed) that has cached none of the texts."""
    runs = []
    for _ in range(max(1, repeat)):
        tokenizer = make()
        tokenizer("warm up")
        runs.append(timed(lambda: [tokenizer(d.text) for d in documents])[0])
    return min(runs, key=lambda timing: timing.cpu)


def timed(function: Callable[[], Any]) -> tuple[Timing, Any]:
    before, started = os.times(), time.perf_counter()
    result = function()
    wall, after = time.perf_counter() - started, os.times()
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))
    return Timing(wall, cpu), result


def _status_mb(field: str) -> float | None:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return None


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM), in MB.

    Not ``ru_maxrss``: Linux carries that across fork and exec, so a fresh child
    would report its parent's peak.
    """
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def measure_profile(profile: str, documents: list[Document], workers: list[int], reference: dict,
                    dask_workers: int = 0, repeat: int = 1) -> dict:
    """Per-stage and end-to-end rates of one NER profile over segmented ``documents``.

    Each end to end (least wall time) and the bare trained model (least CPU) are the best of ``repeat`` runs.
    """
    n = len(documents)
    build, nlp = timed(lambda: worker_nlp(profile))
    recognize_chunk(documents[:5], profile)  # warm-up: first-call lazy initialisation
    ner, per_doc_mentions = timed(lambda: list(map_chunks(
        functools.partial(recognize_chunk, profile=profile), documents, chunk_size=CHUNK_SIZE)))
    items = [(d, m, []) for d, m in zip(documents, per_doc_mentions)]
    relations, per_doc_relations = timed(lambda: list(map_chunks(extract_chunk, items, chunk_size=CHUNK_SIZE)))
    result: dict[str, Any] = {
        "profile": profile, "pipeline": nlp.pipe_names, "build_seconds": round(build.wall, 2),
        "mentions": sum(len(m) for m in per_doc_mentions),
        "relations": sum(len(r) for r, _ in per_doc_relations),
        "ner": ner.rates(n), "relations_stage": relations.rates(n), "end_to_end": {},
    }
    work = functools.partial(annotate_chunk, profile=profile)
    first = None
    for count in workers:
        # by wall time: the speed-up of more workers is a wall-clock figure
        timing, output = best_of(repeat, lambda: list(map_chunks(work, documents, workers=count,
                                                                  chunk_size=CHUNK_SIZE)), by="wall")
        first = output if first is None else first
        result["end_to_end"][str(count)] = {
            **timing.rates(n), "identical_to_first": output == first,
            "differing_documents": [d.doc_id for d, a, b in zip(documents, output, first) if a != b][:20]}
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
        result["dask"] = {**timing.rates(n), "workers": dask_workers, "identical_to_local": output == first,
                          "differing_documents": [d.doc_id for d, a, b in zip(documents, output, first) if a != b][:20]}
    if profile == "accurate" and (MODEL_DIR / "meta.json").exists():
        import spacy

        bare = spacy.load(MODEL_DIR)
        list(bare.pipe(d.text for d in documents[:5]))
        timing, _ = best_of(repeat, lambda: list(bare.pipe((d.text for d in documents), batch_size=CHUNK_SIZE)))
        result["bare_model"] = timing.rates(n)
        if one:
            result["end_to_end_vs_bare_model"] = one["per_cpu_s"] / result["bare_model"]["per_cpu_s"]
    return result


def _line(name: str, rates: dict[str, float], extra: str = "") -> None:
    print(f"  {name:<34} {rates['per_s']:8.1f} abstracts/s  {rates['per_cpu_s']:8.1f} per CPU-s  "
          f"(wall {rates['wall_s']:.1f} s, CPU {rates['cpu_s']:.1f} s){extra}", flush=True)


def repeated(documents: list[Document], scale: int) -> Iterator[Document]:
    """``documents`` ``scale`` times over; each copy gets its own doc id and a fresh PMID."""
    pmids = itertools.count(MEMORY_FIRST_PMID)
    for copy in range(scale):
        for document in documents:
            doc_id = document.doc_id if copy == 0 else f"{document.doc_id}#copy{copy}"
            yield replace(document, doc_id=doc_id, pmid=str(next(pmids)))


MEMORY_FIRST_PMID = 40_000_000
MEMORY_STAGES = ("ingest", "ner", "relations")
MEMORY_OUTPUTS = {"ingest": "documents.jsonl", "ner": "mentions.jsonl", "relations": "relations.jsonl"}


def _next_stage(run_dir: Path) -> str:
    for stage in MEMORY_STAGES:
        if not (run_dir / MEMORY_OUTPUTS[stage]).exists():
            return stage
    raise RuntimeError(f"{run_dir}: every measured stage has run already")


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def memory_child(input_path: Path, output_path: Path, profile: str, workers: int) -> None:
    """Run the next stage of the run folder ``output_path`` through the real CLI; print its peak RSS as JSON.

    The stage is the first of ingest, NER, relations whose output file is missing, so
    three calls in fresh processes are ``evidence ingest --pubmed-baseline INPUT --out DIR``,
    ``evidence ner --out DIR`` and ``evidence relations --out DIR``. The peak (VmHWM) is
    the whole process's: imports, the NER pipeline build and the streaming.
    """
    from pipeline.cli import main as evidence

    stage = _next_stage(output_path)
    arguments = [stage, "--out", str(output_path), "--profile", profile, "--workers", str(workers),
                 "--chunk-size", str(CHUNK_SIZE)]
    if stage == "ingest":
        arguments += ["--pubmed-baseline", str(input_path), "--pubmed-cache", str(output_path / "no-pubmed-cache")]
    timing, code = timed(lambda: evidence(arguments))
    if code not in (0, 4):  # 4: some input items were rejected (reported), the stage still ran
        raise SystemExit(f"evidence {stage} exited with {code}")
    print(json.dumps({"stage": stage, "exit_code": code, "records": _count_lines(output_path / MEMORY_OUTPUTS[stage]),
                      "seconds": timing.wall, "cpu_seconds": timing.cpu, "peak_rss_mb": peak_rss_mb(),
                      "rss_end_mb": _status_mb("VmRSS")}))


def distinct_extra_documents(shared: Path, seen: list[Document]) -> list[Document]:
    """Train and dev texts of BioRED, BC5CDR and ChemProt not in ``seen``: new words, unlike a repeated corpus."""
    benchmarks = shared / "data" / "benchmarks"
    texts = {d.text for d in seen}
    extra: list[Document] = []
    for corpus, folder in (("biored", "BioRED"), ("bc5cdr", "BC5CDR")):
        for split in ("train", "dev"):
            extra += [_with_title_sections(a.document, corpus, f"{corpus}-{split}:{a.document.doc_id}")
                      for a in load_corpus(corpus, benchmarks / folder, split)]
    for split, folder, name in (("train", "chemprot_training", "chemprot_training_abstracts.tsv"),
                                ("dev", "chemprot_development", "chemprot_development_abstracts.tsv")):
        extra += [replace(d, doc_id=f"chemprot-{split}:{d.pmid}")
                  for d in chemprot_documents(benchmarks / "ChemProt" / folder / name)]
    unique = []
    for document in extra:
        if document.text not in texts:
            texts.add(document.text)
            unique.append(document)
    return unique


def measure_memory(documents: list[Document], scales: list[int], profile: str, workers: int,
                   extra: list[Document] | None = None) -> list[dict]:
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
                command = [sys.executable, __file__, "--memory-child", str(input_path), "--profile", profile,
                           "--memory-output", str(run_dir), "--memory-workers", str(workers)]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--profile", choices=("fast", "accurate", "both"), default="fast")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--memory-scales", type=int, nargs="*", default=[1, 10])
    parser.add_argument("--memory-distinct", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure memory on the corpus plus distinct train/dev texts (new vocabulary)")
    parser.add_argument("--dask-workers", type=int, default=2, help="end to end on a Dask LocalCluster (0: skip)")
    parser.add_argument("--limit", type=int, default=None, help="keep the first N abstracts (quick runs)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="best of N for the reference tokenizer, each end to end and the bare model")
    parser.add_argument("--json", type=Path, default=Path("outputs/bench/bench_pipeline.json"))
    parser.add_argument("--memory-child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--memory-output", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--memory-workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if args.memory_child:
        memory_child(args.memory_child, args.memory_output, "fast" if args.profile == "both" else args.profile,
                     args.memory_workers)
        return 0

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
    tok = cold_tokenizer_rate(lambda: spacy.blank("en").tokenizer, raw, args.repeat)
    sci = cold_tokenizer_rate(lambda: combined_rule_tokenizer(spacy.blank("en")), raw, args.repeat)
    seg, documents = timed(lambda: [segment_document(d) for d in raw])
    report: dict[str, Any] = {"abstracts": n, "parts": {k: len(v) for k, v in parts.items()},
                              "load_average_start": os.getloadavg()[0], "cpus": os.cpu_count(),
                              "tokenizer": tok.rates(n), "scientific_tokenizer": sci.rates(n),
                              "ingest": seg.rates(n), "profiles": []}
    _line("reference: bare spaCy tokenizer", report["tokenizer"])
    _line("scispaCy tokenizer (used by NER)", report["scientific_tokenizer"])
    _line("ingest (sentence segmentation)", report["ingest"])
    profiles = ("fast", "accurate") if args.profile == "both" else (args.profile,)
    for profile in profiles:
        if profile == "accurate" and not (MODEL_DIR / "meta.json").exists():
            print(f"profile accurate: no trained model in {MODEL_DIR} (train one with `evidence train ner`); "
                  "not measured")
            report["profiles"].append({"profile": "accurate", "measured": False})
            continue
        row = measure_profile(profile, documents, args.workers, report["tokenizer"], args.dask_workers, args.repeat)
        report["profiles"].append(row)
        print(f"profile {profile}: pipeline {row['pipeline']} built in {row['build_seconds']} s; "
              f"{row['mentions']} mentions, {row['relations']} relations")
        _line("NER", row["ner"])
        _line("relations", row["relations_stage"])
        for count, e2e in row["end_to_end"].items():
            differs = f" (differs in {', '.join(e2e['differing_documents'])})" if e2e["differing_documents"] else ""
            _line(f"end to end, {count} worker(s)", e2e,
                  f"  wall speed-up {e2e.get('speedup_vs_1', float('nan')):.2f}x, CPU used "
                  f"{e2e.get('cpu_vs_1', float('nan')):.2f}x of 1 worker, identical output: "
                  f"{e2e['identical_to_first']}{differs}")
        if "dask" in row:
            dask = row["dask"]
            differs = f" (differs in {', '.join(dask['differing_documents'])})" if dask["differing_documents"] else ""
            _line(f"end to end, Dask {dask['workers']} workers", dask,
                  f"  (wall and CPU include the cluster start and one pipeline build per worker) "
                  f"identical to local: {dask['identical_to_local']}{differs}")
        if "end_to_end_vs_tokenizer" in row:
            print(f"  end to end (1 worker) / bare tokenizer, per CPU-s: {row['end_to_end_vs_tokenizer']:.3f}")
        if "bare_model" in row:
            _line("bare trained model (nlp.pipe)", row["bare_model"],
                  f"  end to end / bare, per CPU-s: {row.get('end_to_end_vs_bare_model', float('nan')):.3f}")
    report["peak_rss_mb"] = peak_rss_mb()
    report["load_average_end"] = os.getloadavg()[0]
    print(f"peak RSS of this process: {report['peak_rss_mb']:.1f} MB")
    extra = distinct_extra_documents(args.shared, raw) if args.memory_scales and args.memory_distinct else None
    report["memory"] = {}
    for profile in profiles if args.memory_scales else ():
        if profile == "accurate" and not (MODEL_DIR / "meta.json").exists():
            continue
        print(f"streaming memory ({profile} profile, 1 worker, fresh process per stage, chunk size {CHUNK_SIZE}):")
        report["memory"][profile] = rows = measure_memory(raw, args.memory_scales, profile, 1, extra)
        for row in rows[1:]:
            row["peak_vs_first"] = row["peak_rss_mb"] / rows[0]["peak_rss_mb"]
            print(f"  peak RSS {row['input']} / {rows[0]['input']} = {row['peak_vs_first']:.3f}")
    write_json(report, args.json)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
