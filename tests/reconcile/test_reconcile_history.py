"""The refresh-history store and ``evidence diff`` on the fixture run."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.context import RunContext
from pipeline.errors import InputError
from pipeline.report.store import diff_runs, list_runs
from shared_fixtures import stage_file
from shared_fixtures import run_stage
from pipeline.stages import STAGE_FILES


def _run(fx, out: Path, run_id: str, *, with_pubmed: bool) -> None:
    fx.write_run(out, with_pubmed=with_pubmed)
    context = RunContext(out_dir=out, gold_dir=fx.GOLD_DIR, options=(("run_id", run_id),))
    run_stage("reconcile", context)
    run_stage("report", context)


@pytest.fixture()
def history(fx, tmp_path: Path) -> Path:
    _run(fx, tmp_path, "run-1", with_pubmed=False)
    _run(fx, tmp_path, "run-2", with_pubmed=True)
    return tmp_path


def test_adding_pubmed_shows_only_added_evidence(history: Path) -> None:
    diff = diff_runs(stage_file(history, "history"))
    assert (diff.old_run, diff.new_run) == ("run-1", "run-2")
    assert diff.removed == ()
    assert sorted((item.doc_id, item.agent_id) for item in diff.added) == [
        ("pmid:1", "agent:sarilumab"), ("pmid:1", "agent:siltuximab")]
    assert {item.pmid for item in diff.added} == {"1"}


def test_diff_in_the_other_direction_lists_removed_evidence(history: Path) -> None:
    diff = diff_runs(stage_file(history, "history"), since="run-2", until="run-1")
    assert diff.added == () and len(diff.removed) == 2


def test_store_keeps_runs_and_rerecording_a_run_replaces_it(fx, history: Path) -> None:
    assert [r["run_id"] for r in list_runs(stage_file(history, "history"))] == ["run-1", "run-2"]
    _run(fx, history, "run-1", with_pubmed=False)
    runs = list_runs(stage_file(history, "history"))
    assert [r["run_id"] for r in runs] == ["run-2", "run-1"]
    assert [r["relations"] for r in runs] == [7, 5]
    diff = diff_runs(stage_file(history, "history"))
    assert len(diff.removed) == 2 and diff.added == ()


def test_store_tables_load_with_pandas(history: Path) -> None:
    with sqlite3.connect(stage_file(history, "history")) as connection:
        frames = {name: pd.read_sql(f"SELECT * FROM {name}", connection)
                  for name in ("runs", "documents", "mentions", "relations", "evidence")}
    assert list(frames["runs"]["run_id"]) == ["run-1", "run-2"]
    assert frames["documents"].groupby("run_id").size().to_dict() == {"run-1": 1, "run-2": 2}
    assert frames["relations"].groupby("run_id").size().to_dict() == {"run-1": 5, "run-2": 7}
    assert len(frames["mentions"]) > 0 and set(frames["evidence"]["run_id"]) == {"run-1", "run-2"}


def test_diff_command(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--out", str(history)]) == 0
    out = capsys.readouterr().out
    assert "run-1 -> run-2: 2 added, 0 removed" in out
    assert "+ Sarilumab binds IL-6R [pmid:1]" in out
    assert main(["diff", "--out", str(history), "--since", "nope"]) == 1
    assert "no run 'nope'" in capsys.readouterr().err


def test_diff_without_a_store_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=STAGE_FILES["history"]):
        diff_runs(stage_file(tmp_path, "history"))
