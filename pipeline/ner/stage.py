"""The NER stage: documents -> mentions."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..context import DEFAULT_AGENTS_TABLE, RunContext
from ..errors import InputError
from ..io import iter_text_lines, write_text_blocks
from ..parallel import map_chunks
from ..progress import progress
from .work import recognize_lines, worker_nlp

logger = logging.getLogger(__name__)


def recognize_corpus(context: RunContext, *, documents: Path, mentions: Path) -> dict[str, int]:
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
        ``documents``, ``mentions`` and one count per label.

    Raises
    ------
    InputError
        Naming ``documents`` and the line of a record that cannot be read.
    """
    profile = context.profile  # "fast", the only NER profile (context.PROFILES, checked by RunContext)
    # the IL-6 project's agents are the lexicon's own; another project's table is named by its path
    agents_table = "" if context.project.agents_table == DEFAULT_AGENTS_TABLE else str(context.project.agents_table)
    if context.executor == "local":
        worker_nlp(profile, agents_table)  # built once here; forked local workers inherit it
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

    def mention_lines() -> Iterator[str]:
        work = functools.partial(recognize_lines, profile=profile, agents_table=agents_table)
        lines = progress(document_lines(), desc="ner", context=context)
        for found in map_chunks(work, lines, workers=context.workers, chunk_size=context.chunk_size,
                                executor=context.executor, scheduler=context.scheduler):
            if found.error is not None:
                raise InputError(str(source), found.error, line=found.line)
            counts.update(found.labels)
            yield found.text

    write_text_blocks(mention_lines(), mentions)
    total = sum(counts.values())
    logger.info("ner: %d mentions in %d documents %s", total, read, dict(counts))
    return {"documents": read, "mentions": total,
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}}
