"""Ingest: the review and PubMed abstracts become segmented :class:`~pipeline.records.Document` records."""

from __future__ import annotations

import dataclasses
import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..context import RunContext
from ..errors import InputError, StageNotBuiltError
from ..records import Document, Span, TableRow
from .guards import check_document_size, check_file_size, file_limit, screen_xml
from .review import REVIEW_DOC_ID, ingest_review
from .sentences import split_sentences

logger = logging.getLogger(__name__)

__all__ = ["IngestResult", "ingest_corpus", "ingest_review", "segment_document", "REVIEW_DOC_ID"]


@dataclass(frozen=True)
class IngestResult:
    documents: tuple[Document, ...]
    table_rows: tuple[TableRow, ...]
    errors: tuple[InputError, ...] = field(default=())


def _document_order(document: Document) -> tuple[int, str]:
    """PubMed ids sort numerically, others after them by id."""
    suffix = document.doc_id.partition(":")[2]
    return (int(suffix), "") if document.doc_id.startswith("pmid:") and suffix.isdigit() else (1 << 62, document.doc_id)


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
    documents, errors = pubmed.load_pubmed_documents(context.pubmed_snapshot, context.pubmed_cache,
                                                     max_file_bytes=file_limit(context.max_document_bytes))
    return list(documents), list(errors)


def _as_input_document(document: Document, source: str) -> Document:
    """A benchmark-format document as a pipeline input: PMID-based id, title and abstract sections."""
    doc_id = f"pmid:{document.doc_id}" if document.doc_id.isdigit() else f"{source}:{document.doc_id}"
    sections = document.sections
    if not sections and document.title and document.text.startswith(document.title):
        title_end = len(document.title)
        sections = (Span(0, title_end, "TITLE"),)
        if len(document.text) > title_end + 1:
            sections += (Span(title_end + 1, len(document.text), "ABSTRACT"),)
    pmid = document.pmid or (document.doc_id if document.doc_id.isdigit() else None)
    return dataclasses.replace(document, doc_id=doc_id, source=source, sections=sections, pmid=pmid,
                               paragraphs=(), sentences=())


def _load_annotated_files(context: RunContext) -> tuple[list[Document], list[InputError]]:
    if not context.pubtator_files and not context.bioc_files:
        return [], []
    from ..corpora.bioc_reader import read_bioc
    from ..corpora.pubtator import read_pubtator

    documents: list[Document] = []
    errors: list[InputError] = []
    jobs = [(path, read_pubtator, "pubtator") for path in context.pubtator_files]
    jobs += [(path, read_bioc, "bioc") for path in context.bioc_files]
    for path, reader, source in jobs:
        try:
            check_file_size(path, file_limit(context.max_document_bytes))
            if source == "bioc" and Path(path).suffix.lower() != ".json":
                screen_xml(path)  # the BioC reader would expand internal entities
            annotated = reader(path)
        except InputError as error:
            errors.append(error)
            continue
        except UnicodeDecodeError as error:
            errors.append(InputError(str(path), f"not UTF-8 text (byte {error.start})"))
            continue
        except RecursionError:  # e.g. BioC JSON of thousands of nested arrays
            errors.append(InputError(str(path), "nested too deeply to read"))
            continue
        except OSError as error:
            errors.append(InputError(str(path), f"cannot read: {error.strerror or error}"))
            continue
        documents.extend(_as_input_document(item.document, source) for item in annotated)
    return documents, errors


def ingest_corpus(context: RunContext) -> IngestResult:
    """Read the review and any PubMed snapshot or cache named by ``context``.

    A bad PubMed file or article is reported in ``errors`` (naming it) and the
    rest is still ingested; a missing or unreadable review raises :class:`InputError`.
    """
    review, table_rows = ingest_review(context.review_path, max_bytes=context.max_document_bytes)
    pubmed_documents, errors = _load_pubmed(context)
    annotated_documents, annotated_errors = _load_annotated_files(context)
    errors += annotated_errors
    by_id: dict[str, Document] = {}
    for document in pubmed_documents + annotated_documents:
        try:
            check_document_size(document, context.max_document_bytes)
        except InputError as error:
            errors.append(error)
            continue
        by_id.setdefault(document.doc_id, document)  # PubMed XML wins over a benchmark copy of the same PMID
    documents = [review] + sorted((segment_document(d) for d in by_id.values()), key=_document_order)
    for error in errors:
        logger.warning("skipped: %s", error)
    return IngestResult(tuple(documents), tuple(table_rows), tuple(errors))
