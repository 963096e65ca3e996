"""Rules for text and numbers entering the pipeline: ASCII digits only, no control characters.

``str.isdigit()`` and ``int()`` accept digits of every script (``"²"``, ``"٣"``, ``"１"``),
and ``int()`` also spaces and underscores; an offset, a count or a length read from a file
or a server must be plain ASCII digits, so every reader parses numbers with
:func:`parse_ascii_int`.

Control characters (other than tab and newline) and the code points XML
1.0 cannot hold (lone surrogates, U+FFFE, U+FFFF) are replaced by a space where text enters
ingest: one character for one, so every offset into the text stays valid, and an export to
XML cannot fail on them. The number replaced per document is counted in the ingest counts.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

from .errors import InputError

T = TypeVar("T")

_ASCII_INT = re.compile(r"[0-9]+")
_ASCII_SIGNED_INT = re.compile(r"-?[0-9]+")
# C0 controls but tab and newline (carriage return too: a line end is a newline after ingest); DEL and the C1 controls; lone surrogates;
# the two non-characters XML 1.0 excludes.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = " "


def is_ascii_int(text: str) -> bool:
    """Whether ``text`` is one or more ASCII digits and nothing else (no sign, space or other script)."""
    return _ASCII_INT.fullmatch(text) is not None


def parse_ascii_int(value: object, source: str, what: str, *, line: int | None = None,
                    signed: bool = False) -> int:
    """``value`` (a string of ASCII digits, or already an int) as an int.

    Raises
    ------
    InputError
        Naming ``source`` (file, PMID, option), ``line`` and ``what`` (the field) with the bad value.
    """
    if type(value) is int and (signed or value >= 0):
        return value
    pattern = _ASCII_SIGNED_INT if signed else _ASCII_INT
    if isinstance(value, str) and pattern.fullmatch(value):
        return int(value)
    kind = "an integer" if signed else "a whole number of ASCII digits"
    raise InputError(source, f"{what}: expected {kind}, got {type(value).__name__} {value!r:.60}", line=line)


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with each control or XML-incompatible character replaced by a space, and how many were."""
    count = 0

    def replace(_match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return REPLACEMENT

    if CONTROL_CHARACTERS.search(text) is None:
        return text, 0
    return CONTROL_CHARACTERS.sub(replace, text), count


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced (the last guard before an XML export)."""
    return CONTROL_CHARACTERS.sub(REPLACEMENT, text)


def clean_record_text(record: T) -> tuple[T, int]:
    """``record`` (a frozen dataclass such as a Document) with :func:`clean_text` applied to every
    string and tuple-of-strings field, and how many characters were replaced in all."""
    changes: dict[str, object] = {}
    total = 0
    for name, value in vars(record).items():
        if isinstance(value, str):
            cleaned, count = clean_text(value)
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            pairs = [clean_text(v) for v in value]
            cleaned, count = tuple(p[0] for p in pairs), sum(p[1] for p in pairs)
        else:
            continue
        if count:
            changes[name] = cleaned
            total += count
    return (dataclasses.replace(record, **changes) if changes else record), total


def span_fits(text: str, start: int, end: int, expected: str | None = None) -> bool:
    """Whether ``start:end`` (end-exclusive) is a non-empty span inside ``text`` that reads ``expected``
    (when given): the offset rule every stage checks a mention or relation read from a file against."""
    return 0 <= start < end <= len(text) and (expected is None or text[start:end] == expected)
