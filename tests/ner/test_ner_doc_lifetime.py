"""Recognised Docs are freed as soon as their mentions are read, not at the next full garbage collection."""

import gc

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.ner.factory import build_nlp
from pipeline.ner.work import worker_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document


@Language.component("test_reads_tokens")
def reads_tokens(doc: Doc) -> Doc:
    return doc


def doc_path_pipeline() -> Language:
    """The fast pipeline plus a component that reads tokens (as a model does): it runs on Docs."""
    nlp = build_nlp("fast", compiled=False, doc_ents=False)
    nlp.add_pipe("test_reads_tokens", first=True)
    return nlp


@pytest.mark.parametrize("pipeline", ["text path", "doc path"])
def test_docs_with_abbreviations_do_not_wait_for_the_cycle_collector(pipeline):
    nlp = worker_nlp("fast") if pipeline == "text path" else doc_path_pipeline()
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


def test_the_worker_pipeline_collects_the_young_generation_rarely():
    from pipeline.ner.work import YOUNG_COLLECTION_THRESHOLD

    worker_nlp("fast")
    assert gc.get_threshold()[0] >= YOUNG_COLLECTION_THRESHOLD > 700  # Python's default
