"""No tracked file names a reserved PubMed snapshot abstract (they are kept for blind evaluation): not the
annotations, and not the tests, scripts, docs or code either."""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# What the repository tracks; generated and installed folders (outputs/, .venv/, .cache/) are left out.
TRACKED = ("annotations", "benchmarks", "corpus", "docs", "pipeline", "scripts", "tests")

# The ten snapshot abstracts annotated before the reservation were removed (2026-12-03): no annotation
# names one, not even to say it was dropped. Tests fetch the fake E-utilities server's own written
# articles (tests/pubmed/fake_eutils.py, PMIDs 90000001 and 90000002) or take snapshot articles by position.


def _named_in(paths: list[Path], reserved: set[str]) -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a binary model file
        found = set(re.findall(r"(?<!\d)\d{4,8}(?!\d)", text)) & reserved
        if found:
            named[str(path.relative_to(PROJECT))] = found
    return named


def test_no_tracked_file_names_a_reserved_snapshot_abstract(shared_file):
    snapshot = shared_file("data/pubmed/snapshot/pubmed_snapshot.xml").read_text(encoding="utf-8")
    reserved = set(re.findall(r"<PMID[^>]*>(\d+)</PMID>", snapshot))
    assert len(reserved) > 100
    paths = [p for p in PROJECT.glob("*") if p.is_file()]
    paths += [p for folder in TRACKED for p in sorted((PROJECT / folder).rglob("*"))
              if p.is_file() and "__pycache__" not in p.parts]
    named = _named_in(paths, reserved)
    assert not named, f"reserved snapshot PMIDs named in tracked files: {named}"
