"""Drug classes named by what they do as DRUG class mentions (pipeline/ner/action_classes.py), and the
scoring convention of corpora that do not annotate them (action_class_conventions.tsv)."""

from __future__ import annotations

from pipeline.evaluation.ner_scoring import apply_span_conventions
from pipeline.ner.action_classes import _may_hold_a_class, _pattern, action_classes
from pipeline.ner.mentions import CharMention
from pipeline.records import Mention


def _found(text: str, mentions: list[CharMention] = ()) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.label, m.norm_id) for m in action_classes(text, list(mentions))]


def test_an_action_adjective_before_a_drug_head_and_a_class_noun_are_class_mentions():
    # "Immunosuppressive drugs have been developed to prevent acute rejection": the agent was no mention.
    text = ("Immunosuppressive drugs prevent rejection; NSAIDs and some cardiovascular, antiviral drugs "
            "were compared with antipsychotics.")
    assert _found(text) == [("Immunosuppressive drugs", "DRUG", "class:immunosuppressant"),
                            ("NSAIDs", "DRUG", "class:nsaid"),
                            ("antiviral drugs", "DRUG", "class:antiviral"),
                            ("antipsychotics", "DRUG", "class:antipsychotic")]


def test_the_longest_reading_wins_and_an_adjective_alone_is_no_class():
    text = "Non-steroidal anti-inflammatory drugs differ from antipsychotic-induced effects and antiviral activity."
    assert _found(text) == [("Non-steroidal anti-inflammatory drugs", "DRUG", "class:nsaid")]


def test_the_word_screen_skips_only_texts_the_pattern_cannot_match():
    # The screen looks for a table word's first run among the text's runs; a text it passes is scanned.
    texts = ["Cisplatin reduced tumour growth in MCF-7 cells.", "Anti-tumour effects of NSAIDs.",
             "non-steroidal anti-inflammatory drugs", "xantipsychotics or antiviralish drugs",
             "Antiviral drugs\u00a0(n = 4)", "\u00c9tude: antipsychotics."]
    screened = [_may_hold_a_class(t) for t in texts]
    assert screened == [False, True, True, False, True, True]
    for text, passes in zip(texts, screened):
        if not passes:
            assert _pattern().search(text) is None


def test_a_mention_inside_gives_way_and_one_reaching_out_keeps_its_place():
    text = "An anxiogenic drug; antiviral drugs resistance."
    inside = CharMention(3, 13, "DISEASE", "disease:x", "anxiogenic", "lexicon")
    start = text.index("drugs resistance")
    across = CharMention(start, start + 16, "DISEASE", "disease:y", "drugs resistance", "lexicon")
    assert _found(text, [inside, across]) == [("anxiogenic drug", "DRUG", "class:anxiogenic"),
                                             ("drugs resistance", "DISEASE", "disease:y")]


def test_scoring_drops_action_classes_for_a_corpus_that_does_not_annotate_them():
    text = "NSAIDs and aspirin."
    predicted = [Mention("d", 0, 6, "NSAIDs", "DRUG", "class:nsaid", "nsaid", "rule"),
                 Mention("d", 11, 18, "aspirin", "DRUG", "drug:aspirin", "aspirin", "lexicon")]
    assert [m.text for m in apply_span_conventions(predicted, {"d": text}, "bc5cdr")] == ["aspirin"]
    assert [m.text for m in apply_span_conventions(predicted, {"d": text}, "biored")] == ["NSAIDs", "aspirin"]
