"""The NER stage: ``documents.jsonl`` -> ``mentions.jsonl``."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterator

from ..context import RunContext
from ..errors import InputError
from ..io import iter_text_lines, write_text_blocks
from ..parallel import map_chunks, recognize_lines, worker_nlp

logger = logging.getLogger(__name__)


def run_stage(context: RunContext) -> dict[str, int]:
    """Recognise mentions in every document of the run and write ``mentions.jsonl``.

    ``documents.jsonl`` is read lazily, line by line, and its lines go through
    :func:`pipeline.parallel.map_chunks` in chunks of ``context.chunk_size`` (``--workers``,
    ``--executor``, ``--scheduler``) to :func:`pipeline.parallel.recognize_lines`, which decodes
    documents and encodes mentions in the worker. Mentions stream to the file as they come,
    in the order of ``documents.jsonl`` (each document's mentions sorted by offsets), the
    same file whatever the workers. Memory does not grow with the number of documents.

    Returns
    -------
    dict[str, int]
        ``documents``, ``mentions`` and one count per label.

    Raises
    ------
    InputError
        Naming ``documents.jsonl`` and the line of a record that cannot be read.
    """
    profile = "fast"  # the only NER profile
    if context.executor == "local":
        worker_nlp(profile)  # built once here; forked local workers inherit it
    source = context.out_dir / "documents.jsonl"
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

    def mention_lines() -> Iterator[str]:
        work = functools.partial(recognize_lines, profile=profile)
        for found in map_chunks(work, document_lines(), workers=context.workers, chunk_size=context.chunk_size,
                                executor=context.executor, scheduler=context.scheduler):
            if found.error is not None:
                raise InputError(str(source), found.error, line=found.line)
            counts.update(found.labels)
            yield found.text

    write_text_blocks(mention_lines(), context.out_dir / "mentions.jsonl")
    total = sum(counts.values())
    logger.info("ner: %d mentions in %d documents %s", total, read, dict(counts))
    return {"documents": read, "mentions": total,
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}}
