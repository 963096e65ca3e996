"""Disease spans take in the modifiers train annotations keep ("type 2 diabetes mellitus") and drop the
ones they leave out ("severe"), learned by the lexicon build (pipeline/ner/disease_spans.py)."""

from __future__ import annotations

import re

from pipeline.ner.disease_spans import (DISEASE_MODIFIERS_FILE, DiseaseModifiers, adjust_disease_spans,
                                        get_modifiers, learn_modifiers, write_modifiers)
from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate

DIABETES = Entry("MESH:D003920", "diabetes mellitus", "DISEASE", "train")
GENE = Entry("INS", "INS", "TARGET", "hgnc")


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_words_kept_in_gold_names_are_learned_to_extend_and_words_left_before_them_to_trim():
    texts = ["Patients with type 2 diabetes mellitus.", "Male infertility and type 2 diabetes mellitus.",
             "In male infertility, severe anemia.", "A severe anemia; male infertility; severe sepsis; type 2 diabetes mellitus."]
    documents = [(t, _spans(t, *names)) for t, names in zip(texts, (
        ["type 2 diabetes mellitus"], ["Male infertility", "type 2 diabetes mellitus"],
        ["male infertility", "anemia"], ["anemia", "male infertility", "sepsis", "type 2 diabetes mellitus"]))]
    learned = learn_modifiers(documents)
    assert {"type", "2", "male"} <= learned.extend
    assert "severe" in learned.trim
    assert "with" not in learned.extend | learned.trim  # seen once: too rare to learn


def test_a_word_of_change_is_never_learned_to_extend_so_tumor_growth_keeps_its_effect_word_outside():
    """Bug: "decreased" (kept in BC5CDR's "decreased renal function") turned "resulting in decreased
    tumor growth" into a DISEASE "decreased tumor", and the review lost tocilizumab's two relations."""
    text = "Decreased renal function and decreased renal function."
    learned = learn_modifiers([(text, _spans(text, "Decreased renal function")), (text, _spans(text, "decreased renal function")),
                               ("decreased renal function", [(0, 24)])])
    assert "renal" in learned.extend
    assert "decreased" not in learned.extend


def test_a_severity_or_course_word_is_never_learned_to_extend():
    # "chronic" names no other concept (standard_id_modifiers.txt); train keeps it, dev leaves it out.
    texts = ["Chronic pancreatitis and chronic urticaria.", "A chronic cough and chronic gastritis."]
    documents = [(t, _spans(t, *names)) for t, names in zip(texts, (
        ["Chronic pancreatitis", "chronic urticaria"], ["chronic cough", "chronic gastritis"]))]
    assert "chronic" not in learn_modifiers(documents).extend


def test_a_disease_head_takes_in_its_modifiers_and_drops_a_left_out_word_but_never_a_word_another_mention_holds():
    modifiers = DiseaseModifiers(extend=frozenset({"type", "2", "insulin-resistant"}), trim=frozenset({"severe"}))
    text = "In type 2 diabetes mellitus and severe diabetes mellitus, INS type 2 diabetes mellitus."
    heads = [text.index("diabetes mellitus"), text.index("severe"), text.rindex("diabetes mellitus")]
    kept = [Candidate(heads[0], heads[0] + 17, DIABETES), Candidate(heads[1], heads[1] + 24, DIABETES, "pattern"),
            Candidate(text.index("INS"), text.index("INS") + 3, GENE),
            Candidate(heads[2], heads[2] + 17, DIABETES)]
    found = [text[c.start:c.end] for c in adjust_disease_spans(kept, text, modifiers)]
    assert found == ["type 2 diabetes mellitus", "diabetes mellitus", "INS", "type 2 diabetes mellitus"]
    # Offsets stay end-exclusive and the ends never move.
    assert [c.end for c in adjust_disease_spans(kept, text, modifiers)] == [c.end for c in kept]


def test_an_abbreviation_or_a_mention_across_a_line_break_is_left_as_found():
    modifiers = DiseaseModifiers(extend=frozenset({"type"}))
    text = "type\nDM and type DM"
    kept = [Candidate(5, 7, DIABETES, "abbreviation"), Candidate(17, 19, DIABETES)]
    assert [(c.start, c.end) for c in adjust_disease_spans(kept, text, modifiers)] == [(5, 7), (12, 19)]


