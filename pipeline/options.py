"""Command-line options checked before any work, and the folder lock each command holds.

argparse checks an option's type; the rules here check what it means: numbers in range
and finite, a file option naming a regular file (a FIFO blocks the reader for ever, a
folder or a symbolic-link loop raises ``OSError`` deep inside a stage), a folder option
naming a folder, and ``--workers`` no more than the CPUs (unless ``--oversubscribe``).
:func:`guard_command` runs them all and
returns the lock to hold while the command runs (:mod:`pipeline.lock`).

The settings of a run (profile, executor, ``--workers``/``--chunk-size``/``--max-document-bytes``
at least 1, ``--option`` keys and values) are checked once, by :class:`pipeline.context.RunContext`,
which ``cli.main`` builds before taking the lock; they are not repeated here. A number out of
range is a usage error (exit 2), as an unknown setting value is; a path that cannot be read as
the option says is an input error (exit 1).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError
from .lock import folder_lock

logger = logging.getLogger(__name__)

# The smallest value each numeric option accepts (by its argparse dest, for every command that has it);
# the run settings (workers, chunk_size, max_document_bytes) are RunContext's to check.
MINIMUM = {"timeout": 0.001, "deadline": 0.001, "max_retries": 0,
           "batch_size": 1, "max_response_bytes": 1, "retmax": 0, "max_steps": 1, "patience": 0,
           "min_precision": 0.0, "c": 1e-9}
# Options that name one input file (or a list of them), or a folder, by dest.
FILE_OPTIONS = ("review", "pmids", "pubtator", "bioc", "config")
FOLDER_OPTIONS = ("pubmed_cache", "gold", "cache_dir")


def option_name(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def guard_command(args: argparse.Namespace) -> contextlib.AbstractContextManager[Any]:
    """Check the parsed options of any command; return the folder lock it must hold while it runs.

    Raises
    ------
    UsageError
        Naming a numeric option and its value out of range (or not finite).
    InputError
        Naming a path option and why its file or folder cannot be used.
    """
    check_numbers(args)
    check_paths(args)
    cap_workers(args)
    folder = lock_folder(args)
    if folder is None:
        return contextlib.nullcontext()
    command = " ".join(str(part) for part in ("evidence", args.command, getattr(args, "pubmed_command", None))
                       if part)
    return folder_lock(folder, command)


def lock_folder(args: argparse.Namespace) -> Path | None:
    """The folder a command writes: ``--out`` of ``run`` and the stage commands, the cache of ``pubmed fetch``."""
    if args.command == "run" or getattr(args, "stage_name", None):
        return Path(args.out)
    if args.command == "pubmed" and getattr(args, "pubmed_command", None) == "fetch":
        return Path(args.cache_dir)
    return None


def check_numbers(args: argparse.Namespace) -> None:
    for dest, minimum in MINIMUM.items():
        value = getattr(args, dest, None)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(f"{option_name(dest)} must be a finite number, got {value}")
        if value < minimum:
            raise UsageError(f"{option_name(dest)} must be at least {minimum}, got {value}")


def check_paths(args: argparse.Namespace) -> None:
    """Refuse special files (FIFOs, sockets, devices) and symbolic-link loops in every path option,
    a folder where a file is expected and a file where a folder is."""
    for dest, value in vars(args).items():
        for path in _paths(value):
            mode = _mode(dest, path)
            if mode is None:
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise InputError(option_name(dest), f"{path}: not a regular file or folder (a FIFO, socket or "
                                                    "device is not read)")
            if dest in FILE_OPTIONS and stat.S_ISDIR(mode):
                raise InputError(option_name(dest), f"{path}: is a folder, not a file")
            folder = dest in FOLDER_OPTIONS or (dest == "out" and lock_folder(args) is not None)
            if folder and not stat.S_ISDIR(mode):
                raise InputError(option_name(dest), f"{path}: is a file, not a folder")


def _paths(value: object) -> Iterable[Path]:
    if isinstance(value, Path):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(v for v in value if isinstance(v, Path))
    return ()


def _mode(dest: str, path: Path) -> int | None:
    """``path``'s file mode after symbolic links; None when nothing is there (a stage names a missing input)."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symbolic-link loop, a name too long, a file used as a folder
        raise InputError(option_name(dest), f"{path}: cannot be used: {exc.strerror or exc}") from None


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cap_workers(args: argparse.Namespace) -> None:
    """Lower ``--workers`` to the number of CPUs, with a warning, unless ``--oversubscribe`` is given.

    More worker processes than CPUs only add start-up time and memory (each loads the NER
    pipeline); a Dask scheduler elsewhere has its own CPUs, so ``--scheduler`` is not capped.
    """
    workers = getattr(args, "workers", None)
    if not isinstance(workers, int) or getattr(args, "oversubscribe", False) or getattr(args, "scheduler", None):
        return
    cpus = available_cpus()
    if workers > cpus:
        logger.warning("--workers %d is more than the %d CPU(s) here; using %d (--oversubscribe keeps %d)",
                       workers, cpus, cpus, workers)
        args.workers = cpus
