"""The house: CLI stage table, run manifest, atomic JSONL io."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli, stages
from pipeline.context import RunContext
from pipeline.errors import InputError, MissingStageInputError, UsageError
from pipeline.io import read_jsonl, write_jsonl, write_text
from pipeline.records import Mention
from pipeline.stages import STAGE_FILES

PROJECT = Path(__file__).resolve().parents[2]


def test_ingest_alone_writes_its_files(tmp_path, capsys):
    assert cli.main(["ingest", "--out", str(tmp_path)]) == 0
    assert (tmp_path / STAGE_FILES["documents"]).exists() and (tmp_path / STAGE_FILES["table1"]).exists()
    assert "ingest: documents=1" in capsys.readouterr().out
    assert len(read_jsonl(tmp_path / STAGE_FILES["table1"])) == 24


def test_run_writes_manifest_with_inputs_versions_and_counts(tmp_path):
    code = cli.main(["run", "--out", str(tmp_path)])
    assert code == 0
    manifest = json.loads((tmp_path / STAGE_FILES["run_manifest"]).read_text())
    review_sha = hashlib.sha256((PROJECT / "corpus" / "review.txt").read_bytes()).hexdigest()
    assert manifest["inputs"]["corpus/review.txt"] == review_sha
    assert manifest["packages"]["spacy"].startswith("3.8")
    assert manifest["counts"]["ingest"]["table_rows"] == 24
    assert manifest["started_at"] <= manifest["finished_at"]
    assert manifest["run_id"].startswith(manifest["started_at"][:4])
    assert set(manifest["counts"]) == {s.name for s in stages.STAGES}
    for stage in stages.STAGES:
        for key in stage.writes:
            assert stages.stage_path(tmp_path, key).exists(), (stage.name, key)
    # and nothing the stage table does not name
    assert {p.name for p in tmp_path.iterdir()} <= set(stages.STAGE_FILES.values())


def test_stage_without_its_input_names_the_missing_file_and_exits_3(tmp_path, capsys):
    with pytest.raises(MissingStageInputError, match=STAGE_FILES["documents"]):
        stages.run_stage(stages.STAGE_BY_NAME["ner"], RunContext(out_dir=tmp_path))
    assert cli.main(["relations", "--out", str(tmp_path)]) == cli.EXIT_MISSING_INPUT == 3
    assert STAGE_FILES["documents"] in capsys.readouterr().err


def test_exit_codes_are_distinct_and_leave_2_to_usage_errors(tmp_path, capsys):
    codes = [cli.EXIT_OK, cli.EXIT_FAILED, cli.EXIT_USAGE, cli.EXIT_MISSING_INPUT, cli.EXIT_INPUT_ERRORS]
    assert len(set(codes)) == len(codes) and cli.EXIT_USAGE == 2
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["run", "--profile", "quick"])
    assert exit_info.value.code == cli.EXIT_USAGE
    assert cli.main(["evaluate"]) == cli.EXIT_USAGE
    assert cli.main(["run", "--out", str(tmp_path), "--option", "relation_agent=drugs"]) == cli.EXIT_USAGE
    assert "unknown option 'relation_agent'" in capsys.readouterr().err
    assert not (tmp_path / STAGE_FILES["documents"]).exists()


def test_unknown_settings_are_usage_errors_naming_the_value():
    with pytest.raises(UsageError, match="unknown profile 'quick'"):
        RunContext(profile="quick")
    with pytest.raises(UsageError, match="unknown executor 'ray'"):
        RunContext(executor="ray")
    with pytest.raises(UsageError, match="workers must be at least 1, got 0"):
        RunContext(workers=0)
    with pytest.raises(UsageError, match="unknown option 'relation_agent'"):
        RunContext(options=(("relation_agent", "drugs"),))
    with pytest.raises(UsageError, match="relation_agents='everything' is not one of all, project, drugs, chemicals"):
        RunContext(options=(("relation_agents", "everything"),))


def test_missing_review_fails_with_the_path(tmp_path, capsys):
    code = cli.main(["run", "--out", str(tmp_path), "--review", str(tmp_path / "absent.txt")])
    assert code == cli.EXIT_FAILED
    assert "absent.txt" in capsys.readouterr().err


def test_module_entry_point_help_lists_every_stage_command():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    # the sub-command list, not the description (which names "reconcile" too)
    listed = set(re.findall(r"^ {4}(\w+) ", result.stdout, re.MULTILINE))
    assert {"run", *(s.name for s in stages.STAGES)} <= listed


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
    args = cli.build_parser().parse_args(["run", "--option", "relation_agents = drugs"])
    context = cli._context(args)
    assert context.option("relation_agents") == "drugs"
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["run", "--option", "novalue"])
