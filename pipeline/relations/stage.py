"""The relations stage: documents + mentions + Table 1 rows -> relations (and the inputs it rejected).

The run option ``relation_agents`` picks the agents: ``project`` (default, the
review's agents), ``drugs`` (also DrugBank-normalised drugs) or ``chemicals`` (also MeSH ids).
Never reads the gold table.

The documents and mentions files are merge-joined document by document
(mentions come in the order of the documents, as the NER stage writes them) and
relations are written as they are found, in that order, each document's sorted; only
the document ids and the Table 1 rows are held whole. A bad line, a mention naming an
unknown document, a mention out of order, or one whose offsets do not match its
document is reported (in the relations errors file, naming file and line) and skipped;
everything else is still processed.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import replace
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from ..context import DEFAULT_AGENT_SCOPE, RunContext
from ..errors import InputError
from ..grades import graded
from ..io import iter_records, write_jsonl
from ..parallel import map_chunks
from ..progress import progress
from ..records import Document, Mention, Relation, TableRow
from ..textcheck import span_fits
from .extract import may_relate
from .units import agent_prefixes
from .work import extract_chunk

logger = logging.getLogger(__name__)

T = TypeVar("T")
Item = tuple[Document, list[Mention], list[TableRow]]


def _records(path: Path, cls: type[T], errors: list[InputError] | None) -> Iterator[tuple[int, T]]:
    """(line number, record) of each readable line; the others reported in ``errors`` when given."""
    if not path.exists():
        if errors is not None:
            errors.append(InputError(str(path), "file not found"))
        return
    yield from iter_records(path, cls, errors if errors is not None else [])


def _document_lines(path: Path, errors: list[InputError]) -> dict[str, int]:
    """First pass over ``documents.jsonl``: the line of each document id (a repeated id is reported).

    Only the JSON is parsed here (building the records twice would double the cost of
    reading); a line that does not fit :class:`Document` is reported by the second pass.
    """
    lines: dict[str, int] = {}
    if not path.exists():
        return lines
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                data = json.loads(line) if line.strip() else None
            except (ValueError, RecursionError):  # not JSON or not UTF-8: reported by the second pass
                continue
            doc_id = data.get("doc_id") if isinstance(data, dict) else None
            if not isinstance(doc_id, str):
                continue
            first = lines.setdefault(doc_id, number)
            if first != number:
                errors.append(InputError(str(path), f"document {doc_id!r} repeats line {first}; skipped", line=number))
    return lines


def join_documents(documents_path: Path, mentions_path: Path, rows: Iterable[TableRow],
                   errors: list[InputError]) -> Iterator[Item]:
    """Each readable document of ``documents_path`` in file order, with its mentions and Table 1 rows.

    Mentions must come grouped by document in the order of ``documents_path``. A mention
    naming an unknown or unreadable document, one whose document was already passed (out
    of order) or one whose offsets do not slice its text is appended to ``errors`` (naming
    ``mentions_path`` and the line) and dropped.
    """
    position = _document_lines(documents_path, errors)
    rows_by_doc: dict[str, list[TableRow]] = {}
    for row in rows:
        rows_by_doc.setdefault(row.doc_id, []).append(row)

    def item(document: Document, mentions: list[Mention]) -> Item:
        return document, mentions, rows_by_doc.get(document.doc_id, [])

    documents = ((n, d) for n, d in _records(documents_path, Document, errors) if position.get(d.doc_id) == n)
    source = str(mentions_path)
    current: tuple[int, Document] | None = None  # the document whose mentions are being collected
    ahead: tuple[int, Document] | None = None  # read past an unreadable document, not yet yielded
    passed = 0  # line of the last document yielded or current
    found: list[Mention] = []
    for number, mention in _records(mentions_path, Mention, errors):
        line = position.get(mention.doc_id)
        if line is None:
            errors.append(InputError(source, f"mention {mention.text!r} names an unknown document "
                                             f"{mention.doc_id!r}", line=number))
            continue
        if current is None or line != current[0]:
            if line <= passed:
                errors.append(InputError(source, f"mention {mention.text!r} of document {mention.doc_id!r} is out "
                                                 "of order (mentions must follow the order of the documents file)",
                                         line=number))
                continue
            if current is not None:
                yield item(current[1], found)
                current = None
            while (candidate := ahead or next(documents, None)) is not None:
                ahead = None
                if candidate[0] > line:
                    ahead = candidate
                    break
                passed = candidate[0]
                if candidate[0] == line:
                    current, found = candidate, []
                    break
                yield item(candidate[1], [])
            if current is None:
                errors.append(InputError(source, f"mention {mention.text!r} names document {mention.doc_id!r}, "
                                                 "which could not be read", line=number))
                continue
        text = current[1].text
        if not span_fits(text, mention.start, mention.end, mention.text):
            errors.append(InputError(source, f"document {mention.doc_id}: mention {mention.text!r} at "
                                             f"{mention.start}:{mention.end} does not match the text", line=number))
            continue
        found.append(mention)
    if current is not None:
        yield item(current[1], found)
    if ahead is not None:
        yield item(ahead[1], [])
    for _, document in documents:
        yield item(document, [])


def _relation_order(relation: Relation) -> tuple:
    return (relation.sentence_start, relation.object_start, relation.agent_start, relation.effect,
            relation.relation_id)


def extract_stream(items: Iterable[Item], errors: list[InputError], agent_scope: str = DEFAULT_AGENT_SCOPE,
                   context: RunContext | None = None) -> Iterator[Relation]:
    """Extract relations document by document, in input order, so one bad document does not stop the others.

    Documents go through :func:`pipeline.parallel.map_chunks` with the run's
    ``workers``, ``executor``, ``scheduler`` and ``chunk_size`` (one process without a
    ``context``); the result is the same whatever those are. Each document's relations
    are sorted by sentence, object, agent, effect and id, and carry their document's PMID and
    their evidence grade (:func:`pipeline.grades.graded`).
    """
    options = {} if context is None else {"workers": context.workers, "chunk_size": context.chunk_size,
                                          "executor": context.executor, "scheduler": context.scheduler}
    agent_prefixes(agent_scope)  # an unknown scope is an error even when no document is sent to extraction
    in_flight: deque[tuple[str, str | None]] = deque()

    def tracked() -> Iterator[Item]:
        for item in items:
            # Most abstracts name no agent and yield nothing: they are not sent to a worker at all,
            # since pickling them costs more than extracting (docs/scaling.md). The relations keep their order.
            if may_relate(item[1], bool(item[2]), agent_scope, item[0]):
                in_flight.append((item[0].doc_id, item[0].pmid))
                yield item

    for found, error in map_chunks(functools.partial(extract_chunk, agent_scope=agent_scope), tracked(), **options):
        doc_id, pmid = in_flight.popleft()
        if error is not None:
            errors.append(InputError(doc_id, error))
        yield from (graded(replace(r, pmid=pmid)) for r in sorted(found, key=_relation_order))


def extract_corpus(context: RunContext, *, documents: Path, table1: Path, mentions: Path, relations: Path,
                   relations_errors: Path) -> dict[str, int]:
    """Extract relations from the run's documents, mentions and Table 1 rows.

    Writes ``relations`` and, one per rejected line or document, ``relations_errors``.
    """
    errors: list[InputError] = []
    rows = [row for _, row in _records(table1, TableRow, errors)]
    scope = context.option("relation_agents", DEFAULT_AGENT_SCOPE) or DEFAULT_AGENT_SCOPE
    items = progress(join_documents(documents, mentions, rows, errors), desc="relations", context=context)
    effects: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    last_doc: list[str] = [""]

    def extracted() -> Iterator[Relation]:
        for relation in extract_stream(items, errors, scope, context):
            effects[relation.effect] += 1
            if relation.doc_id != last_doc[0]:  # relations come grouped by document
                flags["documents"] += 1
                last_doc[0] = relation.doc_id
            flags["negated"] += relation.negated
            flags["hedged"] += relation.hedged
            yield relation

    total = write_jsonl(extracted(), relations)
    write_jsonl([{"source": e.source, "line": e.line, "message": str(e)} for e in errors], relations_errors)
    for error in errors:
        logger.warning("%s", error)
    counts = {"relations": total, "documents": flags["documents"], "negated": flags["negated"],
              "hedged": flags["hedged"], "input_errors": len(errors)}
    counts.update({f"effect_{k}": v for k, v in sorted(effects.items())})
    return counts
