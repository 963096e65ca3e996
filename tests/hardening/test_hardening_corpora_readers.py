"""Hostile files handed straight to the corpus readers of pipeline/corpora (owned by the NER engineer).

``evidence run`` is protected by the guards in pipeline/ingest/guards.py (tests in
test_hardening_hostile_input.py); these tests call the readers directly, as the evaluate
and train commands do. The last two pinned defects found here (fixed in pipeline/corpora).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.corpora.bioc_reader import read_bioc
from pipeline.corpora.pubtator import read_pubtator
from pipeline.errors import InputError

DATA = Path(__file__).resolve().parent / "data"


def test_read_pubtator_names_offsets_outside_the_text():
    with pytest.raises(InputError, match=r"offsets_outside.pubtator:3: document 90000050: offsets 100-110 outside"):
        read_pubtator(DATA / "offsets_outside.pubtator")


def test_read_bioc_refuses_entity_expansion():
    with pytest.raises(InputError, match="bioc_laughs.xml"):
        read_bioc(DATA / "bioc_laughs.xml")


def test_read_pubtator_names_a_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.pubtator"
    path.write_bytes(b"1|t|Caf\xe9\n1|a|Abstract.\n\n")
    with pytest.raises(InputError, match="latin1.pubtator"):
        read_pubtator(path)


def test_read_pubtator_reads_a_mention_whose_text_holds_a_bar_a_bar(tmp_path):
    path = tmp_path / "bar.pubtator"
    path.write_text("1|t||a|\n1|a|0\n1\t0\t3\t|a|\tChemical\tD1\n\n", encoding="utf-8")
    [document] = read_pubtator(path)
    assert [(m.start, m.end, m.text) for m in document.mentions] == [(0, 3, "|a|")]
