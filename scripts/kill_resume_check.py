#!/usr/bin/env python
"""Kill -9 a PubMed fetch and a pipeline run part-way, rerun them, and check that nothing was lost.

Two checks, each against an uninterrupted reference:

``fetch``
    ``evidence pubmed fetch`` against the fake E-utilities server (tests/pubmed/fake_eutils.py,
    slowed down so there is time to kill), killed with SIGKILL after a chosen number of
    batches, then rerun. The cache must hold exactly the requested PMIDs, each file
    byte-identical to the reference fetch, no temporary file, one manifest line per PMID
    with the file's sha256, and the rerun must ask only for PMIDs that were not cached yet.
``run``
    ``evidence run`` killed with SIGKILL when a chosen stage file (or its temporary file) appears,
    so each stage is interrupted once, then rerun into the same folder. Runs start from a copy
    of the code taken at the start, so edits to the working tree cannot change the outputs. Every output file except
    ``run_manifest.json`` and ``evidence.sqlite`` must be byte-identical to an uninterrupted run;
    ``evidence.sqlite`` (which holds the run id) must hold the same rows for the latest run.
    The NCBI email and API key are in the environment of every run and must appear in no output.
``refresh``
    As ``run``, with ``--refresh``: each trial's folder first holds a finished refresh of last
    week's corpus (the snapshot less its last articles); the refresh of the whole snapshot is
    killed (NER or relations mid-write, the result store mid-transaction), rerun, and its
    outputs compared with an uninterrupted refresh (the store files themselves are not compared).

Usage::

    .venv/bin/python scripts/kill_resume_check.py                 # both, every kill point
    .venv/bin/python scripts/kill_resume_check.py --only fetch --fetch-kills 1,3,5

Prints one line per kill and a summary; exit code 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from pipeline.stages import STAGE_FILES

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("EVIDENCE_SHARED_DIR", PROJECT_DIR.parent / "shared"))
# Stage files in the order a run writes them; killing when one appears interrupts the next stage.
RUN_KILL_POINTS = (".documents.jsonl.*.tmp", STAGE_FILES["documents"], ".mentions.jsonl.*.tmp", STAGE_FILES["mentions"],
                   STAGE_FILES["relations"], STAGE_FILES["gold_findings"], STAGE_FILES["evidence_table"], STAGE_FILES["pubtator"],
                   ".evidence.sqlite.*.tmp")
VOLATILE_OUTPUTS = {STAGE_FILES["run_manifest"], STAGE_FILES["history"]}
# Killing a refresh once NER has opened the store (SQLite's WAL file appears; the seeded folder has
# every stage file already, so only new files mark a moment), while NER writes, while relations write.
REFRESH_KILL_POINTS = ("result_store.sqlite-wal", ".mentions.jsonl.*.tmp", ".relations.jsonl.*.tmp")
STORE_FILES = "result_store.sqlite*"  # a refresh's store (and SQLite's journal): not an output to compare
NEW_ARTICLES = 24  # articles of the snapshot left out of "last week's" corpus


@dataclass
class CheckResult:
    """One kill-and-resume trial: what was killed when, and every problem found (empty = pass)."""

    name: str
    killed: bool
    problems: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.killed and not self.problems

    def line(self) -> str:
        status = "PASS" if self.ok else ("NOT KILLED" if not self.killed else "FAIL")
        extra = ", ".join(f"{k}={v}" for k, v in self.details.items())
        return f"{status:10} {self.name}: {extra}" + "".join(f"\n    - {p}" for p in self.problems)


# -- helpers -------------------------------------------------------------------------------------


CODE_PARTS = ("pipeline", "corpus", "annotations", "models")


def snapshot_code(work: Path, source: Path = PROJECT_DIR) -> Path:
    """Copy the package and the inputs it reads beside it into ``work/code``; runs start from there.

    The working tree may change while the check runs (other people commit and edit): the
    uninterrupted and the killed runs must run the same code, or their outputs differ for
    that reason alone.
    """
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    for part in CODE_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, code / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.work"))
    return code


def _evidence(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def _env(email: str | None = None, api_key: str | None = None, code: Path = PROJECT_DIR) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code) + os.pathsep + env.get("PYTHONPATH", "")
    if email:
        env["EVIDENCE_EMAIL"] = email
    if api_key:
        env["NCBI_API_KEY"] = api_key
    return env


def temp_files(folder: Path) -> list[str]:
    """Names of leftover temporary files (the ``atomic_writer`` pattern) in ``folder``."""
    return sorted(p.name for p in folder.glob(".*.tmp")) if folder.is_dir() else []


def _kill_when(proc: subprocess.Popen, ready, timeout: float) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()`` is true; False if it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def _load_fake_module():
    name = "pubmed_fake_eutils"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PROJECT_DIR / "tests" / "pubmed" / "fake_eutils.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def start_slow_server(shared: Path, delay: float):
    """The fake E-utilities server with every efetch answered after ``delay`` seconds."""
    fake = _load_fake_module()
    base = fake.FakeEutils.from_shared(shared)

    class SlowEutils(fake.FakeEutils):
        def efetch_body(self, ids: list[str]) -> bytes:
            time.sleep(delay)
            return super().efetch_body(ids)

    server = SlowEutils(articles=base.articles, esearch_examples=base.esearch_examples).start()
    # A client killed mid-answer breaks the server's pipe; that is the point here, not an error to print.
    server.server.handle_error = lambda _request, _address: None
    return server, fake


# -- fetch ---------------------------------------------------------------------------------------


def _manifest_lines(cache: Path) -> list[dict]:
    path = cache / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fetch(server, fake, pmid_file: Path, cache: Path, batch_size: int) -> subprocess.Popen:
    return subprocess.Popen(
        _evidence("pubmed", "fetch", "--pmids", str(pmid_file), "--cache-dir", str(cache),
                  "--eutils-url", server.url, "--batch-size", str(batch_size), "--timeout", "10"),
        cwd=PROJECT_DIR, env=_env(fake.EMAIL, fake.API_KEY), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def check_cache(cache: Path, reference: Path, wanted: list[str]) -> list[str]:
    """Problems of ``cache`` against the uninterrupted ``reference`` cache (empty list = complete)."""
    problems: list[str] = []
    files = sorted(p.stem for p in cache.glob("*.xml"))
    if sorted(files) != sorted(wanted):
        problems.append(f"cache holds {len(files)} PMIDs, {len(wanted)} requested "
                        f"(missing {sorted(set(wanted) - set(files))[:5]}, extra {sorted(set(files) - set(wanted))[:5]})")
    for pmid in files:
        if (cache / f"{pmid}.xml").read_bytes() != (reference / f"{pmid}.xml").read_bytes():
            problems.append(f"{pmid}.xml differs from the uninterrupted fetch")
    leftovers = temp_files(cache)
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    lines = _manifest_lines(cache)
    pmids = [line["pmid"] for line in lines]
    if len(pmids) != len(set(pmids)):
        problems.append(f"manifest has duplicate PMIDs ({len(pmids)} lines, {len(set(pmids))} PMIDs)")
    if sorted(set(pmids)) != sorted(files):
        problems.append("manifest PMIDs differ from the cached files")
    for line in lines:
        path = cache / f"{line['pmid']}.xml"
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() != line["sha256"]:
            problems.append(f"manifest sha256 of {line['pmid']} does not match its file")
    return problems


def fetch_trials(shared: Path, work: Path, kill_after_files: list[int], *, batch_size: int = 10,
                 delay: float = 0.15, limit: int | None = None) -> list[CheckResult]:
    """Kill ``evidence pubmed fetch`` once each number of cache files exists, rerun, and check the cache.

    A count that is not a multiple of ``batch_size`` kills inside a batch: some of its
    files written (each is fsync'ed, so this takes a few ms), the manifest not yet.
    """
    server, fake = start_slow_server(shared, delay)
    try:
        wanted = sorted(server.articles, key=int)[:limit]
        pmid_file = work / "pmids.txt"
        pmid_file.write_text("\n".join(wanted) + "\n", encoding="utf-8")
        reference = work / "fetch_reference"
        proc = _fetch(server, fake, pmid_file, reference, batch_size)
        out, err = proc.communicate(timeout=300)
        if proc.returncode != 0:
            raise RuntimeError(f"uninterrupted fetch failed ({proc.returncode}): {err.decode()[-500:]}")
        results = []
        for files in kill_after_files:
            cache = work / f"fetch_killed_{files}"
            before = len(server.fetched_ids())
            proc = _fetch(server, fake, pmid_file, cache, batch_size)
            killed = _kill_when(proc, lambda: len(list(cache.glob("*.xml"))) >= files, timeout=120)
            at_kill = {p.stem for p in cache.glob("*.xml")} if cache.is_dir() else set()
            leftovers_at_kill = temp_files(cache)
            manifest_at_kill = _manifest_lines(cache)
            asked_before_rerun = len(server.fetched_ids())
            proc = _fetch(server, fake, pmid_file, cache, batch_size)
            out, err = proc.communicate(timeout=300)
            asked_again = server.fetched_ids()[asked_before_rerun:]
            listed_at_kill = len(manifest_at_kill)
            result = CheckResult(f"fetch killed once {files} files existed", killed)
            result.details.update(cached_at_kill=len(at_kill), in_manifest_at_kill=listed_at_kill,
                                  temp_files_at_kill=len(leftovers_at_kill),
                                  answered_before_kill=asked_before_rerun - before, asked_by_rerun=len(asked_again))
            if proc.returncode != 0:
                result.problems.append(f"rerun exited {proc.returncode}: {err.decode()[-300:]}")
            result.problems += check_cache(cache, reference, wanted)
            again = sorted(set(asked_again) & at_kill, key=int)
            if again:
                result.problems.append(f"rerun asked again for {len(again)} PMIDs already cached: {again[:5]}")
            if len(asked_again) != len(set(asked_again)):
                result.problems.append("rerun asked for a PMID twice")
            results.append(result)
        return results
    finally:
        server.stop()


# -- run -----------------------------------------------------------------------------------------


def _run(out: Path, snapshot: Path | None, review: Path | None, env: dict[str, str], command: str = "run",
         extra: tuple[str, ...] = (), code: Path = PROJECT_DIR) -> subprocess.Popen:
    args = [command, "--out", str(out), *extra]
    if snapshot is not None:
        args += ["--pubmed-snapshot", str(snapshot)]
    if review is not None:
        args += ["--review", str(review)]
    # An empty cache folder: the default corpus/pubmed may change under other people's feet.
    args += ["--pubmed-cache", str(out.parent / "no_cache")]
    return subprocess.Popen(_evidence(*args), cwd=code, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _store_rows(path: Path) -> dict[str, list[tuple]]:
    """Rows of the latest run in ``evidence.sqlite``, run id left out, per table."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        run_id = connection.execute("SELECT run_id FROM runs ORDER BY seq DESC LIMIT 1").fetchone()[0]
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                   "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        rows: dict[str, list[tuple]] = {}
        for table in tables:
            columns = [c[1] for c in connection.execute(f'PRAGMA table_info("{table}")')]
            keep = [c for c in columns if c not in ("run_id", "seq")]
            where = " WHERE run_id = ?" if "run_id" in columns else ""
            query = f'SELECT {", ".join(chr(34) + c + chr(34) for c in keep)} FROM "{table}"{where}'
            rows[table] = sorted(connection.execute(query, (run_id,) if where else ()).fetchall(), key=repr)
        return rows
    finally:
        connection.close()


def compare_runs(resumed: Path, reference: Path, secrets: tuple[str, ...] = ()) -> list[str]:
    """Problems of the ``resumed`` output folder against the uninterrupted ``reference`` (empty = identical)."""
    problems: list[str] = []
    def outputs(folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                      and not p.match(STORE_FILES))

    names, got = outputs(reference), outputs(resumed)
    if names != got:
        problems.append(f"output files differ: missing {sorted(set(names) - set(got))}, "
                        f"extra {sorted(set(got) - set(names))}")
    for name in names:
        if name in VOLATILE_OUTPUTS or not (resumed / name).exists():
            continue
        if (resumed / name).read_bytes() != (reference / name).read_bytes():
            problems.append(f"{name} differs from the uninterrupted run")
    store = STAGE_FILES["history"]
    if (reference / store).exists() and (resumed / store).exists():
        if _store_rows(resumed / store) != _store_rows(reference / store):
            problems.append(f"{store}: the latest run's rows differ from the uninterrupted run")
    leftovers = temp_files(resumed)
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    for path in sorted(resumed.iterdir()):
        data = path.read_bytes() if path.is_file() else b""
        for secret in secrets:
            if secret.encode() in data:
                problems.append(f"{path.name} contains a secret (the NCBI email or API key)")
    return problems


def _store_runs(path: Path) -> int:
    if not path.exists():
        return 0
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    finally:
        connection.close()


def run_trials(work: Path, kill_points: list[str], *, snapshot: Path | None, review: Path | None = None,
               secrets: tuple[str, str] = ("curator@example.org", "k3y-not-real-0123456789"),
               command: str = "run", extra: tuple[str, ...] = (), attempts: int = 3,
               seed: Path | None = None) -> list[CheckResult]:
    """Kill ``evidence <command>`` when each of ``kill_points`` appears, rerun, compare with an uninterrupted run.

    A kill point is a file name in the output folder or a glob such as ``.mentions.jsonl.*.tmp``
    (kill while that file is being written). With ``seed`` (a snapshot), each trial's folder first
    holds a finished run over it (with ``extra``), e.g. last week's refresh.
    """
    code = snapshot_code(work)
    env = _env(*secrets, code=code)
    reference = work / "run_reference"
    # The uninterrupted run goes on beside the first trial (they share nothing but the inputs).
    reference_proc = _run(reference, snapshot, review, env, command, extra, code)
    results = []
    for point in kill_points:
        out_dir = work / f"run_killed_{point.strip('.').replace('.', '_').replace('*', 'x')}"
        # A temporary file may exist for a few ms only: a run that finished before the poll saw
        # it is started again from scratch (up to `attempts` times).
        for _attempt in range(attempts):
            shutil.rmtree(out_dir, ignore_errors=True)
            if seed is not None:
                seeding = _run(out_dir, seed, review, env, command, extra, code)
                _out, err = seeding.communicate(timeout=900)
                if seeding.returncode not in (0, 4):
                    raise RuntimeError(f"seeding run failed ({seeding.returncode}): {err.decode()[-500:]}")
            proc = _run(out_dir, snapshot, review, env, command, extra, code)
            killed = _kill_when(proc, lambda: any(out_dir.glob(point)), timeout=900)
            if killed:
                break
        stage_files = sorted(p.name for p in out_dir.iterdir()) if out_dir.is_dir() else []
        leftovers = temp_files(out_dir)
        proc = _run(out_dir, snapshot, review, env, command, extra, code)
        out, err = proc.communicate(timeout=900)
        if reference_proc.returncode is None:
            _out, err = reference_proc.communicate(timeout=900)
            if reference_proc.returncode not in (0, 4):
                raise RuntimeError(f"uninterrupted run failed ({reference_proc.returncode}): {err.decode()[-500:]}")
        result = CheckResult(f"{command} {' '.join(extra)} killed once {point} existed".replace("  ", " "), killed)
        result.details.update(files_at_kill=len(stage_files) - len(leftovers), temp_files_at_kill=len(leftovers),
                              rerun_exit=proc.returncode, runs_in_history=_store_runs(out_dir / STAGE_FILES["history"]))
        if proc.returncode not in (0, 4):
            result.problems.append(f"rerun exited {proc.returncode}: {err.decode()[-300:]}")
        result.problems += compare_runs(out_dir, reference, secrets)
        results.append(result)
    return results


def last_week(snapshot: Path, work: Path) -> Path:
    """The snapshot less its last :data:`NEW_ARTICLES` articles, written into ``work``: the corpus a refresh grows."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(next(snapshot.glob("*.xml")) if snapshot.is_dir() else snapshot)
    root = tree.getroot()
    for article in root.findall("PubmedArticle")[-NEW_ARTICLES:]:
        root.remove(article)
    folder = work / "snapshot_last_week"
    folder.mkdir(exist_ok=True)
    tree.write(folder / "pubmed_snapshot.xml", encoding="utf-8", xml_declaration=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder (../shared)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temp folder)")
    parser.add_argument("--only", choices=("fetch", "run", "refresh"), default=None)
    parser.add_argument("--fetch-kills", default="1,10,25,47,63,90,121",
                        help="kill the fetch once this many cache files exist, one trial each; the fetch "
                             "goes in batches of 10 (default: %(default)s)")
    parser.add_argument("--run-kills", default=",".join(RUN_KILL_POINTS),
                        help="kill the run when each of these files appears (default: %(default)s)")
    parser.add_argument("--refresh-kills", default=",".join(REFRESH_KILL_POINTS),
                        help="kill the refresh when each of these files appears (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kill_resume_"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[CheckResult] = []
    started = time.monotonic()
    try:
        if args.only in (None, "fetch"):
            kills = [int(k) for k in args.fetch_kills.split(",") if k]
            results += fetch_trials(args.shared, work, kills)
        if args.only in (None, "run"):
            snapshot = args.shared / "data" / "pubmed" / "snapshot"
            results += run_trials(work, [k for k in args.run_kills.split(",") if k], snapshot=snapshot)
        if args.only in (None, "refresh"):
            snapshot = args.shared / "data" / "pubmed" / "snapshot"
            (work / "refresh").mkdir(exist_ok=True)
            results += run_trials(work / "refresh", [k for k in args.refresh_kills.split(",") if k],
                                  snapshot=snapshot, extra=("--refresh",), seed=last_week(snapshot, work))
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    for result in results:
        print(result.line())
    passed = sum(r.ok for r in results)
    print(f"{passed}/{len(results)} kill-and-resume trials passed in {time.monotonic() - started:.0f}s")
    return 0 if results and passed == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
