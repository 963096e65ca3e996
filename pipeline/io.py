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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, RecordDecodeError

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
                yield decode_line(line, cls)
            except RecordDecodeError as exc:
                raise InputError(str(source), str(exc), line=line_number) from exc


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
        return {name: to_jsonable(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)
_PLAIN_VALUES = (str, int, float, bool, type(None))
_PLAIN_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per type: its fields if it has plain fields, else ()


def _json_ready(obj: Any) -> Any:
    """What :func:`to_jsonable` gives, up to tuples left as tuples (JSON writes them as lists)."""
    if isinstance(obj, _PLAIN_VALUES):
        return obj
    cls = type(obj)
    names = _PLAIN_FIELD_NAMES.get(cls)
    if names is None:
        names = _PLAIN_FIELD_NAMES[cls] = _field_names(cls) if _has_plain_fields(cls) else ()
    # the __dict__ check also refuses an instance with extra attributes (a cached_property's) or fields out of order
    if names and tuple(obj.__dict__) == names:
        return obj.__dict__
    if isinstance(obj, (list, tuple)):
        return [_json_ready(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): _json_ready(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: _json_ready(getattr(obj, name)) for name in _field_names(cls)}
    return to_jsonable(obj)


def _has_plain_fields(cls: type) -> bool:
    """Whether instances of ``cls`` are dataclasses whose ``__dict__`` is their JSON form, fields in order."""
    if not dataclasses.is_dataclass(cls) or _has_slots(cls):
        return False
    hints, _ = _fields_of(cls)
    return all(_is_plain_hint(hints[name]) for name in _field_names(cls))


def _is_plain_hint(hint: Any) -> bool:
    if hint in _PLAIN_VALUES:
        return True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType, tuple, list):
        return all(arg is Ellipsis or _is_plain_hint(arg) for arg in args)
    return False


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a (possibly nested) frozen dataclass from its :func:`to_jsonable` form."""
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    converters, names, settable = _reading_plan(cls)
    if not names.issuperset(data):
        raise ValueError(f"unknown field(s) {sorted(set(data) - names)}")
    values = data if not converters else {
        name: value if value is None or (convert := converters.get(name)) is None else convert(value)
        for name, value in data.items()}
    if settable and len(values) == len(names):
        # Every field is given: set them as unpickling does. A frozen dataclass's __init__ sets
        # each field through object.__setattr__, which was most of the time spent reading mentions.
        record = object.__new__(cls)
        record.__dict__.update(values)
        return record
    return cls(**values)


def _has_slots(cls: type) -> bool:
    """Whether ``cls`` or a base declares ``__slots__`` (its fields may then live outside ``__dict__``)."""
    return any("__slots__" in vars(base) for base in cls.__mro__[:-1])


Converter = Callable[[Any], Any]


@functools.lru_cache(maxsize=None)
def _reading_plan(cls: type) -> tuple[dict[str, Converter], frozenset[str], bool]:
    """How :func:`from_dict` rebuilds a ``cls``, worked out once per class.

    The function that rebuilds a field's value from JSON, for each field that needs one; the
    field names; and whether a record with every field given is just its fields (no
    ``__post_init__``, slots or ``init=False`` field), so it can be set without ``__init__``.
    """
    hints, names = _fields_of(cls)
    converters = {name: _converter(hints[name]) for name in names}
    settable = (not hasattr(cls, "__post_init__") and not _has_slots(cls)
                and all(f.init for f in dataclasses.fields(cls)))
    return {name: convert for name, convert in converters.items() if convert is not None}, names, settable


@functools.lru_cache(maxsize=None)
def _fields_of(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    # get_type_hints evaluates every annotation again on each call: ~1.2 ms of the 1.5 ms a Document took
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def _converter(hint: Any) -> Converter | None:
    """Compiled once per type hint: a tuple hint gives tuples, a dataclass hint its record; None leaves a value."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        return _converter(non_none[0]) if len(non_none) == 1 else None
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0])
        return tuple if item is None else lambda value: tuple(_apply(item, v) for v in value)
    if origin is tuple:
        items = [_converter(a) for a in args]
        return lambda value: tuple(_apply(item, v) for item, v in zip(items, value))
    if origin is list:
        item = _converter(args[0])
        return list if item is None else lambda value: [_apply(item, v) for v in value]
    if dataclasses.is_dataclass(hint):
        return functools.partial(from_dict, hint)
    return None


def _apply(convert: Converter | None, value: Any) -> Any:
    return value if value is None or convert is None else convert(value)


def read_json(path: str | os.PathLike[str]) -> Any:
    """The JSON document in ``path`` (as :func:`write_json` wrote it); an unreadable one raises InputError naming it."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON: {exc.msg}", line=exc.lineno) from None


def write_csv_records(records: Iterable[Any], cls: type, path: str | os.PathLike[str]) -> None:
    """Write dataclass records as CSV (header = the field names of ``cls``; booleans as true/false), atomically."""
    import csv

    names = _field_names(cls)
    with atomic_writer(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for record in records:
            values = (getattr(record, name) for name in names)
            writer.writerow(("true" if v else "false") if isinstance(v, bool) else v for v in values)


def read_csv_records(path: str | os.PathLike[str], cls: type[T]) -> list[T]:
    """The rows of a CSV file :func:`write_csv_records` wrote, as ``cls`` records (all fields text).

    A header that differs from the fields of ``cls`` raises InputError naming the file.
    """
    import csv

    names = _field_names(cls)
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != names:
            raise InputError(str(path), f"columns {', '.join(header) or '(none)'}; expected {', '.join(names)}",
                             line=1)
        records = []
        for number, row in enumerate(reader, start=2):
            if len(row) != len(names):
                raise InputError(str(path), f"{len(row)} values; expected {len(names)}", line=number)
            records.append(cls(*row))
        return records


def write_parquet(table: Any, path: str | os.PathLike[str]) -> None:
    """Write a ``pyarrow.Table`` as zstd-compressed Parquet, atomically (no timestamps: equal tables, equal bytes)."""
    import io

    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    write_bytes(sink.getvalue(), path)
