"""A failing stage of `evidence run` is recorded in the manifest; only a bug shows a traceback, and only with -v."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, EXIT_USAGE, main
from pipeline.reconcile import stage as reconcile_stage
from pipeline.stages import STAGE_FILES

GOLD = Path(__file__).resolve().parents[2] / "annotations"


def test_an_input_fault_in_a_stage_is_in_the_manifest(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / "agents.tsv", gold / "agents.tsv")
    (gold / "findings.tsv").write_bytes((GOLD / "findings.tsv").read_bytes() + b"F999\tcaf\xe9\n")
    out = tmp_path / "out"
    assert main(["run", "--out", str(out), "--pubmed-cache", str(tmp_path / "none"), "--gold", str(gold)]) \
        == EXIT_FAILED
    manifest = json.loads((out / STAGE_FILES["run_manifest"]).read_text())
    assert manifest["failed_stage"] == "reconcile"
    assert len(manifest["errors"]) == 1 and "findings.tsv" in manifest["errors"][0]
    assert "not UTF-8" in manifest["errors"][0]
    assert set(manifest["counts"]) == {"ingest", "ner", "relations"}
    assert "Traceback" not in capsys.readouterr().err


def test_a_bug_is_recorded_then_reported_without_a_traceback_unless_verbose(tmp_path, capsys, monkeypatch):
    def bug(_gold_dir, _target_classes=None):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(reconcile_stage, "load_gold_if_present", bug)
    out = tmp_path / "out"
    assert main(["run", "--out", str(out), "--pubmed-cache", str(tmp_path / "none")]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: a bug" in err and "-v" in err
    assert json.loads((out / STAGE_FILES["run_manifest"]).read_text())["failed_stage"] == "reconcile"
    with pytest.raises(ZeroDivisionError):
        main(["-v", "run", "--out", str(out), "--pubmed-cache", str(tmp_path / "none")])


def test_an_unknown_relation_scope_is_refused_before_any_work(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--out", str(out), "--option", "relation_agents=everything"]) == EXIT_USAGE
    assert "relation_agents" in capsys.readouterr().err and not out.exists()
