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
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from pipeline.stages import STAGE_FILES

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The fetch check and the helpers both checks share; fetch_trials and check_cache are this script's too.
from kill_resume_fetch import (PROJECT_DIR, CheckResult, _env, _evidence, _kill_when,  # noqa: E402,F401
                               check_cache, fetch_trials, temp_files)

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
