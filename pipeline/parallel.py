"""Ordered, chunked, streaming map over documents: in-process, across local processes, or on Dask.

A caller hands this module a picklable top-level function ``work(chunk) -> list[result]``
(Dask workers import it by its module path). Chunks are submitted through a bounded
window, so memory stays flat however long the input stream is, and results come back
in input order, so output is identical whatever the executor or the number of workers.

This module knows nothing of the stages: each stage keeps its own work function in
its room (``pipeline/ner/work.py``, ``pipeline/relations/work.py``).
"""

from __future__ import annotations

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
        # parent held at the fork, copying those shared pages and burning CPU (measured in docs/scaling.md).
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
