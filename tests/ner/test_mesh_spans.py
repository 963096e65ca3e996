"""Disease mentions that end a longer MeSH disease name take it in (pipeline.ner.mesh_spans)."""

from __future__ import annotations

from pipeline.ner.mentions import new_char_mention
from pipeline.ner.mesh_spans import extend_to_mesh_names

TABLE = {("DISEASE", "mesh:thoracicaorticaneurysm"): ("MESH:D017545",),
         ("DISEASE", "mesh:aneurysm"): ("MESH:D000783",),
         ("DISEASE", "mesh:chronicurticaria"): ("MESH:D000080223",),
         ("DISEASE", "mesh:desminrelatedmyopathy"): ("MESH:C000001",),
         ("DRUG", "mesh:sodiumcitrate"): ("MESH:C102006",)}


def _mention(text, word, label="DISEASE", norm_id="MESH:D000783"):
    start = text.index(word)
    return new_char_mention((start, start + len(word), label, norm_id, word, "lexicon", ("MONDO:1",)))


def test_a_disease_head_takes_in_the_words_of_the_longer_mesh_name_it_ends():
    text = "Patients with thoracic aortic aneurysm were seen."
    (found,) = extend_to_mesh_names([_mention(text, "aneurysm")], text, TABLE)
    # The bug: "aneurysm" alone took the broader heading Aortic Aneurysm (D000783), a missed concept.
    assert text[found.start:found.end] == "thoracic aortic aneurysm"
    assert found.norm_id == "MESH:D017545" and found.xrefs == ()


def test_no_extension_over_severity_words_other_mentions_sentences_or_other_labels():
    text = "Chronic urticaria. Desmin-related myopathy and thoracic aortic. Aneurysm, sodium citrate."
    urticaria = _mention(text, "urticaria")
    myopathy, desmin = _mention(text, "myopathy"), _mention(text, "Desmin", "TARGET", "DES")
    aneurysm, citrate = _mention(text, "Aneurysm"), _mention(text, "citrate", "DRUG", "MESH:D1")
    mentions = [urticaria, desmin, myopathy, aneurysm, citrate]
    # "chronic" is left out by annotators; "Desmin" is another mention's; ". " ends the name; drugs stay.
    assert extend_to_mesh_names(mentions, text, TABLE) == mentions


def test_the_word_before_a_mention_is_found_by_its_own_characters():
    from pipeline.ner.mesh_spans import _word_start_before

    text = "in (primary hyperparathyroidism and chronic gout, x-linked rickets"
    assert _word_start_before(text, text.index("hyperparathyroidism")) == text.index("primary")
    assert _word_start_before(text, text.index("primary")) is None  # "(" is no word
    assert _word_start_before(text, text.index("gout")) is None  # a severity word is not taken in
    assert _word_start_before(text, text.index("rickets")) == text.index("x-linked")
    assert _word_start_before("é-linked rickets", 9) is None  # a word starts with an ASCII letter or digit
    # A line break and a space before the mention end the name (the regular expression's "$" had matched
    # before the line break and taken the word of the line above in).
    assert _word_start_before("renal\n failure", 7) is None
