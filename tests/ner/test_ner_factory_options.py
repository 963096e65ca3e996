"""build_nlp(doc_ents=False) finds the same mentions and leaves doc.ents alone; fill_gaps keeps lexicon spans."""

from pipeline.ner.components import fill_gaps
from pipeline.ner.factory import build_nlp
from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate

TEXT = "Tocilizumab (TCZ) lowered IL-6 in MCF-7 breast cancer cells."


def test_without_doc_ents_the_mentions_are_the_same():
    with_ents, without = build_nlp(), build_nlp(doc_ents=False)
    a, b = with_ents(TEXT), without(TEXT)
    assert a._.evidence_mentions == b._.evidence_mentions and len(a._.evidence_mentions) >= 4
    assert [e.text for e in a.ents] == ["Tocilizumab", "TCZ", "IL-6", "MCF-7", "breast cancer"]
    assert list(b.ents) == []


def test_fill_gaps_adds_only_model_spans_that_touch_no_lexicon_span():
    def candidate(start, end, label):
        return Candidate(start, end, Entry(f"x:{start}", "x", label), source="model")

    kept = [candidate(0, 5, "DRUG"), candidate(10, 15, "TARGET")]
    extra = [candidate(4, 8, "DISEASE"), candidate(5, 10, "DISEASE"), candidate(16, 20, "TARGET"),
             candidate(14, 16, "TARGET"), candidate(17, 19, "DISEASE")]
    spans = [(c.start, c.end) for c in fill_gaps(kept, extra)]
    assert spans == [(0, 5), (5, 10), (10, 15), (16, 20), (17, 19)]  # end-exclusive: 5-10 touches, overlaps nothing
    assert fill_gaps(kept, []) == kept
