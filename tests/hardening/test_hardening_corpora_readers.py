"""Hostile files handed straight to the corpus readers of pipeline/corpora (owned by the NER engineer).

``evidence run`` is protected by the guards in pipeline/ingest/guards.py (tests in
test_hardening_hostile_input.py); these tests call the readers directly, as the evaluate
and train commands do, and document two defects reported to the lead.
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


@pytest.mark.xfail(strict=True, reason="read_bioc parses with lxml, which expands internal entities; fix: "
                                       "screen the file with pipeline.ingest.guards.screen_xml (defusedxml) "
                                       "before biocxml.load, or parse with resolve_entities=False")
def test_read_bioc_refuses_entity_expansion():
    with pytest.raises(InputError, match="bioc_laughs.xml"):
        read_bioc(DATA / "bioc_laughs.xml")


@pytest.mark.xfail(strict=True, reason="read_pubtator lets UnicodeDecodeError through; fix: catch it around the "
                                       "read loop and raise InputError(source, 'not UTF-8 text', line=...)")
def test_read_pubtator_names_a_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.pubtator"
    path.write_bytes(b"1|t|Caf\xe9\n1|a|Abstract.\n\n")
    with pytest.raises(InputError, match="latin1.pubtator"):
        read_pubtator(path)
