"""fetch_to_cache: one file per PMID, a manifest, only missing PMIDs fetched, never a partial file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pubmed_fake_eutils import PASS, Fault  # registered by tests/pubmed/conftest.py

from pipeline.errors import InputError
from pipeline.pubmed.cache import (MANIFEST_NAME, cache_path, fetch_to_cache, read_manifest, read_not_found,
                                   split_articles)
from pipeline.pubmed.client import RetryPolicy
from pipeline.pubmed.parser import parse_pubmed_xml


def cache_listing(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir())


def assert_every_file_is_whole(cache_dir: Path) -> None:
    for path in cache_dir.glob("*.xml"):
        documents, errors = parse_pubmed_xml(path.read_bytes(), str(path))
        assert errors == [] and [d.pmid for d in documents] == [path.stem]
    assert [p.name for p in cache_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_fetch_writes_one_file_per_pmid_and_a_manifest(eutils, make_client, shared_file, tmp_path):
    pmids = sorted(eutils.articles)[:30]
    report = fetch_to_cache(make_client(batch_size=12), pmids, tmp_path, query="il6 breast")
    assert report.ok and list(report.fetched) == pmids and report.cached == () and report.missing == ()
    assert cache_listing(tmp_path) == sorted([f"{p}.xml" for p in pmids] + [MANIFEST_NAME])
    assert_every_file_is_whole(tmp_path)
    manifest = read_manifest(tmp_path)
    assert sorted(manifest) == pmids
    for pmid, entry in manifest.items():
        assert entry.sha256 == hashlib.sha256(cache_path(tmp_path, pmid).read_bytes()).hexdigest()
        assert entry.query == "il6 breast" and entry.fetched_at.endswith("+00:00")
    assert len(eutils.calls("efetch")) == 3


def test_cached_article_has_the_same_text_as_the_source(eutils, make_client, shared_file, tmp_path):
    snapshot = shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    originals = {d.pmid: d for d in parse_pubmed_xml(snapshot.read_bytes(), "snapshot")[0]}
    pmids = sorted(originals)
    fetch_to_cache(make_client(), pmids, tmp_path)
    for pmid in pmids:
        (cached,), _ = parse_pubmed_xml(cache_path(tmp_path, pmid).read_bytes(), pmid)
        assert cached == originals[pmid]


def test_second_run_makes_no_efetch_request(eutils, make_client, tmp_path):
    pmids = sorted(eutils.articles)[:8]
    fetch_to_cache(make_client(), pmids, tmp_path)
    before = len(eutils.calls("efetch"))
    manifest_before = (tmp_path / MANIFEST_NAME).read_bytes()
    again = fetch_to_cache(make_client(), pmids, tmp_path)
    assert len(eutils.calls("efetch")) == before == 1
    assert again.fetched == () and list(again.cached) == pmids
    assert (tmp_path / MANIFEST_NAME).read_bytes() == manifest_before


def test_rerun_after_a_failure_fetches_only_what_is_missing(eutils, make_client, tmp_path):
    pmids = sorted(eutils.articles)[:25]
    client = make_client(batch_size=10, retry=RetryPolicy(max_retries=1, backoff_factor=0.01))
    eutils.inject("efetch", PASS, Fault(status=500), Fault(status=500))  # batch 2 fails on both attempts
    report = fetch_to_cache(client, pmids, tmp_path)
    assert not report.ok and "gave up after 2 attempts" in report.error
    assert list(report.fetched) == pmids[:10] and list(report.failed) == pmids[10:]
    assert sorted(read_manifest(tmp_path)) == pmids[:10]
    assert cache_listing(tmp_path) == sorted([f"{p}.xml" for p in pmids[:10]] + [MANIFEST_NAME])
    assert_every_file_is_whole(tmp_path)

    asked_before = len(eutils.fetched_ids())
    rerun = fetch_to_cache(client, pmids, tmp_path)
    assert rerun.ok and list(rerun.fetched) == pmids[10:] and list(rerun.cached) == pmids[:10]
    assert sorted(eutils.fetched_ids()[asked_before:]) == pmids[10:]
    assert sorted(read_manifest(tmp_path)) == pmids


def test_truncated_answers_never_leave_a_partial_file(eutils, make_client, tmp_path):
    pmids = sorted(eutils.articles)[:4]
    eutils.inject("efetch", *[Fault(truncate=True)] * 5)
    report = fetch_to_cache(make_client(retry=RetryPolicy(max_retries=2, backoff_factor=0.01)), pmids, tmp_path)
    assert not report.ok and "malformed XML body" in report.error
    assert list(report.failed) == pmids
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []
    eutils.faults["efetch"].clear()
    assert fetch_to_cache(make_client(), pmids, tmp_path).ok
    assert_every_file_is_whole(tmp_path)


def test_refresh_fetches_again_and_updates_the_manifest(eutils, make_client, tmp_path):
    pmids = sorted(eutils.articles)[:3]
    fetch_to_cache(make_client(), pmids, tmp_path, query="first")
    report = fetch_to_cache(make_client(), pmids, tmp_path, refresh=True, query="second")
    assert list(report.fetched) == pmids
    assert len(eutils.calls("efetch")) == 2
    assert {e.query for e in read_manifest(tmp_path).values()} == {"second"}


def test_pmids_absent_from_the_answer_are_recorded_and_not_asked_again(eutils, make_client, tmp_path):
    report = fetch_to_cache(make_client(), ["90000001", "99999999"], tmp_path, query="q")
    assert report.ok and report.fetched == ("90000001",) and report.missing == ("99999999",)
    assert not (tmp_path / "99999999.xml").exists()
    assert list(read_not_found(tmp_path)) == ["99999999"] and read_not_found(tmp_path)["99999999"].query == "q"

    again = fetch_to_cache(make_client(), ["90000001", "99999999"], tmp_path)
    assert again.known_missing == ("99999999",) and again.fetched == () and again.missing == ()
    assert len(eutils.calls("efetch")) == 1

    refreshed = fetch_to_cache(make_client(), ["99999999"], tmp_path, refresh=True)
    assert refreshed.missing == ("99999999",)
    assert eutils.fetched_ids()[-1:] == ["99999999"]


def test_hostile_pmid_never_builds_a_path(eutils, make_client, tmp_path):
    cache_dir = tmp_path / "cache"
    with pytest.raises(InputError, match=r"'\.\./\.\./x'"):
        fetch_to_cache(make_client(), ["90000001", "../../x"], cache_dir)
    with pytest.raises(InputError):
        cache_path(cache_dir, "../x")
    assert eutils.requests == [] and not cache_dir.exists()


def test_split_articles_keeps_each_article_whole(shared_file):
    path = shared_file("data/pubmed/eutils_examples/biopython_Tests_Entrez_pubmed1.xml")
    parts = split_articles(path.read_bytes(), str(path))
    assert sorted(parts) == ["12091962", "9997"]
    whole = {d.pmid: d for d in parse_pubmed_xml(path.read_bytes(), "whole")[0]}
    for pmid, data in parts.items():
        (alone,), errors = parse_pubmed_xml(data, pmid)
        assert errors == [] and alone == whole[pmid]


def test_progress_bar_is_shown_only_for_multi_batch_fetches(eutils, make_client, tmp_path, capsys):
    pmids = sorted(eutils.articles)
    fetch_to_cache(make_client(batch_size=5), pmids[:3], tmp_path / "small", progress=True)
    assert "efetch" not in capsys.readouterr().err
    fetch_to_cache(make_client(batch_size=5), pmids[:12], tmp_path / "large", progress=True)
    assert "12/12" in capsys.readouterr().err
