"""No annotation names a reserved PubMed snapshot abstract (they are kept for blind evaluation)."""

from __future__ import annotations

import re
from pathlib import Path

ANNOTATIONS = Path(__file__).resolve().parents[2] / "annotations"

# The ten snapshot abstracts annotated before the reservation were removed (2026-12-03): no annotation
# names one, not even to say it was dropped.


def test_no_annotation_names_a_reserved_snapshot_abstract(shared_file):
    snapshot = shared_file("data/pubmed/snapshot/pubmed_snapshot.xml").read_text(encoding="utf-8")
    reserved = set(re.findall(r"<PMID[^>]*>(\d+)</PMID>", snapshot))
    assert len(reserved) > 100
    named: dict[str, set[str]] = {}
    for path in sorted(p for p in ANNOTATIONS.rglob("*") if p.is_file()):
        found = set(re.findall(r"\d{7,8}", path.read_text(encoding="utf-8"))) & reserved
        if found:
            named[str(path.relative_to(ANNOTATIONS))] = found
    assert not named, f"reserved snapshot PMIDs named in annotations: {named}"
