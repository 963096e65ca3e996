"""Streaming read of a PubMed baseline-size file: articles/s and peak memory (prints numbers; not a test).

A real baseline file holds ~30,000 articles. Offline, one is built in a temporary
folder from the PubMed snapshot's articles repeated with fresh PMIDs, gzipped like
``pubmedNNnNNNN.xml.gz``; it is then read with
:class:`pipeline.pubmed.baseline.BaselineReader` in a fresh subprocess per size, so
peak RSS (VmHWM) belongs to the read alone.

    nice -n 10 .venv/bin/python benchmarks/bench_baseline.py [--shared ../shared] [--articles 3000 30000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.pubmed.baseline import BaselineReader  # noqa: E402

_ARTICLE = re.compile(rb"<PubmedArticle>.*?</PubmedArticle>", re.S)
_PMID = re.compile(rb"<PMID Version=\"(\d+)\">\d+</PMID>")


def build_file(snapshot: Path, count: int, path: Path) -> None:
    """A ``PubmedArticleSet`` of ``count`` articles cycled from ``snapshot``, each with its own PMID."""
    articles = _ARTICLE.findall(snapshot.read_bytes())
    with gzip.open(path, "wb", compresslevel=6) as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n')
        for n in range(count):
            article = _PMID.sub(lambda m, n=n: b'<PMID Version="%s">%d</PMID>' % (m.group(1), 40_000_000 + n),
                                articles[n % len(articles)])
            handle.write(article + b"\n")
        handle.write(b"</PubmedArticleSet>\n")


def child(path: Path) -> None:
    started = time.perf_counter()
    reader = BaselineReader(path)
    documents = characters = 0
    for document in reader:
        documents += 1
        characters += len(document.text)
    seconds = time.perf_counter() - started
    peak = next(int(line.split()[1]) / 1024 for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmHWM:"))
    print(json.dumps({"documents": documents, "characters": characters, "errors": len(reader.errors),
                      "seconds": seconds, "peak_rss_mb": peak}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--articles", type=int, nargs="+", default=[3000, 30000])
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    snapshot = args.shared / "data" / "pubmed" / "snapshot" / "pubmed_snapshot.xml"
    with tempfile.TemporaryDirectory(prefix="bench_baseline_") as folder:
        for count in args.articles:
            path = Path(folder) / "pubmed99n0001.xml.gz"
            build_file(snapshot, count, path)
            done = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                                  check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{count:>6} articles  {path.stat().st_size / 1e6:6.1f} MB gzipped  read {row['documents']} documents "
                  f"({row['errors']} errors) in {row['seconds']:.1f} s = {row['documents'] / row['seconds']:.0f} "
                  f"articles/s  peak RSS {row['peak_rss_mb']:.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
