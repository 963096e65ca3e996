"""Reading the data tables under ``pipeline/data/``: word lists and tab-separated tables.

Every table shares one format: UTF-8 text, a line starting with ``#`` is a comment, blank
lines are ignored, cells are separated by tabs and never quoted. A TSV table read with
:func:`read_tsv_dicts` starts with a header row naming its columns.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_lines(path: Path) -> list[tuple[int, str]]:
    """``(line number, line)`` of every line that is neither blank nor a comment (line ends removed)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read data table: {exc.strerror or exc}") from None
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def read_word_list(path: Path) -> tuple[str, ...]:
    """The entries of a word list, one a line, stripped, in file order."""
    return tuple(line.strip() for _, line in read_lines(path))


def read_tsv(path: Path, *, columns: int | None = None, header: bool = False) -> list[tuple[str, ...]]:
    """The rows of a tab-separated table; ``header=True`` leaves out the first row.

    Raises
    ------
    InputError
        Naming the file and line of a row that does not have ``columns`` cells.
    """
    rows = []
    for index, (number, line) in enumerate(read_lines(path)):
        if header and index == 0:
            continue
        row = tuple(line.split("\t"))
        if columns is not None and len(row) != columns:
            raise InputError(str(path), f"{len(row)} cells, expected {columns}: {line!r}", line=number)
        rows.append(row)
    return rows


def read_tsv_dicts(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of a TSV table with a header row, as dicts keyed by the header.

    Raises
    ------
    InputError
        Naming the file and line when the header lacks a ``required`` column or a row
        has a different number of cells than the header.
    """
    lines = read_lines(path)
    if not lines:
        raise InputError(str(path), "no header row")
    header_line, header_text = lines[0]
    header = header_text.split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(str(path), f"missing column(s) {missing}", line=header_line)
    rows = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(header):
            raise InputError(str(path), f"expected {len(header)} fields, got {len(cells)}: {line!r}", line=number)
        rows.append(dict(zip(header, cells)))
    return rows
