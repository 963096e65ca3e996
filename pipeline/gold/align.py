"""Place gold evidence (raw-review offsets) in a normalised :class:`~pipeline.records.Document`.

The gold table points into the raw file; ingest's document text is normalised and
may reorder blocks (Table 1 moves to its own section). ``Document.source_map``
relates the two, and this module follows it from raw to normalised offsets.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..records import Document, SourceSegment
from .records import GoldFinding

logger = logging.getLogger(__name__)


def raw_to_document_span(start: int, end: int, source_map: Sequence[SourceSegment]) -> tuple[int, int] | None:
    """The normalised span covering every copied character of ``raw[start:end]``.

    Characters normalisation dropped (line breaks, page debris) map nowhere; the
    result runs from the first to the last character that was copied. ``None``
    when no character of the span was copied. End-exclusive, like the input.
    """
    starts: list[int] = []
    ends: list[int] = []
    for segment in source_map:
        low = max(start, segment.raw_start)
        high = min(end, segment.raw_start + segment.length)
        if low < high:
            starts.append(segment.norm_start + low - segment.raw_start)
            ends.append(segment.norm_start + high - segment.raw_start)
    if not starts:
        return None
    return min(starts), max(ends)


def finding_spans(findings: Sequence[GoldFinding], document: Document) -> dict[str, tuple[int, int]]:
    """Evidence span of each finding in ``document.text``, keyed by finding id.

    Findings whose evidence has no copied character in ``document`` are left out
    (and logged), so a caller can count them as unplaceable.
    """
    if not document.source_map:
        raise ValueError(f"document {document.doc_id!r} has no source map: its text is not a normalised copy")
    spans: dict[str, tuple[int, int]] = {}
    for finding in findings:
        span = raw_to_document_span(finding.evidence_start, finding.evidence_end, document.source_map)
        if span is None:
            logger.warning("gold finding %s: evidence %d-%d is not in document %s", finding.finding_id,
                           finding.evidence_start, finding.evidence_end, document.doc_id)
            continue
        spans[finding.finding_id] = span
    return spans
