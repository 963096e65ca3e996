"""The NER stage: documents -> mentions (with ``--refresh``, reusing the result store's unchanged documents)."""

from __future__ import annotations

import functools
import logging
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..context import DATA_DIR, DEFAULT_AGENTS_TABLE, NER_PROFILES, PACKAGE_DIR, RunContext
from ..errors import InputError
from ..io import atomic_writer, iter_text_lines
from ..parallel import map_chunks, map_chunks_reusing
from ..progress import progress
from ..store import BatchRecorder, ResultStore, batch_key, fingerprint, result_key, shared_sources
from .work import EncodedMentions, recognize_lines, recognize_raw_lines, worker_nlp

logger = logging.getLogger(__name__)


def result_fingerprint(profile: str, agents_table: str = "") -> str:
    """What shapes a document's mentions besides its own line: code, data tables, lexicons, profile,
    and the project's agents table (``agents_table``, a path; "" for the IL-6 project's, under ``DATA_DIR``).

    The data tables of the other stages (and the parser's) are left out; the compiled lexicon cache is in,
    except the matchers it pickles from files already counted.
    """
    from .lexicon import DEFAULT_CACHE_DIR, drug_dictionary_path  # these load spaCy, which --help must not

    sources = [*shared_sources(), PACKAGE_DIR / "ner", DATA_DIR, DEFAULT_CACHE_DIR, drug_dictionary_path()]
    if agents_table:
        sources.append(Path(agents_table))
    # the other stages' tables: relation rules, evidence grades (relations), the parser's model and tables
    others = [DATA_DIR / name for name in ("relations", "reconcile", "ingest", "evidence", "parser", "models")]
    return fingerprint(sources, exclude=others, skip_names=["matchers-*.pickle"],
                       settings=[f"profile={profile}", f"agents={agents_table}"])


def recognize_corpus(context: RunContext, *, documents: Path, mentions: Path,
                     result_store: Path | None = None) -> dict[str, int]:
    """Recognise mentions in every document of the run and write them to ``mentions``.

    ``documents`` is read lazily, line by line, and its lines go through
    :func:`pipeline.parallel.map_chunks` in chunks of ``context.chunk_size`` (``--workers``,
    ``--executor``, ``--scheduler``) to :func:`pipeline.ner.work.recognize_lines`, which decodes
    documents and encodes mentions in the worker. Mentions stream to the file as they come,
    in the order of ``documents`` (each document's mentions sorted by offsets), the
    same file whatever the workers. Memory does not grow with the number of documents.

    Returns
    -------
    dict[str, int]
        ``documents``, ``mentions`` and one count per label; with ``context.refresh``, also
        ``reused`` and ``computed`` (documents whose mentions came from / went into ``result_store``).

    Raises
    ------
    InputError
        Naming ``documents`` and the line of a record that cannot be read.
    """
    profile = NER_PROFILES[0]  # both run profiles (context.PROFILES) use the one NER
    # the IL-6 project's agents are the lexicon's own; another project's table is named by its path
    agents_table = "" if context.project.agents_table == DEFAULT_AGENTS_TABLE else str(context.project.agents_table)
    source = documents
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file")
    counts: Counter[str] = Counter()
    read = 0

    def document_lines() -> Iterator[tuple[int, str]]:
        nonlocal read
        for number, line in iter_text_lines(source):
            if line.strip():
                read += 1
                yield number, line

    def raw_document_lines() -> Iterator[tuple[int, bytes]]:
        # a refresh hashes the bytes as read and decodes only the lines it computes
        nonlocal read
        with source.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                line = raw.rstrip(b"\n").rstrip(b"\r")
                if line.strip():
                    read += 1
                    yield number, line

    def build_nlp() -> None:
        if context.executor == "local":
            worker_nlp(profile, agents_table)  # built once here; forked local workers inherit it

    options = {"workers": context.workers, "chunk_size": context.chunk_size, "executor": context.executor,
               "scheduler": context.scheduler}
    store_counts: dict[str, int] = {}

    def results() -> Iterator[tuple[EncodedMentions, bytes]]:
        if context.refresh:
            work = functools.partial(recognize_raw_lines, profile=profile, agents_table=agents_table)
            lines = progress(raw_document_lines(), desc="ner", context=context)
            yield from _refreshed(work, lines, options, result_store, profile, agents_table, build_nlp,
                                  store_counts)
            return
        build_nlp()
        work = functools.partial(recognize_lines, profile=profile, agents_table=agents_table)
        lines = progress(document_lines(), desc="ner", context=context)
        for found in map_chunks(work, lines, **options):
            yield found, found.text.encode("utf-8")

    with atomic_writer(mentions, "wb") as handle:
        for found, data in results():
            if found.error is not None:
                raise InputError(str(source), found.error, line=found.line)
            counts.update(found.labels)
            handle.write(data)
    total = sum(counts.values())
    logger.info("ner: %d mentions in %d documents %s", total, read, dict(counts))
    return {"documents": read, "mentions": total,
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}, **store_counts}


