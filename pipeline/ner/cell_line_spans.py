"""Cell-line spans after the lexicon: sublines ("MCF-7/ADR") and names recognised only from context,
found again elsewhere in the document."""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import Entry, squash
from .matcher import Candidate

# "/ADR", "/DDP", "/Dx5": the mark of a drug-resistant subline written after its parent's name.
_SUBLINE = re.compile(r"/(?:[A-Z][A-Za-z0-9-]{0,7}|\d[A-Za-z0-9-]{0,6})(?![0-9A-Za-z/])")


def extend_sublines(kept: list[Candidate], text: str) -> list[Candidate]:
    """Extend a cell line over a subline mark ("MCF-7/ADR", "A549/DDP"): the subline is one cell line.

    A mark that is itself another kind of kept mention ("HepG2/Hep3B", "MCF-7/HER2") is left alone; a drug's
    abbreviation as the mark ("MDA-MB-231/ADR": Adriamycin) is the subline's mark, not a drug given there.
    """
    at = {c.start: c for c in kept}
    marks = set()
    result = []
    for c in kept:
        match = _SUBLINE.match(text, c.end) if c.entry.label == "CELL_LINE" else None
        mark = at.get(c.end + 1) if match is not None else None
        if match is not None and (mark is None or (mark.entry.label == "DRUG" and mark.end == match.end())):
            name = text[c.start:match.end()]
            c = Candidate(c.start, match.end(), Entry("cellline:" + squash(name), name, "CELL_LINE", "pattern"),
                          source="pattern")
            if mark is not None:
                marks.add(mark.start)
        result.append(c)
    return [c for c in result if c.start not in marks]


def repeat_cell_lines(kept: list[Candidate], text: str) -> list[Candidate]:
    """Find again, elsewhere in the document, the cell lines that were recognised only from context.

    A shape pattern or a cued name counts only where "cells" follows ("KU7 cells", "HK2 cells"), but
    once the document has named it a cell line its other occurrences ("KU7 was resistant") are the
    same cell line. Only places no kept candidate covers are filled, and only for names the document
    calls cells at least as often as it uses them otherwise (a gene named once before "cells" and
    ten times elsewhere, "TIPE2 over-expression cells", stays unrepeated).
    """
    contextual: dict[str, Candidate] = {}
    seen: Counter[str] = Counter()
    for c in kept:
        if c.entry.label == "CELL_LINE" and (c.source == "pattern" or c.entry.need_right):
            contextual.setdefault(text[c.start:c.end], c)
            seen[text[c.start:c.end]] += 1
    if not contextual:
        return kept
    names = sorted(contextual, key=len, reverse=True)
    pattern = re.compile(r"(?<![0-9A-Za-z])(?:" + "|".join(map(re.escape, names)) + r")(?![0-9A-Za-z])")
    taken = bytearray(len(text))
    for c in kept:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    found: dict[str, list[tuple[int, int]]] = {}
    for match in pattern.finditer(text):
        if taken.find(1, match.start(), match.end()) == -1:
            found.setdefault(match.group(0), []).append(match.span())
    added = [Candidate(start, end, contextual[name].entry, source=contextual[name].source)
             for name, spans in found.items() if len(spans) <= seen[name] for start, end in spans]
    if not added:
        return kept
    return sorted(kept + added, key=lambda c: (c.start, c.end))
