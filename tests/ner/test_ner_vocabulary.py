"""The vocabulary primer: frequent chunks survive memory zones and change no token or mention."""

import pytest
import spacy

from pipeline.ner.factory import build_nlp
from pipeline.ner.vocabulary import PRIMER_FILE, frequent_chunks, prime_vocabulary, primer_chunks, write_primer

TEXTS = ["IL-6 induced STAT3 in MCF-7 cells.", "Tocilizumab reduced IL-6 signalling in MCF-7 cells."]


def test_frequent_chunks_are_whitespace_chunks_most_frequent_first():
    assert frequent_chunks(TEXTS, 3) == ["IL-6", "in", "MCF-7"]


def test_write_primer_round_trips(tmp_path):
    assert write_primer(TEXTS, tmp_path, size=4) == 4
    assert primer_chunks(tmp_path) == ["IL-6", "in", "MCF-7", "cells."]


def test_without_a_primer_file_the_review_is_the_primer(tmp_path):
    chunks = primer_chunks(tmp_path / "missing")
    assert "IL-6" in chunks and "siltuximab" in chunks


def test_primed_words_outlive_a_memory_zone():
    nlp = spacy.blank("en")
    prime_vocabulary(nlp, ["siltuximab", "tocilizumab"])
    with nlp.memory_zone():
        nlp("siltuximab and olokizumab")
    assert "siltuximab" in nlp.vocab.strings
    assert "olokizumab" not in nlp.vocab.strings  # seen only inside the zone: dropped


def test_priming_inside_a_memory_zone_is_refused():
    nlp = spacy.blank("en")
    with nlp.memory_zone(), pytest.raises(RuntimeError, match="memory_zone"):
        prime_vocabulary(nlp, ["IL-6"])


def test_priming_changes_no_mention(tmp_path):
    write_primer(TEXTS, tmp_path)
    primed, cold = build_nlp(cache_dir=tmp_path), build_nlp(cache_dir=tmp_path, prime=False)
    for text in TEXTS:
        with primed.memory_zone(), cold.memory_zone():
            a, b = primed(text), cold(text)
            assert [t.text for t in a] == [t.text for t in b]
            assert a._.evidence_mentions == b._.evidence_mentions and a._.evidence_mentions
