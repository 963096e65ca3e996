"""The relations stage: documents + mentions + Table 1 rows -> ``relations.jsonl``.

The run option ``relation_agents`` picks the agents: ``project`` (default, the
review's agents), ``drugs`` (also DrugBank-normalised drugs) or ``chemicals`` (also MeSH ids).
Reads ``documents.jsonl``, ``mentions.jsonl`` and ``table1.jsonl`` from the run folder;
never reads the gold table. A bad line or a mention whose offsets do not match its
document is reported (``relations_errors.jsonl``, naming file/line or document) and
skipped; everything else is still processed.
"""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from pathlib import Path
from typing import TypeVar

from ..context import RunContext
from ..errors import InputError
from ..io import from_dict, write_jsonl
from ..parallel import extract_chunk, map_chunks
from ..records import Document, Mention, Relation, TableRow

logger = logging.getLogger(__name__)

T = TypeVar("T")
OUTPUT = "relations.jsonl"
ERRORS = "relations_errors.jsonl"


def _read(path: Path, cls: type[T], errors: list[InputError]) -> list[T]:
    records: list[T] = []
    if not path.exists():
        errors.append(InputError(str(path), "file not found"))
        return records
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(from_dict(cls, json.loads(line)))
            except json.JSONDecodeError as exc:
                errors.append(InputError(str(path), f"not valid JSON ({exc.msg})", line=number))
            except (TypeError, ValueError, KeyError) as exc:
                errors.append(InputError(str(path), f"does not fit {cls.__name__}: {exc}", line=number))
    return records


def check_mentions(documents: list[Document], mentions: list[Mention],
                   errors: list[InputError]) -> list[Mention]:
    """Keep the mentions whose offsets fall in their document and slice to their text."""
    texts = {d.doc_id: d.text for d in documents}
    kept = []
    for m in mentions:
        text = texts.get(m.doc_id)
        if text is None:
            errors.append(InputError(m.doc_id, f"mention {m.text!r} names an unknown document"))
        elif not (0 <= m.start < m.end <= len(text)) or text[m.start:m.end] != m.text:
            errors.append(InputError(m.doc_id, f"mention {m.text!r} at {m.start}:{m.end} does not match the text"))
        else:
            kept.append(m)
    return kept


def extract_all(documents: list[Document], mentions: list[Mention], rows: list[TableRow],
                errors: list[InputError], agent_scope: str = "project",
                context: RunContext | None = None) -> list[Relation]:
    """Run the extractor document by document so one bad document does not stop the others.

    Documents go through :func:`pipeline.parallel.map_chunks` with the run's
    ``workers``, ``executor``, ``scheduler`` and ``chunk_size`` (one process without a
    ``context``); the result is the same whatever those are.
    """
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    rows_by_doc: dict[str, list[TableRow]] = {}
    for row in rows:
        rows_by_doc.setdefault(row.doc_id, []).append(row)
    items = [(d, by_doc.get(d.doc_id, []), rows_by_doc.get(d.doc_id, [])) for d in documents]
    options = {} if context is None else {"workers": context.workers, "chunk_size": context.chunk_size,
                                          "executor": context.executor, "scheduler": context.scheduler}
    relations: list[Relation] = []
    results = map_chunks(functools.partial(extract_chunk, agent_scope=agent_scope), items, **options)
    for document, (found, error) in zip(documents, results):
        if error is not None:
            errors.append(InputError(document.doc_id, error))
        relations.extend(found)
    return sorted(relations, key=lambda r: (r.doc_id, r.sentence_start, r.object_start, r.agent_start,
                                            r.effect, r.relation_id))


def run_stage(context: RunContext) -> dict[str, int]:
    """Extract relations from the run folder's documents, mentions and Table 1 rows."""
    errors: list[InputError] = []
    out = Path(context.out_dir)
    documents = _read(out / "documents.jsonl", Document, errors)
    mentions = check_mentions(documents, _read(out / "mentions.jsonl", Mention, errors), errors)
    rows = _read(out / "table1.jsonl", TableRow, errors)
    scope = context.option("relation_agents", "project") or "project"
    relations = extract_all(documents, mentions, rows, errors, scope, context)
    write_jsonl(relations, out / OUTPUT)
    write_jsonl([{"source": e.source, "line": e.line, "message": str(e)} for e in errors], out / ERRORS)
    for error in errors:
        logger.warning("%s", error)
    effects = Counter(r.effect for r in relations)
    counts = {"relations": len(relations), "documents": len({r.doc_id for r in relations}),
              "negated": sum(r.negated for r in relations), "hedged": sum(r.hedged for r in relations),
              "input_errors": len(errors)}
    counts.update({f"effect_{k}": v for k, v in sorted(effects.items())})
    return counts
