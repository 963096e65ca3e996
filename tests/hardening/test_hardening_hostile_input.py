"""Hostile or broken input files: each is refused with an error naming it, the rest is ingested, exit code 4.

Cases already proven elsewhere (referenced in docs/reliability.md, not repeated here): a
non-UTF-8 or oversized review (tests/ingest), non-digit PMIDs in a PMID file or a fetch
(tests/pubmed), a gold table row with a missing column (tests/gold).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_INPUT_ERRORS, main
from pipeline.errors import InputError
from pipeline.ingest.guards import check_document_size, screen_xml
from pipeline.pubmed.snapshot import load_pubmed_documents
from pipeline.records import Document
from pipeline.stages import STAGE_FILES

DATA = Path(__file__).resolve().parent / "data"
SENTINEL = "SENTINEL-7f3a-never-in-any-output"
HUGE_BYTES = 10 * 1024 * 1024


def _xxe(kind: str, secret: Path) -> str:
    entity = f'<!DOCTYPE {kind} [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    if kind == "collection":
        return (f'<?xml version="1.0"?>\n{entity}\n<collection><source>s</source><date>d</date><key>k</key>'
                f'<document><id>90000080</id><passage><offset>0</offset><text>&xxe;</text></passage></document>'
                f'</collection>\n')
    return (f'<?xml version="1.0"?>\n{entity}\n<PubmedArticleSet><PubmedArticle><MedlineCitation>'
            f'<PMID>90000081</PMID><Article><ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation>'
            f'</PubmedArticle></PubmedArticleSet>\n')


def _article(pmid: str, abstract: str) -> str:
    return (f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>Title {pmid}</ArticleTitle>"
            f"<Abstract><AbstractText>{abstract}</AbstractText></Abstract></Article></MedlineCitation>"
            f"</PubmedArticle>")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One ``evidence ingest`` over a snapshot folder and annotated files, most of them hostile."""
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.txt"
    secret.write_text(SENTINEL)
    snapshot = root / "snapshot"
    snapshot.mkdir()
    for name in ("good_articles.xml", "malformed.xml", "billion_laughs.xml"):
        shutil.copy(DATA / name, snapshot / name)
    (snapshot / "xxe.xml").write_text(_xxe("PubmedArticleSet", secret))
    (snapshot / "non_utf8.xml").write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?><PubmedArticleSet>'
        + _article("90000090", "IL-6 \xff\xfe in latin-1 \xe9").encode("latin-1") + b"</PubmedArticleSet>")
    (snapshot / "huge.xml").write_text("<PubmedArticleSet>" + _article("90000070", "IL-6 " * (HUGE_BYTES // 5))
                                       + _article("90000071", "A normal abstract next to a huge one.")
                                       + "</PubmedArticleSet>")
    bad_pubtator = root / "non_utf8.pubtator"
    bad_pubtator.write_bytes(b"90000100|t|Caf\xe9 title\n90000100|a|Abstract.\n\n")
    bioc_xxe = root / "xxe.bioc.xml"
    bioc_xxe.write_text(_xxe("collection", secret))
    out = root / "out"
    code = main(["ingest", "--out", str(out), "--pubmed-snapshot", str(snapshot), "--pubmed-cache", str(root / "none"),
                 "--pubtator", str(DATA / "good.pubtator"), "--pubtator", str(DATA / "offsets_outside.pubtator"),
                 "--pubtator", str(bad_pubtator), "--bioc", str(DATA / "good.bioc.xml"),
                 "--bioc", str(DATA / "bioc_laughs.xml"), "--bioc", str(bioc_xxe)])
    errors = [json.loads(line) for line in (out / STAGE_FILES["ingest_errors"]).read_text().splitlines()]
    documents = {d["doc_id"]: d for d in map(json.loads, (out / STAGE_FILES["documents"]).read_text().splitlines())}
    return {"code": code, "errors": errors, "documents": documents, "out": out, "snapshot": snapshot,
            "bad_pubtator": bad_pubtator, "bioc_xxe": bioc_xxe}


def _error_for(run, source: str) -> dict:
    matches = [e for e in run["errors"] if e["source"] == source]
    assert len(matches) == 1, f"expected one error naming {source}, got {run['errors']}"
    return matches[0]


def test_good_items_are_ingested_and_the_exit_code_says_items_were_rejected(hostile_run):
    assert hostile_run["code"] == EXIT_INPUT_ERRORS == 4
    assert sorted(hostile_run["documents"]) == ["pmid:90000001", "pmid:90000002", "pmid:90000040",
                                               "pmid:90000060", "pmid:90000071", "review"]
    # one error per rejected item, naming it; nothing names a good input
    snapshot = hostile_run["snapshot"]
    rejected = [str(snapshot / name) for name in ("billion_laughs.xml", "malformed.xml", "non_utf8.xml", "xxe.xml")]
    rejected += [str(snapshot / "good_articles.xml") + "#article4", "pmid:90000003", "pmid:90000070",
                 str(DATA / "offsets_outside.pubtator"), str(hostile_run["bad_pubtator"]),
                 str(DATA / "bioc_laughs.xml"), str(hostile_run["bioc_xxe"])]
    assert sorted(e["source"] for e in hostile_run["errors"]) == sorted(rejected)


def test_malformed_and_non_utf8_xml_are_named(hostile_run):
    snapshot = hostile_run["snapshot"]
    assert "malformed XML" in _error_for(hostile_run, str(snapshot / "malformed.xml"))["message"]
    assert "malformed XML" in _error_for(hostile_run, str(snapshot / "non_utf8.xml"))["message"]


@pytest.mark.parametrize("name", ["billion_laughs.xml", "xxe.xml"])
def test_entity_declarations_in_pubmed_xml_are_refused_unexpanded(hostile_run, name):
    message = _error_for(hostile_run, str(hostile_run["snapshot"] / name))["message"]
    assert "refused unsafe XML" in message


def test_entity_declarations_in_bioc_xml_are_refused_unexpanded(hostile_run):
    assert "refused unsafe XML" in _error_for(hostile_run, str(DATA / "bioc_laughs.xml"))["message"]
    assert "refused unsafe XML" in _error_for(hostile_run, str(hostile_run["bioc_xxe"]))["message"]


def test_no_entity_was_expanded_or_fetched_into_any_output(hostile_run):
    for path in hostile_run["out"].iterdir():
        text = path.read_text(encoding="utf-8")
        assert SENTINEL not in text, path.name
        assert "lollollol" not in text, path.name


def test_non_digit_pmid_inside_an_article_is_named_and_builds_no_path(hostile_run):
    error = _error_for(hostile_run, f"{hostile_run['snapshot'] / 'good_articles.xml'}#article4")
    assert "not a PMID (digits only): '../../x'" in error["message"]
    assert not any("x" == p.stem for p in hostile_run["out"].parent.rglob("*"))


def test_empty_abstract_keeps_the_title_and_an_empty_article_is_named(hostile_run):
    document = hostile_run["documents"]["pmid:90000002"]
    assert document["text"] == "A title whose abstract is empty."
    assert [(s["start"], s["end"]) for s in document["sentences"]] == [(0, len(document["text"]))]
    assert "neither title nor abstract" in _error_for(hostile_run, "pmid:90000003")["message"]


def test_a_10_mb_document_is_refused_by_name_and_its_neighbour_kept(hostile_run):
    message = _error_for(hostile_run, "pmid:90000070")["message"]
    assert "over the limit of 5000000 bytes" in message and "--max-document-bytes" in message
    assert "pmid:90000071" in hostile_run["documents"]


def test_pubtator_offsets_outside_the_text_name_file_and_line(hostile_run):
    error = _error_for(hostile_run, str(DATA / "offsets_outside.pubtator"))
    assert error["line"] == 3
    assert "offsets 100-110 outside a text of" in error["message"]


def test_non_utf8_pubtator_is_named(hostile_run):
    assert "not UTF-8" in _error_for(hostile_run, str(hostile_run["bad_pubtator"]))["message"]


def test_screen_xml_accepts_a_plain_bioc_file_and_names_a_hostile_one():
    screen_xml(DATA / "good.bioc.xml")
    with pytest.raises(InputError, match="bioc_laughs.xml: refused unsafe XML"):
        screen_xml(DATA / "bioc_laughs.xml")


def test_document_size_limit_counts_utf8_bytes():
    document = Document(doc_id="pmid:1", source="pubmed", title="", text="é" * 6)
    assert check_document_size(document, 12) is document
    with pytest.raises(InputError, match=r"pmid:1: document text is 12 bytes, over the limit of 11 bytes"):
        check_document_size(document, 11)


def test_snapshot_file_over_the_file_limit_is_not_read(tmp_path, monkeypatch):
    shutil.copy(DATA / "good_articles.xml", tmp_path / "a.xml")
    (tmp_path / "b.xml").write_bytes(b"<PubmedArticleSet>" + b" " * 5000 + b"</PubmedArticleSet>")
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or original(self))
    documents, errors = load_pubmed_documents(tmp_path, tmp_path / "no_cache", max_file_bytes=2000)
    assert read == ["a.xml"]
    assert [str(e) for e in errors if "b.xml" in str(e)] == [
        f"{tmp_path / 'b.xml'}: file is 5037 bytes, over the limit of 2000 bytes (not read)"]
    assert [d.doc_id for d in documents] == ["pmid:90000001", "pmid:90000002"]


def test_deeply_nested_bioc_json_is_named_and_the_rest_ingested(tmp_path):
    from pipeline.context import RunContext
    from pipeline.ingest.corpus import read_corpus

    nested = tmp_path / "nested.json"
    nested.write_text("[" * 200_000 + "]" * 200_000)
    result = read_corpus(RunContext(out_dir=tmp_path / "out", pubmed_cache=tmp_path / "none",
                                      bioc_files=(nested, DATA / "good.bioc.xml")))
    assert [str(e) for e in result.errors] == [f"{nested}: nested too deeply to read"]
    assert [d.doc_id for d in result.documents] == ["review", "pmid:90000040"]


def test_external_entities_and_dtds_are_never_fetched(tmp_path):
    """Entities and DTDs pointing at a live local server: the server must see no request."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from pipeline.context import RunContext
    from pipeline.corpora.bioc_reader import read_bioc
    from pipeline.ingest.corpus import read_corpus
    from pipeline.pubmed.parser import parse_pubmed_xml

    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "7")
            self.end_headers()
            self.wfile.write(b"fetched")

        def log_message(self, *_args) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        article = "<PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>{}</ArticleTitle></Article>" \
                  "</MedlineCitation></PubmedArticle>"
        entity = (f'<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "{url}/entity">]>'
                  f"<PubmedArticleSet>{article.format('&xxe;')}</PubmedArticleSet>").encode()
        dtd = (f'<!DOCTYPE PubmedArticleSet SYSTEM "{url}/dtd">'
               f"<PubmedArticleSet>{article.format('plain')}</PubmedArticleSet>").encode()
        assert parse_pubmed_xml(entity, "entity.xml")[0] == []
        (document,), errors = parse_pubmed_xml(dtd, "dtd.xml")
        assert errors == [] and document.title == "plain"

        bioc = tmp_path / "dtd.bioc.xml"
        bioc.write_text(f'<?xml version="1.0"?><!DOCTYPE collection SYSTEM "{url}/bioc-dtd">'
                        "<collection><source>s</source><date>d</date><key>k</key><document><id>6</id>"
                        "<passage><offset>0</offset><text>plain</text></passage></document></collection>")
        bioc_entity = tmp_path / "entity.bioc.xml"
        bioc_entity.write_text(f'<?xml version="1.0"?><!DOCTYPE collection [<!ENTITY e SYSTEM "{url}/bioc-entity">]>'
                               "<collection><source>s</source><date>d</date><key>k</key><document><id>7</id>"
                               "<passage><offset>0</offset><text>&e;</text></passage></document></collection>")
        assert [a.document.text for a in read_bioc(bioc)] == ["plain"]
        result = read_corpus(RunContext(out_dir=tmp_path / "out", pubmed_cache=tmp_path / "none",
                                          bioc_files=(bioc, bioc_entity)))
        assert [e.source for e in result.errors] == [str(bioc_entity)]
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
