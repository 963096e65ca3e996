"""Ordered, chunked, streaming map over documents: in-process, across local processes, or on Dask.

A caller hands this module a picklable top-level function ``work(chunk) -> list[result]``
(Dask workers import it by its module path). Chunks are submitted through a bounded
window, so memory stays flat however long the input stream is, and results come back
in input order, so output is identical whatever the executor or the number of workers.

This module knows nothing of the stages: each stage keeps its own work function in
its room (``pipeline/ner/work.py``, ``pipeline/relations/work.py``).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

logger = logging.getLogger(__name__)

#: Where the map runs: this machine's processes or dask.distributed.
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
    _check_options(workers, executor, scheduler)
    chunks = chunked(items, chunk_size)
    with _submitter(workers, executor, scheduler) as submit:
        yield from _ordered_window(submit, work, chunks, _window(workers, executor, in_flight_per_worker))


def map_chunks_reusing(work: Callable[[list[T]], list[R]], items: Iterable[T],
                       lookup: Callable[[list[T]], list[R | None]], *, workers: int = 1,
                       chunk_size: int = DEFAULT_CHUNK_SIZE, executor: str = "local", scheduler: str | None = None,
                       before_work: Callable[[], Any] | None = None, boundary: Callable[[T], bool] | None = None,
                       in_flight_per_worker: int = 2) -> Iterator[tuple[T, R, bool]]:
    """:func:`map_chunks`, except that an item whose result ``lookup`` already holds is not computed.

    Yields ``(item, result, reused)`` in input order. ``lookup`` receives consecutive
    batches of ``chunk_size`` items and returns, for each, its stored result or None. With
    ``boundary``, a batch ends after an item for which it is true instead (or at
    :data:`BATCH_LIMIT` chunks): batches cut by content stay the same batches when items
    are added elsewhere, so a store can keep a whole batch's result under one key.
    Only the others go to ``work``, in chunks of up to ``chunk_size`` (gathered from
    up to :data:`SPAN_CHUNKS` batches, so a refresh that changes 1 % of a corpus still
    sends full chunks); memory stays bounded by the window. The pool (and
    ``before_work``, e.g. building a model) starts only when the first item needs work,
    so a run with nothing new starts neither.
    """
    _check_options(workers, executor, scheduler)
    window = _window(workers, executor, in_flight_per_worker)
    with contextlib.ExitStack() as stack:
        submit: Callable[..., Any] | None = None
        pending: deque[tuple[list[tuple[T, R | None]], Future | list[R] | None]] = deque()
        for span in _spans(items, lookup, chunk_size, boundary):
            misses = [item for item, found in span if found is None]
            job: Future | list[R] | None = None
            if misses:
                if submit is None:
                    if before_work is not None:
                        before_work()
                    submit = stack.enter_context(_submitter(workers, executor, scheduler))
                job = submit(work, misses)
            pending.append((span, job))
            while len(pending) >= window:
                yield from _merged(*pending.popleft())
        while pending:
            yield from _merged(*pending.popleft())


#: A chunk of items to compute gathers them from at most this many lookup batches.
SPAN_CHUNKS = 16


#: A batch cut by content ends after this many chunks' worth of items even without a boundary.
BATCH_LIMIT = 8


def _batches(items: Iterable[T], chunk_size: int, boundary: Callable[[T], bool] | None) -> Iterator[list[T]]:
    if boundary is None:
        yield from chunked(items, chunk_size)
        return
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if boundary(item) or len(batch) >= BATCH_LIMIT * chunk_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _spans(items: Iterable[T], lookup: Callable[[list[T]], list[R | None]], chunk_size: int,
           boundary: Callable[[T], bool] | None) -> Iterator[list[tuple[T, R | None]]]:
    span: list[tuple[T, R | None]] = []
    misses = 0
    for batch in _batches(items, chunk_size, boundary):
        found = lookup(batch)
        if len(found) != len(batch):
            raise ValueError(f"lookup returned {len(found)} results for {len(batch)} items")
        for item, result in zip(batch, found):
            span.append((item, result))
            misses += result is None
            if misses == chunk_size:
                yield span
                span, misses = [], 0
        if len(span) >= SPAN_CHUNKS * chunk_size:
            yield span
            span, misses = [], 0
    if span:
        yield span


def _merged(span: list[tuple[T, R | None]], job: Future | list[R] | None) -> Iterator[tuple[T, R, bool]]:
    computed = iter(() if job is None else job if isinstance(job, list) else job.result())
    for item, found in span:
        if found is None:
            yield item, next(computed), False
        else:
            yield item, found, True


def _window(workers: int, executor: str, in_flight_per_worker: int) -> int:
    # in this process a chunk is computed when submitted: one at a time keeps the map lazy
    return 1 if executor == "local" and workers == 1 else max(1, workers * in_flight_per_worker)


def _check_options(workers: int, executor: str, scheduler: str | None) -> None:
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if scheduler is not None and executor != "dask":
        raise ValueError("--scheduler needs --executor dask")


@contextlib.contextmanager
def _submitter(workers: int, executor: str, scheduler: str | None) -> Iterator[Callable[..., Any]]:
    """``submit(work, chunk)``: a future of ``work(chunk)``, or with one local worker its result computed here."""
    if executor == "dask":
        with _dask_client(workers, scheduler) as client:
            yield lambda function, chunk: client.submit(function, chunk, pure=False)
    elif workers == 1:
        yield lambda function, chunk: function(chunk)
    else:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        # Forked workers would otherwise have their garbage collector walk every object the
        # parent held at the fork, copying those shared pages and burning CPU (measured in docs/scaling.md).
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                yield pool.submit
        finally:
            gc.unfreeze()


def _ordered_window(submit: Callable[..., Any], work: Callable[[list[T]], list[R]], chunks: Iterator[list[T]],
                    window: int) -> Iterator[R]:
    pending: deque[Future | list[R]] = deque()
    for chunk in chunks:
        pending.append(submit(work, chunk))
        if len(pending) >= window:
            yield from _result(pending.popleft())
    while pending:
        yield from _result(pending.popleft())


def _result(job: Future | list[R]) -> list[R]:
    return job if isinstance(job, list) else job.result()


@contextlib.contextmanager
def _dask_client(workers: int, scheduler: str | None) -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
