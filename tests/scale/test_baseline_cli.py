"""`evidence ingest|ner|relations` over PubMed baseline/update files, end to end through the CLI.

Checks the canonical document order, update files revising and deleting articles,
the manifest's record of the files, a spilled (external) sort giving the same file
as an in-memory one, and identical NER/relations files with 1 or 2 local workers and
on a 2-worker Dask LocalCluster.
"""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline.cli import EXIT_INPUT_ERRORS, main
from pipeline.context import RunContext
from pipeline.ingest import canonical
from pipeline.manifest import collect_inputs, sha256_file
from pipeline.pubmed.baseline import write_baseline_file
from pipeline.records import Document
from pipeline.stages import STAGE_FILES

SENTENCES = (
    "Tocilizumab inhibited IL-6-induced STAT3 phosphorylation in MCF-7 cells.",
    "Siltuximab reduced tumour growth of MDA-MB-231 xenografts in mice.",
    "Bazedoxifene blocked gp130 signalling and suppressed proliferation of breast cancer cells.",
    "We found no association with survival.",
)
# out of order on purpose, with ids of different lengths (numeric order is not string order)
PMIDS = [3000 - 97 * n if n % 2 else 90 + 11 * n for n in range(24)]
REVISED, DELETED, NEVER_SEEN = PMIDS[3], PMIDS[5], 77777


def _document(pmid: int, title: str, n: int) -> Document:
    text = f"{title} {SENTENCES[n % 4]} {SENTENCES[(n + 1) % 4]}"
    return Document(doc_id=f"pmid:{pmid}", source="pubmed", title=title, text=text, pmid=str(pmid))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baseline")
    write_baseline_file((_document(p, f"IL-6 blockade study {n}.", n) for n, p in enumerate(PMIDS)),
                        folder / "pubmed26n0001.xml.gz")
    write_baseline_file([_document(REVISED, "Revised IL-6 blockade study.", 2)], folder / "pubmed26n0002.xml.gz",
                        deleted_pmids=[str(DELETED), str(NEVER_SEEN)])
    return folder


def _ingest(baseline, out, tmp_path) -> int:
    return main(["ingest", "--pubmed-baseline", str(baseline), "--out", str(out),
                 "--pubmed-cache", str(tmp_path / "no-cache")])


@pytest.fixture(scope="module")
def ingested(baseline, tmp_path_factory):
    out = tmp_path_factory.mktemp("run1")
    code = _ingest(baseline, out, out)
    return code, out


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ingest_writes_canonical_order_with_updates_applied(baseline, ingested):
    code, out = ingested
    documents = _lines(out / STAGE_FILES["documents"])
    ids = [d["doc_id"] for d in documents]
    expected = ["review"] + [f"pmid:{p}" for p in sorted(set(PMIDS) - {DELETED})]
    assert ids == expected
    revised = next(d for d in documents if d["doc_id"] == f"pmid:{REVISED}")
    assert revised["title"] == "Revised IL-6 blockade study."  # the update file's version won
    assert all(d["sentences"] for d in documents)  # segmented on the way in
    assert code == 0  # a deletion is the update file's instruction, not a rejected input
    assert _lines(out / STAGE_FILES["ingest_errors"]) == []
    update = str(baseline / "pubmed26n0002.xml.gz")
    assert DELETED < NEVER_SEEN  # listed in document order
    assert _lines(out / STAGE_FILES["ingest_deletions"]) == [
        {"doc_id": f"pmid:{DELETED}", "origin": update, "replaced": True},
        {"doc_id": f"pmid:{NEVER_SEEN}", "origin": update, "replaced": False},
    ]
    assert not list(out.glob(f"{canonical.SPILL_PREFIX}*"))


