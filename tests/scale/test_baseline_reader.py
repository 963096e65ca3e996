"""The baseline/update reader streams article by article and names what it cannot read."""

from __future__ import annotations

import gzip
from pathlib import Path

from pipeline.pubmed.baseline import BaselineReader, baseline_files, iter_baseline_documents
from pipeline.pubmed.parser import parse_pubmed_xml

HEADER = ('<?xml version="1.0" encoding="utf-8"?>\n'
          '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" '
          '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n')


def article(pmid: str, title: str, abstract: str) -> str:
    return (f"<PubmedArticle><MedlineCitation Status=\"MEDLINE\"><PMID Version=\"1\">{pmid}</PMID>"
            f"<Article><Journal><Title>J Test</Title></Journal><ArticleTitle>{title}</ArticleTitle>"
            f"<Abstract><AbstractText>{abstract}</AbstractText></Abstract></Article></MedlineCitation>"
            f"<PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">{pmid}</ArticleId></ArticleIdList>"
            f"</PubmedData></PubmedArticle>\n")


def articles(count: int) -> str:
    return "".join(article(str(1000 + n), f"Study {n} of <i>IL-6</i>.",
                           f"Tocilizumab inhibited IL-6 signalling in MCF-7 cells (n={n}).") for n in range(count))


def write_gz(path: Path, xml: str) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(xml)
    return path


def test_streamed_documents_equal_the_efetch_parser(tmp_path):
    xml = HEADER + articles(25) + "</PubmedArticleSet>\n"
    path = write_gz(tmp_path / "pubmed24n0001.xml.gz", xml)
    reader = BaselineReader(path)
    streamed = list(reader)
    parsed, errors = parse_pubmed_xml(xml.encode(), str(path))
    assert streamed == parsed and not errors and not reader.errors
    assert [d.doc_id for d in streamed] == [f"pmid:{1000 + n}" for n in range(25)]
    assert streamed[3].text.startswith("Study 3 of IL-6.")
    assert reader.articles == 25


def test_update_file_deletions_and_a_bad_article_are_reported(tmp_path):
    bad = "<PubmedArticle><MedlineCitation><Article><ArticleTitle>No id</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
    xml = (HEADER + article("7", "First.", "A.") + bad + article("9", "Third.", "C.")
           + "<DeleteCitation><PMID Version=\"1\">123</PMID><PMID Version=\"1\">0456</PMID></DeleteCitation>"
           + "</PubmedArticleSet>")
    reader = BaselineReader(write_gz(tmp_path / "pubmed24n1300.xml.gz", xml))
    assert [d.doc_id for d in reader] == ["pmid:7", "pmid:9"]
    assert reader.deleted_pmids == ["123"]
    messages = [str(e) for e in reader.errors]
    assert any("#article2" in m and "no PMID" in m for m in messages)
    assert any("'0456'" in m for m in messages)


def test_cut_file_keeps_the_articles_before_the_cut(tmp_path):
    xml = HEADER + articles(5) + article("77", "Cut", "in the mid")[:60]
    path = write_gz(tmp_path / "pubmed24n0002.xml.gz", xml)
    errors = []
    documents = list(iter_baseline_documents([path], errors))
    assert [d.pmid for d in documents] == [str(1000 + n) for n in range(5)]
    assert len(errors) == 1 and str(path) in str(errors[0]) and "malformed XML" in str(errors[0])


def test_corrupt_gzip_and_entities_are_named_errors(tmp_path):
    broken = tmp_path / "pubmed24n0003.xml.gz"
    broken.write_bytes(gzip.compress((HEADER + articles(3)).encode())[:-40] + b"garbage")
    reader = BaselineReader(broken)
    list(reader)
    assert reader.errors and str(broken) in str(reader.errors[0])
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "boom">]><PubmedArticleSet>'
            + article("5", "&a;", "x") + "</PubmedArticleSet>")
    reader = BaselineReader(write_gz(tmp_path / "pubmed24n0004.xml.gz", bomb))
    assert list(reader) == []
    assert "unsafe XML" in str(reader.errors[0])


def test_baseline_files_lists_only_baseline_names(tmp_path):
    for name in ("pubmed24n0002.xml.gz", "pubmed24n0001.xml.gz", "notes.txt", "pubmed24n0003.xml.gz.md5"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in baseline_files(tmp_path)] == ["pubmed24n0001.xml.gz", "pubmed24n0002.xml.gz"]
