"""Scoring, span conventions, the provenance overlap check and the sentence splitter."""

from __future__ import annotations

import copy

from pipeline.ner.factory import build_nlp
from pipeline.text import sentence_starts
from pipeline.evaluation.ner_scoring import apply_span_conventions, corpus_label_map, score, source_precision
from pipeline.evaluation.provenance import overlap_report, read_provenance, write_provenance
from pipeline.records import Mention


def _m(doc, start, end, label, source="lexicon", text="x"):
    return Mention(doc, start, end, text, label, source=source)


def test_strict_and_overlap_scores_per_label_and_zero_safe():
    gold = [_m("d", 0, 4, "DRUG"), _m("d", 10, 20, "DISEASE"), _m("d", 30, 35, "DRUG")]
    predicted = [_m("d", 0, 4, "DRUG"), _m("d", 12, 20, "DISEASE"), _m("d", 40, 45, "DRUG"),
                 _m("d", 50, 55, "TARGET")]
    before = copy.deepcopy(predicted)
    rows = {(s.matching, s.label): s for s in score(gold, predicted, ["DRUG", "DISEASE"])}
    assert predicted == before
    drug = rows[("strict", "DRUG")]
    assert (drug.gold, drug.predicted, drug.precision, drug.recall) == (2, 2, 0.5, 0.5)
    assert rows[("strict", "DISEASE")].f1 == 0.0
    assert rows[("overlap", "DISEASE")].f1 == 1.0
    assert rows[("strict", "ALL")].predicted == 3  # TARGET is not scored on this corpus
    empty = score([], [], ["CELL_LINE"])[0]
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_precision_by_source():
    gold = [_m("d", 0, 4, "DRUG")]
    predicted = [_m("d", 0, 4, "DRUG", "lexicon"), _m("d", 5, 9, "DRUG", "pattern")]
    rows = {r["source"]: r for r in source_precision(gold, predicted, ["DRUG"])}
    assert rows["lexicon"]["precision"] == 1.0 and rows["pattern"]["precision"] == 0.0


def test_label_maps_follow_the_issue():
    assert corpus_label_map("biored") == {"ChemicalEntity": "DRUG", "GeneOrGeneProduct": "TARGET",
                                          "CellLine": "CELL_LINE", "DiseaseOrPhenotypicFeature": "DISEASE"}
    assert corpus_label_map("bc5cdr") == {"Chemical": "DRUG", "Disease": "DISEASE"}
    assert corpus_label_map("jnlpba") == {"cell_line": "CELL_LINE"}


def test_jnlpba_span_convention_takes_the_head_noun():
    text = "IL-2 in Jurkat T cells and HL-60 cells."
    predicted = [_m("d", 8, 14, "CELL_LINE", text="Jurkat"), _m("d", 27, 32, "CELL_LINE", text="HL-60")]
    extended = apply_span_conventions(predicted, {"d": text}, "jnlpba")
    assert [m.text for m in extended] == ["Jurkat T cells", "HL-60 cells"]
    assert apply_span_conventions(predicted, {"d": text}, "biored") == predicted


def test_bc5cdr_span_convention_leaves_out_an_ions_charge():
    text = "Ca(2+) and Na+ and (+)-MK801 rose."
    predicted = [_m("d", 0, 6, "DRUG", text="Ca(2+)"), _m("d", 11, 14, "DRUG", text="Na+"),
                 _m("d", 19, 28, "DRUG", text="(+)-MK801")]
    trimmed = apply_span_conventions(predicted, {"d": text}, "bc5cdr")
    assert [m.text for m in trimmed] == ["Ca", "Na", "(+)-MK801"]


def test_a_trimmed_mention_keeps_its_standard_ids():
    # The bug: "Ca(2+)" cut to "Ca" lost its MeSH id (xrefs), so BC5CDR concept F1 missed calcium.
    text = "Ca(2+) rose."
    predicted = [Mention("d", 0, 6, "Ca(2+)", "DRUG", "drug:ca", "calcium", "lexicon", ("MESH:D002118",))]
    (trimmed,) = apply_span_conventions(predicted, {"d": text}, "bc5cdr")
    assert (trimmed.text, trimmed.end, trimmed.xrefs) == ("Ca", 2, ("MESH:D002118",))
    assert apply_span_conventions(predicted, {"d": text}, "biored") == predicted


