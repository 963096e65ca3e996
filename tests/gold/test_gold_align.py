"""Raw-review offsets of gold evidence, carried into a normalised document through its source map."""

from __future__ import annotations

from pipeline.gold.align import raw_to_document_span
from pipeline.records import SourceSegment

RAW = "Alpha-\nbeta gamma\n\n page 3\nTABLE delta"
# A normalised text "Alpha-beta gamma\n\nTABLE delta" that drops the page debris:
NORM = "Alpha-beta gamma\n\nTABLE delta"
SOURCE_MAP = (SourceSegment(0, 0, 6), SourceSegment(6, 7, 10), SourceSegment(18, 27, 11))


def _slice(start: int, end: int) -> str:
    span = raw_to_document_span(start, end, SOURCE_MAP)
    assert span is not None
    return NORM[span[0]:span[1]]


def test_the_fixture_map_copies_characters_verbatim() -> None:
    for segment in SOURCE_MAP:
        assert NORM[segment.norm_start:segment.norm_start + segment.length] == \
            RAW[segment.raw_start:segment.raw_start + segment.length]


def test_span_across_a_hyphen_wrap() -> None:
    assert _slice(RAW.index("Alpha"), RAW.index(" gamma")) == "Alpha-beta"


def test_span_inside_one_segment_and_after_dropped_debris() -> None:
    assert _slice(RAW.index("gamma"), RAW.index("gamma") + 5) == "gamma"
    assert _slice(RAW.index("TABLE"), len(RAW)) == "TABLE delta"


def test_span_of_dropped_characters_only_maps_nowhere() -> None:
    start = RAW.index(" page")
    assert raw_to_document_span(start, start + 7, SOURCE_MAP) is None
