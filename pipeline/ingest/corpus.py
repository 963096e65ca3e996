"""Reading a run's inputs: the review, PubMed XML, PubTator/BioC files and baseline files, as one stream of documents."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import RunContext
from ..errors import InputError
from ..io import from_dict, to_jsonable
from ..pubmed.snapshot import load_pubmed_documents
from ..pubmed.baseline import BaselineReader, baseline_files
from ..records import Document, Span, TableRow
from ..text import split_sentences
from ..textcheck import clean_record_text, is_ascii_int
from .canonical import Deletion, Entry, canonical_documents
from .guards import check_document_size, check_file_size, file_limit, screen_xml
from .review import ingest_review

logger = logging.getLogger(__name__)

__all__ = ["IngestResult", "IngestStream", "read_corpus", "stream_corpus", "segment_document"]


@dataclass(frozen=True)
class IngestResult:
    documents: tuple[Document, ...]
    table_rows: tuple[TableRow, ...]
    errors: tuple[InputError, ...] = field(default=())


@dataclass(frozen=True)
class IngestStream:
    """The corpus of a run as a stream (see :func:`stream_corpus`).

    ``documents`` holds each :class:`Document` in its JSON form (:func:`pipeline.io.to_jsonable`,
    what ``documents.jsonl`` stores); it can be consumed once, and ``errors`` is complete
    only after it is exhausted.
    """

    documents: Iterator[dict[str, Any]]
    table_rows: tuple[TableRow, ...]
    errors: list[InputError]
    deletions: list[Deletion] = field(default_factory=list)
    # control_characters: characters replaced by a space (see pipeline.textcheck), in all documents
    replaced: Counter[str] = field(default_factory=Counter)


# Of two inputs with one doc_id, PubMed XML (snapshot, cache, baseline files; a later one wins)
# beats a benchmark-format copy (PubTator, BioC; the first one wins).
_ANNOTATED, _PUBMED, _REVIEW = 0, 1, 2


def segment_document(document: Document) -> Document:
    """Fill paragraphs (one per section) and sentences of a document that has sections but no segmentation."""
    if document.sentences:
        return document
    sections = document.sections or (Span(0, len(document.text), ""),)
    paragraphs = tuple(Span(s.start, s.end) for s in sections if s.end > s.start)
    sentences = tuple(Span(a, b) for p in paragraphs for a, b in split_sentences(document.text, p.start, p.end))
    return dataclasses.replace(document, paragraphs=paragraphs, sentences=sentences)


def _load_pubmed(context: RunContext) -> tuple[list[Document], list[InputError]]:
    if context.pubmed_snapshot is None and not context.pubmed_cache.exists():
        return [], []
    documents, errors = load_pubmed_documents(context.pubmed_snapshot, context.pubmed_cache,
                                              max_file_bytes=file_limit(context.max_document_bytes))
    return list(documents), list(errors)


def _as_input_document(document: Document, source: str) -> Document:
    """A benchmark-format document as a pipeline input: PMID-based id, title and abstract sections."""
    doc_id = f"pmid:{document.doc_id}" if is_ascii_int(document.doc_id) else f"{source}:{document.doc_id}"
    sections = document.sections
    if not sections and document.title and document.text.startswith(document.title):
        title_end = len(document.title)
        sections = (Span(0, title_end, "TITLE"),)
        if len(document.text) > title_end + 1:
            sections += (Span(title_end + 1, len(document.text), "ABSTRACT"),)
    pmid = document.pmid if document.pmid and is_ascii_int(document.pmid) else (
        document.doc_id if is_ascii_int(document.doc_id) else None)
    return dataclasses.replace(document, doc_id=doc_id, source=source, sections=sections, pmid=pmid,
                               paragraphs=(), sentences=())


def _load_annotated_files(context: RunContext) -> tuple[list[Document], list[InputError]]:
    if not context.pubtator_files and not context.bioc_files:
        return [], []
    from ..corpora.bioc_reader import read_bioc
    from ..corpora.pubtator import read_pubtator

    documents: list[Document] = []
    errors: list[InputError] = []
    # a bad document costs only itself (it is listed in errors), not its file
    jobs = [(path, functools.partial(read_pubtator, errors=errors), "pubtator") for path in context.pubtator_files]
    jobs += [(path, functools.partial(read_bioc, errors=errors), "bioc") for path in context.bioc_files]
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



def _baseline_paths(context: RunContext, errors: list[InputError]) -> list[Path]:
    paths: list[Path] = []
    for path in map(Path, context.pubmed_baseline):
        if path.is_dir():
            found = baseline_files(path)
            if not found:
                errors.append(InputError(str(path), "no PubMed baseline files (pubmedNNnNNNN.xml[.gz]) in this folder"))
            paths += found
        elif path.is_file():
            paths.append(path)
        else:
            errors.append(InputError(str(path), "PubMed baseline file or folder not found"))
    return paths


def _entries(context: RunContext, review: Document, errors: list[InputError],
             replaced: Counter[str]) -> Iterator[Entry]:
    """Every input document (and baseline deletion), checked for size, cleaned of control characters
    and segmented, numbered in reading order."""
    pubmed_documents, pubmed_errors = _load_pubmed(context)
    annotated_documents, annotated_errors = _load_annotated_files(context)
    errors += pubmed_errors + annotated_errors
    counter = itertools.count()
    yield Entry(review.doc_id, (_REVIEW, next(counter)), to_jsonable(review))

    def checked(documents: Iterable[Document], rank: int) -> Iterator[Entry]:
        for document in documents:
            number = next(counter)
            try:
                check_document_size(document, context.max_document_bytes)
            except InputError as error:
                errors.append(error)
                continue
            document, count = clean_record_text(document)
            if count:
                replaced["control_characters"] += count
                logger.warning("%s: replaced %d control character(s) by spaces", document.doc_id, count)
            yield Entry(document.doc_id, (rank, number if rank == _PUBMED else -number),
                        to_jsonable(segment_document(document)))

    yield from checked(pubmed_documents, _PUBMED)
    yield from checked(annotated_documents, _ANNOTATED)
    del pubmed_documents, annotated_documents
    for path in _baseline_paths(context, errors):
        reader = BaselineReader(path)
        yield from checked(reader, _PUBMED)
        errors += reader.errors
        for pmid in reader.deleted_pmids:
            yield Entry(f"pmid:{pmid}", (_PUBMED, next(counter)), None, str(path))


def stream_corpus(context: RunContext) -> IngestStream:
    """The review, PubMed snapshot/cache, PubTator/BioC and baseline documents of ``context``, streamed.

    Documents come segmented, in the canonical order (:func:`~pipeline.ingest.canonical.document_order`:
    the review, then PMIDs numerically, then other ids), each ``doc_id`` once. Baseline files
    are read article by article and sorted through files spilled under ``context.out_dir``, so
    memory does not grow with them. Where a PMID comes twice, PubMed XML wins over a
    PubTator/BioC copy (the first of those wins among them) and among PubMed XML the one read
    last wins (snapshot, then cache, then baseline files in the order given: an update file
    revises the baseline). A PMID deleted by a ``<DeleteCitation>`` read after its last
    version is left out and the deletion listed in ``deletions`` (complete once ``documents`` is).

    Raises
    ------
    InputError
        When the review is missing or unreadable; other bad inputs go to ``errors``.
    """
    replaced: Counter[str] = Counter()
    review, table_rows = ingest_review(context.review_path, max_bytes=context.max_document_bytes,
                                       layout_cues=context.project.layout_cues, title=context.project.review_title,
                                       replaced=replaced)
    errors: list[InputError] = []
    deletions: list[Deletion] = []
    documents = canonical_documents(_entries(context, review, errors, replaced), deletions,
                                    spill_dir=Path(context.out_dir))
    return IngestStream(documents, tuple(table_rows), errors, deletions, replaced)


def read_corpus(context: RunContext) -> IngestResult:
    """Read the whole corpus named by ``context`` into memory (see :func:`stream_corpus`).

    A bad PubMed file or article is reported in ``errors`` (naming it) and the
    rest is still ingested; a missing or unreadable review raises :class:`InputError`.
    """
    stream = stream_corpus(context)
    documents = tuple(from_dict(Document, record) for record in stream.documents)
    for error in stream.errors:
        logger.warning("skipped: %s", error)
    return IngestResult(documents, stream.table_rows, tuple(stream.errors))
