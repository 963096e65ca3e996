"""parse_pubmed_xml: exact text, end-exclusive section offsets, metadata, safe XML, per-article errors."""

from __future__ import annotations

import json
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.pubmed.parser import parse_pubmed_xml, validate_pmid
from pipeline.records import Document

DATA = Path(__file__).resolve().parent / "data"
SNAPSHOT = "data/pubmed/snapshot/pubmed_snapshot.xml"


def section_text(document: Document, label: str) -> list[str]:
    return [document.text[s.start:s.end] for s in document.sections if s.label == label]


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_snapshot_gives_124_documents_whose_title_and_abstract_equal_the_xml_text(shared_file, no_sockets):
    path = shared_file(SNAPSHOT)
    documents, errors = parse_pubmed_xml(path.read_bytes(), str(path))
    assert errors == []
    assert len(documents) == 124
    assert len({d.doc_id for d in documents}) == 124

    # Expected text computed with the stdlib parser, element by element.
    expected = {}
    for article in ET.fromstring(path.read_bytes()).iter("PubmedArticle"):
        pmid = article.findtext("MedlineCitation/PMID")
        title = "".join(article.find("MedlineCitation/Article/ArticleTitle").itertext())
        abstract = "".join(article.find("MedlineCitation/Article/Abstract/AbstractText").itertext())
        expected[pmid] = (title, abstract)
    for document in documents:
        title, abstract = expected[document.pmid]
        assert document.doc_id == f"pmid:{document.pmid}"
        assert document.source == "pubmed"
        assert document.title == title
        assert section_text(document, "TITLE") == [title]
        assert section_text(document, "ABSTRACT") == [abstract]
        assert document.text == f"{title}\n\n{abstract}"


def test_snapshot_text_matches_the_independent_abstracts_jsonl(shared_file):
    path = shared_file(SNAPSHOT)
    records = [json.loads(line) for line in shared_file("data/pubmed/abstracts.jsonl").read_text().splitlines()]
    by_pmid = {r["pmid"]: r for r in records if r.get("pmid")}
    documents, _ = parse_pubmed_xml(path.read_bytes(), str(path))
    mismatched = [d.pmid for d in documents
                  if (section_text(d, "TITLE")[0], section_text(d, "ABSTRACT")[0])
                  != (by_pmid[d.pmid]["title"], by_pmid[d.pmid]["abstract"])]
    assert mismatched == []


def test_structured_abstract_keeps_labels_markup_and_exact_offsets():
    path = DATA / "structured.xml"
    documents, _ = parse_pubmed_xml(path.read_bytes(), str(path))
    first = documents[0]
    assert first.pmid == "90000001"
    assert first.title == "IL-6 blockade with tocilizumab in MDA-MB-231 cells (10-6 M)."
    assert [s.label for s in first.sections] == ["TITLE", "BACKGROUND", "METHODS", "RESULTS"]
    assert section_text(first, "BACKGROUND") == ["IL-6 drives STAT3 in breast cancer & stem cells."]
    assert section_text(first, "METHODS") == ["Cells were treated with 10 \u03bcg/ml antibody for 48 h."]
    assert section_text(first, "RESULTS") == ["pSTAT3 fell by 60% (P < 0.01)."]
    assert first.text == (
        "IL-6 blockade with tocilizumab in MDA-MB-231 cells (10-6 M).\n\n"
        "BACKGROUND: IL-6 drives STAT3 in breast cancer & stem cells.\n\n"
        "METHODS: Cells were treated with 10 \u03bcg/ml antibody for 48 h.\n\n"
        "RESULTS: pSTAT3 fell by 60% (P < 0.01)."
    )
    assert "Copyright" not in first.text
    assert (first.journal, first.year, first.doi, first.language) == (
        "Journal of Made-up Oncology", 2014, "10.1000/fake.0001", "eng")
    assert first.publication_types == ("Journal Article",)
    assert first.paragraphs == () and first.sentences == ()


def test_every_section_span_is_end_exclusive_ordered_and_inside_the_text(shared_file):
    paths = [DATA / "structured.xml", shared_file(SNAPSHOT),
             shared_file("data/pubmed/eutils_examples/biopython_Tests_Entrez_pubmed1.xml"),
             shared_file("data/pubmed/eutils_examples/biopython_Tests_Entrez_pubmed2.xml")]
    for path in paths:
        documents, _ = parse_pubmed_xml(path.read_bytes(), str(path))
        for document in documents:
            previous_end = 0
            for span in document.sections:
                assert previous_end <= span.start < span.end <= len(document.text)
                previous_end = span.end
            assert document.sections[-1].end == len(document.text)