def test_a_spilled_sort_writes_the_same_documents(baseline, ingested, tmp_path, monkeypatch):
    monkeypatch.setattr(canonical, "DEFAULT_RUN_SIZE", 4)
    monkeypatch.setattr(canonical, "MAX_OPEN_RUNS", 3)  # also merges spilled runs early
    out = tmp_path / "spilled"
    assert _ingest(baseline, out, tmp_path) == 0
    for name in (STAGE_FILES["documents"], STAGE_FILES["ingest_errors"], STAGE_FILES["ingest_deletions"]):
        assert (out / name).read_bytes() == (ingested[1] / name).read_bytes()
    assert not list(out.glob(f"{canonical.SPILL_PREFIX}*"))


def test_missing_baseline_path_is_reported_and_the_rest_ingested(baseline, tmp_path):
    out = tmp_path / "out"
    missing = tmp_path / "pubmed26n9999.xml.gz"
    code = main(["ingest", "--pubmed-baseline", str(missing), "--pubmed-baseline", str(baseline / "pubmed26n0001.xml.gz"),
                 "--out", str(out), "--pubmed-cache", str(tmp_path / "no-cache")])
    assert code == EXIT_INPUT_ERRORS
    assert [e["source"] for e in _lines(out / STAGE_FILES["ingest_errors"])] == [str(missing)]
    assert len(_lines(out / STAGE_FILES["documents"])) == len(PMIDS) + 1


def test_manifest_records_each_baseline_file(baseline):
    inputs = collect_inputs(RunContext(pubmed_baseline=(baseline,)))
    for name in ("pubmed26n0001.xml.gz", "pubmed26n0002.xml.gz"):
        assert inputs[str((baseline / name).resolve())] == sha256_file(baseline / name)


@pytest.fixture(scope="module")
def one_worker(ingested):
    out = ingested[1]
    assert main(["ner", "--out", str(out)]) == 0
    assert main(["relations", "--out", str(out)]) == 0
    return out


def _run_copy(ingested, folder, *options) -> None:
    folder.mkdir()
    for name in (STAGE_FILES["documents"], STAGE_FILES["table1"]):
        shutil.copy(ingested[1] / name, folder / name)
    assert main(["ner", "--out", str(folder), "--chunk-size", "4", *options]) == 0
    assert main(["relations", "--out", str(folder), "--chunk-size", "4", *options]) == 0


def test_outputs_follow_documents_order(one_worker):
    order = {d["doc_id"]: n for n, d in enumerate(_lines(one_worker / STAGE_FILES["documents"]))}
    mentions = _lines(one_worker / STAGE_FILES["mentions"])
    relations = _lines(one_worker / STAGE_FILES["relations"])
    assert {r["agent_id"] for r in relations} >= {"agent:tocilizumab", "agent:siltuximab"}
    assert len({m["doc_id"] for m in mentions}) == len(order)
    for records in (mentions, relations):
        positions = [order[r["doc_id"]] for r in records]
        assert positions == sorted(positions)


def test_two_local_workers_write_identical_files(ingested, one_worker, tmp_path):
    _run_copy(ingested, tmp_path / "two", "--workers", "2")
    for name in (STAGE_FILES["mentions"], STAGE_FILES["relations"], STAGE_FILES["relations_errors"]):
        assert (tmp_path / "two" / name).read_bytes() == (one_worker / name).read_bytes()


def test_dask_local_cluster_writes_identical_files(ingested, one_worker, tmp_path):
    _run_copy(ingested, tmp_path / "dask", "--executor", "dask", "--workers", "2")
    for name in (STAGE_FILES["mentions"], STAGE_FILES["relations"], STAGE_FILES["relations_errors"]):
        assert (tmp_path / "dask" / name).read_bytes() == (one_worker / name).read_bytes()


def test_spill_folders_of_dead_processes_are_removed(tmp_path):
    import os
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    stale = tmp_path / f"{canonical.SPILL_PREFIX}{dead}-abc"
    live = tmp_path / f"{canonical.SPILL_PREFIX}{os.getpid()}-def"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "run000000.jsonl").write_text("{}\n")
    assert canonical.remove_stale_spills(tmp_path) == [stale]
    assert not stale.exists() and live.exists()
