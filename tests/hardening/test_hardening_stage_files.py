"""Stage files are read with a typed check: a damaged file is a named error (file, line, field), never a traceback."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, EXIT_INPUT_ERRORS, EXIT_OK, main
from pipeline.errors import InputError
from pipeline.io import from_dict, read_json, read_jsonl
from pipeline.records import Mention, Relation
from pipeline.stages import STAGE_FILES

# stage file -> the stage command that reads it
READERS = {STAGE_FILES["documents"]: "ner", STAGE_FILES["table1"]: "relations", STAGE_FILES["mentions"]: "relations",
           STAGE_FILES["relations"]: "reconcile", STAGE_FILES["evidence_table"]: "report", STAGE_FILES["metrics"]: "report",
           STAGE_FILES["reconciliation"]: "report"}


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    assert main(["run", "--out", str(out), "--pubmed-cache", str(out.parent / "none")]) == EXIT_OK
    return out


@pytest.fixture
def run_copy(finished_run, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(finished_run, out)
    return out


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "invalid utf-8":
        cut = data.index(b"\n") // 2 if b"\n" in data else len(data) // 2
        path.write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    elif how == "truncated":
        path.write_bytes(data[: len(data) * 2 // 3 - 7])
    elif how == "wrong type":
        if path.suffix == ".jsonl":
            first, _, rest = data.partition(b"\n")
            record = json.loads(first)
            key = next(k for k, v in record.items() if isinstance(v, str))
            record[key] = ["a", "list"]
            path.write_bytes(json.dumps(record).encode() + b"\n" + rest)
        elif path.suffix == ".json":
            path.write_text("[1, 2, 3]\n")
        else:
            path.write_text("record,status\n")  # the id column is missing


@pytest.mark.parametrize("how", ["invalid utf-8", "truncated", "wrong type"])
@pytest.mark.parametrize("name", list(READERS))
def test_a_damaged_stage_file_is_a_named_error(run_copy, capsys, name, how):
    _damage(run_copy / name, how)
    code = main([READERS[name], "--out", str(run_copy)])
    captured = capsys.readouterr()
    errors_file = run_copy / STAGE_FILES["relations_errors"]
    reported = captured.err + (errors_file.read_text() if READERS[name] == "relations" else "")
    assert code in (EXIT_FAILED, EXIT_INPUT_ERRORS), captured
    assert name in reported, reported
    assert "Traceback" not in captured.err and "internal error" not in captured.err


def test_a_string_offset_names_file_line_and_field():
    with pytest.raises(TypeError, match=r"Mention\.start: expected int, got str 'abc'"):
        from_dict(Mention, {"doc_id": "d", "start": "abc", "end": 3, "text": "abc", "label": "DRUG"})
    with pytest.raises(TypeError, match=r"Mention\.end: expected int, got bool"):
        from_dict(Mention, {"doc_id": "d", "start": 0, "end": True, "text": "abc", "label": "DRUG"})
    with pytest.raises(TypeError, match=r"Mention\.xrefs: expected items of type str, got int"):
        from_dict(Mention, {"doc_id": "d", "start": 0, "end": 3, "text": "abc", "label": "DRUG", "xrefs": [1]})


def test_relations_stage_reports_a_mention_with_a_string_offset_and_keeps_the_rest(run_copy):
    path = run_copy / STAGE_FILES["mentions"]
    lines = path.read_text().splitlines()
    record = json.loads(lines[0])
    record["start"] = "abc"
    lines[0] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")
    assert main(["relations", "--out", str(run_copy)]) == EXIT_INPUT_ERRORS
    errors = [json.loads(line) for line in (run_copy / STAGE_FILES["relations_errors"]).read_text().splitlines()]
    assert [(e["source"], e["line"]) for e in errors] == [(str(path), 1)]
    assert "Mention.start" in errors[0]["message"]
    assert read_jsonl(run_copy / STAGE_FILES["relations"], Relation)


def test_truncated_json_and_invalid_utf8_name_the_file(tmp_path):
    metrics = tmp_path / STAGE_FILES["metrics"]
    metrics.write_text('{"relations": {"precision": 0.9')
    with pytest.raises(InputError, match=r"metrics\.json:1: not valid JSON"):
        read_json(metrics)
    lines = tmp_path / "x.jsonl"
    lines.write_bytes(b'{"a": 1}\n{"b": "\xe9"}\n')
    with pytest.raises(InputError, match=r"x\.jsonl:2: not UTF-8"):
        read_jsonl(lines)


def test_report_leaves_out_mentions_whose_offsets_are_outside_the_text(run_copy, capsys):
    path = run_copy / STAGE_FILES["mentions"]
    lines = path.read_text().splitlines()
    bad = json.loads(lines[0])
    bad.update(start=len("x") + 10, end=0)  # end before start: a negative length in BioC
    far = json.loads(lines[1])
    far.update(start=10**9, end=10**9 + 5)
    path.write_text("\n".join([json.dumps(bad), json.dumps(far), *lines[2:]]) + "\n")
    assert main(["report", "--out", str(run_copy)]) == EXIT_INPUT_ERRORS
    root = ET.parse(run_copy / STAGE_FILES["bioc"]).getroot()
    lengths = [int(node.get("length")) for node in root.iter("location")]
    offsets = [int(node.get("offset")) for node in root.iter("location")]
    assert lengths and min(lengths) > 0 and max(offsets) < 10**9
    assert len(lengths) >= len(lines) - 2


def test_report_refuses_evidence_citing_a_relation_of_another_run(run_copy, capsys):
    path = run_copy / STAGE_FILES["relations"]
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[1:]) + "\n")  # the first relation is gone, the evidence table still cites it
    cited = json.loads(lines[0])["relation_id"]
    assert main(["report", "--out", str(run_copy)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "evidence_table.jsonl:" in err and cited in err and "internal error" not in err
