"""Training data for `evidence train ner`: gold spans aligned to the scientific tokenizer, misaligned ones counted."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import DocBin

from pipeline.corpora.pubtator import read_pubtator
from pipeline.evaluation.ner_scoring import corpus_label_map
from pipeline.tokenizer import blank_scientific
from pipeline.evaluation.ner_train import _doc_bin

CORPORA = Path(__file__).resolve().parent.parent / "corpora" / "data"


def test_doc_bin_keeps_aligned_spans_and_counts_the_rest(tmp_path):
    documents = read_pubtator(CORPORA / "mini.pubtator", "biored")
    nlp = blank_scientific()
    doc_bin, aligned, misaligned = _doc_bin(nlp, documents, corpus_label_map("biored"))
    assert aligned + misaligned == 3  # the second document's types are BC5CDR's, not mapped for BioRED
    doc_bin.to_disk(tmp_path / "train.spacy")
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    assert {(e.text, e.label_) for e in docs[0].ents} <= {("Tocilizumab", "DRUG"), ("IL-6R", "TARGET"),
                                                          ("MCF-7", "CELL_LINE")}
    assert len(docs[0].ents) == aligned
