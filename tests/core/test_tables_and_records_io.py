"""The shared readers: data tables (pipeline.tables) and CSV stage files of records (pipeline.io)."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.io import read_csv_records, write_csv_records
from pipeline.records import ReconciliationRow
from pipeline.tables import read_tsv, read_tsv_dicts, read_word_list
from pipeline.text import is_dash, split_sentences, unify_dashes_and_spaces


def test_word_lists_and_tables_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# a comment\nname\tvalue\n\n a \t1\n# another\nb\t2\n", encoding="utf-8")
    assert read_word_list(path) == ("name\tvalue", "a \t1", "b\t2")
    assert read_tsv(path, header=True) == [(" a ", "1"), ("b", "2")]
    assert read_tsv_dicts(path, ("name",)) == [{"name": " a ", "value": "1"}, {"name": "b", "value": "2"}]


def test_table_errors_name_file_and_line(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# c\nname\tvalue\nonly-one\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.tsv:3: expected 2 fields, got 1"):
        read_tsv_dicts(path)
    with pytest.raises(InputError, match=r"t\.tsv:2: missing column\(s\) \['kind'\]"):
        read_tsv_dicts(path, ("kind",))
    with pytest.raises(InputError, match=r"t\.tsv:3: 1 cells, expected 2"):
        read_tsv(path, columns=2)
    with pytest.raises(InputError, match="cannot read data table"):
        read_word_list(tmp_path / "absent.txt")


def test_csv_records_round_trip_and_a_wrong_header_is_named(tmp_path):
    row = ReconciliationRow("gold", "F1", "matched", "agent:x", "binding", "binds", 'IL-6, "soluble"', "false",
                            "false", "review", "3", "9", "rel:1", "", "1.0000", "line one\nline two")
    path = tmp_path / "r.csv"
    write_csv_records([row], ReconciliationRow, path)
    assert read_csv_records(path, ReconciliationRow) == [row]
    path.write_text("record,id\ngold,F1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"r\.csv:1: columns record, id; expected record, id, status"):
        read_csv_records(path, ReconciliationRow)


def test_dashes_and_spaces_are_unified_one_for_one():
    text = "IL\u20116\u2013induced\u00a0STAT3 \u2212 x\ty"
    unified = unify_dashes_and_spaces(text)
    assert unified == "IL-6-induced STAT3 - x y" and len(unified) == len(text)
    assert is_dash("-") and is_dash("\u2014") and not is_dash("--") and not is_dash("a")


def test_one_splitter_spans_cover_the_text_and_keep_abbreviations():
    text = "See Fig. 2 and Smith et al. for details. MR. It worked (e.g. In vivo). \u201cQuoted\u201d next."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["See Fig. 2 and Smith et al. for details.", "MR.",
                                              "It worked (e.g. In vivo).", "\u201cQuoted\u201d next."]
