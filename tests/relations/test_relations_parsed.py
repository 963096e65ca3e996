"""The parser-driven fallback (``parsed.py``): clause shapes read from the dependency tree for agents and
trigger words the rules and the pair reader left unread. Sentences written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

import pipeline.parser.model as parser_model
import pipeline.relations.extract as extract_module
from pipeline.relations import parsed, sentence_parse
from pipeline.relations.pairs import parser_available
from pipeline.relations.units import iter_units

from .conftest import find_mentions, make_document

pytestmark = pytest.mark.skipif(not parser_available(), reason="needs the shipped parser model")


def _read(text: str) -> list[tuple[str, str, str, str, bool]]:
    relations = extract_module.extract_relations([make_document(text)], find_mentions("doc", text))
    return sorted((r.construction, r.agent_text, r.effect, r.object_text, r.negated) for r in relations)


def _parsed(text: str) -> list[tuple[str, str, str, str, bool]]:
    return [row for row in _read(text) if row[0] in parsed.CONSTRUCTIONS]


def _without_fallback(monkeypatch, text: str) -> list[tuple[str, str, str, str, bool]]:
    monkeypatch.setattr(extract_module, "parsed_relations", lambda unit, found, doc_system: [])
    return _read(text)


def _rules_relations(text: str) -> list:
    """The rule readings of the sentence's one unit (no fallback)."""
    from pipeline.relations.extract import extract_relations
    from pipeline.relations.parsed import CONSTRUCTIONS
    return [r for r in extract_relations([make_document(text)], find_mentions("doc", text))
            if r.construction not in CONSTRUCTIONS]


def _fallback_alone(text: str, found=()) -> list[tuple[str, str, str, bool]]:
    """What the fallback reads of the sentence given the rules' ``found`` relations."""
    document = make_document(text)
    unit = next(iter(iter_units(document, find_mentions("doc", text), (), "all")))
    try:
        return sorted((r.agent_text, r.effect, r.object_text, r.negated)
                      for r in parsed.parsed_relations(unit, list(found), lambda: "unknown"))
    finally:
        sentence_parse.release()  # as extract_relations does after each unit


def test_a_coordinated_subject_with_an_excluded_agent_between_it_and_the_verb():
    text = "Melphalan and bortezomib, but not cisplatin, strongly inhibited the growth of tumors."
    # the "not" inside the subject excludes cisplatin; it does not deny the verb for the other two
    assert [row for row in _fallback_alone(text) if row[0] != "cisplatin"] == [
        ("Melphalan", "decreases", "growth of tumors", False), ("bortezomib", "decreases", "growth of tumors", False)]
    # the rules read the list themselves now (cisplatin left out of the subject); the fallback then reads
    # cisplatin, which the sentence names as not acting: negated (unit_filters.excluded_negated)
    assert _read(text) == [("active", "Melphalan", "decreases", "growth of tumors", False),
                           ("active", "bortezomib", "decreases", "growth of tumors", False),
                           ("parsed_subject", "cisplatin", "decreases", "growth of tumors", True)]


def test_the_agents_apposed_to_the_subject_act():
    text = "We also show that two of these compounds, melphalan and bortezomib, cause a decrease in STAT3 activation."
    assert _fallback_alone(text) == [("bortezomib", "decreases", "STAT3 activation", False),
                                     ("melphalan", "decreases", "STAT3 activation", False)]


def test_a_real_negation_of_the_verb_is_kept():
    text = "Melphalan and bortezomib, at every dose tested in the animals, did not inhibit the growth of tumors."
    assert _fallback_alone(text) == [("Melphalan", "decreases", "growth of tumors", True),
                                     ("bortezomib", "decreases", "growth of tumors", True)]


def test_coordinated_passive_subjects_far_from_the_by_phrase(monkeypatch):
    text = "Tumour growth and the expression of STAT3, in all of the treated animals, were reduced by melphalan."
    assert _parsed(text) == [("parsed_passive", "melphalan", "decreases", "Tumour growth", False),
                             ("parsed_passive", "melphalan", "decreases", "expression of STAT3", False)]
    assert _without_fallback(monkeypatch, text) == []


def test_the_agent_of_a_nominal_is_every_item_of_the_by_list(monkeypatch):
    text = "Inhibition of STAT3 by melphalan and bortezomib."
    # the fallback reads the by-list's later items when the rules give the first only ...
    rules_first_only = [r for r in _rules_relations(text) if r.agent_text == "melphalan"]
    assert _fallback_alone(text, rules_first_only) == [("bortezomib", "decreases", "STAT3", False)]
    # ... and the rules now read the whole list themselves (constructions._nominal), so it adds nothing
    assert sorted(row[1] for row in _without_fallback(monkeypatch, text)) == ["bortezomib", "melphalan"]
    assert _parsed(text) == []


def test_a_treatment_phrase_as_the_subject():
    # the rules read these too; the fallback alone shows the shape: the agent inside "treatment with X"
    for text in ("Treatment with melphalan for two days reduced the expression of STAT3.",
                 "Melphalan treatment for two days reduced the expression of STAT3."):
        assert _fallback_alone(text) == [("melphalan", "decreases", "expression of STAT3", False)] or \
            _fallback_alone(text) == [("Melphalan", "decreases", "expression of STAT3", False)]


