"""The ingest stage: the run's inputs -> documents, Table 1 rows, rejected inputs and PubMed deletions.

Documents are written as they come out of :func:`~pipeline.ingest.stream_corpus`
(canonical order), so a run over PubMed baseline files never holds them all.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..context import RunContext
from ..io import remove_stale_temp_files, write_jsonl
from ..progress import progress
from .corpus import stream_corpus
from .canonical import remove_stale_spills

logger = logging.getLogger(__name__)


def ingest_corpus(context: RunContext, *, documents: Path, table1: Path, ingest_errors: Path,
                  ingest_deletions: Path) -> dict[str, int]:
    """Ingest every input named by ``context`` and write the four stage files.

    Returns
    -------
    dict[str, int]
        ``documents``, ``pubmed_documents``, ``sentences``, ``table_rows``, ``input_errors``
        (inputs rejected, each named in ``ingest_errors``) and ``deleted_pmids``.
    """
    # Ingest starts every run, so it clears what a killed earlier run left half-written.
    remove_stale_temp_files(context.out_dir)
    remove_stale_spills(context.out_dir)
    stream = stream_corpus(context)
    counts: Counter[str] = Counter()

    def counted() -> Iterator[dict[str, Any]]:
        for document in progress(stream.documents, desc="ingest", context=context):
            counts["documents"] += 1
            counts["pubmed_documents"] += document["source"] == "pubmed"
            counts["sentences"] += len(document["sentences"])
            yield document

    write_jsonl(counted(), documents)
    write_jsonl(stream.table_rows, table1)
    write_jsonl(({"source": e.source, "line": e.line, "message": str(e)} for e in stream.errors),
                ingest_errors)
    write_jsonl(stream.deletions, ingest_deletions)
    for error in stream.errors:
        logger.warning("skipped: %s", error)
    return {
        "documents": counts["documents"],
        "pubmed_documents": counts["pubmed_documents"],
        "sentences": counts["sentences"],
        "table_rows": len(stream.table_rows),
        "input_errors": len(stream.errors),
        "deleted_pmids": len(stream.deletions),
        "control_characters_replaced": stream.replaced["control_characters"],
    }
