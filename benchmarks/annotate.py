"""NER then relations on abstracts in one worker call: the streaming path the throughput benchmarks time.

Kept with the benchmarks (the pipeline runs the two stages apart, through their stage files);
built only from each stage's own work function.
"""

from __future__ import annotations

import logging

from pipeline.io import json_line
from pipeline.records import Document, Mention, Relation
from pipeline.ner.work import recognize_chunk
from pipeline.context import DEFAULT_PROFILE, NER_PROFILES, PROFILE_AGENT_SCOPES
from pipeline.relations.work import extract_chunk

logger = logging.getLogger(__name__)


def annotate_chunk(documents: list[Document],
                   profile: str = DEFAULT_PROFILE) -> list[tuple[list[Mention], list[Relation]]]:
    """NER then relations on documents without table rows (abstracts): the streaming path of a refresh,
    with the run profile's agent scope (``pipeline.context.PROFILE_AGENT_SCOPES``).

    Returns
    -------
    list[tuple[list[Mention], list[Relation]]]
        Per document, in document order. A document whose relation extraction fails
        keeps its mentions and gets no relations (logged with its id).
    """
    mentions = recognize_chunk(documents, NER_PROFILES[0])
    extracted = extract_chunk([(d, m, []) for d, m in zip(documents, mentions)], PROFILE_AGENT_SCOPES[profile])
    results = []
    for document, found, (relations, error) in zip(documents, mentions, extracted):
        if error:
            logger.warning("%s: %s", document.doc_id, error)
        results.append((found, relations))
    return results


def annotate_lines(documents: list[Document], profile: str = DEFAULT_PROFILE) -> list[str]:
    """:func:`annotate_chunk`, each document's result encoded in the worker as the JSON line a refresh writes.

    One line per document (no newline): ``{"doc_id", "mentions", "relations"}``, as
    :func:`pipeline.io.write_jsonl` would write that dict. Encoding in the worker leaves the
    parent only text to move, which pickles far faster than records.
    """
    return [json_line({"doc_id": document.doc_id, "mentions": found, "relations": relations})
            for document, (found, relations) in zip(documents, annotate_chunk(documents, profile))]
