"""The fast profile finds mentions on the text without tokenizing it whole, and finds the same ones as on a Doc."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.context import PROJECT_DIR
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.ner.recognize import text_mention_batches, text_mention_finder
from pipeline.records import Document

ABSTRACT = ("Interleukin-6 (IL-6) signalling through the IL-6 receptor (IL-6R) drives breast cancer. "
            "Tocilizumab (TCZ) and siltuximab (CNTO 328) reduced STAT3 phosphorylation in MCF-7 and "
            "MDA-MB-231 cells, and TCZ did not inhibit growth of T47D/ADR xenografts (n = 12, P < 0.05). "
            "Chronic kidney disease (CKD) and oral mucositis (OM) were noted; OM resolved.")


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("fast", compiled=False)


def test_text_path_equals_doc_path_on_the_review_and_an_abstract(nlp):
    finder = text_mention_finder(nlp)
    review = (PROJECT_DIR / "corpus" / "review.txt").read_text(encoding="utf-8")
    for text in (ABSTRACT, review):
        with nlp.memory_zone():
            via_doc = nlp(text)._.evidence_mentions
        assert via_doc, "fixture should have mentions"
        with nlp.memory_zone():
            assert finder(text) == via_doc


def test_batches_find_what_the_finder_finds_text_by_text_with_the_lexicon_and_shape_steps_first(nlp, monkeypatch):
    texts = [ABSTRACT, "", "IL-6 (interleukin-6) in MCF-7 cells.", ABSTRACT[:90]]
    finder = text_mention_finder(nlp)
    with nlp.memory_zone():
        expected = [finder(text) for text in texts]
    assert expected[0] and expected[2]
    entities, steps = nlp.get_pipe("evidence_entities"), []
    lexicon, rest = entities.matcher.candidates_many, entities.mentions_of
    monkeypatch.setattr(entities.matcher, "candidates_many",
                        lambda views: steps.extend(["lexicon"] * len(views)) or lexicon(views))
    for number, table in enumerate(entities.patterns):
        monkeypatch.setattr(table, "candidates", lambda view, number=number, own=table.candidates:
                            steps.append(f"shape {number}") or own(view))
    monkeypatch.setattr(entities, "mentions_of", lambda *args: steps.append("rest") or rest(*args))
    with nlp.memory_zone():
        assert text_mention_batches(nlp)(texts) == expected
    assert entities.patterns
    assert steps == (["lexicon"] * 4 + [f"shape {n}" for n in range(len(entities.patterns)) for _ in range(4)]
                     + ["rest"] * 4)


def test_recognize_mentions_same_in_any_batch_size(nlp):
    documents = [Document(f"d{i}", "test", "", text) for i, text in
                 enumerate([ABSTRACT, "IL-6 (interleukin-6) in MCF-7 cells.", "", ABSTRACT[100:]])]
    assert recognize_mentions(documents, nlp, batch_size=3) == recognize_mentions(documents, nlp, batch_size=64)


def test_recognize_mentions_never_tokenizes_a_whole_text_in_the_fast_profile(nlp, monkeypatch):
    def refuse(text):
        raise AssertionError("the fast profile tokenized a whole text")

    monkeypatch.setattr(nlp, "make_doc", refuse)
    mentions = recognize_mentions([Document("d", "test", "", ABSTRACT)], nlp)
    assert {("TCZ", "abbreviation"), ("CNTO 328", "DRUG")} <= {(m.text, m.source if m.text == "TCZ" else m.label)
                                                             for m in mentions}
    assert all(ABSTRACT[m.start:m.end] == m.text for m in mentions)


def test_pipelines_that_read_tokens_keep_the_doc_path():
    assert text_mention_finder(build_nlp("fast", compiled=False, abbreviations="scispacy")) is None
    assert text_mention_finder(build_nlp("fast", compiled=False, abbreviations=False)) is not None


PIECES = st.sampled_from(["Interleukin-6", "(IL-6)", "IL-6", "tocilizumab", "(TCZ)", "TCZ", "MCF-7", "cells",
                          "MDA-MB-231/ADR", "breast", "cancer", "carcinoma", "hepatitis", "(", ")", ",", ".",
                          "KU7", "siltuximab", "CNTO", "328", "chronic kidney disease", "(CKD)", "CKD", "é",
                          "\u00a0", "\u2009", "\r\n", "\t", "\U0001F600", "\u03b2", "IL\u20106", "(the factor)",
                          "cannot", "can't", "10mg"])


@given(st.lists(st.tuples(PIECES, st.sampled_from([" ", " ", "", "\n", "  "])), max_size=30))
def test_text_path_property_same_mentions_as_doc_path(nlp, pieces):
    text = "".join(piece + gap for piece, gap in pieces)
    with nlp.memory_zone():
        assert text_mention_finder(nlp)(text) == nlp(text)._.evidence_mentions
