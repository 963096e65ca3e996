"""Read ``agents.tsv`` and ``findings.tsv`` into typed records.

:func:`parse_table` checks the header and every cell and reports each defect
as a :class:`GoldIssue`; :func:`load_gold` raises on the first one.
"""

from __future__ import annotations

import csv
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .records import GoldAgent, GoldFinding, GoldIssue, GoldTable
from .schema import AGENT_COLUMNS, AGENTS_FILE, FINDING_COLUMNS, FINDINGS_FILE, Column, agent_columns

logger = logging.getLogger(__name__)


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
    with path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
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


def _raise_first(issues: list[GoldIssue]) -> None:
    if issues:
        first = issues[0]
        raise InputError(first.file, f"column {first.column}: {first.message}", line=first.row or None)


def load_gold(directory: str | os.PathLike[str], *, target_classes: tuple[str, ...] | None = None) -> GoldTable:
    """Load the gold table from ``directory`` (``agents.tsv`` and ``findings.tsv``).

    ``target_classes``: the project's classes an agent may target (default: the IL-6 project's).

    Checks types and vocabularies only; run :func:`~pipeline.gold.validate_gold`
    for the checks against the review text.

    Raises
    ------
    InputError
        Naming the file, line and column of the first bad header or cell.
    """
    folder = Path(directory)
    columns = agent_columns(target_classes) if target_classes else AGENT_COLUMNS
    agent_rows, agent_issues = parse_table(folder / AGENTS_FILE, columns)
    _raise_first(agent_issues)
    finding_rows, finding_issues = parse_table(folder / FINDINGS_FILE, FINDING_COLUMNS)
    _raise_first(finding_issues)
    agents = tuple(GoldAgent(**row.values) for row in agent_rows if row.complete)
    findings = tuple(GoldFinding(**row.values) for row in finding_rows if row.complete)
    logger.info("loaded %d gold agents and %d findings from %s", len(agents), len(findings), folder)
    return GoldTable(agents=agents, findings=findings)
