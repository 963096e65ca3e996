"""load_pubmed_documents: the offline path (snapshot + cache), no socket, bad files named, others kept."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.io import read_jsonl, write_jsonl
from pipeline.pubmed.cache import split_articles
from pipeline.pubmed.snapshot import load_pubmed_documents
from pipeline.records import Document
from pipeline.stages import STAGE_FILES

DATA = Path(__file__).resolve().parent / "data"
SNAPSHOT = "data/pubmed/snapshot/pubmed_snapshot.xml"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    attempts: list[tuple] = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError(f"test forbids connecting to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_shared_snapshot_loads_124_documents_without_a_socket(shared_file, tmp_path, no_network):
    documents, errors = load_pubmed_documents(shared_file(SNAPSHOT), tmp_path / "no-cache-yet")
    assert errors == [] and no_network == []
    assert len(documents) == 124
    pmids = [int(d.pmid) for d in documents]
    assert pmids == sorted(pmids) and len(set(pmids)) == 124
    assert all(d.doc_id == f"pmid:{d.pmid}" and d.source == "pubmed" for d in documents)


def test_default_run_reads_the_cache_only_and_never_the_network(shared_file, tmp_path, no_network):
    snapshot = shared_file(SNAPSHOT)
    for pmid, data in list(split_articles(snapshot.read_bytes(), "snapshot").items())[:5]:
        (tmp_path / f"{pmid}.xml").write_bytes(data)
    (tmp_path / "manifest.jsonl").write_text("{}\n")
    documents, errors = load_pubmed_documents(None, tmp_path)
    assert errors == [] and no_network == []
    assert len(documents) == 5


def test_malformed_file_in_a_snapshot_folder_is_named_and_the_others_ingested(shared_file, tmp_path):
    folder = tmp_path / "snapshot"
    folder.mkdir()
    (folder / "a_good.xml").write_bytes(shared_file(SNAPSHOT).read_bytes())
    (folder / "b_broken.xml").write_bytes(b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>")
    (folder / "c_structured.xml").write_bytes((DATA / "structured.xml").read_bytes())
    (folder / "notes.txt").write_text("not XML, not read")
    documents, errors = load_pubmed_documents(folder, tmp_path / "cache")
    assert len(documents) == 124 + 3
    broken = [e for e in errors if "b_broken.xml" in str(e)]
    assert len(broken) == 1 and str(broken[0]).startswith(str(folder / "b_broken.xml") + ": malformed XML")
    assert all(isinstance(e, InputError) for e in errors)
    assert len(errors) == 1 + 3  # the broken file, and the three bad articles of structured.xml


def test_cache_and_snapshot_are_deduplicated_by_pmid_with_the_cache_winning(shared_file, tmp_path):
    snapshot = shared_file(SNAPSHOT)
    cache = tmp_path / "cache"
    cache.mkdir()
    # the snapshot's first article, taken by position: no test names a snapshot PMID (reserved for blind evaluation)
    pmid, article = next(iter(split_articles(snapshot.read_bytes(), "snapshot").items()))
    edited = article.replace(b"<ArticleTitle>", b"<ArticleTitle>Cached: ", 1)
    assert edited != article
    (cache / f"{pmid}.xml").write_bytes(edited)
    documents, errors = load_pubmed_documents(snapshot, cache)
    assert errors == [] and len(documents) == 124
    (document,) = [d for d in documents if d.pmid == pmid]
    assert document.title.startswith("Cached: ")


def test_missing_snapshot_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="nowhere.xml.*not found"):
        load_pubmed_documents(tmp_path / "nowhere.xml", tmp_path)


def test_a_snapshot_folder_without_xml_is_an_error_naming_it_and_the_subfolder_that_has_some(tmp_path):
    # the slip seen: the snapshot's parent folder given, which holds abstracts.jsonl and snapshot/*.xml
    (tmp_path / "abstracts.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "snapshot").mkdir()
    (tmp_path / "snapshot" / "efetch_001.xml").write_text("<PubmedArticleSet/>", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds no efetch XML file.*subfolders hold some: .*snapshot") as raised:
        load_pubmed_documents(tmp_path, tmp_path / "cache")
    assert str(tmp_path) in str(raised.value)


def test_documents_survive_the_jsonl_round_trip(shared_file, tmp_path):
    documents, _ = load_pubmed_documents(DATA / "structured.xml", tmp_path / "cache")
    write_jsonl(documents, tmp_path / STAGE_FILES["documents"])
    assert read_jsonl(tmp_path / STAGE_FILES["documents"], Document) == documents


def test_ingest_stage_puts_the_snapshot_into_documents_jsonl_exactly(shared_file, tmp_path, no_network):
    import xml.etree.ElementTree as ET

    from pipeline.cli import main

    snapshot = shared_file(SNAPSHOT)
    out = tmp_path / "out"
    assert main(["ingest", "--pubmed-snapshot", str(snapshot.parent), "--pubmed-cache", str(tmp_path / "cache"),
                 "--out", str(out)]) == 0
    documents = [d for d in read_jsonl(out / STAGE_FILES["documents"], Document) if d.source == "pubmed"]
    assert len(documents) == 124
    expected = {a.findtext("MedlineCitation/PMID"): (
        "".join(a.find("MedlineCitation/Article/ArticleTitle").itertext()),
        "".join(a.find("MedlineCitation/Article/Abstract/AbstractText").itertext()))
        for a in ET.parse(snapshot).getroot().iter("PubmedArticle")}
    for document in documents:
        sections = {s.label: document.text[s.start:s.end] for s in document.sections}
        assert (document.title, sections["TITLE"], sections["ABSTRACT"]) == (
            expected[document.pmid][0], *expected[document.pmid])
    assert no_network == []
