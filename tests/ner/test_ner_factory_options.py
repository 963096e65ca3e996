"""build_nlp(doc_ents=False) finds the same mentions and leaves doc.ents alone; only the fast profile exists."""

import pytest

from pipeline.ner.factory import build_nlp

TEXT = "Tocilizumab (TCZ) lowered IL-6 in MCF-7 breast cancer cells."


def test_without_doc_ents_the_mentions_are_the_same():
    with_ents, without = build_nlp(), build_nlp(doc_ents=False)
    a, b = with_ents(TEXT), without(TEXT)
    assert a._.evidence_mentions == b._.evidence_mentions and len(a._.evidence_mentions) >= 4
    assert [e.text for e in a.ents] == ["Tocilizumab", "TCZ", "IL-6", "MCF-7", "breast cancer"]
    assert list(b.ents) == []


def test_the_removed_accurate_profile_is_refused():
    with pytest.raises(ValueError, match="unknown NER profile 'accurate'"):
        build_nlp("accurate")
