"""The relations stage's work functions for :func:`pipeline.parallel.map_chunks`.

A top-level function of this module, so local processes and Dask workers can import it by name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple

from ..errors import PipelineError, RecordDecodeError
from ..grades import graded
from ..io import decode_line, json_line
from ..context import DEFAULT_AGENT_SCOPE
from ..records import Document, Mention, Relation, TableRow
from ..textcheck import span_fits
from .extract import extract_relations, may_relate
from .join import Problem, RoutedDocument, not_utf8, split_lines, text_of


def extract_chunk(items: list[tuple[Document, list[Mention], list[TableRow]]],
                  agent_scope: str = DEFAULT_AGENT_SCOPE) -> list[tuple[list[Relation], str | None]]:
    """Per document, its relations and the error message if extraction failed.

    Each document is extracted alone, so one bad document does not stop the others
    of its chunk; the failure comes back as a message for an
    :class:`~pipeline.errors.InputError` naming the document.
    """
    results: list[tuple[list[Relation], str | None]] = []
    for document, mentions, rows in items:
        try:
            results.append((extract_relations([document], mentions, rows, agent_scope=agent_scope), None))
        except (PipelineError, ValueError, IndexError) as exc:
            results.append(([], f"relation extraction failed: {exc}"))
    return results


class ExtractedLines(NamedTuple):
    """One routed document's relations as a worker encoded them for the relations file, with its counts.

    ``text`` holds one JSON line per relation (each ending in a newline), sorted by sentence,
    object, agent, effect and id; ``effects`` counts them per effect. ``problems`` are the
    routing problems that came with the document, then its own: a line that does not
    decode, a mention whose offsets do not slice the text, a failed extraction. A named
    tuple: a refresh builds one per reused document in the parent.
    """

    text: str = ""
    relations: int = 0
    effects: tuple[tuple[str, int], ...] = ()
    negated: int = 0
    hedged: int = 0
    problems: tuple[Problem, ...] = ()
    documents: int = 0  # documents with a relation: 1 or 0, or a batch's count when read from the store whole

    def stored(self, data: bytes) -> bytes:
        """The result as the result store keeps it, ``data`` being ``text`` as written (only a result without problems).

        A header line of counts, then the relation lines: read back with one partition, no JSON, no decoding.
        """
        effects = ",".join(f"{effect}={n}" for effect, n in self.effects)
        return f"{self.relations} {self.negated} {self.hedged} {self.documents} {effects}\n".encode() + data

    @classmethod
    def from_stored(cls, value: bytes, problems: tuple[Problem, ...] = ()) -> tuple["ExtractedLines", bytes]:
        """The counts (``text`` left empty) and the relation lines as bytes of a stored result."""
        header, _, data = value.partition(b"\n")
        relations, negated, hedged, documents, effects = header.decode().split(" ")
        counts = tuple((effect, int(n)) for effect, _, n in (e.partition("=") for e in effects.split(",") if e))
        return cls("", int(relations), counts, int(negated), int(hedged), problems, int(documents)), data


def relation_order(relation: Relation) -> tuple:
    """The order of one document's relations in the relations file."""
    return (relation.sentence_start, relation.object_start, relation.agent_start, relation.effect,
            relation.relation_id)


def extract_lines(items: list[RoutedDocument], agent_scope: str = DEFAULT_AGENT_SCOPE, documents_source: str = "documents",
                  mentions_source: str = "mentions") -> list[ExtractedLines]:
    """Decode, check and extract each routed document; encode its relations. One result per document.

    Each document is handled alone, so a bad line or a failed extraction costs only its
    own document; problems name ``documents_source`` / ``mentions_source`` and the line.
    Relations carry their document's PMID and their evidence grade (:func:`pipeline.grades.graded`).
    """
    results = []
    for item in items:
        problems: list[Problem] = list(item.problems)
        relations = _extracted(item, agent_scope, documents_source, mentions_source, problems)
        effects = Counter(r.effect for r in relations)
        results.append(ExtractedLines("".join(json_line(r) + "\n" for r in relations), len(relations),
                                      tuple(sorted(effects.items())), sum(r.negated for r in relations),
                                      sum(r.hedged for r in relations), tuple(problems), int(bool(relations))))
    return results


def _extracted(item: RoutedDocument, agent_scope: str, documents_source: str, mentions_source: str,
               problems: list[Problem]) -> list[Relation]:
    try:
        document = decode_line(text_of(item.text), Document)
        if document.doc_id != item.doc_id:
            raise RecordDecodeError(f"doc_id {document.doc_id!r} differs from its first doc_id {item.doc_id!r}")
    except (RecordDecodeError, UnicodeDecodeError) as exc:
        problems.append((documents_source, item.line, not_utf8(exc) if isinstance(exc, UnicodeDecodeError) else str(exc)))
        problems.extend((mentions_source, number, f"mention {_text_of(line)!r} names document {item.doc_id!r}, "
                                                  "which could not be read") for number, line in _numbered(item))
        return []
    text = document.text
    mentions: list[Mention] = []
    for number, line in _numbered(item):
        try:
            mention = decode_line(text_of(line), Mention)
        except UnicodeDecodeError as exc:
            problems.append((mentions_source, number, not_utf8(exc)))
            continue
        except RecordDecodeError as exc:
            problems.append((mentions_source, number, str(exc)))
            continue
        if mention.doc_id != item.doc_id:
            problems.append((mentions_source, number, f"mention {mention.text!r}: doc_id {mention.doc_id!r} differs "
                                                      f"from its first doc_id {item.doc_id!r}"))
        elif not span_fits(text, mention.start, mention.end, mention.text):
            problems.append((mentions_source, number, f"document {mention.doc_id}: mention {mention.text!r} at "
                                                      f"{mention.start}:{mention.end} does not match the text"))
        else:
            mentions.append(mention)
    # Most abstracts name no agent and yield nothing: skip their sentences entirely.
    if not may_relate(mentions, bool(item.rows), agent_scope, document):
        return []
    try:
        found = extract_relations([document], mentions, item.rows, agent_scope=agent_scope)
    except (PipelineError, ValueError, IndexError) as exc:
        problems.append((item.doc_id, None, f"relation extraction failed: {exc}"))
        return []
    return [graded(replace(r, pmid=document.pmid)) for r in sorted(found, key=relation_order)]


def _numbered(item: RoutedDocument) -> Iterator[tuple[int, bytes]]:
    for first, lines in item.mentions:
        yield from split_lines(first, lines)


def _text_of(line: bytes) -> str:
    try:
        return decode_line(text_of(line), Mention).text
    except (RecordDecodeError, UnicodeDecodeError):
        return "?"
