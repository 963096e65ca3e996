"""A writer killed with SIGKILL leaves its target untouched; its temporary file is swept later."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pipeline.io import atomic_writer, remove_stale_temp_files, write_text
from pipeline.stages import STAGE_FILES

PROJECT_DIR = Path(__file__).resolve().parents[2]

_KILLED_WRITER = """
import sys, time
from pipeline.io import atomic_writer
with atomic_writer(sys.argv[1]) as handle:
    handle.write("half of the new content")
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_sigkill_inside_atomic_writer_keeps_the_old_file_and_the_sweep_removes_the_leftover(tmp_path):
    target = tmp_path / STAGE_FILES["documents"]
    write_text("old complete content\n", target)
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target)], cwd=PROJECT_DIR,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)}, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    assert target.read_text() == "old complete content\n"
    leftovers = sorted(tmp_path.glob(".*.tmp"))
    assert len(leftovers) == 1 and f".{proc.pid}." in leftovers[0].name
    assert remove_stale_temp_files(tmp_path) == leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == [STAGE_FILES["documents"]]


def test_sweep_keeps_files_of_live_writers_and_files_it_did_not_make(tmp_path):
    dead = tmp_path / f".a.jsonl.{_dead_pid()}.x1y2z3.tmp"
    live = tmp_path / f".b.jsonl.{os.getpid()}.abc123.tmp"
    parent = tmp_path / f".c.jsonl.{os.getppid()}.abc123.tmp"
    foreign = [tmp_path / ".notes.tmp", tmp_path / "plain.tmp", tmp_path / ".x.jsonl.12ab.q.tmp"]
    for path in (dead, live, parent, *foreign):
        path.write_text("x")
    assert remove_stale_temp_files(tmp_path) == [dead]
    assert not dead.exists() and live.exists() and parent.exists() and all(p.exists() for p in foreign)


def test_sweep_of_a_missing_folder_is_a_no_op(tmp_path):
    assert remove_stale_temp_files(tmp_path / "absent") == []


def test_temporary_names_carry_the_writer_pid_and_vanish_on_error(tmp_path):
    target = tmp_path / "out.json"
    try:
        with atomic_writer(target) as handle:
            handle.write("{")
            names = [p.name for p in tmp_path.iterdir()]
            assert len(names) == 1 and names[0].startswith(f".out.json.{os.getpid()}.")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert list(tmp_path.iterdir()) == []


def test_ingest_stage_sweeps_the_out_folder_of_a_killed_run(tmp_path):
    from pipeline.context import RunContext
    from shared_fixtures import run_stage

    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".mentions.jsonl.{_dead_pid()}.k9k9k9.tmp"
    stale.write_text("partial")
    run_stage("ingest", RunContext(out_dir=out, pubmed_cache=tmp_path / "no_cache"))
    assert not stale.exists()
    assert (out / STAGE_FILES["documents"]).exists()
