"""CRAFT MONDO disease names as learned names: CRAFT's precision, the train texts' convention, the head's id."""

import gzip

from pipeline.evaluation.craft_names import CRAFT_TABLE, craft_disease_rows
from pipeline.evaluation.train_evidence import TrainEvidence
from pipeline.ner.lexicon import Entry

ARTICLE = ("Male infertility and disease were studied. Reye was cited. Male infertility recurs. "
           "Mice had cardiac failure. The disease progressed.")


def _craft(tmp_path, annotations):
    ids = tmp_path / "articles" / "ids"
    ids.mkdir(parents=True)
    (ids / "craft-ids-train.txt").write_text("1\n")
    (ids / "craft-ids-dev.txt").write_text("")
    (tmp_path / "articles" / "txt").mkdir()
    with gzip.open(tmp_path / "articles" / "txt" / "1.txt.gz", "wt") as handle:
        handle.write(ARTICLE)
    with gzip.open(tmp_path / CRAFT_TABLE, "wt") as handle:
        handle.write("pmid\tontology\tannotation_id\tconcept_id\tconcept_label\tspans\tcovered_text\ttext_matches\n")
        for text, concept in annotations:
            handle.write(f"1\tMONDO\ta\t{concept}\tlabel\t0-1\t{text}\t1\n")
    return tmp_path


def _evidence(texts=(), annotated=()):
    evidence = TrainEvidence()
    for text in texts:
        evidence.add("bc5cdr", text, annotated)
    return evidence


def test_a_name_ending_in_a_learned_disease_takes_its_id_and_keeps_mondo_as_xref(tmp_path):
    craft = _craft(tmp_path, [("Male infertility", "MONDO:1"), ("Male infertility", "MONDO:1")])
    learned = [(Entry("MESH:D007246", "infertility", "DISEASE", "train"), ["infertility"], "cs")]
    [(entry, forms, _case)] = craft_disease_rows(craft, _evidence(), learned)
    assert (entry.norm_id, entry.xrefs, forms) == ("MESH:D007246", ("MONDO:1",), ["Male infertility"])


def test_rarely_annotated_surnames_and_generic_words_are_left_out(tmp_path):
    # "disease": annotated once of twice in CRAFT, but the train texts use it unannotated; "Reye": a surname.
    craft = _craft(tmp_path, [("disease", "MONDO:2"), ("Reye", "MONDO:3"), ("cardiac failure", "MONDO:4")])
    evidence = _evidence(["The disease spread.", "A disease."])
    rows = craft_disease_rows(craft, evidence, [])
    assert [(e.norm_id, forms) for e, forms, _c in rows] == [("MONDO:4", ["cardiac failure", "Cardiac failure"])]


def test_no_craft_folder_gives_no_rows(tmp_path):
    assert craft_disease_rows(tmp_path / "absent", _evidence(), []) == []
