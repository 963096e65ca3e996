"""Kill -9 during a PubMed fetch and during a run, rerun: complete, identical, nothing duplicated.

Fast versions of scripts/kill_resume_check.py (which runs many kill points on the full inputs);
they call the same checks, so the script is tested here as well.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from pipeline.stages import STAGE_FILES

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _script():
    name = "kill_resume_check"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PROJECT_DIR / "scripts" / "kill_resume_check.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def kill_resume():
    return _script()


def test_fetch_killed_inside_a_batch_resumes_to_a_complete_identical_cache(kill_resume, shared_file, tmp_path):
    shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    # 40 PMIDs in batches of 5: killed once 13 files exist, i.e. inside the third batch.
    [result] = kill_resume.fetch_trials(shared_file("data").parent, tmp_path, [13], batch_size=5, delay=0.05,
                                        limit=40)
    assert result.killed, "the fetch finished before it could be killed"
    assert result.problems == []
    assert 13 <= result.details["cached_at_kill"] < 40
    assert result.details["asked_by_rerun"] == 40 - result.details["cached_at_kill"]


def test_check_cache_notices_a_missing_file_a_changed_byte_and_a_leftover(kill_resume, tmp_path):
    reference, cache = tmp_path / "ref", tmp_path / "cache"
    for folder in (reference, cache):
        folder.mkdir()
        (folder / "11.xml").write_bytes(b"<a/>")
        (folder / "manifest.jsonl").write_text(
            '{"pmid": "11", "fetched_at": "t", "sha256": "d3ba40a4b5e0ad1b8e2e39f2a1e5f8d1f6c5a5c0b0d4e7f1a2b3c4d5e6f70819"}\n')
    (reference / "12.xml").write_bytes(b"<b/>")
    (cache / ".12.xml.1.abc.tmp").write_bytes(b"<b")
    problems = kill_resume.check_cache(cache, reference, ["11", "12"])
    assert any("missing ['12']" in p for p in problems)
    assert any("temporary files left" in p for p in problems)
    assert any("sha256 of 11" in p for p in problems)


def test_compare_runs_notices_a_changed_output_and_a_secret(kill_resume, tmp_path):
    reference, resumed = tmp_path / "ref", tmp_path / "resumed"
    for folder in (reference, resumed):
        folder.mkdir()
        (folder / STAGE_FILES["documents"]).write_text("{}\n")
        (folder / STAGE_FILES["run_manifest"]).write_text(f'"{folder.name}"')
    (resumed / STAGE_FILES["documents"]).write_text('{"email": "curator@example.org"}\n')
    problems = kill_resume.compare_runs(resumed, reference, ("curator@example.org",))
    assert problems == ["documents.jsonl differs from the uninterrupted run",
                        "documents.jsonl contains a secret (the NCBI email or API key)"]


def test_ingest_killed_while_writing_documents_resumes_to_byte_identical_outputs(kill_resume, shared_file,
                                                                                  tmp_path):
    """``evidence ingest`` on the review, the snapshot and BioRED's train PubTator file (506 documents),
    killed while ``documents.jsonl`` is being written (its temporary file exists), then rerun."""
    snapshot = shared_file("data/pubmed/snapshot")
    pubtator = shared_file("data/benchmarks/BioRED/Train.PubTator")
    [result] = kill_resume.run_trials(tmp_path, [".documents.jsonl.*.tmp"], snapshot=snapshot, command="ingest",
                                      extra=("--pubtator", str(pubtator)))
    assert result.killed, "ingest finished before it could be killed"
    assert result.details["temp_files_at_kill"] == 1
    assert result.problems == []
    assert result.details["rerun_exit"] == 0


def test_run_killed_mid_pipeline_resumes_to_byte_identical_outputs(kill_resume, tmp_path):
    """The review alone, killed while NER writes mentions.jsonl, then rerun (14 s on a quiet machine;
    the uninterrupted run goes on beside the killed one).

    Every output but run_manifest.json and evidence.sqlite (which carries the run id) is compared
    byte for byte with an uninterrupted run; the store's rows are compared without the run id;
    the NCBI email and key, set in the environment, appear in no output file.
    """
    [result] = kill_resume.run_trials(tmp_path, [".mentions.jsonl.*.tmp"], snapshot=None)
    assert result.killed, "the run finished before it could be killed"
    assert result.problems == []
    assert result.details["rerun_exit"] == 0
    assert result.details["runs_in_history"] == 1


def test_manifest_is_repaired_from_the_files_a_killed_fetch_left(eutils_server, tmp_path):
    """Deterministic version of a kill between a batch's files and its manifest line."""
    import hashlib

    from pipeline.pubmed.cache import fetch_to_cache, read_manifest
    from pipeline.pubmed.client import EutilsClient

    import pubmed_fake_eutils as fake

    client = EutilsClient(eutils_server.url, email=fake.EMAIL, api_key=fake.API_KEY, timeout=5.0)
    cache = tmp_path / "cache"
    fetch_to_cache(client, ["90000001", "90000002"], cache)
    manifest_path = cache / "manifest.jsonl"
    lines = manifest_path.read_text().splitlines()
    manifest_path.write_text(lines[0] + "\n" + '{"pmid": "12091962", "fetched_at": "t", "sha256": "0"}\n')
    before = len(eutils_server.calls("efetch"))

    report = fetch_to_cache(client, ["90000001", "90000002", "12091962"], cache)

    assert report.cached == ("90000001", "90000002") and report.fetched == ("12091962",)
    assert eutils_server.fetched_ids()[-1:] == ["12091962"] and len(eutils_server.calls("efetch")) == before + 1
    manifest = read_manifest(cache)
    assert sorted(manifest) == ["12091962", "90000001", "90000002"]
    for pmid, entry in manifest.items():
        assert entry.sha256 == hashlib.sha256((cache / f"{pmid}.xml").read_bytes()).hexdigest()
