"""End to end on the real review: the project's ingest and NER, then the extractor.

Checks statements of the review's body and Table 1 that a reader would list, plus the offset
invariant on every relation. Uses the other stages as they are, so it also guards the contract
between them and this one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.relations.extract import extract_relations

REVIEW = Path(__file__).resolve().parents[2] / "corpus" / "review.txt"


@pytest.fixture(scope="module")
def review_relations():
    from pipeline.ingest.review import ingest_review
    from pipeline.ner.recognize import recognize_mentions

    document, rows = ingest_review(REVIEW)
    mentions = recognize_mentions([document])
    return document, extract_relations([document], mentions, rows)


def _has(relations, agent, effect, object_part, **flags):
    return any(r.agent_id == agent and r.effect == effect and object_part in r.object_text
               and all(getattr(r, k) == v for k, v in flags.items()) for r in relations)


def test_review_statements(review_relations):
    _, rels = review_relations
    expected = [
        ("agent:siltuximab", "decreases", "IL-6–induced activation of ovarian cancer cells", {}),
        ("agent:siltuximab", "decreases", "lung cancer growth", {"model_system": "xenograft"}),
        ("agent:siltuximab", "increases", "melphalan cytotoxicity", {}),
        ("agent:siltuximab", "increases", "outcome", {"negated": True}),
        ("agent:sirukumab", "binds", "human IL-6", {}),
        ("agent:olokizumab", "studied_in", "anti-cancer activity", {"hedged": True}),
        ("agent:clazakizumab", "in_trial_for", "RA", {"phase": "II"}),
        ("agent:medi-5117", "discontinued_for", "RA", {}),
        ("agent:tocilizumab", "approved_for", "RA", {}),
        ("agent:sarilumab", "decreases", "growth of xenograft tumors", {}),
        ("agent:erbf", "binds", "IL-6", {"negated": True}),
        ("agent:raloxifene", "decreases", "IL-6–induced STAT3 phosphorylation", {"cell_line": "PANC-1"}),
        ("agent:bazedoxifene", "decreases", "breast cancer", {"hedged": True}),
        ("agent:lmt-28", "binds", "gp130", {}),
        ("agent:sc144", "decreases", "gp130 glycosylation", {}),
        ("agent:raloxifene", "in_trial_for", "Breast cancer", {"phase": "III/II"}),
    ]
    missing = [e for e in expected if not _has(rels, e[0], e[1], e[2], **e[3])]
    assert not missing


def test_review_relation_offsets(review_relations):
    document, rels = review_relations
    assert rels and len({r.relation_id for r in rels}) == len(rels)
    sentences = {(s.start, s.end) for s in document.sentences}
    # every relation comes from one sentence of the document or one Table 1 bullet (inside a sentence span)
    assert all(any(a <= r.sentence_start and r.sentence_end <= b for a, b in sentences) for r in rels)
    for r in rels:
        assert document.text[r.agent_start:r.agent_end] == r.agent_text
        assert document.text[r.object_start:r.object_end] == r.object_text
        assert document.text[r.sentence_start:r.sentence_end] == r.sentence_text
