"""Assemble a normalised text from pieces of a raw text, remembering where each piece came from.

The review's raw text has hard line breaks, hyphenated line ends and page-break
debris. Normalisation copies the content of each raw line verbatim and only
decides what goes *between* pieces (a space, nothing, or a paragraph break), so a
:class:`~pipeline.records.SourceSegment` list maps every copied character back to
its raw offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import SourceSegment

# A line that ends with one of these joins the next line with no space:
# "trans-" + "signaling", "IL-6/" + "IL-6R", "[1-" + "15]".
_NO_SPACE_AFTER = ("-", "\u2013", "/")
_CONTENT_RUN = re.compile(r"\S+(?:[ \t]\S+)*")


@dataclass(frozen=True)
class Piece:
    """A run of raw text ``raw[start:end]`` that is copied verbatim."""

    start: int
    end: int


def content_pieces(raw: str, start: int, end: int) -> list[Piece]:
    """Split ``raw[start:end]`` into its content runs, dropping leading, trailing and repeated blanks."""
    return [Piece(m.start(), m.end()) for m in _CONTENT_RUN.finditer(raw, start, end)]


def join_separator(previous_text: str) -> str:
    """What goes between a wrapped line and the next one: nothing after a hyphen, dash or slash, else a space."""
    return "" if previous_text.endswith(_NO_SPACE_AFTER) else " "


class TextBuilder:
    """Accumulates a normalised text and its source map."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._length = 0
        self._segments: list[SourceSegment] = []

    @property
    def position(self) -> int:
        return self._length

    @property
    def text_so_far(self) -> str:
        return "".join(self._parts)

    def add_separator(self, separator: str) -> None:
        self._parts.append(separator)
        self._length += len(separator)

    def add_piece(self, piece: Piece) -> tuple[int, int]:
        """Copy ``raw[piece.start:piece.end]``; return its span in the normalised text."""
        text = self.raw[piece.start:piece.end]
        start = self._length
        self._segments.append(SourceSegment(norm_start=start, raw_start=piece.start, length=len(text)))
        self._parts.append(text)
        self._length += len(text)
        return start, self._length

    def add_wrapped(self, pieces: Iterable[Piece]) -> tuple[int, int]:
        """Copy wrapped line pieces, re-joining them as running text; return the span they cover."""
        start = self._length
        previous: str | None = None
        for piece in pieces:
            if previous is not None:
                self.add_separator(join_separator(previous))
            self.add_piece(piece)
            previous = self.raw[piece.start:piece.end]
        return start, self._length

    def build(self) -> tuple[str, tuple[SourceSegment, ...]]:
        return "".join(self._parts), tuple(self._segments)


def wrapped_text(raw: str, pieces: Sequence[Piece]) -> str:
    """The running text that :meth:`TextBuilder.add_wrapped` would produce for ``pieces``."""
    out: list[str] = []
    for piece in pieces:
        text = raw[piece.start:piece.end]
        if out:
            out.append(join_separator(out[-1]))
        out.append(text)
    return "".join(out)
