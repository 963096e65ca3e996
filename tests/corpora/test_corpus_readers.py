"""Corpus readers: offsets slice back to mention text, bad input names file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.corpora import load_corpus
from pipeline.corpora.bioc_reader import read_bioc
from pipeline.corpora.jnlpba import read_iob2, read_standoff
from pipeline.corpora.pubtator import read_pubtator
from pipeline.errors import InputError

HERE = Path(__file__).resolve().parent / "data"


def _assert_offsets(documents):
    for annotated in documents:
        for mention in annotated.mentions:
            assert annotated.document.text[mention.start:mention.end] == mention.text


def test_pubtator_reads_documents_mentions_and_skips_relations():
    documents = read_pubtator(HERE / "mini.pubtator", "biored")
    assert [d.doc_id for d in documents] == ["111", "222"]
    first = documents[0]
    assert first.document.text == "Tocilizumab blocks IL-6R. In MCF-7 cells, IL-6 signalling fell."
    assert [(m.text, m.label, m.norm_id) for m in first.mentions] == [
        ("Tocilizumab", "ChemicalEntity", "D000068800"), ("IL-6R", "GeneOrGeneProduct", "3570"),
        ("MCF-7", "CellLine", "CVCL_0031")]
    assert documents[1].mentions[-1].norm_id == "D058186|D007674"
    _assert_offsets(documents)


def test_pubtator_offsets_that_miss_name_file_and_line():
    with pytest.raises(InputError, match=r"bad_offsets\.pubtator:4: .*'IL-6\.'"):
        read_pubtator(HERE / "bad_offsets.pubtator")


def test_pubtator_malformed_line_names_file_and_line():
    with pytest.raises(InputError, match=r"bad_line\.pubtator:3: not a PubTator"):
        read_pubtator(HERE / "bad_line.pubtator")


@pytest.mark.parametrize("name", ["mini.bioc.xml", "mini.bioc.json"])
def test_bioc_xml_and_json_give_the_same_records(name):
    documents = read_bioc(HERE / name, "biored")
    assert len(documents) == 1
    document = documents[0]
    assert document.document.text == "Sarilumab inhibits STAT3. A549 cells were used."
    assert document.document.title == "Sarilumab inhibits STAT3."
    assert [(m.text, m.label) for m in document.mentions] == [
        ("Sarilumab", "ChemicalEntity"), ("STAT3", "GeneOrGeneProduct"), ("A549", "CellLine")]
    _assert_offsets(documents)


def test_bioc_unreadable_file_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"documents": 3}', encoding="utf-8")
    with pytest.raises(InputError, match="bad.json: not a readable BioC collection"):
        read_bioc(bad)


def test_jnlpba_standoff_and_iob2():
    standoff = read_standoff(HERE / "standoff")
    assert [(m.text, m.label) for m in standoff[0].mentions] == [
        ("IL-2", "protein"), ("Jurkat T cells", "cell_line"), ("HL-60 cells", "cell_line")]
    iob = read_iob2(HERE / "mini.iob2")
    assert iob[0].doc_id == "9002"
    assert iob[0].document.text == "IL-2 in Jurkat T cells .\nHL-60 cells differ"
    assert [(m.text, m.label) for m in iob[0].mentions] == [
        ("IL-2", "protein"), ("Jurkat T cells", "cell_line"), ("HL-60 cells", "cell_line")]
    _assert_offsets(standoff + iob)


def test_iob2_dangling_inside_tag_names_line():
    with pytest.raises(InputError, match=r"bad\.iob2:3: tag I-cell_line continues no cell_line span"):
        read_iob2(HERE / "bad.iob2")


def test_unknown_split_is_named(tmp_path):
    with pytest.raises(InputError, match="jnlpba:dev: no such split"):
        load_corpus("jnlpba", tmp_path, "dev")


def test_shared_biored_test_matches_provenance_counts(shared_file):
    folder = shared_file("data/benchmarks/BioRED/Test.PubTator").parent
    pubtator = load_corpus("biored", folder, "test")
    assert len(pubtator) == 100 and sum(len(d.mentions) for d in pubtator) == 3535
    bioc = read_bioc(folder / "Test.BioC.XML", "biored")
    assert [d.document.text for d in bioc] == [d.document.text for d in pubtator]
    _assert_offsets(pubtator)


def test_bioc_xml_with_entity_declarations_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE collection [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    "<collection><source>&b;</source><date/><key/></collection>", encoding="utf-8")
    with pytest.raises(InputError, match="bomb.xml: the DOCTYPE declares XML entities"):
        read_bioc(bomb)


def test_pubtator_mention_text_with_bars_is_still_a_mention(tmp_path):
    path = tmp_path / "bar.pubtator"
    path.write_text("1|t||a|\n1|a|0\n1\t0\t3\t|a|\tChemical\tD1\n\n", encoding="utf-8")
    [document] = read_pubtator(path)
    assert [(m.start, m.end, m.text) for m in document.mentions] == [(0, 3, "|a|")]


def test_pubtator_non_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.pubtator"
    path.write_bytes(b"1|t|Title\n1|a|Caf\xe9\n\n")
    with pytest.raises(InputError, match=r"latin1\.pubtator:2: not UTF-8"):
        read_pubtator(path)


def test_other_readers_name_non_utf8_files(tmp_path):
    (tmp_path / "standoff").mkdir()
    (tmp_path / "standoff" / "1.txt").write_bytes(b"Caf\xe9")
    with pytest.raises(InputError, match=r"1\.txt: not UTF-8"):
        read_standoff(tmp_path / "standoff")
    (tmp_path / "x.iob2").write_bytes(b"IL-2\tB-protein\nCaf\xe9\tO\n")
    with pytest.raises(InputError, match=r"x\.iob2:2: not UTF-8"):
        read_iob2(tmp_path / "x.iob2")
    (tmp_path / "x.json").write_bytes(b'{"source": "caf\xe9"}')
    with pytest.raises(InputError, match=r"x\.json: not UTF-8"):
        read_bioc(tmp_path / "x.json")


def test_a_no_identifier_mark_reads_as_no_id(tmp_path):
    # BC5CDR writes "-1", BioRED "-": neither is a concept (the bug: "MESH:-1" was scored and learned as an id).
    path = tmp_path / "noid.pubtator"
    path.write_text("1|t|aspirin and pain\n1|a|x\n1\t0\t7\taspirin\tChemical\tD001241\n"
                    "1\t12\t16\tpain\tDisease\t-1\n\n2|t|dust\n2|a|x\n2\t0\t4\tdust\tChemical\t-\n\n", encoding="utf-8")
    documents = read_pubtator(path)
    assert [m.norm_id for d in documents for m in d.mentions] == ["D001241", None, None]
    [sarilumab] = [m for d in read_bioc(HERE / "mini.bioc.json", "biored") for m in d.mentions if m.text == "Sarilumab"]
    assert sarilumab.norm_id is None
