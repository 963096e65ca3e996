"""The NER stage: ``documents.jsonl`` -> ``mentions.jsonl``."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterator

from ..context import RunContext
from ..io import read_jsonl, write_jsonl
from ..parallel import map_chunks, recognize_chunk, worker_nlp
from ..records import Document, Mention

logger = logging.getLogger(__name__)


def run_stage(context: RunContext) -> dict[str, int]:
    """Recognise mentions in every document of the run and write ``mentions.jsonl``.

    Documents go through :func:`pipeline.parallel.map_chunks` in chunks of
    ``context.chunk_size`` (``--workers``, ``--executor``, ``--scheduler``); mentions
    stream to the file in document-id order, the same file whatever the workers.

    Returns
    -------
    dict[str, int]
        ``documents``, ``mentions`` and one count per label.
    """
    profile = context.profile if context.profile in ("fast", "accurate") else "fast"
    # sorted by id, each document's mentions sorted by offsets: the order of one sorted list
    documents = sorted(read_jsonl(context.out_dir / "documents.jsonl", Document), key=lambda d: d.doc_id)
    if context.executor == "local":
        worker_nlp(profile)  # built once here; forked local workers inherit it
    counts: Counter[str] = Counter()

    def mentions() -> Iterator[Mention]:
        work = functools.partial(recognize_chunk, profile=profile)
        for found in map_chunks(work, documents, workers=context.workers, chunk_size=context.chunk_size,
                                executor=context.executor, scheduler=context.scheduler):
            counts.update(m.label for m in found)
            yield from found

    total = write_jsonl(mentions(), context.out_dir / "mentions.jsonl")
    logger.info("ner: %d mentions in %d documents %s", total, len(documents), dict(counts))
    return {"documents": len(documents), "mentions": total,
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}}
