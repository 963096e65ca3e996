"""The ingest stage: writes documents.jsonl, table1.jsonl, ingest_errors.jsonl and ingest_deletions.jsonl.

Documents are written as they come out of :func:`~pipeline.ingest.stream_corpus`
(canonical order), so a run over PubMed baseline files never holds them all.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..context import RunContext
from ..io import remove_stale_temp_files, write_jsonl
from . import stream_corpus
from .canonical import remove_stale_spills

logger = logging.getLogger(__name__)


def run_stage(context: RunContext) -> dict[str, int]:
    # Ingest starts every run, so it clears what a killed earlier run left half-written.
    remove_stale_temp_files(context.out_dir)
    remove_stale_spills(context.out_dir)
    stream = stream_corpus(context)
    out = context.out_dir
    counts: Counter[str] = Counter()

    def counted() -> Iterator[dict[str, Any]]:
        for document in stream.documents:
            counts["documents"] += 1
            counts["pubmed_documents"] += document["source"] == "pubmed"
            counts["sentences"] += len(document["sentences"])
            yield document

    write_jsonl(counted(), out / "documents.jsonl")
    write_jsonl(stream.table_rows, out / "table1.jsonl")
    write_jsonl(({"source": e.source, "line": e.line, "message": str(e)} for e in stream.errors),
                out / "ingest_errors.jsonl")
    write_jsonl(stream.deletions, out / "ingest_deletions.jsonl")
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
