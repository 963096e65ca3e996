"""Reading the data tables under ``pipeline/data/``: word lists and tab-separated tables.

Every table shares one format: UTF-8 text, ``#`` starts a comment line, blank lines are
ignored. A TSV table may start with a header row (``header=True`` skips it).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import InputError


def _data_lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read data table: {exc.strerror or exc}") from None
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def read_word_list(path: Path) -> tuple[str, ...]:
    """The entries of a word list, one a line, stripped, in file order."""
    return tuple(line.strip() for _, line in _data_lines(path))


def read_tsv(path: Path, *, columns: int | None = None, header: bool = False) -> list[tuple[str, ...]]:
    """The rows of a tab-separated table (cells as written, without the line end).

    Raises
    ------
    InputError
        Naming the file and line of a row that does not have ``columns`` cells.
    """
    rows = []
    for index, (number, line) in enumerate(_data_lines(path)):
        if header and index == 0:
            continue
        row = tuple(next(csv.reader([line], delimiter="\t")))
        if columns is not None and len(row) != columns:
            raise InputError(str(path), f"{len(row)} cells, expected {columns}", line=number)
        rows.append(row)
    return rows
