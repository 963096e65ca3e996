"""Records to and from their JSON form: every field read back is checked against its type hint.

The codec of :mod:`pipeline.io`, which alone touches the files (and re-exports these names):
:func:`to_jsonable` and :func:`json_line` write a record's JSON form, :func:`from_dict`
reads it back; the plans here are worked out once per record class, so checking costs a
set lookup per field.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PLAIN_VALUES = (str, int, float, bool, type(None))


@functools.lru_cache(maxsize=None)
def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a (possibly nested) frozen dataclass from its :func:`to_jsonable` form.

    Every value is checked against its field's type hint (``int`` takes no bool or float,
    ``float`` takes an int, a tuple takes a JSON list of checked items, a record a JSON
    object), so a stage file edited by hand or cut short cannot put a string where an offset
    belongs; a wrong value raises :class:`TypeError` naming the class, field and value.
    """
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    readers, settable = _reading_plan(cls)
    values = {}
    for name, value in data.items():
        reader = readers.get(name)
        if reader is None:
            raise ValueError(f"unknown field(s) {sorted(set(data) - set(readers))}")
        allowed, convert = reader
        if type(value) not in allowed:
            raise TypeError(f"{cls.__name__}.{name}: expected {_describe(allowed)}, got "
                            f"{type(value).__name__} {_shown(value)}")
        values[name] = value if convert is None or value is None else convert(value, f"{cls.__name__}.{name}")
    if settable and len(values) == len(readers):
        return record_from_fields(cls, values)
    return cls(**values)


def record_from_fields(cls: type, values: dict[str, Any]) -> Any:
    """An instance of the frozen dataclass ``cls`` (no slots, no ``__post_init__``) with every field
    of ``values``, given in field order, set as unpickling sets them.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which was most
    of the time spent reading mentions and building them in NER (1.9 against 0.9 µs a mention).
    """
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


def _describe(allowed: frozenset[type]) -> str:
    return " or ".join(sorted("null" if t is type(None) else t.__name__ for t in allowed))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def has_slots(cls: type) -> bool:
    """Whether ``cls`` or a base declares ``__slots__`` (its fields may then live outside ``__dict__``)."""
    return any("__slots__" in vars(base) for base in cls.__mro__[:-1])


# A converter rebuilds a checked JSON value (list -> tuple, object -> record); its second argument
# names the field for an error message.
Converter = Callable[[Any, str], Any]
FieldReader = tuple[frozenset[type], Converter | None]


@functools.lru_cache(maxsize=None)
def _reading_plan(cls: type) -> tuple[dict[str, FieldReader], bool]:
    """How :func:`from_dict` rebuilds a ``cls``, worked out once per class.

    For each field, the JSON types it accepts and the function that rebuilds its value
    (None: kept as read); and whether a record with every field given is just its fields (no
    ``__post_init__``, slots or ``init=False`` field), so it can be set without ``__init__``.
    """
    hints, names = fields_of(cls)
    readers = {name: _field_reader(hints[name]) for name in names}
    settable = (not hasattr(cls, "__post_init__") and not has_slots(cls)
                and all(f.init for f in dataclasses.fields(cls)))
    return readers, settable


@functools.lru_cache(maxsize=None)
def fields_of(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    # get_type_hints evaluates every annotation again on each call: ~1.2 ms of the 1.5 ms a Document took
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


_ANY_JSON = frozenset({str, int, float, bool, type(None), list, dict})


def _field_reader(hint: Any) -> FieldReader:
    """Compiled once per type hint: the JSON types a value may have, and how it is rebuilt."""
    if hint is Any:
        return _ANY_JSON, None
    if hint is float:
        return frozenset({float, int}), None
    if hint in PLAIN_VALUES:
        return frozenset({hint}), None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        parts = [_field_reader(a) for a in args]
        converters = {c for _, c in parts if c is not None}
        if len(converters) > 1:
            raise TypeError(f"cannot read a union of several record or sequence types: {hint}")
        return frozenset().union(*(allowed for allowed, _ in parts)), next(iter(converters), None)
    if origin is tuple and (len(args) == 2 and args[1] is Ellipsis or not args):
        return frozenset({list}), _sequence_of(_field_reader(args[0]) if args else (_ANY_JSON, None), tuple)
    if origin is tuple:
        return frozenset({list}), _fixed_tuple([_field_reader(a) for a in args])
    if origin is list or hint is list:
        return frozenset({list}), _sequence_of(_field_reader(args[0]) if args else (_ANY_JSON, None), list)
    if origin is dict or hint is dict:
        return frozenset({dict}), None
    if dataclasses.is_dataclass(hint):
        return frozenset({dict}), lambda value, _where: from_dict(hint, value)
    raise TypeError(f"no JSON reading for a field of type {hint}")


def _checked_item(reader: FieldReader, value: Any, where: str) -> Any:
    allowed, convert = reader
    if type(value) not in allowed:
        raise TypeError(f"{where}: expected items of type {_describe(allowed)}, got {type(value).__name__} "
                        f"{_shown(value)}")
    return value if convert is None or value is None else convert(value, where)


def _sequence_of(item: FieldReader, build: type) -> Converter:
    allowed, convert = item
    if convert is None:
        def plain(value: list[Any], where: str) -> Any:
            # the common case (a list of strings) checked in one pass without a call per item
            for v in value:
                if type(v) not in allowed:
                    _checked_item(item, v, where)
            return build(value)
        return plain
    return lambda value, where: build([_checked_item(item, v, where) for v in value])


def _fixed_tuple(items: list[FieldReader]) -> Converter:
    def convert(value: list[Any], where: str) -> tuple[Any, ...]:
        if len(value) != len(items):
            raise TypeError(f"{where}: expected {len(items)} items, got {len(value)}")
        return tuple(_checked_item(item, v, where) for item, v in zip(items, value))
    return convert


# Writing: the JSON form of records (what from_dict reads back).


def json_line(record: Any) -> str:
    """``record`` as one line of JSON, without the newline: ``json.dumps(to_jsonable(record), ensure_ascii=False)``.

    Faster than that spelling: a dataclass whose fields hold only plain values (no
    nested dataclass or path) is encoded from its ``__dict__``, and one encoder is reused.
    """
    return _LINE_ENCODER.encode(_json_ready(record))


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


# Records hold no reference cycles: the encoder skips the check that keeps an id per container it enters.
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)
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
