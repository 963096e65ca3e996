"""Proteins named by a chemical ("NMDA receptor", "nitric oxide synthase"): a TARGET over the chemical and
its head, the chemical kept inside it (pipeline/ner/target_heads.py)."""

from __future__ import annotations

from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate
from pipeline.ner.target_heads import named_targets, read_target_heads

NMDA = Entry("MESH:D016202", "N-Methylaspartate", "DRUG", "drug")
ANG = Entry("MESH:D000804", "Angiotensin II", "DRUG", "drug")


def _found(kept, text):
    return [(text[c.start:c.end], c.entry.label) for c in named_targets(kept, text, read_target_heads())]


def test_a_chemical_before_a_receptor_or_enzyme_word_names_a_target_and_stays_inside_it():
    """Bug: "NMDA receptor" and "angiotensin II type 1a receptor" were DRUG mentions of the chemical alone."""
    text = "NMDA receptor and angiotensin II type 1a receptor."
    kept = [Candidate(0, 4, NMDA), Candidate(18, 32, ANG)]
    assert _found(kept, text) == [("NMDA", "DRUG"), ("NMDA receptor", "TARGET"), ("angiotensin II", "DRUG"),
                                  ("angiotensin II type 1a receptor", "TARGET")]


def test_a_chemical_before_another_word_or_before_a_head_another_mention_holds_stays_alone():
    text = "NMDA levels; NMDA EGF receptor; NMDA receptor-like"
    egf = Entry("EGF", "EGF", "TARGET", "hgnc")
    kept = [Candidate(0, 4, NMDA), Candidate(13, 17, NMDA), Candidate(18, 21, egf), Candidate(32, 36, NMDA)]
    assert [t for t, label in _found(kept, text) if label == "TARGET"] == ["EGF"]
