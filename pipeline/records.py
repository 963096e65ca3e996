"""Typed, immutable records: the only currency between stages.

Every character offset in this module is a pair ``start, end`` into the text of
the document named by ``doc_id``; ``end`` is exclusive, as in Python slicing
and spaCy's ``start_char``/``end_char``: ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The doc_id of the review itself; every other document is an abstract or a benchmark text.
REVIEW_DOC_ID = "review"


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
    it: lexicon, pattern, rule (an agent class named by its target) or abbreviation. ``xrefs`` holds
    other identifiers of the same entity, e.g. the DrugBank id (``drugbank:DB06273``) of a project
    agent, or the standard ids of :mod:`pipeline.ner.standard_ids` (``NCBIGene:3569``, ``MESH:D…``).
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

    How the extractor found it: ``construction`` (the sentence pattern that produced it),
    ``agent_source`` (``mention``, ``anaphora``, ``table_row`` ...), the ``negation_cue`` and
    ``hedge_cue`` words, the ``shared_head`` an elided object borrowed ("IL-6 and -8
    receptors"), the Table 1 ``table_column`` it came from, and ``split``, the qualifier of
    one of several findings split from one statement (see ``pipeline/relations/splits.py``).

    ``pmid`` is set on relations of PubMed documents; ``evidence_grade`` is a name of the
    ordered scale of :mod:`pipeline.grades` and ``negative_evidence`` flags a negated or
    failed finding (both set by the relations stage).
    ``axis_agent`` is true when the agent is one of the review's IL-6-axis agents or their classes
    (``pipeline/data/relations/axis_classes.tsv``): the IL-6 view is the relations with it set.
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
    construction: str | None = None
    agent_source: str | None = None
    negation_cue: str | None = None
    hedge_cue: str | None = None
    shared_head: str | None = None
    table_column: str | None = None
    split: str | None = None
    pmid: str | None = None
    evidence_grade: str = "unspecified"
    negative_evidence: bool = False
    axis_agent: bool = False


@dataclass(frozen=True)
class EvidenceRow:
    """One agent x finding of the evidence table (see docs/evidence_table.md)."""

    evidence_id: str
    agent: str
    agent_id: str
    drugbank_id: str
    target_class: str
    modality: str
    kind: str
    effect: str
    object: str
    object_id: str
    negated: bool
    hedged: bool
    context: str
    disease: str
    cell_line: str
    model_system: str
    phase: str
    supporting_documents: str
    pmids: str
    evidence_count: int
    document_count: int
    best_evidence_sentence: str
    best_evidence_doc: str
    best_relation_id: str
    relation_ids: str
    gold_status: str
    gold_finding_ids: str
    evidence_grade: str = "unspecified"
    negative_evidence: bool = False
    independent_sources: int = 0
    newest_pmid: str = ""
    object_group: str = ""
    conflict: bool = False
    conflicts_with: str = ""
    axis_agent: bool = False


#: Reconciliation statuses: of a gold finding (matched / missed) and of a relation
#: (matched / unmatched in the review / new evidence from an abstract / no gold table).
MATCHED = "matched"
MISSED = "missed"
UNMATCHED_IN_REVIEW = "unmatched-in-review"
NEW_EVIDENCE = "new-evidence"
NO_GOLD = "no-gold"


@dataclass(frozen=True)
class ReconciliationRow:
    """One line of ``reconciliation.csv``: a gold finding (``record="gold"``) or a relation (``"relation"``).

    Values are kept as the CSV text: booleans ``true``/``false``, ``raw_start``/``raw_end``
    offsets into the raw review text (end-exclusive), ``score`` with four decimals or empty,
    several ids joined by ``|``.
    """

    record: str
    id: str
    status: str
    agent_id: str
    kind: str
    effect: str
    object: str
    negated: str
    hedged: str
    doc_id: str
    raw_start: str
    raw_end: str
    matched_ids: str
    other_candidate_ids: str
    score: str
    evidence: str
