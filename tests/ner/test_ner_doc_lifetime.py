"""Recognised Docs are freed as soon as their mentions are read, not at the next full garbage collection."""

import gc

from spacy.tokens import Doc

from pipeline.parallel import worker_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document


def test_docs_with_abbreviations_do_not_wait_for_the_cycle_collector():
    nlp = worker_nlp("fast")
    documents = [Document(doc_id=f"d{i}", source="pubmed", title="",
                          text="Interleukin-6 (IL-6) and tocilizumab (TCZ) in MCF-7 cells. TCZ lowered IL-6.")
                 for i in range(3)]
    gc.collect()
    gc.disable()
    try:
        mentions = recognize_mentions(documents, nlp)
        alive = sum(isinstance(o, Doc) for o in gc.get_objects())
    finally:
        gc.enable()
    assert {m.text for m in mentions} >= {"IL-6", "tocilizumab", "TCZ", "MCF-7"}
    assert alive == 0
