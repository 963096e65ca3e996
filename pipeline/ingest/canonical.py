"""The canonical document order of a run, for an input stream of any length.

``documents.jsonl`` lists the review first, then PubMed documents by numeric PMID,
then any other id in string order; the NER and relations stages follow that file's
order, so their outputs follow it too. Inputs arrive in another order (files as
given, articles as in each file) and may name a document twice (an update file
revising a baseline article), so :func:`canonical_documents` sorts them by an
external merge sort: sorted runs of at most ``run_size`` entries are spilled to
JSONL files in a private folder and merged back, so memory is bounded by the run
size and the number of runs, not by the input.

Of several entries for one ``doc_id`` the one with the highest ``priority`` wins
(ties cannot happen: callers number their entries). An entry without a document is a
deletion (``<DeleteCitation>``): when it wins, the document is left out and the
deletion listed (a deletion is an instruction of the update file, not a rejected input). Documents travel in their JSON form (:func:`pipeline.io.to_jsonable`
of a :class:`~pipeline.records.Document`): spilled runs are read back without being
rebuilt into records, which would cost more than the rest of the sort.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io import iter_jsonl, process_alive, write_jsonl
from ..records import REVIEW_DOC_ID
from ..textcheck import is_ascii_int

logger = logging.getLogger(__name__)

DEFAULT_RUN_SIZE = 500
# Runs merged at once; past this many, the spilled runs are first merged into one.
MAX_OPEN_RUNS = 64
SPILL_PREFIX = ".ingest-spill-"


@dataclass(frozen=True)
class Entry:
    """One input document (JSON form), or a deletion of ``doc_id`` when ``document`` is None.

    ``priority`` decides between entries of the same ``doc_id``: the highest wins.
    ``origin`` names where a deletion came from, for its report.
    """

    doc_id: str
    priority: tuple[int, int]
    document: dict[str, Any] | None = None
    origin: str = ""


@dataclass(frozen=True)
class Deletion:
    """A ``<DeleteCitation>`` that won: ``doc_id`` left out of the run, deleted by the file ``origin``.

    ``replaced``: an earlier version of the document was read (and left out too).
    """

    doc_id: str
    origin: str
    replaced: bool


def document_order(doc_id: str) -> tuple[int, int, str]:
    """Sort key of a document id: the review, then ``pmid:N`` by N, then other ids by string."""
    if doc_id == REVIEW_DOC_ID:
        return (0, 0, "")
    prefix, _, suffix = doc_id.partition(":")
    if prefix == "pmid" and suffix.isascii() and suffix.isdigit():
        return (1, int(suffix), "")
    return (2, 0, doc_id)


def _key(entry: Entry) -> tuple:
    return (document_order(entry.doc_id), entry.doc_id, entry.priority)


def _winners(entries: Iterable[Entry]) -> Iterator[tuple[Entry, bool]]:
    """The last (highest-priority) entry of each run of equal ids, and whether it replaced a document."""
    for _, group in itertools.groupby(entries, key=lambda e: e.doc_id):
        *earlier, last = group
        yield last, any(e.document is not None for e in earlier)


def _spill(pairs: Iterable[tuple[Entry, bool]], folder: Path, number: int) -> Path:
    path = folder / f"run{number:06d}.jsonl"
    write_jsonl(({"doc_id": e.doc_id, "priority": list(e.priority), "origin": e.origin, "replaced": replaced,
                  "document": e.document} for e, replaced in pairs), path)
    return path


def _read_run(path: Path) -> Iterator[tuple[Entry, bool]]:
    for data in iter_jsonl(path):
        yield Entry(data["doc_id"], tuple(data["priority"]), data["document"], data["origin"]), data["replaced"]


def _merge(runs: list[Iterator[tuple[Entry, bool]]]) -> Iterator[tuple[Entry, bool]]:
    merged = heapq.merge(*runs, key=lambda pair: _key(pair[0]))
    for _, group in itertools.groupby(merged, key=lambda pair: pair[0].doc_id):
        *earlier, (last, replaced) = group
        yield last, replaced or any(e.document is not None or r for e, r in earlier)


def canonical_documents(entries: Iterable[Entry], deletions: list[Deletion], *, spill_dir: Path,
                        run_size: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the winning document (JSON form) of every id in :func:`document_order`, each id once.

    Parameters
    ----------
    entries
        Documents and deletions in any order.
    deletions
        Each deletion that wins is appended here, in document order.
    spill_dir
        Folder in which a private temporary folder holds the sorted runs (removed at the end).
    run_size
        Entries held in memory at once (default :data:`DEFAULT_RUN_SIZE`); with no more
        entries than this nothing is spilled.
    """
    run_size = DEFAULT_RUN_SIZE if run_size is None else run_size
    if run_size < 1:
        raise ValueError(f"run size must be >= 1, got {run_size}")
    buffer: list[Entry] = []
    folder: Path | None = None
    runs: list[Path] = []
    names = itertools.count()
    try:
        for entry in entries:
            buffer.append(entry)
            if len(buffer) >= run_size:
                if folder is None:
                    spill_dir.mkdir(parents=True, exist_ok=True)
                    folder = Path(tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=spill_dir))
                runs.append(_spill(_winners(sorted(buffer, key=_key)), folder, next(names)))
                buffer.clear()
                if len(runs) >= MAX_OPEN_RUNS:
                    merged = _merge([_read_run(p) for p in runs])
                    combined = _spill(merged, folder, next(names))
                    for path in runs:
                        path.unlink()
                    runs = [combined]
        tail = _winners(sorted(buffer, key=_key))
        buffer = []
        if runs:
            logger.info("ingest: merging %d sorted runs spilled to %s", len(runs) + 1, folder)
        for entry, replaced in _merge([tail, *(_read_run(p) for p in runs)]) if runs else tail:
            if entry.document is not None:
                yield entry.document
            else:
                deletions.append(Deletion(entry.doc_id, entry.origin, replaced))
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def remove_stale_spills(directory: Path) -> list[Path]:
    """Delete spill folders that a killed ingest left in ``directory`` (their process is gone)."""
    removed = []
    for path in sorted(Path(directory).glob(f"{SPILL_PREFIX}*")):
        pid = path.name[len(SPILL_PREFIX):].partition("-")[0]
        if path.is_dir() and is_ascii_int(pid) and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed

