"""The text units relations are read from: body sentences and Table 1 bullets.

A unit carries the mentions inside it and, for a table bullet, the row's agent
(the name cell's agent as it appears in the row's own text), so the extractor
never needs to know where a unit came from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..context import AGENT_SCOPES as SCOPE_NAMES
from ..errors import UsageError
from ..records import Document, Mention, TableRow

logger = logging.getLogger(__name__)

TABLE_SECTION = "TABLE 1"
AGENT_PREFIX = "agent:"
CLASS_PREFIX = "class:"  # agent classes from the NER (pipeline/ner/agent_classes.py)
_BULLET = re.compile(r"(?:^|\n)\s*[-•–]\s*")
_EMPTY_CELL = re.compile(r"^\s*(?:N/?A|-|none)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """One sentence or table bullet.

    ``start``/``end`` are end-exclusive offsets into the document text; ``mentions`` are
    the mentions fully inside; ``row_agents`` the agent mentions of the table row (empty
    for body sentences); ``column`` the table column (``None`` for body sentences).
    """

    doc_id: str
    start: int
    end: int
    text: str
    section: str | None
    mentions: tuple[Mention, ...]
    row_agents: tuple[Mention, ...] = ()
    column: str | None = None
    agent_scope: str = "project"

    @property
    def agents(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if is_agent(m, self.agent_scope))


# the norm-id prefixes of each scope of context.AGENT_SCOPES, in its order
AGENT_SCOPES = dict(zip(SCOPE_NAMES, ((AGENT_PREFIX,), (AGENT_PREFIX, "DB"), (AGENT_PREFIX, "DB", "MESH:")), strict=True))


def is_agent(mention: Mention, scope: str = "project") -> bool:
    """Whether a mention is an agent.

    ``project``: a DRUG mention normalised to a project agent id (``agent:...``);
    ``drugs``: also any DRUG mention normalised to a DrugBank id (for PubMed abstracts about
    other drugs acting on the IL-6 axis); ``chemicals``: also DRUG mentions with a MeSH id.
    """
    return mention.label == "DRUG" and (mention.norm_id or "").startswith(agent_prefixes(scope))


def agent_prefixes(scope: str) -> tuple[str, ...]:
    """The norm-id prefixes of an agent in ``scope``; a ValueError names an unknown scope."""
    try:
        return AGENT_SCOPES[scope]
    except KeyError:
        raise UsageError(f"unknown agent scope {scope!r}; expected one of {sorted(AGENT_SCOPES)}") from None


def _section_of(document: Document, start: int) -> str | None:
    for section in document.sections:
        if section.start <= start < section.end:
            return section.label
    return None


def _inside(mentions: Sequence[Mention], start: int, end: int) -> tuple[Mention, ...]:
    return tuple(m for m in mentions if m.start >= start and m.end <= end)


def iter_units(document: Document, mentions: Sequence[Mention],
               table_rows: Sequence[TableRow] = (), agent_scope: str = "project") -> Iterator[Unit]:
    """Yield the document's body sentences, then its table bullets, in text order.

    When ``table_rows`` are given for this document, sentences inside the ``TABLE 1``
    section are skipped (the rows replace them).
    """
    rows = [row for row in table_rows if row.doc_id == document.doc_id]
    # Agent classes ("anti-IL-6 mAb", class:il6_blocker) nest over the targets these rules read
    # ("anti-" + IL-6 -> binds IL-6) and are an agent of no scope yet, so the units leave them out.
    ordered = sorted((m for m in mentions if not (m.norm_id or "").startswith(CLASS_PREFIX)),
                     key=lambda m: (m.start, m.end))
    for sentence in document.sentences:
        section = _section_of(document, sentence.start)
        if rows and section == TABLE_SECTION:
            continue
        yield Unit(document.doc_id, sentence.start, sentence.end, document.text[sentence.start:sentence.end],
                   section, _inside(ordered, sentence.start, sentence.end), agent_scope=agent_scope)
    for row in rows:
        yield from _row_units(document, row, ordered, agent_scope)


def _row_units(document: Document, row: TableRow, mentions: Sequence[Mention], agent_scope: str) -> Iterator[Unit]:
    name = next((cell for cell in row.cells if cell.column == "name"), None)
    if name is None:
        logger.warning("%s: table row %d has no name cell; skipped", document.doc_id, row.row_index)
        return
    row_agents = tuple(m for m in _inside(mentions, name.start, name.end) if is_agent(m, agent_scope))
    if not row_agents:
        logger.info("%s: table row %d (%r) names no agent", document.doc_id, row.row_index, name.text)
        return
    for cell in row.cells:
        if cell.column == "name" or _EMPTY_CELL.match(cell.text):
            continue
        for start, end in bullet_spans(cell.text):
            a, b = cell.start + start, cell.start + end
            yield Unit(document.doc_id, a, b, document.text[a:b], TABLE_SECTION, _inside(mentions, a, b),
                       row_agents, cell.column, agent_scope)


def bullet_spans(text: str) -> list[tuple[int, int]]:
    """End-exclusive spans of the bullets ("- ...") in a cell; the whole cell when it has none."""
    marks = list(_BULLET.finditer(text))
    if not marks:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        return [(start, start + len(stripped))] if stripped else []
    spans = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        while end > mark.end() and text[end - 1].isspace():
            end -= 1
        if end > mark.end():
            spans.append((mark.end(), end))
    head = text[:marks[0].start()].strip()
    if head:
        start = text.find(head)
        spans.insert(0, (start, start + len(head)))
    return spans