def test_the_learned_words_round_trip_through_the_cache_and_no_cache_means_no_change(tmp_path):
    written = DiseaseModifiers(extend=frozenset({"type", "male"}), trim=frozenset({"severe"}))
    assert write_modifiers(tmp_path, written) == 3
    assert (tmp_path / DISEASE_MODIFIERS_FILE).read_text(encoding="utf-8").startswith("word\taction\n")
    assert get_modifiers(str(tmp_path)) == written
    assert get_modifiers(str(tmp_path / "missing")) == DiseaseModifiers()


def test_a_learned_head_names_a_disease_only_with_a_modifier_or_an_eponym_before_it():
    modifiers = DiseaseModifiers(extend=frozenset({"capillary", "leak"}), heads=frozenset({"syndrome"}))
    text = "Capillary leak syndrome, Reye syndrome and The syndrome; this syndrome."
    found = [(text[c.start:c.end], c.entry.label, c.entry.norm_id) for c in adjust_disease_spans([], text, modifiers)]
    assert found == [("Capillary leak syndrome", "DISEASE", "disease:capillaryleaksyndrome"),
                     ("Reye syndrome", "DISEASE", "disease:reyesyndrome")]


def test_a_head_whose_built_names_are_rarely_gold_names_is_not_learned():
    """"function" ends gold names ("renal function" in BC5CDR's "decreased renal function") but most
    "<modifier> function" phrases are not diseases: built on the train texts, they are rarely gold."""
    texts = [("Some renal leak syndrome.", ["renal leak syndrome"])] * 3 + [
        ("A capillary leak syndrome.", ["capillary leak syndrome"])] * 2 + [
        ("With poor renal function.", ["poor renal function"])] * 3 + [
        ("With normal renal function.", []), ("With good renal function.", []), ("With kept renal function.", []),
        ("With mild renal function.", []), ("With less renal function.", [])]
    documents = [(t, _spans(t, *names)) for t, names in texts] * 2
    learned = learn_modifiers(documents)
    assert "syndrome" in learned.heads
    assert "function" not in learned.heads
    # Without the precision test it would be: it ends enough gold names.
    assert sum(names == ["poor renal function"] for _t, names in texts) * 2 >= 5


def test_a_numeral_is_taken_in_only_with_the_word_before_it():
    hypertension = Entry("MESH:D006973", "hypertension", "DISEASE", "train")
    modifiers = DiseaseModifiers(extend=frozenset({"type", "ii"}))
    text = "Rats with stage II hypertension; type II hypertension."
    kept = [Candidate(text.index("hypertension"), text.index("hypertension") + 12, hypertension),
            Candidate(text.rindex("hypertension"), text.rindex("hypertension") + 12, hypertension)]
    found = [text[c.start:c.end] for c in adjust_disease_spans(kept, text, modifiers)]
    assert found == ["hypertension", "type II hypertension"]  # not "II hypertension": "stage" is not kept


def test_a_surname_takes_in_its_particles_but_a_particle_alone_names_nothing():
    modifiers = DiseaseModifiers(heads=frozenset({"syndrome", "disease"}))
    text = "Van der Woude syndrome and von Willebrand disease; de syndrome."
    found = [text[c.start:c.end] for c in adjust_disease_spans([], text, modifiers)]
    assert found == ["Van der Woude syndrome", "von Willebrand disease"]


def test_a_name_made_longer_by_modifiers_takes_its_own_id_not_the_id_of_its_head():
    """BioRED dev: "chronic kidney disease" kept "kidney disease"'s MeSH id (right for 1 in 18 such names)."""
    kidney = Entry("MESH:D007674", "kidney disease", "DISEASE", "train")
    modifiers = DiseaseModifiers(extend=frozenset({"chronic"}))
    text = "Chronic kidney disease and kidney disease."
    kept = [Candidate(8, 22, kidney), Candidate(27, 41, kidney)]
    found = adjust_disease_spans(kept, text, modifiers)
    assert [(text[c.start:c.end], c.entry.norm_id) for c in found] == [
        ("Chronic kidney disease", "disease:chronickidneydisease"), ("kidney disease", "MESH:D007674")]


