"""The NER stage: ``documents.jsonl`` -> ``mentions.jsonl``."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterator

from ..context import RunContext
from ..io import iter_jsonl, write_jsonl
from ..parallel import map_chunks, recognize_chunk, worker_nlp
from ..records import Document, Mention

logger = logging.getLogger(__name__)


def run_stage(context: RunContext) -> dict[str, int]:
    """Recognise mentions in every document of the run and write ``mentions.jsonl``.

    ``documents.jsonl`` is read lazily and goes through :func:`pipeline.parallel.map_chunks`
    in chunks of ``context.chunk_size`` (``--workers``, ``--executor``, ``--scheduler``);
    mentions stream to the file as they come, in the order of ``documents.jsonl`` (each
    document's mentions sorted by offsets), the same file whatever the workers. Memory
    does not grow with the number of documents.

    Returns
    -------
    dict[str, int]
        ``documents``, ``mentions`` and one count per label.

    Raises
    ------
    InputError
        Naming ``documents.jsonl`` and the line of a record that cannot be read.
    """
    profile = context.profile if context.profile in ("fast", "accurate") else "fast"
    if context.executor == "local":
        worker_nlp(profile)  # built once here; forked local workers inherit it
    counts: Counter[str] = Counter()
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for document in iter_jsonl(context.out_dir / "documents.jsonl", Document):
            read += 1
            yield document

    def mentions() -> Iterator[Mention]:
        work = functools.partial(recognize_chunk, profile=profile)
        for found in map_chunks(work, documents(), workers=context.workers, chunk_size=context.chunk_size,
                                executor=context.executor, scheduler=context.scheduler):
            counts.update(m.label for m in found)
            yield from found

    total = write_jsonl(mentions(), context.out_dir / "mentions.jsonl")
    logger.info("ner: %d mentions in %d documents %s", total, read, dict(counts))
    return {"documents": read, "mentions": total,
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}}
