"""Stage-file codec: json_line writes what json.dumps(to_jsonable(...)) writes; decode_line rebuilds records."""

from __future__ import annotations

import dataclasses
import json
import pickle
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import RecordDecodeError
from pipeline.io import decode_line, from_dict, json_line, read_jsonl, to_jsonable, write_text_blocks
from pipeline.records import Document, Mention, Relation, SourceSegment, Span
from pipeline.stages import STAGE_FILES


def plain_spelling(record) -> str:
    return json.dumps(to_jsonable(record), ensure_ascii=False)


DOCUMENT = Document(doc_id="pmid:1", source="pubmed", title="IL‑6 in “MCF-7”", text="IL‑6 in “MCF-7”. β-catenin.",
                    sections=(Span(0, 15, "TITLE"),), sentences=(Span(0, 16), Span(17, 27)),
                    source_map=(SourceSegment(0, 0, 27),), pmid="1", year=2020, mesh_terms=("Humans",))
MENTION = Mention("pmid:1", 0, 4, "IL‑6", "TARGET", "IL6", "IL6", "lexicon", ("HGNC:6018",))
RELATION = Relation("r1", "pmid:1", "siltuximab", 0, 10, "agent:siltuximab", "siltuximab", "inhibits", ("inhibited",),
                    "STAT3", 21, 26, "TARGET", "STAT3", "Siltuximab inhibited STAT3.", 0, 27, negated=True,
                    construction="ü_construction")


@dataclass(frozen=True)
class WithCache:
    name: str

    @cached_property
    def upper(self) -> str:
        return self.name.upper()


@pytest.mark.parametrize("record", [
    DOCUMENT, MENTION, RELATION, {"doc_id": "d", "mentions": [MENTION, MENTION], "relations": (RELATION,)},
    {"path": Path("a/b"), "nested": [[1, 2], (3, None)], 4: "four"}, [MENTION, DOCUMENT], "plain", 3, None,
])
def test_json_line_writes_the_plain_spelling(record):
    assert json_line(record) == plain_spelling(record)


def test_an_instance_with_an_extra_attribute_is_written_by_its_fields():
    record = WithCache("il6")
    assert record.upper == "IL6"  # now also in its __dict__
    assert json_line(record) == '{"name": "il6"}'


@given(text=st.text(), start=st.integers(-5, 10**6), label=st.sampled_from(["DRUG", "TARGET"]),
       norm_id=st.none() | st.text(), xrefs=st.lists(st.text(), max_size=3).map(tuple))
def test_mentions_property_survive_a_line_round_trip(text, start, label, norm_id, xrefs):
    mention = Mention("d", start, start + len(text), text, label, norm_id, None, "lexicon", xrefs)
    line = json_line(mention)
    assert line == plain_spelling(mention) and "\n" not in line
    assert decode_line(line, Mention) == mention


def test_decode_line_rebuilds_nested_records_as_tuples():
    rebuilt = decode_line(json_line(DOCUMENT), Document)
    assert rebuilt == DOCUMENT
    assert isinstance(rebuilt.sentences, tuple) and isinstance(rebuilt.sentences[0], Span)
    assert decode_line(json_line(RELATION), Relation).construction == "ü_construction"
    assert decode_line('{"a": [1, 2]}') == {"a": [1, 2]}


@pytest.mark.parametrize("line, message", [
    ("{not json", r"not valid JSON \(Expecting property name"),
    ('{"doc_id": "d", "colour": 1}', r"does not fit Mention: unknown field\(s\) \['colour'\]"),
    ('{"doc_id": "d"}', r"does not fit Mention: .*missing"),
    ("[1, 2]", "does not fit Mention: expected an object for Mention, got list"),
])
def test_decode_line_says_what_is_wrong(line, message):
    with pytest.raises(RecordDecodeError, match=message) as caught:
        decode_line(line, Mention)
    # a worker's error reaches the parent process whole
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)


def test_text_blocks_are_written_as_given(tmp_path):
    path = tmp_path / STAGE_FILES["mentions"]
    write_text_blocks((json_line(m) + "\n" for m in (MENTION, MENTION)), path)
    assert read_jsonl(path, Mention) == [MENTION, MENTION]


@dataclass(frozen=True)
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"low {self.low} above high {self.high}")


@dataclass(frozen=True, slots=True)
class Slotted:
    name: str
    size: int = 0


def test_from_dict_keeps_validation_and_field_order_whatever_the_key_order():
    with pytest.raises(RecordDecodeError, match="does not fit Checked: low 3 above high 1"):
        decode_line('{"low": 3, "high": 1}', Checked)  # __post_init__ still runs
    assert from_dict(Slotted, {"size": 2, "name": "x"}) == Slotted("x", 2)
    shuffled = json.dumps(dict(reversed(list(to_jsonable(MENTION).items()))))
    rebuilt = decode_line(shuffled, Mention)
    assert rebuilt == MENTION and hash(rebuilt) == hash(MENTION)
    assert json_line(rebuilt) == json_line(MENTION)  # written in field order again
    with pytest.raises(dataclasses.FrozenInstanceError):
        rebuilt.start = 0  # type: ignore[misc]


@dataclass(frozen=True)
class SlottedChild(Slotted):
    colour: str = ""


def test_records_with_slots_anywhere_are_written_and_read_by_their_fields():
    child = SlottedChild("x", 2, "red")
    assert json_line(child) == '{"name": "x", "size": 2, "colour": "red"}'
    assert decode_line(json_line(child), SlottedChild) == child
