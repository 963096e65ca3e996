"""The NER stage's work functions for :func:`pipeline.parallel.map_chunks`.

They are top-level functions of this module so local processes and Dask workers can
import them by name; each process builds its spaCy pipeline once (:func:`worker_nlp`)
and keeps it for every later chunk. Only plain records or encoded lines leave a worker.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, NamedTuple

from ..errors import RecordDecodeError
from ..io import decode_line, json_line
from ..records import Document, Mention

if TYPE_CHECKING:
    from spacy.language import Language

# One spaCy pipeline per (process, profile, agents table). Built in the parent before a fork,
# it is inherited by the local worker processes instead of being rebuilt.
_NLP_BY_PROFILE: dict[tuple[str, str], "Language"] = {}
YOUNG_COLLECTION_THRESHOLD = 100_000  # new objects between collections of the youngest generation, at least


def worker_nlp(profile: str = "fast", agents_table: str = "") -> "Language":
    """The NER pipeline of ``profile`` (with the project's ``agents_table``, if any) for this process,
    built on first use."""
    nlp = _NLP_BY_PROFILE.get((profile, agents_table))
    if nlp is None:
        from pathlib import Path

        from .factory import build_nlp

        # only plain mentions leave a worker, so the Docs need no doc.ents
        nlp = _NLP_BY_PROFILE[(profile, agents_table)] = build_nlp(
            profile, doc_ents=False, agents_table=Path(agents_table) if agents_table else None)
        # The pipeline's millions of lexicon objects live as long as the process: frozen, the
        # garbage collector stops walking them at every full collection, which otherwise took
        # most of a refresh's CPU (a refresh allocates little per document, docs/scaling.md).
        gc.freeze()
        # A batch keeps its texts' match views and candidates alive between steps (text_mention_batches):
        # at Python's default of 700 new objects the young generation was collected ~250 times per
        # 1,524 abstracts. Each collection reads the lexicon entries its candidates point to, scattered
        # over the lexicons' memory, so even at 10,000 the two or three a pass cost more than a per cent
        # (docs/scaling.md, "Thirteenth round"); a batch's objects are freed with it, so at 100,000
        # the young generation is collected about once in eight passes, and memory stays as it was.
        # Garbage in reference cycles waits longer.
        threshold, *older = gc.get_threshold()
        gc.set_threshold(max(threshold, YOUNG_COLLECTION_THRESHOLD), *older)
    return nlp


def recognize_chunk(documents: list[Document], profile: str = "fast", agents_table: str = "") -> list[list[Mention]]:
    """One list of mentions per document, in document order."""
    from .recognize import recognize_mentions

    nlp = worker_nlp(profile, agents_table)
    # Words first seen in this chunk are dropped from the vocabulary when it ends (spaCy's
    # memory zone); otherwise the vocabulary, and memory, grows with every new abstract.
    # Only plain records leave the zone.
    with nlp.memory_zone():
        mentions = recognize_mentions(documents, nlp)
    by_doc: dict[str, list[Mention]] = {d.doc_id: [] for d in documents}
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    # a doc id repeated within the chunk: all its mentions go with its first occurrence, as in one sorted list
    return [by_doc.pop(d.doc_id, []) for d in documents]


class EncodedMentions(NamedTuple):
    """One document's mentions as a worker encoded them for the mentions file, or why its line was unreadable.

    ``text`` holds one JSON line per mention, each ending in a newline; ``labels`` the
    label of each, for the stage's counts. ``error`` (with the 1-based ``line`` of the
    document in the documents file) replaces both when the line could not be decoded.
    A named tuple: a refresh builds one per reused document in the parent.
    """

    text: str = ""
    labels: tuple[str, ...] = ()
    line: int = 0
    error: str | None = None


def recognize_lines(lines: list[tuple[int, str]], profile: str = "fast",
                    agents_table: str = "") -> list[EncodedMentions]:
    """:func:`recognize_chunk` on ``(line number, line)`` of the documents file: decoded and encoded in the worker.

    The parent process then only moves text; decoding documents and encoding mentions
    there would hold a multi-worker stage back to the speed of that one process. At the
    first line that cannot be decoded, the result is that one error.
    """
    documents = []
    for number, line in lines:
        try:
            documents.append(decode_line(line, Document))
        except RecordDecodeError as exc:
            return [EncodedMentions(line=number, error=str(exc))]
    return [EncodedMentions("".join(json_line(m) + "\n" for m in found), tuple(m.label for m in found))
            for found in recognize_chunk(documents, profile, agents_table)]


def recognize_raw_lines(lines: list[tuple[int, bytes]], profile: str = "fast",
                        agents_table: str = "") -> list[EncodedMentions]:
    """:func:`recognize_lines` on lines still in bytes (a refresh hashes the bytes and decodes only what it computes)."""
    decoded = []
    for number, line in lines:
        try:
            decoded.append((number, line.decode("utf-8")))
        except UnicodeDecodeError as exc:
            return [EncodedMentions(line=number, error=f"not UTF-8 text (byte {exc.start} of the line)")]
    return recognize_lines(decoded, profile, agents_table)
