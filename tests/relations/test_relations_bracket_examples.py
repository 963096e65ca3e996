"""Bracketed example lists after an object, an object list closed by ", and" before a new statement,
and a chemical inside an enzyme's name (issue 18, BioRED recall)."""

from __future__ import annotations

import re

import pytest

from pipeline.records import Mention
from pipeline.relations.extract import extract_relations

# names this file adds to the shared test lexicon (conftest.LEXICON)
NAMES = {"TNF-alpha": ("TARGET", "TNF", "TNF"), "vimentin": ("TARGET", "VIM", "VIM"), "snail": ("TARGET", "SNAI1", "SNAI1"),
         "learning impairment": ("DISEASE", "D1", "LI"), "aspartate": ("DRUG", "MESH:D001224", "Aspartic Acid"),
         "catalase": ("TARGET", "CAT", "CAT"), "creatine phosphokinase": ("DRUG", "MESH:D003402", "CPK")}


@pytest.fixture()
def extract(mentions_for, document_for):
    def run(text: str):
        extra = [Mention("doc", m.start(), m.end(), m.group(), *NAMES[name], "lexicon")
                 for name in NAMES for m in re.finditer(re.escape(name), text)]
        mentions = sorted(mentions_for("doc", text) + extra, key=lambda m: m.start)
        return extract_relations([document_for(text, "doc")], mentions)
    return run


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_named_examples_in_brackets_are_objects(extract):
    rels = extract("Bortezomib decreased the release of inflammatory cytokines (IL-6, STAT3 and TNF-alpha).")
    assert _read(rels) == [("Bortezomib", "decreases", "IL-6"), ("Bortezomib", "decreases", "STAT3"),
                           ("Bortezomib", "decreases", "TNF-alpha"),
                           ("Bortezomib", "decreases", "release of inflammatory cytokines")]
    rels = extract("Bortezomib decreased the release of inflammatory cytokines (including IL-6).")
    assert ("Bortezomib", "decreases", "IL-6") in _read(rels)


def test_an_abbreviation_or_statistics_in_brackets_are_no_examples(extract):
    assert _read(extract("Bortezomib decreased the release of cytokines (IL-6).")) == [
        ("Bortezomib", "decreases", "release of cytokines")]
    assert _read(extract("Bortezomib decreased the release of cytokines (IL-6; n = 5).")) == [
        ("Bortezomib", "decreases", "release of cytokines")]


def test_a_list_closed_by_comma_and_before_a_new_statement(extract):
    rels = extract("Bortezomib reduced the expression of vimentin, snail, STAT3, and a restored expression of IL-6 was seen.")
    assert ("Bortezomib", "decreases", "snail") in _read(rels)
    assert ("Bortezomib", "decreases", "STAT3") in _read(rels)
    # two conjuncts: ", and" before a verb still starts a coordinated verb of the subject
    assert _read(extract("Bortezomib reduced vimentin, and increased snail.")) == [
        ("Bortezomib", "decreases", "vimentin"), ("Bortezomib", "increases", "snail")]


def test_a_chemical_in_an_enzyme_name_does_not_act(extract):
    # "aspartate transaminase" is an enzyme (like "thymidine kinase"): its substrate's name is no agent
    assert _read(extract("In these rats aspartate transaminase reduced catalase.")) == []
    rels = extract("Cisplatin-treated rats showed significant increases in the levels of aspartate transaminase "
                   "and significant decreases in the activity of catalase.")
    assert ("Cisplatin", "decreases", "activity of catalase") in _read(rels)


def test_a_bracket_before_of_interrupts_the_object(extract):
    rels = extract("Bortezomib induced a greater incidence (33% versus 6%) of osteoporosis than cisplatin.")
    assert ("Bortezomib", "increases", "greater incidence (33% versus 6%) of osteoporosis") in _read(rels)


def test_a_drug_named_like_an_enzyme_is_the_enzyme(extract):
    # a drug dictionary lists "creatine phosphokinase": in a sentence it is the measured enzyme, no agent
    rels = extract("The injection of cisplatin led to a significant increase in creatine phosphokinase, "
                   "and a significant decrease in the levels of STAT3.")
    assert _read(rels) == [("cisplatin", "decreases", "levels of STAT3"),
                           ("cisplatin", "increases", "creatine phosphokinase")]


def test_a_list_of_participial_findings_is_not_one_object_list(extract):
    # "had thickened A, decreased B, thickened C, ..., and increased D": each item has its own change word
    rels = extract("Bortezomib-treated eyes had thickened beams, decreased STAT3 levels, thickened gp130 tissue, "
                   "activated cells, and increased amounts of IL-6.")
    assert all("gp130" not in r.object_text for r in rels)
