"""One command at a time per output folder (and per PubMed cache): the second fails at once, naming the holder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, main
from pipeline.lock import LOCK_NAME, FolderLockedError, folder_lock

PROJECT_DIR = Path(__file__).resolve().parents[2]
HOLD = ("import sys, time\nfrom pipeline.lock import folder_lock\n"
        "with folder_lock(sys.argv[1], 'evidence run'):\n    print('held', flush=True)\n    time.sleep(60)\n")


def _holder_process(folder: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], cwd=PROJECT_DIR, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_second_holder_fails_at_once_naming_pid_command_and_start(tmp_path):
    with folder_lock(tmp_path, "evidence run"):
        started = time.monotonic()
        with pytest.raises(FolderLockedError) as caught:
            with folder_lock(tmp_path, "evidence ner"):
                pass
        assert time.monotonic() - started < 2
    message = str(caught.value)
    assert str(tmp_path) in message and f"pid {os.getpid()}" in message and "evidence run" in message
    assert "started 20" in message
    assert not (tmp_path / LOCK_NAME).exists()  # released and removed
    with folder_lock(tmp_path, "evidence ner"):  # free again
        pass


def test_a_stage_command_into_a_folder_in_use_exits_non_zero_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    holder = _holder_process(out)
    try:
        code = main(["ingest", "--out", str(out), "--pubmed-cache", str(tmp_path / "none")])
        for command in (["run"], ["ner"], ["report"]):
            assert main([*command, "--out", str(out)]) == EXIT_FAILED
    finally:
        holder.kill()
        holder.wait()
    assert code == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"pid {holder.pid}" in err and "evidence run" in err and "in use" in err
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # nothing written, no manifest of another run


def test_the_lock_of_a_killed_process_is_taken_over(tmp_path, capsys):
    out = tmp_path / "out"
    holder = _holder_process(out)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (out / LOCK_NAME).exists()  # left behind by SIGKILL
    assert json.loads((out / LOCK_NAME).read_text())["pid"] == holder.pid
    with folder_lock(out, "evidence run"):
        assert json.loads((out / LOCK_NAME).read_text())["pid"] == os.getpid()


def test_pubmed_fetch_locks_its_cache(tmp_path, capsys):
    cache = tmp_path / "cache"
    pmids = tmp_path / "pmids.txt"
    pmids.write_text("90000001\n")
    with folder_lock(cache, "evidence pubmed fetch"):
        code = main(["pubmed", "fetch", "--pmids", str(pmids), "--cache-dir", str(cache), "--email", "a@b.org",
                     "--eutils-url", "http://127.0.0.1:9/never-contacted"])
    assert code == EXIT_FAILED
    assert "in use by pid" in capsys.readouterr().err
    assert sorted(p.name for p in cache.iterdir()) == []


def test_an_output_folder_that_cannot_be_written_is_a_named_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    # --out below a file: its folder cannot be created
    assert main(["ingest", "--out", str(blocker / "out")]) == EXIT_FAILED
    assert str(blocker) in capsys.readouterr().err


def test_store_prune_is_refused_while_a_run_holds_the_folder(tmp_path, capsys):
    # a refresh writes the folder's result store: pruning it under a run could drop what the run just stored
    out = tmp_path / "out"
    holder = _holder_process(out)
    try:
        code = main(["store", "prune", "--out", str(out)])
    finally:
        holder.kill()
        holder.wait()
    assert code == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"pid {holder.pid}" in err and "in use" in err
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]
