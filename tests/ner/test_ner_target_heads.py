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


def test_a_chemical_at_the_start_of_a_lexicon_protein_name_is_added_back_inside_it():
    """Bug: where a lexicon held "superoxide dismutase" whole, the chemical "superoxide" (which BC5CDR
    annotates inside it) was lost to the longer TARGET."""
    from pipeline.ner.target_heads import nested_chemicals

    text = "Superoxide dismutase and superoxide levels; glucose oxidase A."
    superoxide = Entry("MESH:D013481", "Superoxides", "DRUG", "drug")
    sod = Entry("SOD1", "SOD1", "TARGET", "hgnc")
    glucose = Entry("MESH:D005947", "Glucose", "DRUG", "drug")
    enzyme = Entry("train:target:glucoseoxidasea", "glucose oxidase A", "TARGET", "train")
    candidates = [Candidate(0, 10, superoxide), Candidate(0, 20, sod), Candidate(25, 35, superoxide),
                  Candidate(44, 51, glucose), Candidate(44, 61, enzyme)]
    kept = [Candidate(0, 20, sod), Candidate(25, 35, superoxide), Candidate(44, 61, enzyme)]
    found = nested_chemicals(kept, candidates, text, read_target_heads())
    # "glucose oxidase A" ends in no head word: the chemical is not added there.
    assert [(text[c.start:c.end], c.entry.label) for c in found] == [
        ("Superoxide", "DRUG"), ("Superoxide dismutase", "TARGET"), ("superoxide", "DRUG"),
        ("glucose oxidase A", "TARGET")]
    # A chemical named_targets kept already is not added twice.
    both = [Candidate(0, 10, superoxide), Candidate(0, 20, sod)]
    assert nested_chemicals(both, candidates, text, read_target_heads()) == both


def test_a_participle_subtype_position_or_short_form_joins_a_chemical_to_its_protein():
    """Bug: "angiotensin" in "angiotensin-converting enzyme", "calcium" in "calcium binding protein" and
    "NMDA" in "N-methyl-D-aspartate (NMDA) receptor" were drugs of their own, the proteins missed."""
    glucose = Entry("MESH:D005947", "Glucose", "DRUG", "drug")
    text = ("angiotensin-converting enzyme; calcium binding protein; N-methyl-D-aspartate (NMDA) receptor; "
            "histamine H(3)-receptor; inositol 3-kinase; creatine phosphokinase; insulin-dependent diabetes; "
            "calcium-channel; liver-type glucose binding protein; L-type NMDA channels; 78-kDa glucose-regulated "
            "protein; serum- and glucose-inducible kinase")
    names = ["angiotensin", "calcium", "N-methyl-D-aspartate", "NMDA", "histamine", "inositol", "creatine",
             "insulin", "calcium-", "glucose", "NMDA", "glucose", "glucose"]
    kept, at = [], 0
    for name in names:
        at = text.index(name.rstrip("-"), at)
        kept.append(Candidate(at, at + len(name.rstrip("-")), glucose))
        at += len(name.rstrip("-"))
    targets = [t for t, label in _found(kept, text) if label == "TARGET"]
    assert targets == ["angiotensin-converting enzyme", "calcium binding protein",
                       "N-methyl-D-aspartate (NMDA) receptor", "histamine H(3)-receptor", "inositol 3-kinase",
                       "creatine phosphokinase", "liver-type glucose binding protein", "L-type NMDA channels",
                       "78-kDa glucose-regulated protein", "serum- and glucose-inducible kinase"]


def test_a_drug_dictionary_name_ending_in_a_head_is_a_protein():
    """Bug: the drug dictionary's "creatine kinase" was a DRUG mention; a one-word "streptokinase" stays."""
    text = "Creatine kinase rose after streptokinase."
    kept = [Candidate(0, 15, Entry("MESH:D003402", "Creatine Kinase", "DRUG", "drug")),
            Candidate(27, 40, Entry("MESH:D013300", "Streptokinase", "DRUG", "drug"))]
    assert _found(kept, text) == [("Creatine kinase", "TARGET"), ("streptokinase", "DRUG")]