def _at_each(text: str, name: str, entry: Entry) -> list[Candidate]:
    """A candidate of ``entry`` at every occurrence of ``name`` in ``text``."""
    return [Candidate(m.start(), m.end(), entry) for m in re.finditer(re.escape(name), text)]


def test_adjectives_joined_by_and_or_to_a_disease_name_share_its_head_and_its_id():
    toxicity = Entry("MESH:D064420", "gastrointestinal toxicity", "DISEASE", "train")
    modifiers = DiseaseModifiers(trim=frozenset({"severe"}))
    text = "Haematological, renal, hepatic and gastrointestinal toxicity; sleep and gastrointestinal toxicity."
    kept = _at_each(text, "gastrointestinal toxicity", toxicity)
    found = adjust_disease_spans(kept, text, modifiers)
    assert [text[c.start:c.end] for c in found] == [
        "Haematological, renal, hepatic and gastrointestinal toxicity", "gastrointestinal toxicity"]
    assert {c.entry.norm_id for c in found} == {"MESH:D064420"}
    # An adjective another mention holds stays out ("pulmonary" of "pulmonary and renal" here), and so
    # does every word without a cache of learned words.
    pulmonary = Entry("MESH:D008171", "pulmonary", "DISEASE", "train")
    text = "Pulmonary and gastrointestinal toxicity"
    kept = [Candidate(0, 9, pulmonary), Candidate(14, 39, toxicity)]
    assert [(c.start, c.end) for c in adjust_disease_spans(kept, text, modifiers)] == [(0, 9), (14, 39)]
    assert adjust_disease_spans(kept[1:], text, DiseaseModifiers())[0].start == 14
    assert adjust_disease_spans(kept[1:], text, modifiers)[0].start == 0


def test_a_capitalised_possessive_before_a_disease_name_is_its_eponym():
    """BioRED and BC5CDR train keep such a surname in the name 88 times in 89 ("Wernicke's encephalopathy")."""
    encephalopathy = Entry("MESH:D001927", "encephalopathy", "DISEASE", "train")
    modifiers = DiseaseModifiers(trim=frozenset({"severe"}))
    text = "Wernicke's encephalopathy; the patient's encephalopathy; Wernicke encephalopathy."
    kept = _at_each(text, "encephalopathy", encephalopathy)
    found = adjust_disease_spans(kept, text, modifiers)
    assert [text[c.start:c.end] for c in found] == ["Wernicke's encephalopathy", "encephalopathy", "encephalopathy"]


def test_a_generic_head_right_after_a_disease_name_completes_it_and_keeps_its_id():
    psychotic = Entry("MESH:D011618", "psychotic", "DISEASE", "train")
    modifiers = DiseaseModifiers(trim=frozenset({"severe"}))
    text = "A psychotic disorder, psychotic disorders and psychotic patients; psychotic syndrome."
    kept = _at_each(text, "psychotic", psychotic)
    syndrome = text.index("syndrome")  # a head another mention holds stays its own
    kept.append(Candidate(syndrome, syndrome + 8, Entry("MESH:D013577", "syndrome", "DISEASE", "train")))
    found = adjust_disease_spans(kept, text, modifiers)
    assert [text[c.start:c.end] for c in found] == ["psychotic disorder", "psychotic disorders", "psychotic",
                                                     "psychotic", "syndrome"]
    assert {c.entry.norm_id for c in found[:4]} == {"MESH:D011618"}


