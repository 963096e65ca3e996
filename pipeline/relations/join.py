"""Routing the relations stage's input: each document's line with its mention lines, undecoded.

The stage's parent process only reads lines, finds the ``doc_id`` of each and groups a
document's mention lines with it; decoding, checking and extraction happen in the
workers (:func:`pipeline.relations.work.extract_lines`), so the stage scales with them
as NER does. Mentions must come grouped by document in the order of the documents
file, as the NER stage writes them. A mention naming an unknown document, or one whose
document was already passed (out of order), is reported here, naming the mentions file
and line, and dropped; everything else goes to a worker.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError, RecordDecodeError
from ..io import decode_line
from ..records import Mention, TableRow

#: How :func:`pipeline.io.json_line` starts a record whose first field is ``doc_id``.
_ID_PREFIX = '{"doc_id": "'

#: One reported problem as plain values (picklable between processes): source, line (or None), message.
Problem = tuple[str, "int | None", str]


class RoutedDocument(NamedTuple):
    """One line of the documents file with the mention lines and Table 1 rows of its document.

    Lines stay the bytes read from the files (the worker decodes them, so the parent never
    does). ``mentions`` holds runs of consecutive lines of the mentions file, each with the
    1-based number of its first line (usually one run); ``line`` is the document's line
    number. ``problems`` were found while routing (mentions dropped just before this
    document) and are reported before the document's own. A named tuple, not a frozen
    dataclass: one is built per document in the parent, and its construction is C code.
    """

    doc_id: str
    line: int
    text: bytes
    mentions: tuple[tuple[int, bytes], ...]
    rows: tuple[TableRow, ...] = ()
    problems: tuple[Problem, ...] = ()


def split_lines(first: int, raw: bytes) -> Iterator[tuple[int, bytes]]:
    """``(line number, line)`` of the lines in ``raw`` (read from a file from line ``first``), line ends removed."""
    lines = raw.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    for offset, line in enumerate(lines):
        yield first + offset, line.rstrip(b"\r")


def text_of(line: bytes) -> str:
    """One line as text; :class:`UnicodeDecodeError` names the byte."""
    return line.decode("utf-8")


def not_utf8(exc: UnicodeDecodeError) -> str:
    """The problem message of a line that is not UTF-8, as :func:`pipeline.io.iter_text_lines` words it."""
    return f"not UTF-8 text (byte {exc.start} of the line)"


def peek_doc_id(line: str) -> str | None:
    """The ``doc_id`` of one encoded record line, or None when the line has no readable one.

    A line written by :func:`pipeline.io.json_line` starts with its ``doc_id`` (the first
    field of :class:`~pipeline.records.Document` and :class:`~pipeline.records.Mention`) and
    is read without decoding the rest; any other line is parsed. The worker checks the
    decoded record against this id.
    """
    if line.startswith(_ID_PREFIX):
        end = line.find('"', len(_ID_PREFIX))
        candidate = line[len(_ID_PREFIX):end]
        if end > 0 and "\\" not in candidate:
            return candidate
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to read
        return None
    doc_id = data.get("doc_id") if isinstance(data, dict) else None
    return doc_id if isinstance(doc_id, str) else None


#: Bytes read at once by :func:`_keyed_runs`.
_BLOCK = 1 << 20
_ID_BYTES = _ID_PREFIX.encode()


def _keyed_runs(path: Path) -> Iterator[tuple[int, str | None, bytes]]:
    """Runs of consecutive lines of ``path`` that start with the same ``doc_id``: ``(first line number, doc_id, bytes)``.

    A line that does not start as :func:`pipeline.io.json_line` writes a record (blank,
    unusual, not JSON, an escaped id) is a run of its own with doc_id None. Lines are read,
    cut at their id and grouped by C code (``readlines``, one comprehension,
    ``itertools.groupby``) and left undecoded: the parent routes every line of the mentions
    file, and handling them one by one was most of its work.
    """
    number = 1
    start = len(_ID_BYTES)
    with open(path, "rb") as handle:
        while raws := handle.readlines(_BLOCK):
            ids = [line[start:line.find(b'"', start)] if line.startswith(_ID_BYTES) else b"" for line in raws]
            at = 0
            for raw_id, group in itertools.groupby(ids):
                count = len(list(group))
                doc_id = _plain_id(raw_id)
                if doc_id is not None:
                    yield number, doc_id, b"".join(raws[at:at + count])
                else:
                    for offset in range(count):
                        yield number + offset, None, raws[at + offset]
                at += count
                number += count


def _plain_id(raw_id: bytes) -> str | None:
    if not raw_id or b"\\" in raw_id:  # none where json_line puts it, or an escaped one: json reads the line
        return None
    try:
        return raw_id.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _line_ids(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, doc_id)`` of each line of ``path`` with a readable doc_id: :func:`_keyed_lines` without the lines."""
    number = 0
    start = len(_ID_BYTES)
    with open(path, "rb") as handle:
        while raws := handle.readlines(_BLOCK):
            for line in raws:
                number += 1
                raw_id = line[start:line.find(b'"', start)] if line.startswith(_ID_BYTES) else b""
                doc_id = _plain_id(raw_id)
                if doc_id is None:
                    try:
                        text = text_of(line.rstrip(b"\n").rstrip(b"\r"))
                    except UnicodeDecodeError:
                        continue  # reported by the second pass
                    doc_id = peek_doc_id(text) if text.strip() else None
                if doc_id is not None:
                    yield number, doc_id


