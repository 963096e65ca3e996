"""One command at a time per output folder: an exclusive lock taken before any work.

Two runs writing one ``--out`` interleave their stage files (a run's NER read the other
run's ``documents.jsonl`` and exited 0); two ``pubmed fetch`` into one cache split its
manifest. Every command that writes a folder holds :func:`folder_lock` on it while it runs.

The lock is an ``flock`` on ``<folder>/.evidence.lock``: the kernel releases it when its
holder exits, however it ends (SIGKILL included), so a lock left by a dead process is taken
over at once, as a killed writer's temporary files are (``io.remove_stale_temp_files``). The
file holds the holder's pid, command and start time, so a refused run can name them. The
holder removes it on release, still holding it; a process that locked the removed file
sees that it is no longer the file at that path and tries again.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .errors import InputError, PipelineError
from .io import process_alive

logger = logging.getLogger(__name__)

LOCK_NAME = ".evidence.lock"


class FolderLockedError(PipelineError):
    """Another process holds the lock of a folder this command would write."""


@contextmanager
def folder_lock(folder: str | os.PathLike[str], command: str) -> Iterator[Path]:
    """Hold the exclusive lock of ``folder`` (created if needed) for the body of the ``with``.

    Raises
    ------
    FolderLockedError
        At once, without waiting, when another process holds it; the message names the folder
        and the holder's pid, command and start time.
    """
    target = Path(folder)
    path = target / LOCK_NAME
    fd = _locked_file(target, path)
    try:
        previous = _read_holder(fd)
        if previous.get("pid"):
            logger.info("%s: taking over the lock of pid %s (%s), which ended without releasing it",
                        target, previous.get("pid"), previous.get("command"))
        _write(fd, {"pid": os.getpid(), "command": command,
                    "started": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        try:
            yield path
        finally:
            # removed while still held: a process that opened it meanwhile sees it unlinked and retries
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    finally:
        os.close(fd)


def _locked_file(target: Path, path: Path) -> int:
    """Open and lock ``path``; retry when the file locked is not the one at ``path`` any more
    (its holder removed it on release between the open and the lock)."""
    while True:
        try:
            target.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:  # read-only, a file in the way, no space for the lock file
            raise InputError(str(target), f"cannot write in this folder: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise FolderLockedError(f"{target}: in use by {holder}; wait for it to finish or "
                                    "use another folder") from None
        try:
            same = os.fstat(fd).st_ino == path.stat().st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _read_holder(fd: int) -> dict[str, object]:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        holder = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except ValueError:  # not JSON or not UTF-8: a holder that has not finished writing it
        return {}
    return holder if isinstance(holder, dict) else {}


def _holder(fd: int) -> str:
    holder = _read_holder(fd)
    pid = holder.get("pid")
    if not isinstance(pid, int):
        return "another process (it has not recorded itself yet)"
    state = "" if process_alive(pid) else ", no longer running but its worker processes hold the lock"
    return f"pid {pid} ({holder.get('command', '?')}, started {holder.get('started', '?')}{state})"


def _write(fd: int, holder: dict[str, object]) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, (json.dumps(holder, ensure_ascii=False) + "\n").encode("utf-8"), 0)
