"""Recover the reading order of a PDF-to-text review: body blocks, figure legends and the table.

The raw text marks a new page with a line that starts with one space. A table
page interrupts the body; the body resumes on the next page and the table may
resume below it, after a paragraph that was cut off mid-sentence. The table ends
at its footnote, and the cut paragraph continues on the following page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..context import DEFAULT_LAYOUT_CUES
from ..errors import InputError
from .textbuild import Piece, content_pieces

_TERMINAL = (".", "?", "!", ":")


@dataclass(frozen=True)
class Line:
    """One raw line: its content span (whitespace trimmed) and whether a page starts with it."""

    number: int
    start: int
    end: int
    text: str
    page_start: bool

    @property
    def blank(self) -> bool:
        return not self.text

    def pieces(self, raw: str) -> list[Piece]:
        return content_pieces(raw, self.start, self.end)


@dataclass
class Block:
    """Consecutive non-blank body lines; ``kind`` is heading, subheading or paragraph."""

    lines: list[Line]
    kind: str = "paragraph"

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def terminated(self) -> bool:
        return self.lines[-1].text.endswith(_TERMINAL)


@dataclass
class Layout:
    body: list[Block] = field(default_factory=list)
    legends: list[Block] = field(default_factory=list)
    table_caption: Line | None = None
    table_header: Line | None = None
    table_lines: list[Line] = field(default_factory=list)
    table_footnote: Line | None = None


@dataclass(frozen=True)
class LayoutCues:
    table_caption: re.Pattern[str]
    table_column_header: re.Pattern[str]
    table_footnote: re.Pattern[str]
    figure_legend: re.Pattern[str]
    table_group_heading: re.Pattern[str]
    structure_starts: tuple[str, ...]
    not_applicable: str
    table_columns: tuple[str, ...]


@lru_cache(maxsize=4)
def load_layout_cues(path: Path = DEFAULT_LAYOUT_CUES) -> LayoutCues:
    """The cues of ``path`` (default: the IL-6 review's; a project file names its own).

    Raises
    ------
    InputError
        Naming the file when it is not JSON or lacks a cue.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _cues(data)
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"unreadable layout cues ({exc})") from exc
    except KeyError as exc:
        raise InputError(str(path), f"layout cues lack {exc.args[0]!r}") from exc
    except re.error as exc:
        raise InputError(str(path), f"a layout cue is not a valid regular expression ({exc})") from exc


def _cues(data: dict) -> LayoutCues:
    return LayoutCues(
        table_caption=re.compile(data["table_caption"]),
        table_column_header=re.compile(data["table_column_header"]),
        table_footnote=re.compile(data["table_footnote"]),
        figure_legend=re.compile(data["figure_legend"]),
        table_group_heading=re.compile(data["table_group_heading"]),
        structure_starts=tuple(data["structure_starts"]),
        not_applicable=data["not_applicable"],
        table_columns=tuple(data["table_columns"]),
    )


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    position = 0
    for number, chunk in enumerate(raw.split("\n"), start=1):
        stripped = chunk.strip()
        lead = len(chunk) - len(chunk.lstrip())
        start = position + lead
        lines.append(Line(number, start, start + len(stripped), stripped,
                          page_start=bool(stripped) and chunk.startswith(" ") and not chunk.startswith("  ")))
        position += len(chunk) + 1
    return lines


def is_all_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters if c not in "\u03b1\u03ba")


def _classify(block: Block) -> Block:
    if all(is_all_caps_heading(line.text) for line in block.lines):
        block.kind = "heading"
    elif len(block.lines) <= 3 and ";" in block.text and not block.terminated and len(block.text) <= 160:
        block.kind = "subheading"
    return block


def _heading_ends(current: list[Line], line: Line) -> bool:
    """An all-caps heading directly followed by running text ("ABSTRACT" + first sentence)."""
    return all(is_all_caps_heading(seen.text) for seen in current) and not is_all_caps_heading(line.text)


def starts_continuation(text: str) -> bool:
    """A block that starts in lower case or with a digit continues a cut paragraph."""
    return bool(text) and (text[0].islower() or text[0].isdigit())


def scan_layout(raw: str, cues: LayoutCues | None = None) -> Layout:
    """Sort the review's lines into body blocks, figure legends and table lines."""
    cues = cues or load_layout_cues()
    layout = Layout()
    mode = "body"  # body | table | legend
    table_open = False
    current: list[Line] = []

    def flush_body() -> None:
        if current:
            layout.body.append(_classify(Block(list(current))))
            current.clear()

    for line in split_lines(raw):
        if mode == "legend":
            if line.blank or line.page_start:
                mode = "body"
            else:
                layout.legends[-1].lines.append(line)
                continue
        if mode == "table":
            if line.page_start and not cues.table_caption.match(line.text):
                mode = "body"  # the table page ended; body text resumes on the next page
            elif cues.table_footnote.match(line.text):
                layout.table_footnote = line
                table_open, mode = False, "body"
                continue
            elif cues.table_column_header.match(line.text):
                layout.table_header = line
                continue
            else:
                layout.table_lines.append(line)
                continue
        # body mode
        if cues.table_caption.match(line.text):
            flush_body()
            layout.table_caption, table_open, mode = line, True, "table"
            continue
        if cues.figure_legend.match(line.text):
            flush_body()
            layout.legends.append(Block([line], kind="legend"))
            mode = "legend"
            continue
        if line.blank:
            flush_body()
            continue
        if (table_open and not current and layout.body and layout.body[-1].kind == "paragraph"
                and not layout.body[-1].terminated and not starts_continuation(line.text)):
            # a paragraph was cut off and what follows is not its continuation: the table resumes here
            layout.table_lines.append(line)
            mode = "table"
            continue
        if current and (line.page_start or _heading_ends(current, line)):
            flush_body()
        current.append(line)
    flush_body()
    return layout


def merge_cut_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut by a column, page, table or figure break with its continuation."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind == "paragraph" and block.kind == "paragraph"
                and not previous.terminated
                and (starts_continuation(block.lines[0].text) or previous.lines[-1].text.endswith("-"))):
            previous.lines.extend(block.lines)
        else:
            merged.append(block)
    return merged
