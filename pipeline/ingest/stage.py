"""The ingest stage: writes documents.jsonl, table1.jsonl and ingest_errors.jsonl."""

from __future__ import annotations

from ..context import RunContext
from ..io import remove_stale_temp_files, write_jsonl
from . import ingest_corpus


def run_stage(context: RunContext) -> dict[str, int]:
    # Ingest starts every run, so it clears what a killed earlier run left half-written.
    remove_stale_temp_files(context.out_dir)
    result = ingest_corpus(context)
    out = context.out_dir
    write_jsonl(result.documents, out / "documents.jsonl")
    write_jsonl(result.table_rows, out / "table1.jsonl")
    write_jsonl(({"source": e.source, "line": e.line, "message": str(e)} for e in result.errors),
                out / "ingest_errors.jsonl")
    return {
        "documents": len(result.documents),
        "pubmed_documents": sum(1 for d in result.documents if d.source == "pubmed"),
        "sentences": sum(len(d.sentences) for d in result.documents),
        "table_rows": len(result.table_rows),
        "input_errors": len(result.errors),
    }
