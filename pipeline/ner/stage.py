"""The NER stage: ``documents.jsonl`` -> ``mentions.jsonl``."""

from __future__ import annotations

import logging
from collections import Counter

from ..context import RunContext
from ..io import read_jsonl, write_jsonl
from ..records import Document
from .factory import build_nlp
from .recognize import recognize_mentions

logger = logging.getLogger(__name__)


def run_stage(context: RunContext) -> dict[str, int]:
    """Recognise mentions in every document of the run and write ``mentions.jsonl``.

    Returns
    -------
    dict[str, int]
        ``documents``, ``mentions`` and one count per label.
    """
    documents = read_jsonl(context.out_dir / "documents.jsonl", Document)
    nlp = build_nlp(context.profile if context.profile in ("fast", "accurate") else "fast")
    mentions = recognize_mentions(documents, nlp)
    write_jsonl(mentions, context.out_dir / "mentions.jsonl")
    counts = Counter(m.label for m in mentions)
    logger.info("ner: %d mentions in %d documents %s", len(mentions), len(documents), dict(counts))
    return {"documents": len(documents), "mentions": len(mentions),
            **{f"mentions_{label.lower()}": n for label, n in sorted(counts.items())}}
