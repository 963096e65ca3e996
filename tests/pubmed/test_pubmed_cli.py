"""``evidence pubmed fetch`` / ``search`` end to end against the fake E-utilities server."""

from __future__ import annotations

import pytest
from pubmed_fake_eutils import API_KEY, EMAIL, Fault  # registered by tests/pubmed/conftest.py

from pipeline.cli import main
from pipeline.pubmed.cache import MANIFEST_NAME, read_manifest
from pipeline.pubmed.commands import read_pmid_file


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EVIDENCE_EUTILS_URL", "EVIDENCE_EMAIL", "NCBI_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_fetch_pmid_file_survives_faults_and_second_run_makes_no_efetch(eutils, tmp_path, capsys):
    pmids = sorted(eutils.articles)[:6]
    pmid_file = tmp_path / "pmids.txt"
    pmid_file.write_text("# review primary studies\n" + "\n".join(pmids) + "\n")
    cache = tmp_path / "cache"
    eutils.inject("efetch", Fault(status=429, headers=(("Retry-After", "1"),)), Fault(status=503))
    argv = ["pubmed", "fetch", "--pmids", str(pmid_file), "--eutils-url", eutils.url, "--email", EMAIL,
            "--cache-dir", str(cache), "--timeout", "2"]
    assert main(argv) == 0
    out = capsys.readouterr()
    assert "fetched 6, already cached 0" in out.out
    assert sorted(p.name for p in cache.iterdir()) == sorted([f"{p}.xml" for p in pmids] + [MANIFEST_NAME])
    assert sorted(read_manifest(cache)) == pmids
    calls = eutils.calls("efetch")
    assert [c.fault.status if c.fault else None for c in calls] == [429, 503, None]
    times = [c.time for c in calls]
    assert times[1] - times[0] >= 1.0  # Retry-After honoured
    assert all(b - a >= 1 / 3 for a, b in zip(times, times[1:]))  # no key: at most 3 requests a second
    assert EMAIL not in out.out + out.err

    assert main(argv) == 0
    assert "fetched 0, already cached 6" in capsys.readouterr().out
    assert len(eutils.calls("efetch")) == 3


def test_bad_lines_are_named_and_the_other_pmids_fetched(eutils, tmp_path, capsys):
    pmid_file = tmp_path / "pmids.txt"
    pmid_file.write_text("90000001\n../../x\n90000002, 12091962\n")
    cache = tmp_path / "cache"
    code = main(["pubmed", "fetch", "--pmids", str(pmid_file), "--eutils-url", eutils.url, "--email", EMAIL,
                 "--api-key", API_KEY, "--cache-dir", str(cache)])
    assert code == 1
    out = capsys.readouterr()
    assert f"{pmid_file}:2: not a PMID (digits only): '../../x'" in out.err
    assert sorted(read_manifest(cache)) == ["12091962", "90000001", "90000002"]
    assert API_KEY not in out.out + out.err


def test_environment_supplies_url_email_and_key(eutils, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVIDENCE_EUTILS_URL", eutils.url)
    monkeypatch.setenv("EVIDENCE_EMAIL", EMAIL)
    monkeypatch.setenv("NCBI_API_KEY", API_KEY)
    assert main(["pubmed", "search", "biopython"]) == 0
    assert capsys.readouterr().out.strip() == "63"
    (call,) = eutils.calls("esearch")
    assert call.params["retmax"] == "0"
    assert (call.params["email"], call.params["api_key"]) == (EMAIL, API_KEY)


def test_fetch_by_query_records_the_query_and_reruns_fetch_only_new_pmids(eutils, tmp_path, capsys):
    ids = sorted(eutils.articles)
    eutils.searches["IL-6 AND breast"] = ids[:4]
    cache = tmp_path / "cache"
    argv = ["pubmed", "fetch", "--query", "IL-6 AND breast", "--eutils-url", eutils.url, "--email", EMAIL,
            "--api-key", API_KEY, "--cache-dir", str(cache), "--mindate", "2000", "--maxdate", "2024/12"]
    assert main(argv) == 0
    assert "query matches 4 records" in capsys.readouterr().out
    assert {e.query for e in read_manifest(cache).values()} == {"IL-6 AND breast"}
    assert eutils.calls("esearch")[0].params["maxdate"] == "2024/12"

    eutils.searches["IL-6 AND breast"] = ids[:6]  # two new papers since the last run
    before = len(eutils.fetched_ids())
    assert main(argv) == 0
    assert "fetched 2, already cached 4" in capsys.readouterr().out
    assert eutils.fetched_ids()[before:] == ids[4:6]


def test_exhausted_retries_exit_1_and_say_to_rerun(eutils, tmp_path, capsys):
    pmid_file = tmp_path / "pmids.txt"
    pmid_file.write_text("90000001\n")
    eutils.inject("efetch", *[Fault(status=503)] * 3)
    code = main(["pubmed", "fetch", "--pmids", str(pmid_file), "--eutils-url", eutils.url, "--email", EMAIL,
                 "--api-key", API_KEY, "--cache-dir", str(tmp_path / "cache"), "--max-retries", "1"])
    assert code == 1
    assert "rerun to fetch the 1 remaining" in capsys.readouterr().err


def test_missing_email_is_refused_before_any_request(eutils, tmp_path, capsys):
    assert main(["pubmed", "search", "il6", "--eutils-url", eutils.url]) == 1
    assert "email" in capsys.readouterr().err
    assert eutils.requests == []


def test_read_pmid_file_accepts_commas_and_comments(tmp_path):
    path = tmp_path / "ids.txt"
    path.write_text("1, 2;3  # three ids\n\n# nothing\n4\nPMID:5\n")
    pmids, errors = read_pmid_file(path)
    assert pmids == ["1", "2", "3", "4"]
    assert [(e.line, e.source) for e in errors] == [(5, str(path))]


@pytest.mark.network
def test_live_ncbi_esearch_counts_il6_breast_cancer():
    """Live check against NCBI (deselected by default; run with ``-m network``)."""
    from pipeline.pubmed.client import EutilsClient

    result = EutilsClient(email="il6-evidence-tests@example.org", timeout=20).esearch(
        "interleukin-6 AND breast neoplasms[mh]", retmax=5)
    assert result.count > 1000 and len(result.ids) == 5


def test_fetch_by_project_file_searches_its_queries(eutils, tmp_path, capsys):
    ids = sorted(eutils.articles)
    project = tmp_path / "evidence.toml"
    project.write_text('[pubmed]\nqueries = ["IL-6 AND breast", "gp130"]\n', encoding="utf-8")
    eutils.searches["(IL-6 AND breast) OR (gp130)"] = ids[:3]
    argv = ["pubmed", "fetch", "--config", str(project), "--eutils-url", eutils.url, "--email", EMAIL,
            "--cache-dir", str(tmp_path / "cache")]
    assert main(argv) == 0
    assert "query matches 3 records" in capsys.readouterr().out
    assert {e.query for e in read_manifest(tmp_path / "cache").values()} == {"(IL-6 AND breast) OR (gp130)"}
    project.write_text("[project]\nname = 'no queries'\n", encoding="utf-8")
    assert main(argv) == 1
    assert "pubmed.queries: the project file names no PubMed query" in capsys.readouterr().err
