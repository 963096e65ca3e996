"""Diseases named by what is lacking: "vitamin D deficiency" is a DISEASE mention with the chemical nested
(pipeline/ner/deficiencies.py), and each corpus's reading is chosen at scoring."""

from __future__ import annotations

from pipeline.evaluation.ner_scoring import apply_span_conventions
from pipeline.ner.deficiencies import deficiency_diseases
from pipeline.ner.mentions import CharMention
from pipeline.records import Mention

DRUG, TARGET, DISEASE = "DRUG", "TARGET", "DISEASE"


def _found(text: str, *named: tuple[str, str]) -> list[tuple[str, str]]:
    found = [CharMention(text.index(word), text.index(word) + len(word), label, "id", word, "lexicon")
             for word, label in named]
    return [(text[m.start:m.end], m.label) for m in deficiency_diseases(found, text)]


def test_a_chemical_before_deficiency_is_a_disease_with_the_chemical_nested():
    assert _found("Patients with vitamin D deficiency had low bone density.", ("vitamin D", DRUG)) == [
        ("vitamin D", "DRUG"), ("vitamin D deficiency", "DISEASE")]
    assert _found("Vitamin D Deficiencies and cancer.", ("Vitamin D", DRUG)) == [
        ("Vitamin D", "DRUG"), ("Vitamin D Deficiencies", "DISEASE")]
    # its bracketed abbreviation may stand between
    assert _found("Hypertension induced by nitric oxide (NO) deficiency.", ("nitric oxide", DRUG)) == [
        ("nitric oxide", "DRUG"), ("nitric oxide (NO) deficiency", "DISEASE")]


def test_a_protein_lacking_is_a_disease_only_after_a_word_of_inheritance():
    assert _found("In contrast, TRAF2 deficiency had no effect.", ("TRAF2", TARGET)) == [("TRAF2", "TARGET")]
    assert _found("Patients with inherited factor V deficiency.", ("factor V", TARGET)) == [
        ("inherited factor V deficiency", "DISEASE"), ("factor V", "TARGET")]


def test_hyphenated_deficient_and_a_disease_already_found_are_left_alone():
    assert _found("Vitamin D-deficient mice were fed.", ("Vitamin D", DRUG)) == [("Vitamin D", "DRUG")]
    text = "Vitamin D deficiency hypertension."
    found = _found(text, ("Vitamin D", DRUG), ("Vitamin D deficiency hypertension", DISEASE))
    assert found == [("Vitamin D", "DRUG"), ("Vitamin D deficiency hypertension", "DISEASE")]


def test_scoring_keeps_the_reading_each_corpus_annotates():
    text = "Patients with vitamin D deficiency."
    predicted = [Mention("d", 14, 23, "vitamin D", "DRUG", "MESH:D014807", "vitamin D", "lexicon"),
                 Mention("d", 14, 34, "vitamin D deficiency", "DISEASE", "disease:x", "vitamin D deficiency", "pattern")]
    assert [m.text for m in apply_span_conventions(predicted, {"d": text}, "biored")] == ["vitamin D deficiency"]
    assert [m.text for m in apply_span_conventions(predicted, {"d": text}, "bc5cdr")] == ["vitamin D"]


def test_the_recognizer_gives_the_disease_after_the_abbreviations_are_known():
    # "Growth hormone" is a DRUG only through its definition "(GH)", propagated before the deficiency is read
    from pipeline.ner.factory import build_nlp
    from pipeline.ner.recognize import recognize_mentions
    from pipeline.records import Document

    text = "Growth hormone (GH) deficiency in adults and vitamin D deficiency in children."
    found = recognize_mentions([Document(doc_id="d", source="test", title="", text=text)], build_nlp(compiled=False))
    assert [m.text for m in found if m.label == "DISEASE"] == ["Growth hormone (GH) deficiency", "vitamin D deficiency"]
    assert {m.text for m in found if m.label == "DRUG"} >= {"Growth hormone", "vitamin D"}  # nested, kept
