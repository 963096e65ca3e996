"""Text helpers every stage shares: mapping offsets of a normalised text back to its raw source.

The review's text is normalised at ingest (:mod:`pipeline.ingest.textbuild`) and each
:class:`~pipeline.records.Document` keeps a source map; reconcile and the report map
spans back to the raw text with :func:`to_raw_span`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .records import SourceSegment


def to_raw_span(source_map: Sequence[SourceSegment], start: int, end: int) -> tuple[int, int]:
    """Map an end-exclusive span of a normalised text to the raw text it was copied from.

    A boundary that falls on an inserted separator maps to the nearest copied
    character on the inside of the span.
    """
    if not source_map:
        return start, end
    if end <= start:
        raise ValueError(f"empty or inverted span {start}:{end}")
    starts = [segment.norm_start for segment in source_map]

    def locate(position: int, *, inclusive_end: bool) -> int:
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            return source_map[0].raw_start
        segment = source_map[index]
        offset = position - segment.norm_start
        if offset < segment.length:
            return segment.raw_start + offset
        # position is on a separator after this segment
        if inclusive_end:
            return segment.raw_start + segment.length - 1
        following = source_map[min(index + 1, len(source_map) - 1)]
        return following.raw_start

    raw_start = locate(start, inclusive_end=False)
    raw_last = locate(end - 1, inclusive_end=True)
    return raw_start, raw_last + 1
