"""Document-level concept F1 (pipeline.evaluation.ner_concepts)."""

from __future__ import annotations

from pipeline.evaluation.ner_concepts import concept_scores, gold_ids
from pipeline.records import Mention


def _m(doc, label, norm_id, xrefs=()):
    return Mention(doc, 0, 1, "x", label, norm_id, None, "test", xrefs)


def test_gold_ids_take_the_standard_spelling():
    assert gold_ids(_m("1", "TARGET", "3569")) == {"NCBIGene:3569"}
    assert gold_ids(_m("1", "DISEASE", "D003409|D001943")) == {"MESH:D003409", "MESH:D001943"}
    assert gold_ids(_m("1", "CELL_LINE", "CVCL_0031")) == {"CVCL_0031"}


def test_concepts_count_once_per_document_and_xrefs_count():
    gold = [_m("1", "TARGET", "3569"), _m("1", "TARGET", "3569"), _m("1", "DRUG", "D1|D2"), _m("2", "TARGET", "6774")]
    predicted = [_m("1", "TARGET", "IL6", ("NCBIGene:3569",)), _m("1", "DRUG", "MESH:D2"),
                 _m("2", "TARGET", "STAT1", ("NCBIGene:6772",)), _m("2", "TARGET", "agent:x")]
    scores = {s.label: s for s in concept_scores(gold, predicted, ["TARGET", "DRUG"])}
    assert (scores["TARGET"].gold, scores["TARGET"].predicted, scores["TARGET"].true_positive) == (2, 2, 1)
    assert (scores["DRUG"].gold, scores["DRUG"].predicted, scores["DRUG"].true_positive) == (1, 1, 1)
    assert scores["ALL"].f1 == 2 / 3
    assert gold[0].norm_id == "3569"   # inputs are not modified
