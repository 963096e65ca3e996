"""The relations stage: documents + mentions + Table 1 rows -> relations (and the inputs it rejected).

The run's agent scope (``RunContext.agent_scope``: the profile's, or ``--option relation_agents``)
picks the agents: ``all`` (the default profile: every recognised agent), ``project`` (the fast
profile: the review's agents), ``drugs`` (those plus DrugBank-normalised drugs) or ``chemicals``
(plus MeSH ids).
Never reads the gold table.

The parent process only routes lines (:mod:`pipeline.relations.join`): each document's
line goes with its mention lines and Table 1 rows to a worker
(:func:`pipeline.relations.work.extract_lines`), which decodes and checks them, extracts
and encodes the relations. Relations are written as they come back, in the order of the
documents, each document's sorted; only the document ids and the Table 1 rows are held
whole. A bad line, a mention naming an unknown document, a mention out of order, or one
whose offsets do not match its document is reported (in the relations errors file,
naming file and line) and skipped; everything else is still processed. With
``--refresh``, a document whose line, mention lines and rows are unchanged (under the
same code and tables) takes its relations from the result store (:mod:`pipeline.store`).
"""

from __future__ import annotations

import functools
import logging
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ..context import DATA_DIR, PACKAGE_DIR, RunContext
from ..errors import InputError
from ..io import atomic_writer, iter_records, json_line, write_jsonl
from ..parallel import map_chunks, map_chunks_reusing
from ..progress import progress
from ..records import TableRow
from ..store import BatchRecorder, ResultStore, batch_key, fingerprint, result_key, shared_sources
from .join import RoutedDocument, route_documents
from .units import agent_prefixes
from .work import ExtractedLines, extract_lines

logger = logging.getLogger(__name__)

T = TypeVar("T")



def _records(path: Path, cls: type[T], errors: list[InputError]) -> Iterator[tuple[int, T]]:
    """(line number, record) of each readable line; the others reported in ``errors``."""
    if not path.exists():
        errors.append(InputError(str(path), "file not found"))
        return
    yield from iter_records(path, cls, errors)


def result_fingerprint(agent_scope: str) -> str:
    """What shapes a document's relations besides its lines: code, data tables, a parser or model, the scope.

    ``DATA_DIR`` holds the relation rules, the evidence grade tables (``data/evidence``) and the
    shipped parser model; the NER lexicons are left out: they reach relations only through the
    mentions, which are in the key. Relations read nothing of the project file (its agents table
    shapes the mentions, and so the key).
    """
    sources = [*shared_sources(), PACKAGE_DIR / "relations", PACKAGE_DIR / "parser", DATA_DIR]
    return fingerprint(sources, exclude=[DATA_DIR / "lexicon", DATA_DIR / "reconcile", DATA_DIR / "ingest"],
                       settings=[f"relation_agents={agent_scope}"])


def extract_corpus(context: RunContext, *, documents: Path, table1: Path, mentions: Path, relations: Path,
                   relations_errors: Path, result_store: Path | None = None) -> dict[str, int]:
    """Extract relations from the run's documents, mentions and Table 1 rows.

    Writes ``relations`` and, one per rejected line or document, ``relations_errors``.
    Documents go through :func:`pipeline.parallel.map_chunks` with the run's ``workers``,
    ``executor``, ``scheduler`` and ``chunk_size``; the files are the same whatever those are.
    With ``context.refresh`` the counts also hold ``reused`` and ``computed`` documents.
    """
    errors: list[InputError] = []
    rows = [row for _, row in _records(table1, TableRow, errors)]
    scope = context.agent_scope
    agent_prefixes(scope)  # an unknown scope is an error even when no document names an agent
    items = progress(route_documents(documents, mentions, rows, errors), desc="relations", context=context)
    work = functools.partial(extract_lines, agent_scope=scope, documents_source=str(documents),
                             mentions_source=str(mentions))
    options = {"workers": context.workers, "chunk_size": context.chunk_size, "executor": context.executor,
               "scheduler": context.scheduler}
    effects: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    store_counts: dict[str, int] = {}

    def results() -> Iterator[tuple[ExtractedLines, bytes]]:
        if context.refresh:
            yield from _refreshed(work, items, options, result_store, scope, store_counts)
        else:
            for found in map_chunks(work, items, **options):
                yield found, found.text.encode("utf-8")

    with atomic_writer(relations, "wb") as handle:
        for found, data in results():
            if found.problems:
                errors.extend(InputError(source, message, line=line) for source, line, message in found.problems)
            if found.relations:  # most documents have none: a refresh passes them by the thousand
                effects.update(dict(found.effects))
                flags["relations"] += found.relations
                flags["documents"] += found.documents
                flags["negated"] += found.negated
                flags["hedged"] += found.hedged
                handle.write(data)
    write_jsonl([{"source": e.source, "line": e.line, "message": str(e)} for e in errors], relations_errors)
    for error in errors:
        logger.warning("%s", error)
    counts = {"relations": flags["relations"], "documents": flags["documents"], "negated": flags["negated"],
              "hedged": flags["hedged"], "input_errors": len(errors)}
    counts.update({f"effect_{k}": v for k, v in sorted(effects.items())})
    return {**counts, **store_counts}