def test_a_gerund_that_says_how_the_verb_acted():
    text = "Melphalan inhibited cell growth by blocking the activation of STAT3."
    assert _fallback_alone(text) == [("Melphalan", "decreases", "activation of STAT3", False),
                                     ("Melphalan", "decreases", "cell growth", False)]


def test_a_light_verb_whose_object_names_the_change():
    assert _fallback_alone("Melphalan caused a marked decrease in tumour growth.") == [
        ("Melphalan", "decreases", "tumour growth", False)]
    assert _fallback_alone("In mice, melphalan exerted strong inhibitory effects on tumour growth.") == [
        ("melphalan", "decreases", "tumour growth", False)]
    # where a change took place is no object, nor is an induced interaction a binding
    assert _fallback_alone("Melphalan led to enhanced cortical activations in frontal brain regions.") == []
    assert "binds" not in {row[1] for row in _fallback_alone("Melphalan induced a physical interaction of STAT3 and gp130.")}


def test_a_binding_verb_takes_its_to_phrase_not_the_manner():
    text = "Siltuximab was found to bind to IL-6 with high affinity."
    assert _fallback_alone(text) == [("Siltuximab", "binds", "IL-6", False)]


def test_an_agent_never_acts_on_a_phrase_naming_it():
    text = ("Pretreatment with melphalan produced increases in tremor, whereas cisplatin injection before the "
            "test reversed the effects of melphalan.")
    assert [row for row in _fallback_alone(text) if row[0] == "melphalan"] == []


def test_a_statement_the_rules_read_with_the_same_trigger_word_is_theirs():
    text = "Melphalan inhibited cell growth by blocking the activation of STAT3."
    found = extract_module.extract_relations([make_document(text)], find_mentions("doc", text))
    rules = [r for r in found if r.construction not in parsed.CONSTRUCTIONS]
    assert rules and _fallback_alone(text, rules) == []


def test_a_trigger_word_the_rules_read_their_own_way_is_theirs():
    # the rules read "inhibited" for melphalan with an object of their own (here moved out of the way); the
    # unread bortezomib makes the sentence worth parsing, and the parse then gives melphalan only the gerund
    text = "Melphalan inhibited cell growth by blocking the activation of STAT3, and bortezomib was given too."
    found = extract_module.extract_relations([make_document(text)], find_mentions("doc", text))
    inhibited = next(r for r in found if r.triggers == ("inhibited",))
    moved = dataclasses.replace(inhibited, object_start=0, object_end=0)
    assert _fallback_alone(text, [moved]) == [("Melphalan", "decreases", "activation of STAT3", False)]


def test_coordinated_verbs_share_the_subject():
    assert _fallback_alone("In mice, melphalan reduced the growth of tumours and enhanced the apoptosis of tumour "
                           "cells.") == [("melphalan", "decreases", "growth of tumours", False),
                                         ("melphalan", "increases", "apoptosis of tumour cells", False)]


def test_nothing_is_parsed_when_every_agent_is_read(monkeypatch):
    # the rules read "inhibited" only (the gerund left unread): a read agent is not worth a parse
    text = "Melphalan inhibited cell growth by blocking the activation of STAT3."
    found = [r for r in extract_module.extract_relations([make_document(text)], find_mentions("doc", text))
             if r.triggers == ("inhibited",)]

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed a sentence with nothing left to read")

    monkeypatch.setattr(parser_model, "_one_sentence", no_parse)
    sentence_parse.release()
    assert _fallback_alone(text, found) == []


def test_a_sentence_is_parsed_once_for_the_subject_choice_the_pair_reader_and_the_fallback(monkeypatch):
    from pipeline.relations import subjects

    parsed_texts: list[str] = []
    original = parser_model._one_sentence

    def counted(doc):  # every text parse_sentences parses passes here, whichever name it was imported by
        parsed_texts.append(doc.text)
        return original(doc)

    monkeypatch.setattr(parser_model, "_one_sentence", counted)
    sentence_parse.release()
    subjects._parse.cache_clear()
    # two agents before "augmented" (the rules ask the parser for its subject), cisplatin and breast cancer
    # left to the pair reader (its path features), bortezomib unread by the rules (the fallback's shapes)
    text = ("Pre-treatment with cisplatin produced cross-tolerance to melphalan, whereas pretreatment with "
            "melphalan did not induce cross-tolerance to cisplatin but rather augmented the cataleptic response in "
            "breast cancer, and the growth of tumour cells, in all of the treated animals, was markedly suppressed "
            "by bortezomib.")
    _read(text)
    assert parsed_texts == [text]


def test_no_parsed_doc_outlives_its_unit():
    import gc

    from spacy.tokens import Doc

    _read("Melphalan and bortezomib, but not cisplatin, strongly inhibited the growth of tumors.")
    gc.collect()
    assert sum(isinstance(o, Doc) for o in gc.get_objects()) == 0
