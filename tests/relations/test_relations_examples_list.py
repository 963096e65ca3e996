"""A bracketed example list after an object ("(e.g., A, B and C)", "(i.e. A)") names more objects of the statement."""

from __future__ import annotations

import dataclasses

from pipeline.records import Span
from pipeline.relations.extract import extract_relations
from pipeline.text import split_sentences

from .conftest import find_mentions, make_document


def _read(text: str) -> list[tuple[str, str, str]]:
    # the pipeline's own sentence splitter, which keeps "e.g." inside its sentence
    document = dataclasses.replace(make_document(text), sentences=tuple(Span(a, b) for a, b in split_sentences(text)))
    return sorted((r.agent_text, r.effect, r.object_text) for r in extract_relations([document], find_mentions("doc", text)))


def test_each_example_in_brackets_is_an_object():
    assert _read("Bortezomib suppressed tumour spread (e.g., migration, invasion and adhesion) in MCF-7 cells.") == [
        ("Bortezomib", "decreases", "adhesion"), ("Bortezomib", "decreases", "invasion"),
        ("Bortezomib", "decreases", "migration"), ("Bortezomib", "decreases", "tumour spread")]
    assert _read("Bortezomib reduced the acute-phase proteins (i.e. fibrinogen) in mice.") == [
        ("Bortezomib", "decreases", "acute-phase proteins"), ("Bortezomib", "decreases", "fibrinogen")]


def test_a_bracket_without_an_example_cue_adds_no_object():
    assert _read("Bortezomib suppressed tumour spread (eight assays) in MCF-7 cells.") == [
        ("Bortezomib", "decreases", "tumour spread")]