def test_missing_fields_are_none_and_bad_articles_are_errors_naming_them():
    path = DATA / "structured.xml"
    documents, errors = parse_pubmed_xml(path.read_bytes(), str(path))
    assert [d.pmid for d in documents] == ["90000001", "90000003", "90000005"]
    title_only = documents[1]
    assert title_only.text == "Title only, no journal, no abstract."
    assert [s.label for s in title_only.sections] == ["TITLE"]
    assert (title_only.journal, title_only.year, title_only.doi, title_only.language) == (None, None, None, None)
    assert title_only.mesh_terms == () and title_only.publication_types == ()

    messages = [str(e) for e in errors]
    assert len(errors) == 3
    assert messages[0].startswith(f"{path}#article2: ") and "no PMID" in messages[0]
    assert "'../../x'" in messages[1] and "#article4" in messages[1]
    assert messages[2].startswith("pmid:90000006: ") and "neither title nor abstract" in messages[2]


def test_unlabelled_paragraphs_mesh_and_doi_from_article_ids():
    path = DATA / "structured.xml"
    documents, _ = parse_pubmed_xml(path.read_bytes(), str(path))
    letters = documents[2]
    assert section_text(letters, "ABSTRACT") == ["First paragraph.", "Second paragraph."]
    assert letters.text == "Two unlabelled abstract paragraphs.\n\nFirst paragraph.\n\nSecond paragraph."
    assert letters.mesh_terms == ("Breast Neoplasms", "Interleukin-6")
    assert (letters.doi, letters.year, letters.journal) == ("10.1000/fake.0005", 2019, "Unlabelled Letters")


def test_real_efetch_examples_carry_their_metadata(shared_file):
    path = shared_file("data/pubmed/eutils_examples/biopython_Tests_Entrez_pubmed2.xml")
    documents, errors = parse_pubmed_xml(path.read_bytes(), str(path))
    assert errors == []
    assert [d.pmid for d in documents] == ["11748933", "11700088"]
    document = documents[0]
    assert (document.journal, document.year, document.doi, document.language) == (
        "Cryobiology", 2001, "10.1006/cryo.2001.2328", "eng")
    assert "Sperm Motility" in document.mesh_terms
    assert document.publication_types == ("Journal Article", "Research Support, Non-U.S. Gov't")
    assert section_text(document, "ABSTRACT")[0].endswith("process of sperm damage.")
    assert "P < 0.001" in document.text


def test_malformed_file_is_one_error_naming_the_file():
    documents, errors = parse_pubmed_xml(b"<PubmedArticleSet><PubmedArticle><MedlineCitation>", "cut.xml")
    assert documents == []
    assert len(errors) == 1
    assert str(errors[0]).startswith("cut.xml: malformed XML")


def test_wrong_root_is_reported():
    documents, errors = parse_pubmed_xml(b"<eSearchResult><Count>1</Count></eSearchResult>", "search.xml")
    assert documents == []
    assert "not a PubmedArticleSet" in str(errors[0]) and "search.xml" in str(errors[0])


def test_entity_declarations_are_refused_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
            b"<ArticleTitle>&b;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    documents, errors = parse_pubmed_xml(bomb, "bomb.xml")
    assert documents == []
    assert re.match(r"bomb\.xml: refused unsafe XML", str(errors[0]))


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (f'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file://{secret}">]>'
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
            "<ArticleTitle>&x;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>").encode()
    documents, errors = parse_pubmed_xml(data, "xxe.xml")
    assert documents == [] and len(errors) == 1
    assert "TOP-SECRET" not in str(errors[0])


def test_external_dtd_is_not_fetched(shared_file, no_sockets):
    path = shared_file("data/pubmed/eutils_examples/biopython_Tests_Entrez_pubmed1.xml")
    assert b"https://dtd.nlm.nih.gov" in path.read_bytes()
    documents, errors = parse_pubmed_xml(path.read_bytes(), str(path))
    assert [d.pmid for d in documents] == ["12091962", "9997"] and errors == []


@pytest.mark.parametrize("bad", ["../../x", "", "12a", "0123", "-5", "1 2", "١٢٣"])
def test_validate_pmid_rejects_non_digits(bad):
    with pytest.raises(InputError, match="not a PMID"):
        validate_pmid(bad)


def test_validate_pmid_accepts_digits():
    assert validate_pmid("90000001") == "90000001"
