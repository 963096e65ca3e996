"""Reading and writing stage files: the one place that touches ``outputs/``.

Every write goes to a temporary file in the target folder and is then renamed
over the target, so a reader (or a crash) never sees half a file.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import re
import tempfile
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError

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


def iter_text_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a UTF-8 text file, line ends removed.

    Lines are decoded one at a time so that bad bytes are reported with their line number.

    Raises
    ------
    InputError
        For bytes that are not UTF-8 (file and line named).
    """
    with open(path, "rb") as handle:
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
    """Write one JSON object per line, atomically; return how many were written."""
    count = 0
    with atomic_writer(path) as handle:
        for record in records:
            handle.write(json.dumps(to_jsonable(record), ensure_ascii=False, sort_keys=False))
            handle.write("\n")
            count += 1
    return count


def iter_jsonl(path: str | os.PathLike[str], cls: type[T] | None = None) -> Iterator[T]:
    """Yield the records of a JSONL file, rebuilt as ``cls`` when given.

    Raises
    ------
    InputError
        Naming the file and line of a line that is not valid JSON or does not fit ``cls``.
    """
    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file")
    with source.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(source), f"not valid JSON ({exc.msg})", line=line_number) from exc
            if cls is None:
                yield data
                continue
            try:
                yield from_dict(cls, data)
            except (TypeError, ValueError, KeyError) as exc:
                raise InputError(str(source), f"does not fit {cls.__name__}: {exc}", line=line_number) from exc


def read_jsonl(path: str | os.PathLike[str], cls: type[T] | None = None) -> list[T]:
    """Read a whole JSONL file (see :func:`iter_jsonl`)."""
    return list(iter_jsonl(path, cls))


def to_jsonable(obj: Any) -> Any:
    """Turn dataclasses, tuples and paths into plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a (possibly nested) frozen dataclass from its :func:`to_jsonable` form."""
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    hints, names = _fields_of(cls)
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}")
    kwargs = {name: _convert(hints[name], value) for name, value in data.items()}
    return cls(**kwargs)


@functools.lru_cache(maxsize=None)
def _fields_of(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    # get_type_hints evaluates every annotation again on each call: ~1.2 ms of the 1.5 ms a Document took
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if value is None:
        return None
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        return _convert(non_none[0], value) if len(non_none) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value))
    if origin in (list,):
        return [_convert(args[0], v) for v in value]
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value