def _stored(found: EncodedMentions, data: bytes) -> bytes:
    # the labels, then the mention lines as written: read back with one partition, no JSON, no decoding
    return ",".join(found.labels).encode() + b"\n" + data


#: A refresh reads documents in batches cut where a line's CRC ends in three zero bits (8 lines on
#: average): a batch no line of which changed is read from the store whole (store.BatchRecorder).
#: Small batches, because a batch that did change is read document by document, and a document's
#: mentions are kilobytes (relations, a few hundred bytes, use 32).
BATCH_BITS = 0x7


def _batch_end(item: tuple[int, bytes]) -> bool:
    return zlib.crc32(item[1]) & BATCH_BITS == 0


def _combined(results: list[tuple[EncodedMentions, bytes]]) -> bytes:
    """A batch's results as one stored value: all labels, then all mention lines."""
    labels = [label for found, _ in results for label in found.labels]
    return _stored(EncodedMentions(labels=tuple(labels)), b"".join(data for _, data in results))


#: What a document of a batch read whole stands for after the first (which carries the batch).
_NOTHING: tuple[EncodedMentions, bytes] = (EncodedMentions(), b"")


def _from_store(value: bytes) -> tuple[EncodedMentions, bytes]:
    labels, _, data = value.partition(b"\n")
    return EncodedMentions(labels=tuple(labels.decode().split(",")) if labels else ()), data


def _refreshed(work: Callable[[list[tuple[int, bytes]]], list[EncodedMentions]], lines: Iterator[tuple[int, bytes]],
               options: dict[str, Any], store_path: Path | None, profile: str, agents_table: str, before_work: Callable[[], None],
               store_counts: dict[str, int]) -> Iterator[tuple[EncodedMentions, bytes]]:
    """Each document's mentions from the store when its line and the fingerprint are unchanged, else computed."""
    if store_path is None:
        raise ValueError("a refresh needs the run folder's result store path")
    stage_fingerprint = result_fingerprint(profile, agents_table)

    with ResultStore(store_path, "ner") as store:
        recorder = BatchRecorder(store, _combined)

        def lookup(batch: list[tuple[int, bytes]]) -> list[tuple[EncodedMentions, bytes] | None]:
            lines = [line for _, line in batch]
            whole_key = batch_key(stage_fingerprint, lines)
            whole = store.get_batch(whole_key)
            if whole is not None:
                return [_from_store(whole), *([_NOTHING] * (len(batch) - 1))]
            keys = [result_key(stage_fingerprint, line) for line in lines]
            recorder.expect(whole_key, [number for number, _ in batch], keys)
            return [None if value is None else _from_store(value) for value in store.get_many(keys)]

        computed = 0
        for (number, line), result, reused in map_chunks_reusing(work, lines, lookup, before_work=before_work,
                                                                 boundary=_batch_end, **options):
            if reused:
                found, data = result
            else:
                computed += 1
                found, data = result, result.text.encode("utf-8")
                if found.error is None:
                    store.put(result_key(stage_fingerprint, line), _stored(found, data))
            recorder.done(number, (found, data) if found.error is None else None)
            yield found, data
        store.flush()
        store_counts.update(reused=store.reused, computed=computed)
