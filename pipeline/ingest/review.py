"""Turn the review's raw text into one :class:`Document` and its Table 1 rows.

Layout of the normalised text: the body (headings and paragraphs in reading
order, paragraphs separated by a blank line), then the figure legends, then
Table 1 (caption, one block per row with one line per cell and one line per
bullet). Every section, paragraph, sentence and table cell is an end-exclusive
span of that text, and ``Document.source_map`` leads back to the raw file.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from ..context import DEFAULT_LAYOUT_CUES, DEFAULT_MAX_DOCUMENT_BYTES
from ..errors import InputError
from ..io import regular_file
from ..records import REVIEW_DOC_ID, Document, Span, TableCell, TableRow
from ..text import split_sentences
from ..textcheck import clean_text
from .layout import Block, Layout, LayoutCues, load_layout_cues, merge_cut_paragraphs, scan_layout
from .table1 import CellDraft, ParsedRow, parse_table_rows
from .textbuild import Piece, TextBuilder, wrapped_text

logger = logging.getLogger(__name__)

TABLE_SECTION = "TABLE 1"
PARAGRAPH_BREAK = "\n\n"
BULLET_MARKER = "- "


class _Assembler:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.builder = TextBuilder(raw)
        self.sections: list[Span] = []
        self.paragraphs: list[Span] = []
        self.sentences: list[Span] = []
        self._section_start: int | None = None
        self._section_label = ""

    def _break(self) -> None:
        if self.builder.position:
            self.builder.add_separator(PARAGRAPH_BREAK)

    def open_section(self, label: str) -> None:
        self.close_section()
        self._break()
        self._section_start, self._section_label = self.builder.position, label

    @property
    def in_section(self) -> bool:
        return self._section_start is not None

    def close_section(self) -> None:
        if self._section_start is not None and self.builder.position > self._section_start:
            self.sections.append(Span(self._section_start, self.builder.position, self._section_label))
        self._section_start = None

    def add_block(self, pieces: list[Piece], *, split: bool = True, separator: str = PARAGRAPH_BREAK) -> tuple[int, int]:
        if self.builder.position and self._section_start != self.builder.position:
            self.builder.add_separator(separator)
        start, end = self.builder.add_wrapped(pieces)
        self.paragraphs.append(Span(start, end))
        self.add_sentences(start, end, split=split)
        return start, end

    def add_sentences(self, start: int, end: int, *, split: bool = True) -> None:
        text = self.builder.text_so_far
        spans = split_sentences(text, start, end) if split else [(start, end)]
        self.sentences.extend(Span(a, b) for a, b in spans)


def _block_pieces(raw: str, block: Block) -> list[Piece]:
    return [piece for line in block.lines for piece in line.pieces(raw)]


def _heading_label(raw: str, block: Block) -> str:
    return wrapped_text(raw, _block_pieces(raw, block))


def _add_body(assembler: _Assembler, raw: str, layout: Layout, cues: LayoutCues) -> None:
    for block in merge_cut_paragraphs(layout.body):
        if block.kind in ("heading", "subheading"):
            assembler.open_section(_heading_label(raw, block))
            assembler.add_block(_block_pieces(raw, block), split=False)
        else:
            if not assembler.in_section:
                assembler.open_section("")
            assembler.add_block(_block_pieces(raw, block))
    for legend in layout.legends:
        match = cues.figure_legend.match(legend.lines[0].text)
        assembler.open_section(f"Figure {match.group('number')}" if match else "Figure")
        assembler.add_block(_block_pieces(raw, legend))


def _add_cell(assembler: _Assembler, column: str, cell: CellDraft) -> TableCell | None:
    builder = assembler.builder
    if cell.empty:
        return None
    builder.add_separator("\n")
    start = builder.position
    if cell.not_applicable:
        builder.add_wrapped(cell.items[0])
        return TableCell(column, builder.text_so_far[start:builder.position], start, builder.position)
    raw = assembler.raw
    for index, item in enumerate(cell.items):
        if cell.bulleted:
            if index:
                builder.add_separator("\n")
            marker_at = item[0].start - len(BULLET_MARKER) if item else -1
            if marker_at >= 0 and raw.startswith(BULLET_MARKER, marker_at):
                builder.add_piece(Piece(marker_at, marker_at + len(BULLET_MARKER)))
            else:
                builder.add_separator(BULLET_MARKER)
        item_start, item_end = builder.add_wrapped(item)
        if item_end > item_start:
            assembler.sentences.append(Span(item_start, item_end))
    end = builder.position
    return TableCell(column, builder.text_so_far[start:end], start, end)


def _add_table(assembler: _Assembler, raw: str, layout: Layout, rows: list[ParsedRow],
               cues: LayoutCues) -> list[TableRow]:
    columns = cues.table_columns
    assembler.open_section(TABLE_SECTION)
    if layout.table_caption is not None:
        assembler.add_block(layout.table_caption.pieces(raw), split=False)
    if layout.table_header is not None:
        assembler.add_block(layout.table_header.pieces(raw), split=False, separator="\n")
    table_rows: list[TableRow] = []
    for index, row in enumerate(rows):
        if row.group_heading is not None:
            assembler.builder.add_separator(PARAGRAPH_BREAK)
            start, end = assembler.builder.add_piece(row.group_heading)
            assembler.paragraphs.append(Span(start, end))
            assembler.sentences.append(Span(start, end))
        assembler.builder.add_separator("\n")
        row_start = assembler.builder.position
        cells = [_add_cell(assembler, column, draft) for column, draft in zip(columns, row.cells)]
        # the first separator of the first cell belongs between rows; trim it from the paragraph span
        assembler.paragraphs.append(Span(row_start + 1, assembler.builder.position))
        table_rows.append(TableRow(REVIEW_DOC_ID, index, row.group, tuple(c for c in cells if c is not None)))
    if layout.table_footnote is not None:
        assembler.add_block(layout.table_footnote.pieces(raw), split=False)
    assembler.close_section()
    return table_rows


def ingest_review(path: Path, *, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES, layout_cues: Path = DEFAULT_LAYOUT_CUES,
                  title: str = "", replaced: Counter[str] | None = None) -> tuple[Document, list[TableRow]]:
    """Read the review at ``path`` into one Document (``doc_id`` "review", titled ``title``) and its Table 1 rows.

    ``layout_cues``: how the review's tables, legends and footnotes look (a project file names its own).

    Control characters are replaced by spaces (:func:`pipeline.textcheck.clean_text`), counted
    in ``replaced["control_characters"]`` when given.

    Raises
    ------
    InputError
        If the file is missing, larger than ``max_bytes``, not UTF-8, or has no recognisable body.
    """
    try:
        size = regular_file(path, "review file").stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"document is {size} bytes, over the limit of {max_bytes} bytes "
                                        "(raise it with --max-document-bytes)")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(str(path), "review file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from exc
    raw = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    raw, count = clean_text(raw)
    if count:
        logger.warning("%s: replaced %d control character(s) by spaces", path, count)
        if replaced is not None:
            replaced["control_characters"] += count
    cues = load_layout_cues(layout_cues)
    layout = scan_layout(raw, cues)
    if not layout.body:
        raise InputError(str(path), "no body text found")
    rows = parse_table_rows(raw, layout.table_lines, cues)
    assembler = _Assembler(raw)
    _add_body(assembler, raw, layout, cues)
    table_rows = _add_table(assembler, raw, layout, rows, cues) if rows else []
    assembler.close_section()
    text, source_map = assembler.builder.build()
    document = Document(
        doc_id=REVIEW_DOC_ID, source="review", title=title, text=text,
        sections=tuple(assembler.sections), paragraphs=tuple(assembler.paragraphs),
        sentences=tuple(sorted(assembler.sentences, key=lambda s: (s.start, s.end))), source_map=source_map,
    )
    logger.info("review: %d sections, %d paragraphs, %d sentences, %d table rows",
                len(document.sections), len(document.paragraphs), len(document.sentences), len(table_rows))
    return document, table_rows
