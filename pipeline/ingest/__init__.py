"""Ingest: the review and PubMed abstracts become segmented :class:`~pipeline.records.Document` records."""

from __future__ import annotations

import dataclasses
import importlib
import logging
from dataclasses import dataclass, field

from ..context import RunContext
from ..errors import InputError, StageNotBuiltError
from ..records import Document, Span, TableRow
from .review import REVIEW_DOC_ID, ingest_review
from .sentences import split_sentences

logger = logging.getLogger(__name__)

__all__ = ["IngestResult", "ingest_corpus", "ingest_review", "segment_document", "REVIEW_DOC_ID"]


@dataclass(frozen=True)
class IngestResult:
    documents: tuple[Document, ...]
    table_rows: tuple[TableRow, ...]
    errors: tuple[InputError, ...] = field(default=())


def segment_document(document: Document) -> Document:
    """Fill paragraphs (one per section) and sentences of a document that has sections but no segmentation."""
    if document.sentences:
        return document
    sections = document.sections or (Span(0, len(document.text), ""),)
    paragraphs = tuple(Span(s.start, s.end) for s in sections if s.end > s.start)
    sentences = tuple(Span(a, b) for p in paragraphs for a, b in split_sentences(document.text, p.start, p.end))
    return dataclasses.replace(document, paragraphs=paragraphs, sentences=sentences)


def _load_pubmed(context: RunContext) -> tuple[list[Document], list[InputError]]:
    try:
        pubmed = importlib.import_module("pipeline.pubmed")
    except ModuleNotFoundError as exc:
        if context.pubmed_snapshot is not None:
            raise StageNotBuiltError("PubMed ingest is not built yet (pipeline.pubmed does not exist)") from exc
        return [], []
    if context.pubmed_snapshot is None and not context.pubmed_cache.exists():
        return [], []
    documents, errors = pubmed.load_pubmed_documents(context.pubmed_snapshot, context.pubmed_cache)
    return list(documents), list(errors)


def ingest_corpus(context: RunContext) -> IngestResult:
    """Read the review and any PubMed snapshot or cache named by ``context``.

    A bad PubMed file or article is reported in ``errors`` (naming it) and the
    rest is still ingested; a missing or unreadable review raises :class:`InputError`.
    """
    review, table_rows = ingest_review(context.review_path, max_bytes=context.max_document_bytes)
    pubmed_documents, errors = _load_pubmed(context)
    documents = [review] + sorted((segment_document(d) for d in pubmed_documents), key=lambda d: d.doc_id)
    for error in errors:
        logger.warning("skipped: %s", error)
    return IngestResult(tuple(documents), tuple(table_rows), tuple(errors))
