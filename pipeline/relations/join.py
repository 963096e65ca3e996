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
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, RecordDecodeError
from ..io import decode_line, iter_text_lines
from ..records import Mention, TableRow

#: How :func:`pipeline.io.json_line` starts a record whose first field is ``doc_id``.
_ID_PREFIX = '{"doc_id": "'

#: One reported problem as plain values (picklable between processes): source, line (or None), message.
Problem = tuple[str, "int | None", str]


@dataclass(frozen=True)
class RoutedDocument:
    """One line of the documents file with the mention lines and Table 1 rows of its document.

    ``mentions`` holds runs of consecutive lines of the mentions file, each with the 1-based
    number of its first line (usually one run); ``line`` is the document's line number.
    ``problems`` were found while routing (mentions dropped just before this document) and
    are reported before the document's own.
    """

    doc_id: str
    line: int
    text: str
    mentions: tuple[tuple[int, tuple[str, ...]], ...]
    rows: tuple[TableRow, ...] = ()
    problems: tuple[Problem, ...] = ()


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
    except json.JSONDecodeError:
        return None
    doc_id = data.get("doc_id") if isinstance(data, dict) else None
    return doc_id if isinstance(doc_id, str) else None


#: Bytes read and decoded at once by :func:`_keyed_runs`.
_BLOCK = 1 << 20


def _keyed_runs(path: Path) -> Iterator[tuple[int, str | None, tuple[str, ...]]]:
    """Runs of consecutive lines of ``path`` that start with the same ``doc_id``: ``(first line number, doc_id, lines)``.

    The lines are those :func:`pipeline.io.iter_text_lines` gives (line ends removed). A
    line that does not start as :func:`pipeline.io.json_line` writes (blank, unusual or
    not JSON) is a run of its own with doc_id None, for :func:`peek_doc_id`. Blocks are
    decoded, split and grouped by C code: the parent routes every line of the mentions
    file, and handling them one by one in Python was most of its work. A block that is not
    UTF-8 is read again line by line, so the error names the line.
    """
    number = 1
    with open(path, "rb") as handle:
        while raws := handle.readlines(_BLOCK):
            try:
                text = b"".join(raws).decode("utf-8")
            except UnicodeDecodeError:
                for at, line in iter_text_lines(path):  # raises an InputError naming the bad line
                    if at >= number:
                        yield at, None, (line,)
                return
            lines = text.split("\n")
            if text.endswith("\n"):
                lines.pop()
            if "\r" in text:
                lines = [line.rstrip("\r") for line in lines]
            start = len(_ID_PREFIX)
            ids = [line[start:line.find('"', start)] if line.startswith(_ID_PREFIX) else "" for line in lines]
            for doc_id, group in itertools.groupby(zip(ids, lines), key=operator.itemgetter(0)):
                if doc_id and "\\" not in doc_id:  # an escape in the id: let json read it
                    run = tuple(map(operator.itemgetter(1), group))
                    yield number, doc_id, run
                    number += len(run)
                else:
                    for _, line in group:
                        yield number, None, (line,)
                        number += 1


def _keyed_lines(path: Path) -> Iterator[tuple[int, str | None, str]]:
    """``(line number, doc_id or None, line)`` of each non-blank line of ``path``."""
    for first, doc_id, lines in _keyed_runs(path):
        for offset, line in enumerate(lines):
            if doc_id is not None:
                yield first + offset, doc_id, line
            elif line.strip():
                yield first + offset, peek_doc_id(line), line


def _unreadable(line: str, cls: type) -> str:
    try:
        decode_line(line, cls)
    except RecordDecodeError as exc:
        return str(exc)
    return "has no doc_id"


def _document_lines(path: Path, errors: list[InputError]) -> dict[str, int]:
    """First pass over the documents file: the line of each document id (a repeated id is reported)."""
    lines: dict[str, int] = {}
    for number, doc_id, _ in _keyed_lines(path):
        if doc_id is None:
            continue
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

    def routed(entry: tuple[int, str, str], found: list[tuple[int, tuple[str, ...]]]) -> RoutedDocument:
        number, doc_id, line = entry
        taken = tuple(problems)
        problems.clear()
        return RoutedDocument(doc_id, number, line, tuple(found), tuple(rows_by_doc.get(doc_id, ())), taken)

    def documents() -> Iterator[tuple[int, str, str]]:
        for number, doc_id, line in _keyed_lines(documents_path):
            if doc_id is None:
                problems.append((str(documents_path), number, _unreadable(line, dict)))
            elif position.get(doc_id) == number:
                yield number, doc_id, line

    pending = documents()
    current: tuple[int, str, str] | None = None  # the document whose mentions are being collected
    ahead: tuple[int, str, str] | None = None  # read past, not yet yielded
    passed = 0  # line of the last document yielded or current
    found: list[tuple[int, tuple[str, ...]]] = []
    current_id = None
    for number, doc_id, lines in _keyed_runs(mentions_path) if mentions_path.exists() else ():
        if doc_id is not None and doc_id == current_id:  # the common case: the current document's mentions
            found.append((number, lines))
            continue
        if doc_id is None:
            if not lines[0].strip():
                continue
            doc_id = peek_doc_id(lines[0])
            if doc_id is None:
                problems.append((source, number, _unreadable(lines[0], Mention)))
                continue
        target = position.get(doc_id)
        if target is None:
            problems.extend((source, number + n, f"mention {_mention_text(line)!r} names an unknown document "
                                                 f"{doc_id!r}") for n, line in enumerate(lines))
            continue
        if current is None or target != current[0]:
            if target <= passed:
                problems.extend((source, number + n, f"mention {_mention_text(line)!r} of document {doc_id!r} is "
                                                     "out of order (mentions must follow the order of the documents "
                                                     "file)") for n, line in enumerate(lines))
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
                                                     "which could not be read") for n, line in enumerate(lines))
                continue
        found.append((number, lines))
    if current is not None:
        yield routed(current, found)
    if ahead is not None:
        yield routed(ahead, [])
    for entry in pending:
        yield routed(entry, [])
    errors.extend(InputError(s, m, line=n) for s, n, m in problems)


def _mention_text(line: str) -> str:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return "?"
    return str(data.get("text", "?")) if isinstance(data, dict) else "?"
