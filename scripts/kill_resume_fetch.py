#!/usr/bin/env python
"""The fetch half of scripts/kill_resume_check.py, and the helpers both halves share.

``evidence pubmed fetch`` against the fake E-utilities server (tests/pubmed/fake_eutils.py, slowed
down so there is time to kill), killed with SIGKILL after a chosen number of batches, then rerun;
:func:`check_cache` says what the rerun's cache lacks against an uninterrupted fetch. Run it through
``scripts/kill_resume_check.py --only fetch``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


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
