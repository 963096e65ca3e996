"""Arbitrary Unicode through every reader: documents or a named error, never another exception.

Text is drawn from every Unicode category (surrogates only where the format can carry them,
as JSON escapes), with extra weight on digits of other scripts, control characters and line
separators: the characters that broke ``isdigit()``/``int()`` parsing and the BioC export.
Each reader gets the text raw and inside an otherwise well-formed file of its format. The
budget comes from the hypothesis profile (60 cases by default, 10,000 with ``make fuzz``).
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.corpora.bioc_reader import read_bioc
from pipeline.corpora.pubtator import read_pubtator
from pipeline.errors import PipelineError
from pipeline.gold import load_gold
from pipeline.gold.parse import parse_table
from pipeline.gold.schema import FINDING_COLUMNS
from pipeline.ingest.review import ingest_review
from pipeline.io import read_csv_records, read_json, read_jsonl
from pipeline.pubmed.baseline import BaselineReader
from pipeline.pubmed.client import _parse_esearch
from pipeline.pubmed.commands import read_pmid_file
from pipeline.pubmed.parser import parse_pubmed_xml
from pipeline.records import Document, EvidenceRow, Mention, ReconciliationRow, Relation, TableRow
from pipeline.textcheck import clean_text
from pipeline.stages import STAGE_FILES

FUNCTION_SCOPED = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
EDGE_CHARACTERS = list("\u00b2\u00b9\u0663\u06f5\u0967\uff11\u2460\U0001d7d9\x00\x01\x0b\x0c\x1b\x7f\x85\u2028"
                       "\u2029\ufeff\ufffe\uffff\u00a0\u200b\t\r\n|<>&\"'\\{}[]")
character = st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(EDGE_CHARACTERS))
text = st.text(character, max_size=40)
numberish = st.one_of(st.integers(-5, 10**6).map(str), st.text(st.sampled_from("0123456789" + "".join(EDGE_CHARACTERS[:8])),
                                                                  min_size=1, max_size=5))
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False), text)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                               st.dictionaries(text, inner, max_size=3)), max_leaves=8)
RECORD_CLASSES = [Document, Mention, Relation, TableRow, EvidenceRow]


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8", errors="surrogatepass")
    path.write_bytes(content)
    return path


def _survives(call) -> object:
    """Run ``call``: its result, or None after a named error (a PipelineError names its item)."""
    try:
        return call()
    except PipelineError as error:
        assert str(error).strip()
        return None


@FUNCTION_SCOPED
@given(title=text, abstract=text, start=numberish, end=numberish, extra=text)
def test_pubtator_any_unicode_propert(tmp_path, title, abstract, start, end, extra):
    content = f"9|t|{title}\n9|a|{abstract}\n9\t{start}\t{end}\t{extra}\tChemical\t-\n\n{extra}\n"
    path = _write(tmp_path, "x.pubtator", content)
    _survives(lambda: read_pubtator(path))
    _survives(lambda: read_pubtator(path, errors=[]))


@FUNCTION_SCOPED
@given(passage=text, offset=numberish, doc_id=text, annotation=text)
def test_bioc_xml_any_unicode_propert(tmp_path, passage, offset, doc_id, annotation):
    content = (f'<?xml version="1.0"?><collection><source>s</source><date>d</date><key>k</key><document>'
               f"<id>{escape(doc_id)}</id><passage><offset>{escape(offset)}</offset><text>{escape(passage)}</text>"
               f'<annotation id="1"><infon key="type">{escape(annotation)}</infon>'
               f'<location offset="{escape(offset)}" length="{escape(offset)}"/><text>{escape(annotation)}</text>'
               f"</annotation></passage></document></collection>")
    path = _write(tmp_path, "x.bioc.xml", content)
    _survives(lambda: read_bioc(path, errors=[]))


@FUNCTION_SCOPED
@given(document=st.dictionaries(st.sampled_from(["id", "passages", "infons", "relations"]), json_value),
       passage=st.dictionaries(st.sampled_from(["offset", "text", "infons", "annotations"]), json_value))
def test_bioc_json_any_unicode_propert(tmp_path, document, passage):
    document = {**document, "passages": [passage]}
    path = _write(tmp_path, "x.json", json.dumps({"documents": [document]}))
    _survives(lambda: read_bioc(path, errors=[]))


@FUNCTION_SCOPED
@given(body=st.lists(text, min_size=1, max_size=6))
def test_review_any_unicode_propert(tmp_path, body):
    path = _write(tmp_path, "review.txt", "\n\n".join(body))
    result = _survives(lambda: ingest_review(path))
    if result is not None:
        assert clean_text(result[0].text)[1] == 0  # no control character passes ingest


@FUNCTION_SCOPED
@given(title=text, abstract=text, pmid=numberish, year=numberish)
def test_pubmed_xml_and_baseline_any_unicode_propert(tmp_path, title, abstract, pmid, year):
    content = (f"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>{escape(pmid)}</PMID><Article>"
               f"<Journal><JournalIssue><PubDate><Year>{escape(year)}</Year></PubDate></JournalIssue></Journal>"
               f"<ArticleTitle>{escape(title)}</ArticleTitle><Abstract><AbstractText>{escape(abstract)}"
               f"</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    _survives(lambda: parse_pubmed_xml(content.encode("utf-8"), "x.xml"))
    path = _write(tmp_path, "pubmed26n0001.xml", content)
    reader = BaselineReader(path)
    _survives(lambda: list(reader))


@FUNCTION_SCOPED
@given(count=numberish, ids=st.lists(numberish, max_size=3))
def test_esearch_answer_any_unicode_propert(count, ids):
    content = (f"<eSearchResult><Count>{escape(count)}</Count><RetMax>{escape(count)}</RetMax><IdList>"
               + "".join(f"<Id>{escape(i)}</Id>" for i in ids) + "</IdList></eSearchResult>")
    _survives(lambda: _parse_esearch(content.encode("utf-8"), "IL-6"))


@FUNCTION_SCOPED
@given(lines=st.lists(text, max_size=4))
def test_pmid_file_any_unicode_propert(tmp_path, lines):
    path = _write(tmp_path, "pmids.txt", "\n".join(lines))
    _survives(lambda: read_pmid_file(path))


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
@FUNCTION_SCOPED
@given(values=st.dictionaries(st.sampled_from(["doc_id", "start", "end", "text", "label", "title", "source",
                                               "sentences", "cells", "row_index", "relation_ids", "xrefs",
                                               "agent_start", "extra", "year"]), json_value),
       raw_line=text)
def test_stage_files_any_unicode_propert(tmp_path, cls, values, raw_line):
    path = _write(tmp_path, "x.jsonl", json.dumps(values, ensure_ascii=False) + "\n" + raw_line + "\n")
    _survives(lambda: read_jsonl(path, cls))
    _write(tmp_path, STAGE_FILES["metrics"], raw_line)
    _survives(lambda: read_json(tmp_path / STAGE_FILES["metrics"]))
    _write(tmp_path, "r.csv", ",".join(f.name for f in fields(ReconciliationRow)) + "\n" + raw_line + "\n")
    _survives(lambda: read_csv_records(tmp_path / "r.csv", ReconciliationRow))


@FUNCTION_SCOPED
@given(cells=st.lists(text, min_size=len(FINDING_COLUMNS), max_size=len(FINDING_COLUMNS)))
def test_gold_table_any_unicode_propert(tmp_path, cells):
    header = "\t".join(column.name for column in FINDING_COLUMNS)
    row = "\t".join(cell.replace("\t", " ").replace("\n", " ").replace("\r", " ") for cell in cells)
    path = _write(tmp_path, "findings.tsv", f"{header}\n{row}\n")
    rows, issues = parse_table(path, FINDING_COLUMNS)
    assert all(str(issue) for issue in issues)
    _write(tmp_path, "agents.tsv", "\t".join(cells[:3]) + "\n")
    _survives(lambda: load_gold(tmp_path))
