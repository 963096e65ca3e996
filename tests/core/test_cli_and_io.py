"""The house: CLI stage table, run manifest, atomic JSONL io."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli, stages
from pipeline.errors import InputError, MissingStageInputError, StageNotBuiltError
from pipeline.io import read_jsonl, write_jsonl, write_text
from pipeline.records import Mention

PROJECT = Path(__file__).resolve().parents[2]


def test_ingest_alone_writes_its_files(tmp_path, capsys):
    assert cli.main(["ingest", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "documents.jsonl").exists() and (tmp_path / "table1.jsonl").exists()
    assert "ingest: documents=1" in capsys.readouterr().out
    assert len(read_jsonl(tmp_path / "table1.jsonl")) == 24


def test_run_writes_manifest_with_inputs_versions_and_counts(tmp_path):
    code = cli.main(["run", "--out", str(tmp_path)])
    assert code == 0
    manifest = json.loads((tmp_path / "run_manifest.json").read_text())
    review_sha = hashlib.sha256((PROJECT / "corpus" / "review.txt").read_bytes()).hexdigest()
    assert manifest["inputs"]["corpus/review.txt"] == review_sha
    assert manifest["packages"]["spacy"].startswith("3.8")
    assert manifest["counts"]["ingest"]["table_rows"] == 24
    assert manifest["started_at"] <= manifest["finished_at"]
    assert manifest["run_id"].startswith(manifest["started_at"][:4])
    ran_or_skipped = set(manifest["counts"]) | set(manifest["skipped_stages"])
    assert ran_or_skipped == {s.name for s in stages.STAGES}


def test_stage_not_built_says_so_and_exits_2(monkeypatch, tmp_path, capsys):
    ghost = stages.Stage("ner", "pipeline.not_a_module:run_stage", (), ("x.jsonl",), "ghost")
    monkeypatch.setitem(cli.STAGE_BY_NAME, "ner", ghost)
    assert cli.main(["ner", "--out", str(tmp_path)]) == cli.EXIT_NOT_BUILT
    assert "not built yet" in capsys.readouterr().err
    with pytest.raises(StageNotBuiltError, match="pipeline.not_a_module"):
        stages.load_stage_function(ghost)


def test_stage_without_its_input_names_the_missing_file(tmp_path):
    stage = stages.Stage("probe", "pipeline.ingest.stage:run_stage", ("documents.jsonl",), (), "probe")
    with pytest.raises(MissingStageInputError, match="documents.jsonl"):
        stages.run_stage(stage, cli._context(cli.build_parser().parse_args(["run", "--out", str(tmp_path)])))


def test_missing_review_fails_with_the_path(tmp_path, capsys):
    code = cli.main(["run", "--out", str(tmp_path), "--review", str(tmp_path / "absent.txt")])
    assert code == cli.EXIT_FAILED
    assert "absent.txt" in capsys.readouterr().err


def test_module_entry_point_help():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    for command in ("run", "ingest", "ner", "relations", "reconcile", "report"):
        assert command in result.stdout


def test_jsonl_round_trip_and_bad_line_named(tmp_path):
    mention = Mention("review", 3, 7, "IL-6", "TARGET", "HGNC:IL6", "IL6", "lexicon")
    path = tmp_path / "m.jsonl"
    assert write_jsonl([mention], path) == 1
    assert read_jsonl(path, Mention) == [mention]
    path.write_text(path.read_text() + "{not json\n")
    with pytest.raises(InputError, match=r"m\.jsonl:2: not valid JSON"):
        read_jsonl(path, Mention)


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    path = tmp_path / "out.jsonl"
    write_text("old\n", path)

    def records():
        yield {"a": 1}
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_jsonl(records(), path)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_stage_options_reach_the_context():
    args = cli.build_parser().parse_args(["run", "--option", "relation_agents=drugs", "--option", "x = 1"])
    context = cli._context(args)
    assert context.option("relation_agents") == "drugs" and context.option("x") == "1"
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["run", "--option", "novalue"])
