"""Options are checked before any work: ranges, NaN, files vs folders, special files, CPU cap, profile."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, EXIT_USAGE, main
from pipeline.options import available_cpus, cap_workers

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("option", [
    ["--workers", "0"], ["--workers", "-1"], ["--chunk-size", "0"], ["--chunk-size", "-5"],
    ["--max-document-bytes", "0"],
])
@pytest.mark.parametrize("command", ["run", "ingest", "ner", "relations"])
def test_out_of_range_numbers_are_refused_before_any_work(tmp_path, capsys, command, option):
    out = tmp_path / "out"
    assert main([command, "--out", str(out), *option]) == EXIT_USAGE  # RunContext's check, before the lock
    err = capsys.readouterr().err
    assert option[0] in err and option[1] in err and "Traceback" not in err
    assert not out.exists()  # refused before the lock or any stage file


@pytest.mark.parametrize("option", [["--timeout", "nan"], ["--timeout", "inf"], ["--timeout", "0"],
                                    ["--timeout", "-1"], ["--deadline", "nan"], ["--max-retries", "-1"],
                                    ["--batch-size", "0"], ["--max-response-bytes", "0"]])
def test_pubmed_connection_options_are_checked(tmp_path, capsys, option):
    code = main(["pubmed", "search", "IL-6", "--email", "a@b.org", "--eutils-url", "http://127.0.0.1:9/x", *option])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert option[0] in err and "Traceback" not in err


@pytest.mark.parametrize("arguments, option, says", [
    (["ingest", "--out", "{file}"], "--out", "is a file, not a folder"),
    (["ingest", "--out", "{tmp}/o", "--review", "{tmp}"], "--review", "is a folder, not a file"),
    (["ingest", "--out", "{tmp}/o", "--pubtator", "{tmp}"], "--pubtator", "is a folder, not a file"),
    (["ingest", "--out", "{tmp}/o", "--pubmed-cache", "{file}"], "--pubmed-cache", "is a file, not a folder"),
    (["reconcile", "--out", "{tmp}/o", "--gold", "{file}"], "--gold", "is a file, not a folder"),
])
def test_a_file_where_a_folder_belongs_and_the_reverse_are_refused(tmp_path, capsys, arguments, option, says):
    afile = tmp_path / "afile"
    afile.write_text("x")
    argv = [a.format(file=afile, tmp=tmp_path) for a in arguments]
    assert main(argv) == EXIT_FAILED
    err = capsys.readouterr().err
    assert option in err and says in err and "Traceback" not in err


@pytest.mark.parametrize("option", ["--review", "--pubtator", "--bioc", "--pubmed-snapshot", "--out"])
def test_a_symlink_loop_is_refused(tmp_path, capsys, option):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    argv = ["ingest", "--out", str(loop)] if option == "--out" else ["ingest", "--out", str(tmp_path / "o"),
                                                                     option, str(loop)]
    assert main(argv) == EXIT_FAILED
    err = capsys.readouterr().err
    assert option in err and str(loop) in err and "Traceback" not in err


@pytest.mark.parametrize("option", ["--review", "--pubtator", "--bioc", "--pubmed-snapshot", "--pubmed-baseline"])
def test_a_fifo_is_refused_not_waited_on(tmp_path, option):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # a subprocess with a timeout: opening a FIFO for reading would block for ever
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", "--out", str(tmp_path / "out"),
                             option, str(fifo)], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)
    assert result.returncode == EXIT_FAILED
    assert option in result.stderr and "FIFO" in result.stderr and "Traceback" not in result.stderr


def test_a_fifo_pmid_file_is_refused(tmp_path, capsys):
    fifo = tmp_path / "pmids"
    os.mkfifo(fifo)
    code = main(["pubmed", "fetch", "--pmids", str(fifo), "--cache-dir", str(tmp_path / "cache"),
                 "--email", "a@b.org", "--eutils-url", "http://127.0.0.1:9/x"])
    assert code == EXIT_FAILED and "--pmids" in capsys.readouterr().err


def test_workers_above_the_cpus_are_capped_with_a_warning_unless_allowed(caplog):
    cpus = available_cpus()
    args = argparse.Namespace(workers=cpus + 38, oversubscribe=False, scheduler=None)
    with caplog.at_level(logging.WARNING, logger="pipeline.options"):
        cap_workers(args)
    assert args.workers == cpus
    assert f"--workers {cpus + 38}" in caplog.text and "--oversubscribe" in caplog.text
    allowed = argparse.Namespace(workers=cpus + 38, oversubscribe=True, scheduler=None)
    cap_workers(allowed)
    assert allowed.workers == cpus + 38


def test_the_removed_accurate_profile_is_a_usage_error_naming_the_valid_profiles(tmp_path, capsys):
    # the trained-model "accurate" NER profile was removed: asking for it is a usage error (exit 2), before any work
    with pytest.raises(SystemExit) as done:
        main(["run", "--out", str(tmp_path / "out"), "--profile", "accurate"])
    assert done.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "'accurate'" in err and "fast" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    from pipeline.context import RunContext
    from pipeline.errors import UsageError

    with pytest.raises(UsageError, match="unknown profile 'accurate'; choose one of default, fast"):
        RunContext(out_dir=tmp_path / "out", profile="accurate")
