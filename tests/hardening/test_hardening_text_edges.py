"""Text and numbers at the input edge: control characters, digits of other scripts, values of the wrong type."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.cli import EXIT_INPUT_ERRORS, EXIT_OK, main
from pipeline.corpora.bioc_reader import read_bioc
from pipeline.corpora.pubtator import read_pubtator
from pipeline.errors import InputError
from pipeline.pubmed.client import EutilsError, _parse_esearch
from pipeline.textcheck import clean_text, parse_ascii_int
from pipeline.stages import STAGE_FILES

CONTROLS = "\x00\x0b\x0c\x1b\x7f\x85\ufffe"
OTHER_DIGITS = ["\u00b2", "\u0663", "\uff11", "\u09e8", "1\u00b2", " 12", "1_0", "+3", ""]


def test_control_characters_are_replaced_one_for_one():
    text = "a\x0bb\tc\nd\x00e\x85f\ud800g\uffff"
    cleaned, count = clean_text(text)
    assert cleaned == "a b\tc\nd e f g " and count == 5 and len(cleaned) == len(text)


@pytest.fixture(scope="module")
def control_run(tmp_path_factory):
    """A whole run over PubTator, BioC XML, BioC JSON and review text with control characters in them."""
    root = tmp_path_factory.mktemp("controls")
    title = f"Tocilizumab{CONTROLS[1]} blocks IL-6R{CONTROLS[0]} in MCF-7 cells."
    abstract = f"Siltuximab inhibited{CONTROLS[2]} STAT3 in breast cancer{CONTROLS[5]} cells{CONTROLS[6]}."
    pubtator = root / "c.pubtator"
    pubtator.write_text(f"555|t|{title}\n555|a|{abstract}\n555\t0\t11\tTocilizumab\tChemical\t-\n\n", encoding="utf-8")
    bioc_json = root / "c.json"
    bioc_json.write_text(json.dumps({"source": "t", "date": "", "key": "", "documents": [
        {"id": "556", "passages": [{"offset": 0, "text": title, "infons": {"type": "title"}},
                                   {"offset": len(title) + 1, "text": abstract}]}]}), encoding="utf-8")
    review = root / "review.txt"
    original = (Path(__file__).resolve().parents[2] / "corpus" / "review.txt").read_text(encoding="utf-8")
    at = original.index("\n\n", len(original) // 2)
    review.write_text(original[:at] + " IL-6\x1b[0m\x07 signalling" + original[at:], encoding="utf-8")
    out = root / "out"
    code = main(["run", "--out", str(out), "--review", str(review), "--pubtator", str(pubtator),
                 "--bioc", str(bioc_json), "--pubmed-cache", str(root / "none")])
    return {"code": code, "out": out}


def test_a_run_with_control_characters_writes_every_export_and_counts_them(control_run):
    out = control_run["out"]
    assert control_run["code"] == EXIT_OK
    manifest = json.loads((out / STAGE_FILES["run_manifest"]).read_text())
    assert manifest["failed_stage"] is None and manifest["errors"] == []
    assert manifest["counts"]["ingest"]["control_characters_replaced"] >= 2 * len(CONTROLS) + 2
    for name in (STAGE_FILES["bioc"], STAGE_FILES["pubtator"], STAGE_FILES["report"], STAGE_FILES["documents_parquet"]):
        assert (out / name).stat().st_size > 0
    root = ET.parse(out / STAGE_FILES["bioc"]).getroot()  # well-formed XML
    ids = {node.findtext("id") for node in root.iter("document")}
    assert {"pmid:555", "pmid:556", "review"} <= ids
    documents = [json.loads(line) for line in (out / STAGE_FILES["documents"]).read_text().splitlines()]
    for document in documents:
        assert not any(c in document["text"] for c in CONTROLS + "\x1b\x07")


def test_control_characters_in_an_export_input_never_break_the_bioc_xml(control_run, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(control_run["out"], out)
    path = out / STAGE_FILES["documents"]
    lines = path.read_text().splitlines()
    record = json.loads(lines[-1])
    record["title"] = "a\x0bb\x00"
    record["text"] = record["text"][:3] + "\x01" + record["text"][4:]
    path.write_text("\n".join([*lines[:-1], json.dumps(record)]) + "\n")
    assert main(["report", "--out", str(out)]) in (EXIT_OK, EXIT_INPUT_ERRORS)
    ET.parse(out / STAGE_FILES["bioc"])


@pytest.mark.parametrize("value", OTHER_DIGITS)
def test_numbers_need_ascii_digits(value):
    with pytest.raises(InputError, match="offset: expected a whole number of ASCII digits"):
        parse_ascii_int(value, "f.pubtator", "offset", line=3)
    assert parse_ascii_int("0042", "f", "n") == 42


@pytest.mark.parametrize("digit", ["\u00b2", "\u0663", "\uff11"])
def test_a_pubtator_offset_in_another_script_loses_only_its_document(tmp_path, digit):
    path = tmp_path / "x.pubtator"
    path.write_text(f"1|t|Good title.\n1|a|Good text.\n1\t0\t4\tGood\tChemical\t-\n\n"
                    f"2|t|Bad title.\n2|a|Bad text.\n2\t{digit}\t3\tBad\tChemical\t-\n\n"
                    f"3|t|Next title.\n3|a|Next text.\n\n", encoding="utf-8")
    errors: list[InputError] = []
    documents = read_pubtator(path, errors=errors)
    assert [d.doc_id for d in documents] == ["1", "3"]
    assert len(errors) == 1 and f"{path}:7" in str(errors[0]) and "start offset" in str(errors[0])
    with pytest.raises(InputError, match="x.pubtator:7"):
        read_pubtator(path)


@pytest.mark.parametrize("bad, field", [({"offset": "0"}, "offset"), ({"offset": 1.5}, "offset"),
                                        ({"offset": True}, "offset"), ({"offset": -4}, "offset"),
                                        ({"text": 12}, "text"), ({"infons": ["x"]}, "infons"),
                                        ({"offset": 10**12}, "offset")])
def test_a_bioc_json_value_of_the_wrong_type_names_document_and_field(tmp_path, bad, field):
    good = {"id": "1", "passages": [{"offset": 0, "text": "Good text.", "infons": {}}]}
    wrong = {"id": "2", "passages": [{"offset": 0, "text": "Bad text.", "infons": {}, **bad}]}
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"documents": [good, wrong]}))
    errors: list[InputError] = []
    assert [d.doc_id for d in read_bioc(path, errors=errors)] == ["1"]
    assert len(errors) == 1 and "document 2" in str(errors[0]) and field in str(errors[0])


def test_a_bioc_json_annotation_location_of_the_wrong_type_is_named(tmp_path):
    document = {"id": "7", "passages": [{"offset": 0, "text": "Tocilizumab.", "annotations": [
        {"id": "T1", "text": "Tocilizumab", "infons": {"type": "Chemical"},
         "locations": [{"offset": "zero", "length": 11}]}]}]}
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"documents": [document]}))
    with pytest.raises(InputError, match=r"document 7: passage 1: annotation 'T1': location offset: expected int"):
        read_bioc(path)


@pytest.mark.parametrize("count", ["\u00b2", "1\u0663", "12 3", "-1", "1e3"])
def test_an_esearch_count_in_another_script_is_a_named_error(count):
    body = (f'<?xml version="1.0"?><eSearchResult><Count>{count}</Count><RetMax>0</RetMax><RetStart>0</RetStart>'
            f'<IdList/></eSearchResult>').encode()
    with pytest.raises(EutilsError, match=r"<Count> is not a number"):
        _parse_esearch(body, "IL-6")


def test_an_ingest_run_with_a_bad_pubtator_line_keeps_the_good_documents(tmp_path, capsys):
    path = tmp_path / "x.pubtator"
    path.write_text("11|t|Good title.\n11|a|Good text.\n\n12|t|Bad.\n12|a|Bad text.\n12\t\u00b2\t3\tBad\tChemical\t-\n\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", "--out", str(out), "--pubtator", str(path), "--pubmed-cache", str(tmp_path / "no")]) \
        == EXIT_INPUT_ERRORS
    ids = [json.loads(line)["doc_id"] for line in (out / STAGE_FILES["documents"]).read_text().splitlines()]
    assert ids == ["review", "pmid:11"]
    errors = [json.loads(line) for line in (out / STAGE_FILES["ingest_errors"]).read_text().splitlines()]
    assert [(e["source"], e["line"]) for e in errors] == [(str(path), 6)]
