"""The NER stage reads documents.jsonl and writes mentions.jsonl atomically."""

from __future__ import annotations

import pytest

from pipeline.context import RunContext
from pipeline.errors import InputError
from pipeline.io import read_jsonl, write_jsonl
from shared_fixtures import run_stage
from pipeline.records import Document, Mention
from pipeline.stages import STAGE_FILES


def test_stage_writes_sorted_mentions(tmp_path):
    documents = [
        Document(doc_id="b", source="pubmed", title="", text="Tocilizumab inhibited STAT3 in MCF-7 breast cancer cells."),
        Document(doc_id="a", source="pubmed", title="", text="Siltuximab (CNTO 328) binds IL-6."),
    ]
    write_jsonl(documents, tmp_path / STAGE_FILES["documents"])
    counts = run_stage("ner", RunContext(out_dir=tmp_path))
    mentions = read_jsonl(tmp_path / STAGE_FILES["mentions"], Mention)
    assert counts["documents"] == 2 and counts["mentions"] == len(mentions)
    # the order of documents.jsonl ("b" then "a"), each document's mentions by offsets
    keys = [({"b": 0, "a": 1}[m.doc_id], m.start, m.end) for m in mentions]
    assert keys == sorted(keys) and {k[0] for k in keys} == {0, 1}
    texts = {(m.doc_id, m.text): (m.label, m.norm_id) for m in mentions}
    assert texts[("a", "CNTO 328")] == ("DRUG", "agent:siltuximab")
    assert texts[("a", "IL-6")] == ("TARGET", "IL6")
    assert texts[("b", "MCF-7")] == ("CELL_LINE", "CVCL_0031")
    assert texts[("b", "breast cancer")] == ("DISEASE", "MESH:D001943")
    by_id = {d.doc_id: d for d in documents}
    assert all(by_id[m.doc_id].text[m.start:m.end] == m.text for m in mentions)


def test_both_run_profiles_recognize_the_same_mentions(tmp_path):
    # the profiles differ in the agents relations read for, not in NER
    text = "Siltuximab (CNTO 328) and bortezomib inhibited STAT3 in MCF-7 breast cancer cells."
    found = {}
    for profile in ("default", "fast"):
        folder = tmp_path / profile
        write_jsonl([Document(doc_id="a", source="pubmed", title="", text=text)], folder / STAGE_FILES["documents"])
        run_stage("ner", RunContext(out_dir=folder, profile=profile))
        found[profile] = read_jsonl(folder / STAGE_FILES["mentions"], Mention)
    assert found["default"] == found["fast"] and {m.text for m in found["fast"]} >= {"bortezomib", "CNTO 328"}


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("bad, message", [
    (b"{not json", r"documents\.jsonl:3: not valid JSON"),
    (b'{"doc_id": "c", "colour": "red"}', r"documents\.jsonl:3: does not fit Document: unknown field"),
    (b'{"doc_id": "c", "text": "caf\xe9"}', r"documents\.jsonl:3: not UTF-8 text"),
])
def test_an_unreadable_document_line_is_named_and_no_mentions_file_is_left(tmp_path, workers, bad, message):
    # lines are decoded in the workers; the error still names the file and line, and nothing half-written remains
    good = Document(doc_id="a", source="pubmed", title="", text="Siltuximab binds IL-6.")
    write_jsonl([good], tmp_path / STAGE_FILES["documents"])
    path = tmp_path / STAGE_FILES["documents"]
    path.write_bytes(path.read_bytes() + b"\n" + bad + b"\n")  # line 2 blank (skipped), line 3 bad
    with pytest.raises(InputError, match=message):
        run_stage("ner", RunContext(out_dir=tmp_path, workers=workers, chunk_size=1))
    assert not (tmp_path / STAGE_FILES["mentions"]).exists()
    assert [p.name for p in tmp_path.iterdir()] == [STAGE_FILES["documents"]]
