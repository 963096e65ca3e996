"""Prefixed metabolite names as DRUG mentions (pipeline/ner/metabolites.py)."""

from __future__ import annotations

from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate, MatchView
from pipeline.ner.metabolites import metabolite_mentions
from pipeline.ner.mentions import CharMention


class _Matcher:
    """The lexicon's whole-text matches for a two-drug dictionary."""

    names = {"tamoxifen": "DB00675", "fluoxetine": "DB00472"}

    def candidates(self, view: MatchView) -> list[Candidate]:
        norm = self.names.get(view.text.lower())
        return [] if norm is None else [Candidate(0, len(view.text), Entry(norm, view.text, "DRUG", "test"), "lexicon")]


def test_a_prefixed_drug_name_is_a_drug_and_an_unknown_rest_is_not():
    # "LY117018 was compared with monohydroxytamoxifen": the comparator was no mention.
    text = "Monohydroxytamoxifen and norfluoxetine, not hydroxyproline; 4-hydroxytamoxifen stays."
    lexicon = [CharMention(text.index("4-hydroxy"), len(text) - 7, "DRUG", "DB04468", "x", "lexicon")]
    found = metabolite_mentions(text, lexicon, _Matcher())
    assert [(text[m.start:m.end], m.source) for m in found] == [
        ("Monohydroxytamoxifen", "rule"), ("norfluoxetine", "rule"), ("4-hydroxytamoxifen", "lexicon")]
