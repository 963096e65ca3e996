"""Ordered, chunked, streaming map over documents: in-process, across local processes, or on Dask.

Per-document stages (NER, relations) hand this module a picklable top-level
function ``work(chunk) -> list[result]``. Chunks are submitted through a bounded
window, so memory stays flat however long the input stream is, and results come
back in input order, so output is identical whatever the executor or the number
of workers. Workers return plain records or encoded lines, never spaCy objects.

The per-document work functions of the NER and relations stages live here too
(:func:`recognize_chunk`, :func:`recognize_lines`, :func:`extract_chunk`, :func:`annotate_chunk`,
:func:`annotate_lines`): Dask workers import a work function by its module path, so it must
be a top-level function of the package, and each process builds its spaCy pipeline once
(:func:`worker_nlp`) and keeps it for every later chunk.
"""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language

    from .records import Document, Mention, Relation, TableRow

T = TypeVar("T")
R = TypeVar("R")

logger = logging.getLogger(__name__)

EXECUTORS = ("local", "dask")
DEFAULT_CHUNK_SIZE = 64


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of at most ``size`` consecutive items."""
    if size < 1:
        raise ValueError(f"chunk size must be >= 1, got {size}")
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def map_chunks(work: Callable[[list[T]], list[R]], items: Iterable[T], *, workers: int = 1,
               chunk_size: int = DEFAULT_CHUNK_SIZE, executor: str = "local", scheduler: str | None = None,
               in_flight_per_worker: int = 2) -> Iterator[R]:
    """Apply ``work`` to consecutive chunks of ``items`` and yield the results in input order.

    Parameters
    ----------
    work
        A module-level function (picklable) mapping a list of items to a list of results.
    workers
        Number of processes (local) or Dask workers of the LocalCluster started when no
        ``scheduler`` is given. ``1`` with the local executor runs in this process.
    executor
        ``"local"`` or ``"dask"``.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); only with ``executor="dask"``.
    """
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if scheduler is not None and executor != "dask":
        raise ValueError("--scheduler needs --executor dask")
    chunks = chunked(items, chunk_size)
    window = max(1, workers * in_flight_per_worker)
    if executor == "dask":
        yield from _map_dask(work, chunks, workers=workers, scheduler=scheduler, window=window)
    elif workers == 1:
        for chunk in chunks:
            yield from work(chunk)
    else:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        # Forked workers would otherwise have their garbage collector walk every object the
        # parent held at the fork, copying those pages and burning CPU (2 workers used 1.29x the CPU of one
        # on the benchmark, 1.02x frozen).
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                yield from _ordered_window(pool.submit, work, chunks, window)
        finally:
            gc.unfreeze()


def _ordered_window(submit: Callable[..., Any], work: Callable[[list[T]], list[R]], chunks: Iterator[list[T]],
                    window: int) -> Iterator[R]:
    pending: deque[Future] = deque()
    for chunk in chunks:
        pending.append(submit(work, chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _map_dask(work: Callable[[list[T]], list[R]], chunks: Iterator[list[T]], *, workers: int,
              scheduler: str | None, window: int) -> Iterator[R]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        def submit(function: Callable[..., Any], chunk: list[T]) -> Any:
            return client.submit(function, chunk, pure=False)

        yield from _ordered_window(submit, work, chunks, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# One spaCy pipeline per (process, profile, agents table). Built in the parent before a fork,
# it is inherited by the local worker processes instead of being rebuilt.
_NLP_BY_PROFILE: dict[tuple[str, str], "Language"] = {}


def worker_nlp(profile: str = "fast", agents_table: str = "") -> "Language":
    """The NER pipeline of ``profile`` (with the project's ``agents_table``, if any) for this process."""
    nlp = _NLP_BY_PROFILE.get((profile, agents_table))
    if nlp is None:
        from pathlib import Path

        from .ner.factory import build_nlp

        # only plain mentions leave a worker, so the Docs need no doc.ents
        nlp = _NLP_BY_PROFILE[(profile, agents_table)] = build_nlp(
            profile, doc_ents=False, agents_table=Path(agents_table) if agents_table else None)
    return nlp


def recognize_chunk(documents: list["Document"], profile: str = "fast", agents_table: str = "") -> list[list["Mention"]]:
    """NER work function: one list of mentions per document, in document order."""
    from .ner.recognize import recognize_mentions

    nlp = worker_nlp(profile, agents_table)
    # Words first seen in this chunk are dropped from the vocabulary when it ends (spaCy's
    # memory zone); otherwise the vocabulary, and memory, grows with every new abstract.
    # Only plain records leave the zone.
    with nlp.memory_zone():
        mentions = recognize_mentions(documents, nlp)
    by_doc: dict[str, list[Mention]] = {d.doc_id: [] for d in documents}
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    # a doc id repeated within the chunk: all its mentions go with its first occurrence, as in one sorted list
    return [by_doc.pop(d.doc_id, []) for d in documents]


def extract_chunk(items: list[tuple["Document", list["Mention"], list["TableRow"]]],
                  agent_scope: str = "project") -> list[tuple[list["Relation"], str | None]]:
    """Relations work function: per document, its relations and the error message if extraction failed.

    Each document is extracted alone, so one bad document does not stop the others
    of its chunk; the failure comes back as a message for an
    :class:`~pipeline.errors.InputError` naming the document.
    """
    from .errors import PipelineError
    from .relations.extract import extract_relations

    results: list[tuple[list[Relation], str | None]] = []
    for document, mentions, rows in items:
        try:
            results.append((extract_relations([document], mentions, rows, agent_scope=agent_scope), None))
        except (PipelineError, ValueError, IndexError) as exc:
            results.append(([], f"relation extraction failed: {exc}"))
    return results


def annotate_chunk(documents: list["Document"], profile: str = "fast",
                   agent_scope: str = "project") -> list[tuple[list["Mention"], list["Relation"]]]:
    """NER then relations on documents without table rows (abstracts): the streaming path of a refresh.

    Returns
    -------
    list[tuple[list[Mention], list[Relation]]]
        Per document, in document order. A document whose relation extraction fails
        keeps its mentions and gets no relations (logged with its id).
    """
    mentions = recognize_chunk(documents, profile)
    extracted = extract_chunk([(d, m, []) for d, m in zip(documents, mentions)], agent_scope)
    results = []
    for document, found, (relations, error) in zip(documents, mentions, extracted):
        if error:
            logger.warning("%s: %s", document.doc_id, error)
        results.append((found, relations))
    return results


@dataclass(frozen=True)
class EncodedMentions:
    """One document's mentions as a worker encoded them for ``mentions.jsonl``, or why its line was unreadable.

    ``text`` holds one JSON line per mention, each ending in a newline; ``labels`` the
    label of each, for the stage's counts. ``error`` (with the 1-based ``line`` of the
    document in ``documents.jsonl``) replaces both when the line could not be decoded.
    """

    text: str = ""
    labels: tuple[str, ...] = ()
    line: int = 0
    error: str | None = None


def recognize_lines(lines: list[tuple[int, str]], profile: str = "fast", agents_table: str = "") -> list[EncodedMentions]:
    """NER work function on ``(line number, line)`` of ``documents.jsonl``: decoded and encoded in the worker.

    The parent process then only moves text; decoding documents and encoding mentions
    there held a multi-worker stage back to the speed of that one process. At the first
    line that cannot be decoded, the result is that one error.
    """
    from .errors import RecordDecodeError
    from .io import decode_line, json_line
    from .records import Document

    documents = []
    for number, line in lines:
        try:
            documents.append(decode_line(line, Document))
        except RecordDecodeError as exc:
            return [EncodedMentions(line=number, error=str(exc))]
    return [EncodedMentions("".join(json_line(m) + "\n" for m in found), tuple(m.label for m in found))
            for found in recognize_chunk(documents, profile, agents_table)]


def annotate_lines(documents: list["Document"], profile: str = "fast", agent_scope: str = "project") -> list[str]:
    """:func:`annotate_chunk`, each document's result encoded in the worker as the JSON line a refresh writes.

    One line per document (no newline): ``{"doc_id", "mentions", "relations"}``, as
    :func:`pipeline.io.write_jsonl` would write that dict. Encoding in the worker leaves the
    parent only text to move, which pickles far faster than records.
    """
    from .io import json_line

    return [json_line({"doc_id": document.doc_id, "mentions": found, "relations": relations})
            for document, (found, relations) in zip(documents, annotate_chunk(documents, profile, agent_scope))]