def test_a_disease_adjective_before_a_disease_noun_is_one_name_with_the_nouns_id():
    jaundice = Entry("MESH:D007565", "jaundice", "DISEASE", "train")
    cholestatic = Entry("MESH:D002779", "cholestatic", "DISEASE", "train")
    diabetic = Entry("MESH:D003920", "diabetic", "DISEASE", "train")
    arrest = Entry("MESH:D006323", "cardiac arrest", "DISEASE", "train")
    text = "Cholestatic jaundice, hypertensive diabetic rats, asystolic cardiac arrest and CJ jaundice."

    def at(word, entry, source="lexicon", nth=0):
        start = text.index(word) if not nth else text.rindex(word)
        return Candidate(start, start + len(word), entry, source)

    LEARNED = DiseaseModifiers(trim=frozenset({"severe"}))  # spans change only with a learned cache
    kept = [at("Cholestatic", cholestatic), at("jaundice", jaundice), at("hypertensive", diabetic),
            at("diabetic", diabetic), at("asystolic", cholestatic), at("cardiac arrest", arrest),
            at("CJ", cholestatic, "abbreviation"), at("jaundice", jaundice, nth=1)]
    found = [(text[c.start:c.end], c.entry.norm_id) for c in adjust_disease_spans(kept, text, LEARNED)]
    assert found == [("Cholestatic jaundice", "MESH:D007565"), ("hypertensive", "MESH:D003920"),
                     ("diabetic", "MESH:D003920"), ("asystolic", "MESH:D002779"),
                     ("cardiac arrest", "MESH:D006323"), ("CJ", "MESH:D002779"), ("jaundice", "MESH:D007565")]


def test_a_head_is_judged_by_its_different_built_names_not_by_one_name_repeated():
    """"aggressive behavior" is gold five times, but "motor behavior" and "sexual behavior" are no
    diseases: one right name of three is no head. "syndrome" ends two different right names."""
    texts = [("An aggressive behavior.", ["aggressive behavior"])] * 5 + [
        ("A motor neuropathy.", ["motor neuropathy"]), ("A sexual dysfunction.", ["sexual dysfunction"]),
        ("Some motor behavior.", []), ("Some sexual behavior.", []),
        ("A capillary leak syndrome.", ["capillary leak syndrome"]), ("A renal leak syndrome.", ["renal leak syndrome"]),
        ("A capillary leak syndrome.", ["capillary leak syndrome"]), ("A renal leak syndrome.", ["renal leak syndrome"]),
        ("A capillary leak syndrome.", ["capillary leak syndrome"])]
    documents = [(t, _spans(t, *names)) for t, names in texts] * 3
    learned = learn_modifiers(documents)
    assert {"aggressive", "motor", "sexual"} <= learned.extend
    assert "syndrome" in learned.heads
    assert "behavior" not in learned.heads
    # Counted by occurrence it would be one: 15 of its 21 built names are gold.
    assert sum(names == ["aggressive behavior"] for _t, names in texts) * 3 / 21 >= 0.5


def test_a_virus_right_before_a_one_word_disease_name_is_taken_in():
    infection = Entry("MESH:D007239", "infection", "DISEASE", "train")
    cystitis = Entry("MESH:D003556", "hemorrhagic cystitis", "DISEASE", "train")
    modifiers = DiseaseModifiers(heads=frozenset({"disease"}))
    text = "In severe adenovirus disease, HCV infection, stage IV infection and adenovirus hemorrhagic cystitis."
    kept = [Candidate(text.index("infection"), text.index("infection") + 9, infection),
            Candidate(text.rindex("infection"), text.rindex("infection") + 9, infection),
            Candidate(text.index("hemorrhagic"), len(text) - 1, cystitis)]
    found = [text[c.start:c.end] for c in adjust_disease_spans(kept, text, modifiers)]
    assert found == ["adenovirus disease", "HCV infection", "infection", "hemorrhagic cystitis"]


def test_a_word_is_taken_in_only_if_most_different_names_keep_it_not_one_name_repeated():
    """"toxic" is kept six times, all in "toxic hepatitis", and left before two other names: one name
    of three keeps it. "type" is kept by two different names and left before none."""
    texts = [("A toxic hepatitis.", ["toxic hepatitis"])] * 6 + [
        ("A toxic encephalopathy.", ["encephalopathy"]), ("A toxic neuropathy.", ["neuropathy"]),
        ("In type 2 diabetes.", ["type 2 diabetes"]), ("In type 1 diabetes.", ["type 1 diabetes"]),
        ("In type 2 diabetes.", ["type 2 diabetes"])]
    learned = learn_modifiers([(t, _spans(t, *names)) for t, names in texts])
    assert "type" in learned.extend
    assert "toxic" not in learned.extend  # though kept in 6 of its 8 uses
