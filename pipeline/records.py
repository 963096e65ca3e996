"""Typed, immutable records: the only currency between stages.

Every character offset in this module is a pair ``start, end`` into the text of
the document named by ``doc_id``; ``end`` is exclusive, as in Python slicing
and spaCy's ``start_char``/``end_char``: ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A labelled region of a document's text (a section, paragraph or sentence)."""

    start: int
    end: int
    label: str = ""


@dataclass(frozen=True)
class SourceSegment:
    """Maps ``length`` characters at ``norm_start`` in a normalised text back to
    ``raw_start`` in the raw file they were copied from."""

    norm_start: int
    raw_start: int
    length: int


@dataclass(frozen=True)
class Document:
    """One text the pipeline reads: the review or a PubMed abstract.

    ``sections`` carry their heading in ``label`` (e.g. ``"ABSTRACT"``,
    ``"TABLE 1"``, ``"Figure 1"``); ``paragraphs`` and ``sentences`` are spans
    into ``text``. ``source_map`` relates ``text`` back to the raw source file
    (empty when ``text`` is the raw text itself).
    """

    doc_id: str
    source: str
    title: str
    text: str
    sections: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    source_map: tuple[SourceSegment, ...] = ()
    pmid: str | None = None
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    mesh_terms: tuple[str, ...] = ()
    publication_types: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True)
class TableCell:
    """One cell of a table row: its column name, its text and its span in the document."""

    column: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """One row of the review's Table 1 under its group heading."""

    doc_id: str
    row_index: int
    group: str
    cells: tuple[TableCell, ...]

    def cell(self, column: str) -> TableCell:
        for cell in self.cells:
            if cell.column == column:
                return cell
        raise KeyError(f"row {self.row_index} has no column {column!r}")


@dataclass(frozen=True)
class Mention:
    """A recognised entity mention.

    ``start``/``end`` are character offsets into the document text, end-exclusive.
    ``label`` is one of DRUG, TARGET, CELL_LINE, DISEASE. ``source`` says what found
    it: lexicon, pattern, rule (an agent class named by its target), abbreviation or model. ``xrefs`` holds other identifiers of
    the same entity, e.g. the DrugBank id (``drugbank:DB06273``) of a project agent.
    """

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    norm_id: str | None = None
    norm_name: str | None = None
    source: str = "lexicon"
    xrefs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """An agent–effect statement extracted from one sentence.

    Offsets (``agent_start``, ``object_start``, ``sentence_start`` ...) are into the
    text of ``doc_id``, end-exclusive.
    """

    relation_id: str
    doc_id: str
    agent_text: str
    agent_start: int
    agent_end: int
    agent_id: str | None
    agent_name: str | None
    effect: str
    triggers: tuple[str, ...]
    object_text: str
    object_start: int
    object_end: int
    object_label: str | None
    object_id: str | None
    sentence_text: str
    sentence_start: int
    sentence_end: int
    cell_line: str | None = None
    disease: str | None = None
    model_system: str = "unknown"
    phase: str | None = None
    negated: bool = False
    hedged: bool = False
    section: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
