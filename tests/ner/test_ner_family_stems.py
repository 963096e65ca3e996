"""A cytokine family word naming one member is no DRUG mention (pipeline/ner/family_stems.py)."""

from __future__ import annotations

import re

from pipeline.ner.family_stems import drop_family_stems
from pipeline.ner.mentions import CharMention


def _kept(text: str, words: tuple[str, ...]) -> list[str]:
    mentions = [CharMention(m.start(), m.end(), "DRUG", "MESH:D1", m.group(), "lexicon")
                for word in words for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    return [text[m.start:m.end] for m in drop_family_stems(sorted(mentions, key=lambda m: m.start), text)]


def test_a_family_word_joined_to_a_member_number_or_greek_letter_is_dropped():
    # "interleukin" of "interleukin-1" and "interferon" of "gamma-interferon" acted as the class of drugs
    text = "Beta-interferon, interleukin-12 and interleukin (IL)-1β were added; interferon therapy and interferon alpha-2b too."
    assert _kept(text, ("interferon", "interleukin", "IL")) == ["interferon", "interferon"]


def test_other_drugs_joined_to_a_number_stay():
    text = "Cisplatin-1 resistant cells and gamma-cisplatin."
    assert _kept(text, ("Cisplatin", "cisplatin")) == ["Cisplatin", "cisplatin"]


def test_a_family_word_before_a_bracketed_short_form_and_a_greek_letter_is_dropped():
    # "interferon (IFN)-gamma" gave the DRUG class "interferon" and "IFN" as two agents
    text = "Levels of interferon (IFN)-gamma and interferon (IFN)-γ rose; interferon was given."
    assert _kept(text, ("interferon", "IFN")) == ["interferon"]