def _keyed_lines(path: Path, problems: list[Problem] | None) -> Iterator[tuple[int, str, bytes]]:
    """``(line number, doc_id, line)`` of each line of ``path`` with a readable doc_id.

    Lines without one (not UTF-8, not JSON, no doc_id) are reported in ``problems`` when
    given; blank lines are skipped.
    """
    for first, doc_id, raw in _keyed_runs(path):
        if doc_id is not None:
            for number, line in split_lines(first, raw) if raw.count(b"\n") > 1 else ((first, raw.rstrip(b"\r\n")),):
                yield number, doc_id, line
            continue
        line = raw.rstrip(b"\n").rstrip(b"\r")
        try:
            text = text_of(line)
        except UnicodeDecodeError as exc:
            if problems is not None:
                problems.append((str(path), first, not_utf8(exc)))
            continue
        if not text.strip():
            continue
        found = peek_doc_id(text)
        if found is not None:
            yield first, found, line
        elif problems is not None:
            problems.append((str(path), first, _unreadable(text, dict)))


def _unreadable(line: str, cls: type) -> str:
    try:
        decode_line(line, cls)
    except RecordDecodeError as exc:
        return str(exc)
    return "has no doc_id"


def _document_lines(path: Path, errors: list[InputError]) -> dict[str, int]:
    """First pass over the documents file: the line of each document id (a repeated id is reported)."""
    lines: dict[str, int] = {}
    for number, doc_id in _line_ids(path):
        first = lines.setdefault(doc_id, number)
        if first != number:
            errors.append(InputError(str(path), f"document {doc_id!r} repeats line {first}; skipped", line=number))
    return lines


def route_documents(documents_path: Path, mentions_path: Path, rows: Iterable[TableRow],
                    errors: list[InputError]) -> Iterator[RoutedDocument]:
    """Each document line of ``documents_path`` in file order, with its mention lines and Table 1 rows.

    Problems of the files as a whole (a repeated document id) go to ``errors`` at once;
    problems of single lines travel with the next routed document (see
    :class:`RoutedDocument`), and those after the last document are appended to ``errors``.
    """
    if not documents_path.exists():
        errors.append(InputError(str(documents_path), "file not found"))
        return
    position = _document_lines(documents_path, errors)
    rows_by_doc: dict[str, list[TableRow]] = {}
    for row in rows:
        rows_by_doc.setdefault(row.doc_id, []).append(row)
    problems: list[Problem] = []
    source = str(mentions_path)

    def routed(entry: tuple[int, str, bytes], found: list[tuple[int, bytes]]) -> RoutedDocument:
        number, doc_id, line = entry
        taken = tuple(problems)
        problems.clear()
        return RoutedDocument(doc_id, number, line, tuple(found), tuple(rows_by_doc.get(doc_id, ())), taken)

    def documents() -> Iterator[tuple[int, str, bytes]]:
        for number, doc_id, line in _keyed_lines(documents_path, problems):
            if position.get(doc_id) == number:
                yield number, doc_id, line

    pending = documents()
    current: tuple[int, str, bytes] | None = None  # the document whose mentions are being collected
    ahead: tuple[int, str, bytes] | None = None  # read past, not yet yielded
    passed = 0  # line of the last document yielded or current
    found: list[tuple[int, bytes]] = []
    current_id = None
    for number, doc_id, lines in _keyed_runs(mentions_path) if mentions_path.exists() else ():
        if doc_id is not None and doc_id == current_id:  # the common case: the current document's mentions
            found.append((number, lines))
            continue
        if doc_id is None:
            try:
                text = text_of(lines.rstrip(b"\n").rstrip(b"\r"))
            except UnicodeDecodeError as exc:
                problems.append((source, number, not_utf8(exc)))
                continue
            if not text.strip():
                continue
            doc_id = peek_doc_id(text)
            if doc_id is None:
                problems.append((source, number, _unreadable(text, Mention)))
                continue
        target = position.get(doc_id)
        if target is None:
            problems.extend((source, number + n, f"mention {_mention_text(line)!r} names an unknown document "
                                                 f"{doc_id!r}") for n, line in enumerate(_texts(lines)))
            continue
        if current is None or target != current[0]:
            if target <= passed:
                problems.extend((source, number + n, f"mention {_mention_text(line)!r} of document {doc_id!r} is "
                                                     "out of order (mentions must follow the order of the documents "
                                                     "file)") for n, line in enumerate(_texts(lines)))
                continue
            if current is not None:
                yield routed(current, found)
                current = current_id = None
            while (candidate := ahead or next(pending, None)) is not None:
                ahead = None
                if candidate[0] > target:
                    ahead = candidate
                    break
                passed = candidate[0]
                if candidate[0] == target:
                    current, found, current_id = candidate, [], candidate[1]
                    break
                yield routed(candidate, [])
            if current is None:  # its line is not a readable document: reported with the documents file
                problems.extend((source, number + n, f"mention {_mention_text(line)!r} names document {doc_id!r}, "
                                                     "which could not be read") for n, line in enumerate(_texts(lines)))
                continue
        found.append((number, lines))
    if current is not None:
        yield routed(current, found)
    if ahead is not None:
        yield routed(ahead, [])
    for entry in pending:
        yield routed(entry, [])
    errors.extend(InputError(s, m, line=n) for s, n, m in problems)


def _texts(raw: bytes) -> Iterator[str]:
    for _, line in split_lines(0, raw):
        yield line.decode("utf-8", "replace")


def _mention_text(line: str) -> str:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to read
        return "?"
    return str(data.get("text", "?")) if isinstance(data, dict) else "?"