#: A refresh reads documents in batches cut where a document line's CRC ends in five zero bits
#: (32 documents on average): a batch whose lines did not change is read from the store whole.
BATCH_BITS = 0x1F


def _batch_end(item: RoutedDocument) -> bool:
    return zlib.crc32(item.text) & BATCH_BITS == 0


#: What a document of a batch read whole stands for after the first (which carries the batch).
_NOTHING: tuple[ExtractedLines, bytes] = (ExtractedLines(), b"")


def _combined(results: list[tuple[ExtractedLines, bytes]]) -> bytes:
    """A batch's results as one stored value: the summed counts, then all relation lines."""
    effects: Counter[str] = Counter()
    for found, _ in results:
        effects.update(dict(found.effects))
    total = ExtractedLines("", sum(f.relations for f, _ in results), tuple(sorted(effects.items())),
                           sum(f.negated for f, _ in results), sum(f.hedged for f, _ in results),
                           documents=sum(f.documents for f, _ in results))
    return total.stored(b"".join(data for _, data in results))


def _refreshed(work: Callable[[list[RoutedDocument]], list[ExtractedLines]], items: Iterator[RoutedDocument],
               options: dict[str, Any], store_path: Path | None, scope: str,
               store_counts: dict[str, int]) -> Iterator[tuple[ExtractedLines, bytes]]:
    """Each document's relations from the store when its lines, rows and the fingerprint are unchanged, else computed."""
    if store_path is None:
        raise ValueError("a refresh needs the run folder's result store path")
    stage_fingerprint = result_fingerprint(scope)

    def content(item: RoutedDocument) -> bytes:
        # what the result is computed from, as read: the document line, its mention lines (each ending
        # in a newline, so joining keeps them apart) and its Table 1 rows
        rows = "\n".join(json_line(row) for row in item.rows).encode() if item.rows else b""
        return b"\n".join((item.text, b"".join(lines for _, lines in item.mentions), rows))

    with ResultStore(store_path, "relations") as store:
        recorder = BatchRecorder(store, _combined)

        def lookup(batch: list[RoutedDocument]) -> list[tuple[ExtractedLines, bytes] | None]:
            contents = [content(item) for item in batch]
            whole_key = batch_key(stage_fingerprint, contents)
            whole = store.get_batch(whole_key)
            if whole is not None:  # the first document carries the batch; each keeps its routing problems
                first = ExtractedLines.from_stored(whole, batch[0].problems)
                return [first, *((ExtractedLines(problems=item.problems), b"") if item.problems else _NOTHING
                                 for item in batch[1:])]
            keys = [result_key(stage_fingerprint, part) for part in contents]
            recorder.expect(whole_key, [item.line for item in batch], keys)
            return [None if value is None else ExtractedLines.from_stored(value, item.problems)
                    for item, value in zip(batch, store.get_many(keys))]

        computed = 0
        for item, result, reused in map_chunks_reusing(work, items, lookup, boundary=_batch_end, **options):
            if reused:
                recorder.done(item.line, result)
                yield result
                continue
            computed += 1
            data = result.text.encode("utf-8")
            storable = len(result.problems) == len(item.problems)  # no problems of its own
            recorder.done(item.line, (result, data) if storable else None)
            if storable:
                store.put(result_key(stage_fingerprint, content(item)), result.stored(data))
            yield result, data
        store.flush()
        store_counts.update(reused=store.reused, computed=computed)
