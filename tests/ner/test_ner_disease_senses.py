"""Disease words used in another sense are no mention (pipeline/ner/disease_senses.py)."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.ner import disease_senses
from pipeline.ner.disease_senses import drop_disease_misreads, word_senses
from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate

DISEASE = Entry("MESH:X", "x", "DISEASE", "train")
DRUG = Entry("drug:x", "x", "DRUG", "train")


def _kept(text: str, word: str, entry: Entry = DISEASE) -> list[str]:
    start = text.index(word)
    return [text[c.start:c.end] for c in drop_disease_misreads([Candidate(start, start + len(word), entry)], text)]


@pytest.mark.parametrize("text, kept", [
    ("Effects of nonsteroidal anti-inflammatory drugs on hemostasis.", False),
    ("Suprofen, a new nonsteroidal anti-inflammatory drug, was marketed.", False),
    ("Anti-inflammatory agents were given.", False),
    ("VIP acts as an anti-inflammatory mediator.", True),  # no drug class: BioRED annotates it
    ("an inflammatory drug reaction", True),  # no "anti-"
    ("semi-anti-inflammatory drugs", False),
])
def test_inflammatory_in_an_anti_inflammatory_drug_class_is_no_disease(text, kept):
    assert _kept(text, "inflammatory") == (["inflammatory"] if kept else [])


@pytest.mark.parametrize("text, kept", [
    ("Mice developed cardiac dilation and depressed cardiac function.", False),
    ("Cholinesterase levels were severely depressed and symptoms resolved.", False),
    ("due to depressed NO synthase expression", False),
    ("body weight gain was depressed.", False),
    ("mania in a depressed elderly woman", True),
    ("in the treatment of 33 depressed outpatients", True),
    ("Depressed mood was more common", True),
])
def test_depressed_is_depression_only_when_it_describes_a_person(text, kept):
    word = "Depressed" if text.startswith("Depressed") else "depressed"
    assert _kept(text, word) == ([word] if kept else [])


@pytest.mark.parametrize("text, kept", [
    ("There were no deaths from breast cancer.", False),
    ("Deaths from local anesthetic-induced convulsions in mice", False),
    ("There were more deaths in the mexiletine group.", True),
    ("Convulsions always preceded death, except after arrest.", True),
])
def test_deaths_from_a_disease_count_that_disease(text, kept):
    word = "Deaths" if text.startswith("Deaths") else ("deaths" if "deaths" in text else "death")
    assert _kept(text, word) == ([word] if kept else [])


@pytest.mark.parametrize("text, word, kept", [
    ("The cardiac depressant actions of phenytoin", "cardiac depressant", False),
    ("respiratory paralysis produced by CNS depressants, such as", "depressants", False),
    ("induces anxiogenic- and depressant-like effects in mouse", "depressant", True),
])
def test_a_depressant_is_a_drug_unless_depressant_like(text, word, kept):
    assert _kept(text, word) == ([word] if kept else [])


@pytest.mark.parametrize("text, word, kept", [
    ("Dopamine D2 receptor signaling controls neuronal cell death induced by", "neuronal cell death", False),
    ("AZT triggers the Fas-dependent cell-death pathway", "death", False),
    ("P20 rats had no cell loss or spontaneous seizures", "cell loss", False),
    ("endothelial cell damage was found", "cell damage", False),
    ("Convulsions preceded death in all cells", "death", True),
    ("hearing loss", "hearing loss", True),
    ("rats submitted to electroconvulsive shock immediately after", "shock", False),
    ("direct current electric shock; ventricular pacing", "shock", False),
    ("septic shock developed", "shock", True),
])
def test_the_fate_of_cells_and_a_shock_given_are_no_disease(text, word, kept):
    assert _kept(text, word) == ([word] if kept else [])


def test_a_word_keeps_each_of_its_rules():
    assert {rule for rule, _words in word_senses()["death"]} == {"not_before", "not_after"}


def test_other_labels_are_left_alone():
    assert _kept("nonsteroidal anti-inflammatory drugs", "inflammatory", DRUG) == ["inflammatory"]


def test_an_unknown_rule_names_the_word(tmp_path, monkeypatch):
    (tmp_path / disease_senses.SENSES_FILE).write_text("word\trule\tnext_words\ndepressed\tonly_after\tpatient\n")
    monkeypatch.setattr(disease_senses, "LEXICON_DIR", tmp_path)
    word_senses.cache_clear()
    try:
        with pytest.raises(InputError, match="'depressed'.*'only_after'"):
            word_senses()
    finally:
        word_senses.cache_clear()


def test_the_recognizer_drops_the_misreads_and_keeps_the_disease():
    from pipeline.ner.components import EntityRecognizer
    from pipeline.ner.lexicon import Lexicon, Term
    from pipeline.ner.matcher import LexiconMatcher

    entry = Entry("MESH:D007249", "inflammation", "DISEASE", "train")
    recognizer = EntityRecognizer(LexiconMatcher(Lexicon([Term("inflammatory", entry)])), [], doc_ents=False)
    text = "Nonsteroidal anti-inflammatory drugs eased the inflammatory response."
    assert [text[m.start:m.end] for m in recognizer.find(text)] == ["inflammatory"]
    assert recognizer.find(text)[0].start == text.rindex("inflammatory")
