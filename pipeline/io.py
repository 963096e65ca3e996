"""Reading and writing stage files: the one place that touches ``outputs/``.

Every write goes to a temporary file in the target folder and is then renamed
over the target, so a reader (or a crash) never sees half a file.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import logging
import os
import re
import stat
import tempfile
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, RecordDecodeError
from .typed_json import PLAIN_VALUES, field_names, fields_of, from_dict, has_slots

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


def json_line(record: Any) -> str:
    """``record`` as one line of JSON, without the newline: ``json.dumps(to_jsonable(record), ensure_ascii=False)``.

    Faster than that spelling: a dataclass whose fields hold only plain values (no
    nested dataclass or path) is encoded from its ``__dict__``, and one encoder is reused.
    """
    return _LINE_ENCODER.encode(_json_ready(record))


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


def read_csv_rows(path: str | os.PathLike[str], required: Sequence[str] = ()) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file with a header line, as dicts.

    Raises
    ------
    InputError
        Naming the file (and line) when it is missing, not UTF-8, malformed CSV or lacks a ``required`` column.
    """
    source = regular_file(path)
    try:
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(source), f"not UTF-8 text (byte {exc.start})") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(str(source), f"malformed CSV ({exc})", line=reader.line_num) from None
    missing = [name for name in required if name not in (reader.fieldnames or ())]
    if missing:
        raise InputError(str(source), f"missing column(s) {', '.join(missing)}", line=1)
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise InputError(str(source), "row has another number of fields than the header", line=number)
    return rows


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


def to_jsonable(obj: Any) -> Any:
    """Turn dataclasses, tuples and paths into plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_jsonable(getattr(obj, name)) for name in field_names(type(obj))}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)
_PLAIN_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per type: its fields if it has plain fields, else ()


def _json_ready(obj: Any) -> Any:
    """What :func:`to_jsonable` gives, up to tuples left as tuples (JSON writes them as lists)."""
    if isinstance(obj, PLAIN_VALUES):
        return obj
    cls = type(obj)
    names = _PLAIN_FIELD_NAMES.get(cls)
    if names is None:
        names = _PLAIN_FIELD_NAMES[cls] = field_names(cls) if _has_plain_fields(cls) else ()
    # the __dict__ check also refuses an instance with extra attributes (a cached_property's) or fields out of order
    if names and tuple(obj.__dict__) == names:
        return obj.__dict__
    if isinstance(obj, (list, tuple)):
        return [_json_ready(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): _json_ready(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: _json_ready(getattr(obj, name)) for name in field_names(cls)}
    return to_jsonable(obj)


def _has_plain_fields(cls: type) -> bool:
    """Whether instances of ``cls`` are dataclasses whose ``__dict__`` is their JSON form, fields in order."""
    if not dataclasses.is_dataclass(cls) or has_slots(cls):
        return False
    hints, _ = fields_of(cls)
    return all(_is_plain_hint(hints[name]) for name in field_names(cls))


def _is_plain_hint(hint: Any) -> bool:
    if hint in PLAIN_VALUES:
        return True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType, tuple, list):
        return all(arg is Ellipsis or _is_plain_hint(arg) for arg in args)
    return False
