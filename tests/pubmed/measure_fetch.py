"""Measure ``evidence pubmed fetch`` against the fake E-utilities server and print the numbers.

Not a test (pytest does not collect it). Run from the repository root:

    .venv/bin/python tests/pubmed/measure_fetch.py [--shared ../shared] [--requests 30]

It starts the fake server in this process, runs the real CLI in a subprocess with
injected faults (429 + Retry-After, 500, 503, truncated body, stalled answer),
runs it a second time, then drives the client directly to measure the request
rate with and without an API key. Everything goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent


def load_fake():
    spec = importlib.util.spec_from_file_location("pubmed_fake_eutils", HERE / "fake_eutils.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def max_in_window(times: list[float], window: float = 1.0) -> int:
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--requests", type=int, default=30, help="esearch calls per rate measurement")
    args = parser.parse_args()
    fake = load_fake()
    server = fake.FakeEutils.from_shared(args.shared).start()
    sys.path.insert(0, str(PROJECT))
    from pipeline.pubmed.cache import read_manifest
    from pipeline.pubmed.client import EutilsClient

    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            pmids = sorted(server.articles) + ["99999998", "99999999"]
            (tmp_path / "pmids.txt").write_text("\n".join(pmids) + "\n")
            server.inject("efetch", fake.Fault(status=429, headers=(("Retry-After", "1"),)),
                          fake.Fault(status=500), fake.Fault(status=503), fake.Fault(truncate=True),
                          fake.Fault(stall=3.0))
            command = [str(PROJECT / ".venv" / "bin" / "evidence"), "pubmed", "fetch", "--pmids",
                       str(tmp_path / "pmids.txt"), "--eutils-url", server.url, "--email", fake.EMAIL,
                       "--cache-dir", str(tmp_path / "cache"), "--timeout", "1", "--max-retries", "6"]
            env = {k: v for k, v in os.environ.items() if k not in ("NCBI_API_KEY", "EVIDENCE_EMAIL")}
            for run in (1, 2):
                before = len(server.calls("efetch"))
                started = time.monotonic()
                done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
                elapsed = time.monotonic() - started
                calls = server.calls("efetch")[before:]
                times = [c.time for c in calls]
                faults = [c.fault.status or ("truncated" if c.fault.truncate else "stalled") for c in calls if c.fault]
                print(f"run {run}: exit {done.returncode} in {elapsed:.2f}s; efetch requests {len(calls)} "
                      f"(faults answered: {faults}); max requests in any 1 s window: {max_in_window(times)}; "
                      f"stdout: {done.stdout.strip()}")
            cache = tmp_path / "cache"
            xml_files = sorted(cache.glob("*.xml"))
            print(f"cache: {len(xml_files)} XML files for {len(pmids)} PMIDs requested "
                  f"({len(pmids) - len(server.articles)} unknown to the server); manifest entries "
                  f"{len(read_manifest(cache))}; temp files left {len(list(cache.glob('.*')))}")
            secret_leak = fake.EMAIL in done.stdout + done.stderr
            print(f"email printed by the CLI: {secret_leak}")

        for key in (None, fake.API_KEY):
            client = EutilsClient(server.url, email=fake.EMAIL, api_key=key)
            before = len(server.calls("esearch"))
            for _ in range(args.requests):
                client.esearch("biopython")
            times = [c.time for c in server.calls("esearch")[before:]]
            rate = (len(times) - 1) / (times[-1] - times[0])
            print(f"rate, api_key={'yes' if key else 'no'}: {len(times)} requests, mean {rate:.2f}/s, "
                  f"max in any 1 s window {max_in_window(times)}, min gap {min(b - a for a, b in zip(times, times[1:])):.3f}s")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
