"""Spelling variants of learned disease names (British/American, singular/plural) and their train-text guard."""

from pipeline.evaluation.disease_variants import add_spelling_variants, disease_spellings
from pipeline.evaluation.train_evidence import TrainEvidence
from pipeline.ner.lexicon import Entry


def test_british_and_american_spellings_meet():
    assert "oedema" in disease_spellings("edema")
    assert "cerebral edema" in disease_spellings("cerebral oedema")
    assert "Haematuria" in disease_spellings("Hematuria")  # the capital stays on the first letter
    assert "anemia" in disease_spellings("anaemia") and "anaaemia" not in disease_spellings("anaemia")


def test_hemi_is_not_haem_and_itis_has_no_plural_s():
    assert disease_spellings("hemiparesis") == set()
    assert "psoriasi" not in disease_spellings("psoriasis") and "psoriasises" not in disease_spellings("psoriasis")


def test_plural_and_singular_of_the_last_word():
    assert "headaches" in disease_spellings("headache")
    assert "epilepsy" in disease_spellings("epilepsies")
    assert "dystonias" in disease_spellings("dystonia")


def _evidence(texts, annotated=()):
    evidence = TrainEvidence()
    for text in texts:
        evidence.add("bc5cdr", text, [(name, "DISEASE", "") for name in annotated])
    return evidence


def test_variant_becomes_an_alias_of_the_same_entry():
    entry = Entry("MESH:D004487", "edema", "DISEASE", "train")
    rows = add_spelling_variants([(entry, ["edema"], "cs")], _evidence(["Edema was seen."], ["edema"]))
    assert rows == [(entry, ["edema", "edematous", "oedema"], "cs")]


def test_variant_the_train_texts_use_unannotated_is_left_out():
    entry = Entry("MESH:D000001", "lesion", "DISEASE", "train")
    texts = ["The lesions were counted.", "Two lesions grew."]  # "lesions" twice, never annotated
    assert add_spelling_variants([(entry, ["lesion"], "cs")], _evidence(texts))[0][1] == ["lesion"]


def test_only_disease_names_get_variants():
    entry = Entry("MESH:D000002", "tumor necrosis factor", "TARGET", "train")
    assert add_spelling_variants([(entry, ["tumor necrosis factor"], "cs")], _evidence([]))[0][1] == [
        "tumor necrosis factor"]


def test_adjectives_of_a_disease_name():
    assert {"dyskinetic", "cataleptic", "neutropenic", "hyperalgesic"} <= (
        disease_spellings("dyskinesia") | disease_spellings("catalepsy") | disease_spellings("neutropenia")
        | disease_spellings("hyperalgesia"))
    assert "psychotic" in disease_spellings("psychosis") and "edematous" in disease_spellings("edema")


def test_the_noun_before_de_or_of_takes_the_number_change():
    assert "torsade de pointes" in disease_spellings("torsades de pointes")
    assert "Disorders of amino acid metabolism" in disease_spellings("Disorder of amino acid metabolism")
