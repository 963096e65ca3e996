"""Reading and writing stage files: the one place that touches ``outputs/``.

Every write goes to a temporary file in the target folder and is then renamed
over the target, so a reader (or a crash) never sees half a file.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
import re
import stat
import tempfile
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, RecordDecodeError
from .typed_json import field_names, from_dict, json_line, to_jsonable  # noqa: F401 (the codec, re-exported)

T = TypeVar("T")

logger = logging.getLogger(__name__)

TEMP_SUFFIX = ".tmp"
# ".<target name>.<pid>.<random>.tmp", as atomic_writer names its temporary files.
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.(?P<pid>[0-9]+)\.[^.]+" + re.escape(TEMP_SUFFIX))


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w") -> Iterator[typing.IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    On an exception the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid is in the name so that a later run can tell a leftover of a killed
    # process (see remove_stale_temp_files) from the file of a writer still at work.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                    dir=target.parent)
    binary = "b" in mode
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": "\n"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~_current_umask())
        os.replace(tmp_name, target)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise


def regular_file(path: str | os.PathLike[str], what: str = "file") -> Path:
    """``path`` if it names a regular file (after symbolic links); an :class:`InputError` naming it if not.

    Checked before a file is opened: opening a FIFO blocks until a writer comes, a folder or
    a symbolic-link loop raises a bare ``OSError``.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(target), f"{what} not found") from None
    except OSError as exc:  # a symbolic-link loop, a name too long, a component that is a file
        raise InputError(str(target), f"cannot open {what}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError(str(target), f"is a folder, not a {what}")
    if not stat.S_ISREG(mode):
        raise InputError(str(target), f"not a regular {what} (a FIFO, socket or device is not read)")
    return target


def iter_text_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a UTF-8 text file, line ends removed.

    Lines are decoded one at a time so that bad bytes are reported with their line number.

    Raises
    ------
    InputError
        For bytes that are not UTF-8 (file and line named).
    """
    with regular_file(path).open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8").rstrip("\n").rstrip("\r")
            except UnicodeDecodeError as exc:
                raise InputError(str(path), f"not UTF-8 text (byte {exc.start} of the line)", line=number) from exc


def remove_stale_temp_files(directory: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporary files that a killed writer left in ``directory``; return them.

    A process killed with SIGKILL inside :func:`atomic_writer` cannot remove its
    temporary file. Such a file never replaced its target, so deleting it loses
    nothing; files of writers that are still running are kept.
    """
    folder = Path(directory)
    if not folder.is_dir():
        return []
    removed: list[Path] = []
    for path in sorted(folder.glob(f".*{TEMP_SUFFIX}")):
        match = _TEMP_NAME.fullmatch(path.name)
        if match is None or not path.is_file() or process_alive(int(match.group("pid"))):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    if removed:
        logger.info("removed %d temporary file(s) left by an interrupted writer in %s", len(removed), folder)
    return removed


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (this process counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


@functools.lru_cache(maxsize=1)
def _current_umask() -> int:
    """Read once: os.umask can only be read by setting it, which is not thread-safe to repeat."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(text: str, path: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_writer(path) as handle:
        handle.write(text)


def write_bytes(data: bytes, path: str | os.PathLike[str]) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


def write_json(obj: Any, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` as indented, key-sorted JSON, atomically."""
    write_text(json.dumps(to_jsonable(obj), indent=2, sort_keys=True, ensure_ascii=False) + "\n", path)


def write_jsonl(records: Iterable[Any], path: str | os.PathLike[str]) -> int:
    """Write one JSON object per line (:func:`json_line`), atomically; return how many were written."""
    count = 0
    with atomic_writer(path) as handle:
        for record in records:
            handle.write(json_line(record))
            handle.write("\n")
            count += 1
    return count


def write_text_blocks(blocks: Iterable[str], path: str | os.PathLike[str]) -> None:
    """Write already-encoded text (e.g. JSON lines a worker encoded, each ending in a newline), atomically."""
    with atomic_writer(path) as handle:
        for block in blocks:
            handle.write(block)


def iter_jsonl(path: str | os.PathLike[str], cls: type[T] | None = None) -> Iterator[T]:
    """Yield the records of a JSONL file, rebuilt (and type-checked) as ``cls`` when given.

    Raises
    ------
    InputError
        Naming the file and line of a line that is not UTF-8, not valid JSON or does not fit ``cls``.
    """
    for _number, record in iter_records(path, cls):
        yield record


def iter_records(path: str | os.PathLike[str], cls: type[T] | None = None,
                 errors: list[InputError] | None = None) -> Iterator[tuple[int, T]]:
    """``(line number, record)`` for each non-blank line of a JSONL file (see :func:`decode_line`).

    A bad line (not UTF-8, not JSON, not fitting ``cls``) raises :class:`InputError` naming the
    file and line; when ``errors`` is given it is appended there instead and reading goes on.
    """
    source = regular_file(path)
    with source.open("rb") as handle:
        for line_number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise RecordDecodeError(f"not UTF-8 text (byte {exc.start} of the line)") from None
                record = decode_line(line, cls)
            except RecordDecodeError as exc:
                error = InputError(str(source), str(exc), line=line_number)
                if errors is None:
                    raise error from None
                errors.append(error)
                continue
            yield line_number, record


def read_json(path: str | os.PathLike[str], expect: type = dict) -> Any:
    """A whole JSON file (e.g. ``metrics.json``), checked to be a ``expect`` value.

    Raises
    ------
    InputError
        Naming the file when it is missing, not UTF-8, not (complete) JSON or of another type.
    """
    source = regular_file(path)
    try:
        data = json.loads(source.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(str(source), f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(source), f"not valid JSON ({exc.msg})", line=exc.lineno) from None
    except RecursionError:
        raise InputError(str(source), "JSON nested too deeply to read") from None
    if not isinstance(data, expect):
        raise InputError(str(source), f"expected a JSON {expect.__name__}, got {type(data).__name__}")
    return data


def decode_line(line: str, cls: type[T] | None = None) -> T:
    """One line of a JSONL file: its JSON value, rebuilt as ``cls`` when given.

    Raises
    ------
    RecordDecodeError
        Saying whether the line is not valid JSON or does not fit ``cls`` (the caller names the file and line).
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordDecodeError(f"not valid JSON ({exc.msg})") from exc
    except RecursionError:
        raise RecordDecodeError("JSON nested too deeply to read") from None
    if cls is None:
        return data
    try:
        return from_dict(cls, data)
    except (TypeError, ValueError, KeyError) as exc:
        raise RecordDecodeError(f"does not fit {cls.__name__}: {exc}") from exc


def read_jsonl(path: str | os.PathLike[str], cls: type[T] | None = None) -> list[T]:
    """Read a whole JSONL file (see :func:`iter_jsonl`)."""
    return list(iter_jsonl(path, cls))


def write_csv_records(records: Iterable[Any], cls: type, path: str | os.PathLike[str]) -> None:
    """Write dataclass records as CSV (header = the field names of ``cls``; booleans as true/false), atomically."""
    names = field_names(cls)
    with atomic_writer(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for record in records:
            values = (getattr(record, name) for name in names)
            writer.writerow(("true" if v else "false") if isinstance(v, bool) else v for v in values)


def read_csv_records(path: str | os.PathLike[str], cls: type[T]) -> list[T]:
    """The rows of a CSV file :func:`write_csv_records` wrote, as ``cls`` records (all fields text).

    Raises
    ------
    InputError
        Naming the file (and line) when it is missing, not UTF-8, truncated, malformed CSV, has a header
        other than the fields of ``cls`` or a row with another number of values.
    """
    source = regular_file(path)
    try:
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(source), f"not UTF-8 text (byte {exc.start})") from None
    if text and not text.endswith("\n"):
        # the writer ends every row with a line end: a file cut inside its last value still parses as CSV
        raise InputError(str(source), "truncated: the last line has no line end", line=text.count("\n") + 1)
    names = field_names(cls)
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = tuple(next(reader, ()))
        if header != names:
            raise InputError(str(source), f"columns {', '.join(header) or '(none)'}; expected {', '.join(names)}",
                             line=1)
        records = []
        for row in reader:
            if len(row) != len(names):
                raise InputError(str(source), f"{len(row)} values; expected {len(names)}", line=reader.line_num)
            records.append(cls(*row))
    except csv.Error as exc:
        raise InputError(str(source), f"malformed CSV ({exc})", line=reader.line_num) from None
    return records


def write_parquet(table: Any, path: str | os.PathLike[str]) -> None:
    """Write a ``pyarrow.Table`` as zstd-compressed Parquet, atomically (no timestamps: equal tables, equal bytes)."""
    import io

    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    write_bytes(sink.getvalue(), path)
