"""The shipped parser loads from the package, parses into one well-formed tree, and gives paths."""

from __future__ import annotations

import json

import pytest

from pipeline.parser import DEFAULT_MODEL_DIR, dependency_path, load_parser, parse_sentences, path_labels

SENTENCE = "Tocilizumab, an antibody against the IL-6 receptor, inhibited STAT3 phosphorylation in MCF-7 cells."


@pytest.fixture(scope="module")
def doc():
    if not (DEFAULT_MODEL_DIR / "meta.json").is_file():
        pytest.fail(f"the shipped parser model is missing: {DEFAULT_MODEL_DIR} (see MODEL_CARD.md beside it)")
    return parse_sentences([SENTENCE])[0]


def _root_of(token):
    seen = set()
    while token.head.i != token.i:
        assert token.i not in seen, f"cycle through {token.text!r}"
        seen.add(token.i)
        token = token.head
    return token


def test_one_sentence_one_tree(doc):
    assert doc.text == SENTENCE
    roots = [t for t in doc if t.head.i == t.i]
    assert len(roots) == 1 and roots[0].dep_ == "ROOT"
    assert all(_root_of(t) is roots[0] or _root_of(t).i == roots[0].i for t in doc)
    assert len(list(doc.sents)) == 1
    assert all(t.dep_ for t in doc) and all(t.tag_ for t in doc)


CLAUSE = "Treatment with tocilizumab inhibited the growth of MDA-MB-231 cells."


def test_the_tree_is_a_plausible_parse():
    # A trained model, not a stub: the verb heads the sentence, with its subject and object below it.
    doc = parse_sentences([CLAUSE])[0]
    verb = doc[3]
    assert verb.text == "inhibited" and verb.dep_ == "ROOT" and verb.tag_ == "VBD"
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 3)
    assert (doc[5].text, doc[5].dep_, doc[5].head.i) == ("growth", "dobj", 3)


def test_unknown_capitalised_subject_before_a_past_tense_verb():
    # CRAFT's many titles taught the CRAFT-only model to read "Name verbed X" as a noun phrase;
    # GENIA's abstract sentences in training fixed it
    doc = parse_sentences(["Tocilizumab reduced tumor growth in mice."])[0]
    assert doc[1].dep_ == "ROOT"


def test_dependency_path_between_two_spans():
    doc = parse_sentences([CLAUSE])[0]
    drug, cells = doc[2:3], doc[8:10]
    path = dependency_path(drug, cells)
    assert [t.text for t in path] == ["tocilizumab", "with", "Treatment", "inhibited", "growth", "of", "cells"]
    assert path_labels(path) == ["<pobj", "<prep", "<nsubj", ">dobj", ">prep", ">pobj"]
    assert dependency_path(doc[9], doc[9]) == [doc[9]]


def test_model_is_small_and_carded():
    size = sum(f.stat().st_size for f in DEFAULT_MODEL_DIR.rglob("*") if f.is_file())
    assert size < 30 * 1024 * 1024
    card = (DEFAULT_MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY 3.0" in card and "evidence train parser" in card
    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser"]
    assert load_parser() is load_parser()  # loaded once