def test_bc5cdr_annotates_no_inflammatory_alone():
    # name_conventions.tsv: BioRED train annotates "inflammatory" as a disease 34 times of 34, BC5CDR train never.
    text = "Inflammatory mediators and inflammatory bowel disease."
    predicted = [_m("d", 0, 12, "DISEASE", text="Inflammatory"),
                 _m("d", 27, 53, "DISEASE", text="inflammatory bowel disease")]
    kept = apply_span_conventions(predicted, {"d": text}, "bc5cdr")
    assert [m.text for m in kept] == ["inflammatory bowel disease"]
    assert apply_span_conventions(predicted, {"d": text}, "biored") == predicted


def test_biored_annotates_no_chemical_inside_a_protein_name():
    # BioRED annotates "dopamine transporter" only; BC5CDR, without proteins, the chemical inside it.
    text = "The dopamine transporter binds dopamine."
    predicted = [_m("d", 4, 12, "DRUG", text="dopamine"), _m("d", 4, 24, "TARGET", text="dopamine transporter"),
                 _m("d", 31, 39, "DRUG", text="dopamine")]
    kept = apply_span_conventions(predicted, {"d": text}, "biored")
    assert [(m.text, m.label) for m in kept] == [("dopamine transporter", "TARGET"), ("dopamine", "DRUG")]
    assert apply_span_conventions(predicted, {"d": text}, "bc5cdr") == predicted


def test_overlap_check_names_shared_documents(tmp_path):
    write_provenance(tmp_path, "model", ["biored:train"], ["1", "2", "3"], excluded=["9"])
    learned = read_provenance(tmp_path)
    report, shared = overlap_report(["3", "4"], [learned])
    assert shared == 1 and "OVERLAP: 3" in report
    report, shared = overlap_report(["4"], [learned, None])
    assert shared == 0 and "OK, disjoint" in report
    assert read_provenance(tmp_path / "absent") is None


def test_sentence_splitter_keeps_fig_et_al_eg_together():
    text = ("IL-6 rose (Fig. 2). Smith et al. Showed this, e.g. In MCF-7 cells. "
            "It binds hepatitis B. 2.5 mM was used.\n\nthen it fell.")
    starts = sentence_starts(text)
    sentences = [text[a:b].strip() for a, b in zip([0] + starts, starts + [len(text)])]
    # a single capital before the period ends the sentence ("hepatitis B.", "troponin I."); a blank line too
    assert sentences == ["IL-6 rose (Fig. 2).", "Smith et al. Showed this, e.g. In MCF-7 cells.",
                         "It binds hepatitis B.", "2.5 mM was used.", "then it fell."]


def test_doc_sentences_and_ents_from_the_factory():
    nlp = build_nlp(compiled=False)
    doc = nlp("Tocilizumab blocks IL-6R (Fig. 1). It works in MCF-7 cells.")
    assert [s.text for s in doc.sents] == ["Tocilizumab blocks IL-6R (Fig. 1).", "It works in MCF-7 cells."]
    assert {(e.text, e.label_, e.kb_id_) for e in doc.ents} >= {("Tocilizumab", "DRUG", "agent:tocilizumab"),
                                                                ("MCF-7", "CELL_LINE", "CVCL_0031")}


def test_biored_scores_one_reading_of_a_target_named_class():
    """BioRED annotates a plural "<target> inhibitors" whole and a singular one, or "inhibitors of X", as its
    target: the recognizer keeps both (class_conventions.tsv picks the corpus's reading before scoring)."""
    text = "EGFR inhibitors and an EGFR inhibitor and inhibitors of MEK."
    predicted = [Mention("d", 0, 15, "EGFR inhibitors", "DRUG", "class:egfr_blocker", source="rule"),
                 Mention("d", 0, 4, "EGFR", "TARGET", "EGFR"),
                 Mention("d", 23, 37, "EGFR inhibitor", "DRUG", "class:egfr_blocker", source="rule"),
                 Mention("d", 23, 27, "EGFR", "TARGET", "EGFR"),
                 Mention("d", 42, 59, "inhibitors of MEK", "DRUG", "class:map2k1_blocker", source="rule"),
                 Mention("d", 56, 59, "MEK", "TARGET", "MAP2K1")]
    kept = apply_span_conventions(predicted, {"d": text}, "biored")
    assert [(m.text, m.label) for m in kept] == [("EGFR inhibitors", "DRUG"), ("EGFR", "TARGET"), ("MEK", "TARGET")]
    # BC5CDR annotates no rule class whole (the chemical inside, where there is one); JNLPBA has no convention
    assert [m.text for m in apply_span_conventions(predicted, {"d": text}, "bc5cdr")] == ["EGFR", "EGFR", "MEK"]
    assert apply_span_conventions(predicted, {"d": text}, "jnlpba") == predicted
