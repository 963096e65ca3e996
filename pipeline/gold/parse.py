"""Read one gold TSV file (``agents.tsv`` or ``findings.tsv``) into typed rows.

:func:`parse_table` checks the header and every cell and reports each defect as a
:class:`GoldIssue`; the validator's table checks (:func:`pipeline.gold.validator.table_issues`)
build on its rows, and :func:`pipeline.gold.load_gold` raises on the first issue of either.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import GoldIssue
from .schema import Column


@dataclass(frozen=True)
class ParsedRow:
    """The typed cells of one data row, with its one-based line number.

    ``complete`` is false when some cell failed to parse (its column is then absent from ``values``).
    """

    row: int
    values: dict[str, Any]
    complete: bool = True


def parse_table(path: Path, columns: tuple[Column, ...]) -> tuple[list[ParsedRow], list[GoldIssue]]:
    """Parse one gold TSV file; return its rows and every issue found.

    A header lacking a column stops parsing (no row can be trusted); a bad cell is
    reported as ``file:line:column`` and its row is returned with ``complete=False``.
    """
    name = str(path)
    if not path.is_file():
        return [], [GoldIssue(name, 0, "-", "file not found")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return [], [GoldIssue(name, line, "-", f"not UTF-8 text (byte {exc.start} of the file); save it as UTF-8")]
    reader = csv.reader(text.splitlines(keepends=True), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        lines = list(reader)
    except csv.Error as exc:
        return [], [GoldIssue(name, reader.line_num, "-", f"not a readable TSV line ({exc})")]
    if not lines:
        return [], [GoldIssue(name, 1, "-", "file is empty: expected a header row")]
    header = lines[0]
    expected = [column.name for column in columns]
    missing = [column for column in expected if column not in header]
    issues = [GoldIssue(name, 1, column, f"missing column {column!r}") for column in missing]
    issues += [GoldIssue(name, 1, column, f"unknown column {column!r}") for column in header
               if column not in expected]
    duplicated = {column for column in header if header.count(column) > 1}
    issues += [GoldIssue(name, 1, column, f"column {column!r} appears twice") for column in sorted(duplicated)]
    if issues:
        return [], issues
    rows: list[ParsedRow] = []
    for line_number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            issues.append(GoldIssue(name, line_number, "-",
                                    f"has {len(cells)} fields, the header has {len(header)}"))
            continue
        raw = dict(zip(header, cells))
        values: dict[str, Any] = {}
        row_ok = True
        for column in columns:
            try:
                values[column.name] = column.parse(raw[column.name])
            except ValueError as exc:
                issues.append(GoldIssue(name, line_number, column.name, str(exc)))
                row_ok = False
        rows.append(ParsedRow(line_number, values, complete=row_ok))
    return rows, issues
