"""Substances a text measures or uses as reagents are no agents (``present_substances.txt``)."""

from __future__ import annotations

import re

import pytest

from pipeline.records import Mention
from pipeline.relations.extract import extract_relations

from .conftest import find_mentions, make_document

_EXTRA = {"reactive oxygen species": "MESH:D017382", "ATP": "MESH:D000255", "phosphatidylserine": "MESH:D010718",
          "biotin": "MESH:D001710"}


def _extract(text: str):
    mentions = find_mentions("doc", text)
    for name, norm_id in _EXTRA.items():
        mentions += [Mention("doc", m.start(), m.end(), m.group(), "DRUG", norm_id, name, "lexicon")
                     for m in re.finditer(re.escape(name), text)]
    return extract_relations([make_document(text)], sorted(mentions, key=lambda m: m.start))


@pytest.mark.parametrize("text", [
    "In these cells reactive oxygen species activated STAT3.",  # produced by the cells, not given
    "ATP levels rose and ATP increased STAT3 in the heart.",  # "ATP synthesis"
    "Binding to gp130 in the presence of phosphatidylserine increased STAT3.",  # an assay cofactor
    "In the pulldown, biotin increased the STAT3 signal on the beads.",  # a label of the probe
])
def test_a_substance_present_but_not_applied_does_not_act(text):
    assert [(r.agent_text, r.object_text) for r in _extract(text)] == []


def test_an_applied_substance_still_acts():
    relations = _extract("Cells treated with ATP increased STAT3 phosphorylation.")
    assert [(r.agent_text, r.effect) for r in relations] == [("ATP", "increases")]


@pytest.mark.parametrize("text", [
    "The release of cisplatin increased STAT3.",  # "release of CGRP"
    "Excessive levels of cisplatin increased STAT3.",  # "Excessive level of estrogen is a main cause of"
])
def test_a_chemical_after_a_measure_noun_and_of_does_not_act(text):
    assert _extract(text) == []


def test_a_dose_noun_keeps_the_agent():
    # "a very low concentration of depsipeptide potentiated ...": the dose of what is applied
    assert [r.agent_text for r in _extract("A low concentration of cisplatin increased STAT3.")] == ["cisplatin"]
