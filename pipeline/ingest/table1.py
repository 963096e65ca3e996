"""Parse the review's flattened Table 1 back into rows of five cells.

After PDF-to-text extraction each row reads: the name cell (agent; developer),
the structure cell, then three cells (preclinical, clinical, mechanism) each
either ``N/A`` or a list of ``- `` bullets. Cells are usually separated by a blank
line, but several may share one line ("Human anti–IL-6 mAb N/A N/A - Binding ...")
and a blank line may fall inside a bullet that is cut mid-phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Line, LayoutCues, load_layout_cues
from .textbuild import Piece

_BULLET = "- "
_INCOMPLETE_ENDINGS = ("-", "\u2013", "/", ",", "(")


@dataclass
class CellDraft:
    """A cell being read: plain text pieces, or a list of bullets (each a list of pieces), or N/A."""

    items: list[list[Piece]] = field(default_factory=list)
    bulleted: bool = False
    not_applicable: bool = False

    @property
    def empty(self) -> bool:
        return not self.items


@dataclass
class RowDraft:
    group: str
    first_line: int
    cells: list[CellDraft] = field(default_factory=lambda: [CellDraft() for _ in range(5)])
    column: int = 0  # 0 name, 1 structure, 2 preclinical, 3 clinical, 4 mechanism
    pending_break: bool = False

    @property
    def cell(self) -> CellDraft:
        return self.cells[self.column]


@dataclass(frozen=True)
class ParsedRow:
    group: str
    first_line: int
    cells: tuple[CellDraft, ...]
    group_heading: Piece | None = None  # set on the first row under each group heading


def _fragments(raw: str, line: Line, cues: LayoutCues) -> list[tuple[str, Piece]]:
    """Split one line into ("text" | "na" | "bullet", piece) fragments, bullets without their marker."""
    text = line.text
    marks = [(m.start(), m.end(), "na") for m in re.finditer(rf"(?<!\S){re.escape(cues.not_applicable)}(?!\S)", text)]
    marks += [(m.start(), m.start() + 2, "bullet") for m in re.finditer(rf"(?<={re.escape(cues.not_applicable)}) - ", text)]
    if text.startswith(_BULLET):
        marks.append((0, 2, "bullet"))
    marks.sort()
    fragments: list[tuple[str, Piece]] = []
    cursor, kind = 0, "text"
    for mark_start, mark_end, mark_kind in marks:
        if mark_kind == "bullet" and mark_start > 0:
            mark_start, mark_end = mark_start + 1, mark_end + 1  # skip the space before "- "
        chunk = text[cursor:mark_start].strip()
        if chunk:
            offset = text.index(chunk, cursor)
            fragments.append((kind, Piece(line.start + offset, line.start + offset + len(chunk))))
        if mark_kind == "na":
            fragments.append(("na", Piece(line.start + mark_start, line.start + mark_end)))
            cursor, kind = mark_end, "text"
        else:
            cursor, kind = mark_end, "bullet"
    chunk = text[cursor:].strip()
    if chunk:
        offset = text.index(chunk, cursor)
        fragments.append((kind, Piece(line.start + offset, line.start + offset + len(chunk))))
    elif kind == "bullet":
        fragments.append(("bullet", Piece(line.start + cursor, line.start + cursor)))
    return fragments


def _structure_split(text: str, cues: LayoutCues, *, allow_at_start: bool) -> int | None:
    """Where a structure cell starts inside a name-cell line, if it does."""
    best: int | None = None
    for phrase in cues.structure_starts:
        for match in re.finditer(rf"(?:(?<=\s)|^){re.escape(phrase)}", text):
            if match.start() == 0 and not allow_at_start:
                continue
            if best is None or match.start() < best:
                best = match.start()
            break
    return best


def _bullet_complete(raw: str, pieces: list[Piece]) -> bool:
    if not pieces:
        return False
    last = raw[pieces[-1].start:pieces[-1].end].rstrip()
    if not last or last.endswith(_INCOMPLETE_ENDINGS):
        return False
    if last.endswith((")", "]")):
        return True
    last_word = last.split()[-1]
    return not last_word[0].islower()


def parse_table_rows(raw: str, lines: list[Line], cues: LayoutCues | None = None) -> list[ParsedRow]:
    """Read the table's lines (blank lines included) into rows under their group headings."""
    cues = cues or load_layout_cues()
    rows: list[ParsedRow] = []
    group = ""
    row: RowDraft | None = None
    heading_piece: Piece | None = None

    def finish() -> None:
        nonlocal row, heading_piece
        if row is not None and not row.cells[0].empty:
            rows.append(ParsedRow(row.group, row.first_line, tuple(row.cells), heading_piece))
            heading_piece = None
        row = None

    for line in lines:
        heading = cues.table_group_heading.match(line.text)
        if heading:
            finish()
            group = heading.group("group")
            heading_piece = Piece(line.start, line.end)
            continue
        if line.blank:
            if row is not None and row.column == 0 and not row.cell.empty:
                row.column = 1
            elif row is not None and row.column >= 2 and not row.cell.empty:
                last = row.cell.items[-1]
                if row.cell.not_applicable or _bullet_complete(raw, last):
                    row.pending_break = True
            continue
        for index, (kind, piece) in enumerate(_fragments(raw, line, cues)):
            if row is None:
                row = RowDraft(group, line.number)
            if kind == "text":
                row = _add_text(raw, row, piece, cues, at_line_start=index == 0, line=line, finish=finish,
                                group=group)
            elif kind == "na":
                _add_not_applicable(row, piece)
            else:
                _add_bullet(row, piece)
    finish()
    return rows


def _advance(row: RowDraft) -> None:
    row.column = min(row.column + 1, 4)
    row.pending_break = False


def _add_not_applicable(row: RowDraft, piece: Piece) -> None:
    if row.column < 2:
        row.column = 2
    elif not row.cell.empty:
        _advance(row)
    row.cell.items.append([piece])
    row.cell.not_applicable = True
    if row.column < 4:
        _advance(row)


def _add_bullet(row: RowDraft, piece: Piece) -> None:
    if row.column < 2:
        row.column = 2
    elif row.pending_break and not row.cell.empty:
        _advance(row)
    row.pending_break = False
    row.cell.bulleted = True
    row.cell.items.append([piece] if piece.end > piece.start else [])


def _add_text(raw: str, row: RowDraft, piece: Piece, cues: LayoutCues, *, at_line_start: bool, line: Line,
              finish, group: str) -> RowDraft:
    text = raw[piece.start:piece.end]
    if row.column >= 2:
        cell = row.cell
        last = cell.items[-1] if cell.items else None
        starts_row = (row.column == 4 and last is not None and at_line_start and text[0].isalnum() and not text[0].islower()
                      and (cell.not_applicable or _bullet_complete(raw, last)))
        if not starts_row and last is not None and not cell.not_applicable:
            last.append(piece)
            return row
        finish()
        row = RowDraft(group, line.number)
    if row.column == 0:
        split = _structure_split(text, cues, allow_at_start=not row.cell.empty)
        if split is None:
            _append_text(row.cell, piece)
            return row
        if split > 0:
            name_text = text[:split].rstrip()
            _append_text(row.cell, Piece(piece.start, piece.start + len(name_text)))
        row.column = 1
        piece = Piece(piece.start + split, piece.end)
    _append_text(row.cell, piece)
    return row


def _append_text(cell: CellDraft, piece: Piece) -> None:
    if not cell.items:
        cell.items.append([])
    cell.items[0].append(piece)
