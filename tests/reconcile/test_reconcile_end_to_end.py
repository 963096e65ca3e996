"""The refresh bars on the real review and snapshot (slow: three full runs; ``pytest -m slow``).

Two review-only runs write identical files apart from run_manifest.json and the
history store; adding the PubMed snapshot to a review-only run shows up in
``evidence diff`` as added evidence only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.report.store import diff_runs
from pipeline.stages import STAGE_FILES
from shared_fixtures import stage_file

NOT_COMPARED = {STAGE_FILES["run_manifest"], STAGE_FILES["history"]}


@pytest.mark.slow
def test_reruns_are_identical_and_pubmed_only_adds(shared_file, tmp_path: Path) -> None:
    snapshot = shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["run", "--out", str(first)]) == 0
    assert main(["run", "--out", str(second)]) == 0
    names = sorted(p.name for p in first.iterdir() if p.is_file() and p.name not in NOT_COMPARED)
    assert STAGE_FILES["report"] in names and STAGE_FILES["evidence_parquet"] in names and STAGE_FILES["bioc"] in names
    assert names == sorted(p.name for p in second.iterdir() if p.is_file() and p.name not in NOT_COMPARED)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert main(["run", "--out", str(first), "--pubmed-snapshot", str(snapshot)]) == 0
    diff = diff_runs(stage_file(first, "history"))
    assert diff.removed == ()
    assert diff.added and all(item.doc_id.startswith("pmid:") for item in diff.added)
