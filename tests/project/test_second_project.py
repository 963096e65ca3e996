"""Reuse by configuration: a second, small project (TNF blockers) runs end to end with no code change.

Its review, agents, table layout cues, target classes, gold table and report title all come from
``data/tnf/evidence.toml``; nothing of the IL-6 project is read in their place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import build_parser, main
from pipeline.context import DEFAULT_AGENTS_TABLE, DEFAULT_LAYOUT_CUES, PROJECT_DIR, Project
from pipeline.errors import InputError
from pipeline.io import read_jsonl
from pipeline.project import load_project
from pipeline.records import Document, Relation
from pipeline.stages import STAGE_FILES

TNF = Path(__file__).resolve().parent / "data" / "tnf" / "evidence.toml"
TNF_AGENTS = {"agent:infliximab", "agent:adalimumab", "agent:etanercept"}


@pytest.fixture(scope="module")
def tnf_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tnf")
    assert main(["run", "--config", str(TNF), "--out", str(out)]) == 0
    return out


def test_the_second_project_runs_end_to_end_from_its_own_files(tnf_run: Path) -> None:
    documents = read_jsonl(tnf_run / STAGE_FILES["documents"], Document)
    assert [d.title for d in documents] == ["TNF blockers: a short fixture review"]
    rows = [json.loads(line) for line in (tnf_run / STAGE_FILES["table1"]).read_text(encoding="utf-8").splitlines()]
    assert [r["group"] for r in rows] == ["TNF", "TNFR"]  # its own table group headings
    relations = read_jsonl(tnf_run / STAGE_FILES["relations"], Relation)
    assert relations and {r.agent_id for r in relations} == TNF_AGENTS
    metrics = json.loads((tnf_run / STAGE_FILES["metrics"]).read_text(encoding="utf-8"))
    overall = metrics["reconciliation"]["overall"]
    assert overall["gold"] == 16
    assert overall["precision"] >= 0.9 and overall["recall"] >= 0.8, overall


def test_the_second_project_gets_grades_and_its_own_report(tnf_run: Path) -> None:
    table = pd.read_csv(tnf_run / STAGE_FILES["evidence_csv"], keep_default_na=False)
    assert {"approved", "phase_3", "in_vivo", "in_vitro"} <= set(table["evidence_grade"])
    failed = table[(table.agent_id == "agent:etanercept") & table.negated]
    assert list(failed["object"]) == ["tumor growth"] and failed.iloc[0]["negative_evidence"]
    html = (tnf_run / STAGE_FILES["report"]).read_text(encoding="utf-8")
    assert "<h1>TNF blockers in inflammatory disease: extracted evidence (fixture)</h1>" in html
    assert "IL-6 / IL-6R / gp130" not in html


def test_run_help_shows_the_configuration_option() -> None:
    run = build_parser()._subparsers._group_actions[0].choices["run"]  # noqa: SLF001 - argparse has no getter
    assert "--config" in run.format_help() and "--project" in run.format_help()


def test_the_il6_project_file_says_what_the_defaults_say() -> None:
    project = load_project(PROJECT_DIR / "evidence.toml")
    default = Project()
    assert project.agents_table == DEFAULT_AGENTS_TABLE and project.layout_cues == DEFAULT_LAYOUT_CUES
    assert (project.name, project.report_title, project.target_classes) == (
        default.name, default.report_title, default.target_classes)
    assert project.review == PROJECT_DIR / "corpus" / "review.txt" and project.gold_dir == PROJECT_DIR / "annotations"
    assert project.pubmed_queries


@pytest.mark.parametrize("text, message", [
    ("[project]\nnmae = 'x'\n", r"\[project\] has no key 'nmae'"),
    ("[reviews]\npath = 'x'\n", r"unknown section \[reviews\]"),
    ("[agents]\nclasses = 'TNF'\n", r"agents.classes: expected a list of non-empty strings"),
    ("[review]\npath = 'missing.txt'\n", r"review.path: .*missing.txt does not exist"),
    ("[project\n", r"not a TOML project file"),
])
def test_a_bad_project_file_names_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "evidence.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_project(path)
    assert str(path) in str(caught.value)


def test_a_missing_project_file_is_a_clean_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--config", str(tmp_path / "nope.toml"), "--out", str(tmp_path)]) == 1
    assert "nope.toml: project file not found" in capsys.readouterr().err


def test_progress_bars_only_on_a_terminal_and_never_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from pipeline.context import RunContext
    from pipeline.progress import progress

    items = [1, 2, 3]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert progress(items, desc="x", context=RunContext()) is items
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = progress(items, desc="x", context=RunContext())
    assert bar is not items and list(bar) == items
    assert progress(items, desc="x", context=RunContext(options=(("progress", "off"),))) is items


def test_quiet_run_prints_nothing_and_default_run_logs_stage_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "run", "--config", str(TNF), "--out", str(tmp_path / "q")]) == 0
    quiet = capsys.readouterr()
    assert quiet.out == "" and "stage" not in quiet.err


def test_the_removed_accurate_profile_is_a_usage_error_naming_the_valid_profiles(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the accurate NER profile was removed: asking for it is a usage error (exit 2) before any stage runs
    with pytest.raises(SystemExit) as done:
        main(["-q", "run", "--config", str(TNF), "--profile", "accurate", "--out", str(tmp_path / "out")])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "--profile" in err and "'accurate'" in err and "'fast'" in err
    assert not (tmp_path / "out").exists()


def test_the_second_projects_gold_table_validates_against_its_review(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gold", "validate", "--config", str(TNF)]) == 0
    assert "gold table OK: 3 agents, 16 findings" in capsys.readouterr().out
