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

import json
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

    ``line`` and each mention's number are 1-based line numbers in their files; ``problems``
    were found while routing (mentions dropped just before this document) and are reported
    before the document's own.
    """

    doc_id: str
    line: int
    text: str
    mentions: tuple[tuple[int, str], ...]
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


def _unreadable(line: str, cls: type) -> str:
    try:
        decode_line(line, cls)
    except RecordDecodeError as exc:
        return str(exc)
    return "has no doc_id"


def _document_lines(path: Path, errors: list[InputError]) -> dict[str, int]:
    """First pass over the documents file: the line of each document id (a repeated id is reported)."""
    lines: dict[str, int] = {}
    for number, line in iter_text_lines(path):
        doc_id = peek_doc_id(line) if line.strip() else None
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

    def routed(entry: tuple[int, str, str], found: list[tuple[int, str]]) -> RoutedDocument:
        number, doc_id, line = entry
        taken = tuple(problems)
        problems.clear()
        return RoutedDocument(doc_id, number, line, tuple(found), tuple(rows_by_doc.get(doc_id, ())), taken)

    def documents() -> Iterator[tuple[int, str, str]]:
        for number, line in iter_text_lines(documents_path):
            if not line.strip():
                continue
            doc_id = peek_doc_id(line)
            if doc_id is None:
                problems.append((str(documents_path), number, _unreadable(line, dict)))
            elif position.get(doc_id) == number:
                yield number, doc_id, line

    pending = documents()
    current: tuple[int, str, str] | None = None  # the document whose mentions are being collected
    ahead: tuple[int, str, str] | None = None  # read past, not yet yielded
    passed = 0  # line of the last document yielded or current
    found: list[tuple[int, str]] = []
    for number, line in iter_text_lines(mentions_path) if mentions_path.exists() else ():
        if not line.strip():
            continue
        doc_id = peek_doc_id(line)
        if doc_id is None:
            problems.append((source, number, _unreadable(line, Mention)))
            continue
        target = position.get(doc_id)
        if target is None:
            problems.append((source, number, f"mention {_mention_text(line)!r} names an unknown document "
                                             f"{doc_id!r}"))
            continue
        if current is None or target != current[0]:
            if target <= passed:
                problems.append((source, number, f"mention {_mention_text(line)!r} of document {doc_id!r} is out "
                                                 "of order (mentions must follow the order of the documents file)"))
                continue
            if current is not None:
                yield routed(current, found)
                current = None
            while (candidate := ahead or next(pending, None)) is not None:
                ahead = None
                if candidate[0] > target:
                    ahead = candidate
                    break
                passed = candidate[0]
                if candidate[0] == target:
                    current, found = candidate, []
                    break
                yield routed(candidate, [])
            if current is None:  # its line is not a readable document: reported with the documents file
                problems.append((source, number, f"mention {_mention_text(line)!r} names document {doc_id!r}, "
                                                 "which could not be read"))
                continue
        found.append((number, line))
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
