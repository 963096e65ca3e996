"""The NER stage: documents -> mentions (with ``--refresh``, reusing the result store's unchanged documents)."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..context import DATA_DIR, PACKAGE_DIR, RunContext
from ..errors import InputError
from ..io import iter_text_lines, write_text_blocks
from ..parallel import map_chunks, map_chunks_reusing
from ..store import ResultStore, fingerprint, result_key, shared_sources
from .work import EncodedMentions, recognize_lines, worker_nlp

logger = logging.getLogger(__name__)


def result_fingerprint(profile: str) -> str:
    """What shapes a document's mentions besides its own line: code, data tables, lexicons, model, profile.

    The data tables of the other stages are left out; the compiled lexicon cache is in,
    except the matchers it pickles from files already counted.
    """
    from .lexicon import DEFAULT_CACHE_DIR, drug_dictionary_path  # these load spaCy, which --help must not
    from .model import DEFAULT_MODEL_DIR

    sources = [*shared_sources(), PACKAGE_DIR / "ner", DATA_DIR, DEFAULT_CACHE_DIR, drug_dictionary_path()]
    if profile == "accurate":
        sources.append(DEFAULT_MODEL_DIR)
    return fingerprint(sources, exclude=[DATA_DIR / "relations", DATA_DIR / "reconcile", DATA_DIR / "ingest"],
                       skip_names=["matchers-*.pickle"], settings=[f"profile={profile}"])


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
    profile = context.profile  # one of context.PROFILES, checked by RunContext
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

    def build_nlp() -> None:
        if context.executor == "local":
            worker_nlp(profile)  # built once here; forked local workers inherit it

    work = functools.partial(recognize_lines, profile=profile)
    options = {"workers": context.workers, "chunk_size": context.chunk_size, "executor": context.executor,
               "scheduler": context.scheduler}
    store_counts: dict[str, int] = {}

    def mention_lines() -> Iterator[str]:
        if context.refresh:
            yield from _refreshed(work, document_lines(), options, result_store, profile, build_nlp, store_counts)
            return
        build_nlp()
        yield from map_chunks(work, document_lines(), **options)

    def checked() -> Iterator[str]:
        for found in mention_lines():
            if found.error is not None:
                raise InputError(str(source), found.error, line=found.line)
            counts.update(found.labels)
            yield found.text

    write_text_blocks(checked(), mentions)
    total = sum(counts.values())
    logger.info("ner: %d mentions in %d documents %s", total, read, dict(counts))
    return {"documents": read, "mentions": total,
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}, **store_counts}


#: Computed results are committed to the store every this many documents, so a killed
#: refresh keeps most of its work.
COMMIT_EVERY = 512


def _stored(found: EncodedMentions) -> str:
    # the labels, then the mention lines: split with one partition, no JSON to parse on every reuse
    return ",".join(found.labels) + "\n" + found.text


def _decoded(value: str) -> EncodedMentions:
    labels, _, text = value.partition("\n")
    return EncodedMentions(text, tuple(labels.split(",")) if labels else ())


def _refreshed(work: Callable[[list[tuple[int, str]]], list[EncodedMentions]], lines: Iterator[tuple[int, str]],
               options: dict[str, Any], store_path: Path | None, profile: str, before_work: Callable[[], None],
               store_counts: dict[str, int]) -> Iterator[EncodedMentions]:
    """Each document's mentions from the store when its line and the fingerprint are unchanged, else computed."""
    if store_path is None:
        raise ValueError("a refresh needs the run folder's result store path")
    stage_fingerprint = result_fingerprint(profile)
    keys: dict[int, bytes] = {}

    with ResultStore(store_path, "ner") as store:
        def lookup(batch: list[tuple[int, str]]) -> list[EncodedMentions | None]:
            batch_keys = [result_key(stage_fingerprint, line) for _, line in batch]
            keys.update(zip((number for number, _ in batch), batch_keys))
            return [None if value is None else _decoded(value)
                    for value in store.get_many(batch_keys)]

        fresh: list[tuple[bytes, str]] = []
        computed = 0
        for (number, _), found, reused in map_chunks_reusing(work, lines, lookup, before_work=before_work, **options):
            key = keys.pop(number)
            computed += not reused
            if not reused and found.error is None:
                fresh.append((key, _stored(found)))
                if len(fresh) >= COMMIT_EVERY:
                    store.put_many(fresh)
                    store.commit()
                    fresh.clear()
            yield found
        store.put_many(fresh)
        store_counts.update(reused=store.reused, computed=computed)
