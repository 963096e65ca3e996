"""Rules skipped in a text that lacks the words they need (regex_prefix.required_literals) find what the full search finds."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.ner.agent_classes import _symbol_before_head, apply_class_rules, read_rules
from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate
from pipeline.ner.regex_prefix import fold_case, required_literals


def test_required_literals_are_read_off_the_pattern():
    def needed(pattern: str, flags: int = 0) -> tuple[str, ...]:
        return required_literals(re.compile(pattern, flags))

    assert needed(r"(?<![A-Za-z])(?:inhibitors|inhibitor|blocking\s+agents?)\s+of\s+(?:the\s+)?$", re.I) == (
        "blocking", "inhibitor")  # "inhibitors" holds "inhibitor"; "of" is shorter than either
    assert needed(r"\d+abc\d") == ("abc",)
    assert needed(r"(?:ab|cd)e?", re.I) == ("ab", "cd")
    assert needed(r"[A-Z]{3}(?=[\s-]+(?:Inhibitor|blocker))") == ("Inhibitor", "blocker")  # as written: minds case
    assert needed(r"ABC", re.I) == ("abc",)
    assert needed(r"x(?!yz)") == ("x",)  # a negative lookahead needs nothing
    for nothing in (r"x*", r"(?:ab|)", r"[a-z]+", r"(?i:abc)", r"\w(?=\d)"):
        assert needed(nothing) == (), nothing
    assert needed("é", re.I) == ()  # re's Unicode case folding is not str.lower's
    assert needed("é") == ("é",)


def test_case_folding_covers_the_letters_re_folds_onto_ascii():
    for written in ("\u0130", "\u0131"):  # dotted capital I, dotless i
        assert re.search("i", written, re.I) and fold_case("x" + written) == "xi"
    assert re.search("s", "\u017f", re.I) and fold_case("\u017f") == "s"  # long s
    assert re.search("k", "\u212a", re.I) and fold_case("\u212a") == "k"  # Kelvin sign
    assert fold_case("Anti-IL-6 é") == "anti-il-6 é"


PIECES = st.sampled_from(["IL-6", "VEGF", "gp130", "tocilizumab", "SERMs", "NOS", " ", " ", "/", "-", "(", ")",
                          "inhibitors", "Inhibitors", "INHIBITOR", "\u0131nhibitors", "antagonist", "blockers", "of",
                          "the", "anti", "Anti-", "mAb", "antibodies", "against", "recombinant", "human",
                          "pharmacological", "inhibition", "agonists", "activators", "neutralizing", "antiserum",
                          "\u017fmall", "molecule", "interface", "blocking", "agents", "é", "\u0130", "\u212a"])
TARGETS = {"IL-6": "IL6", "VEGF": "VEGFA", "gp130": "IL6ST"}
DRUGS = {"tocilizumab": "agent:tocilizumab", "SERMs": "class:serm"}


def _candidates(pieces: list[str]) -> tuple[list[Candidate], str]:
    kept, position = [], 0
    for piece in pieces:
        if piece in TARGETS:
            kept.append(Candidate(position, position + len(piece), Entry(TARGETS[piece], TARGETS[piece], "TARGET")))
        elif piece in DRUGS:
            kept.append(Candidate(position, position + len(piece), Entry(DRUGS[piece], piece, "DRUG")))
        position += len(piece)
    return kept, "".join(pieces)


@given(st.lists(PIECES, max_size=14))
@example(["pharmacological", " ", "\u0131nhibition", " ", "of", " ", "the", " ", "IL-6"])
@example(["SERMs", "/", "IL-6", " ", "blockers"])
def test_class_rules_property_screened_rules_find_what_every_rule_finds(pieces):
    kept, text = _candidates(pieces)
    rules = read_rules()
    unscreened = tuple(dataclasses.replace(rule, before_needs=()) for rule in rules)
    assert apply_class_rules(kept, text, rules) == apply_class_rules(kept, text, unscreened)
    for rule in rules:  # what the screen rests on: a text where "before" matches holds one of its words
        if rule.before is not None and rule.before.search(text):
            assert rule.may_match_before(fold_case(text)), (rule.before.pattern, text)
    pattern, needed = _symbol_before_head()  # symbol_targets skips a text without a head word as written
    if pattern.search(text):
        assert any(s in text for s in needed)


class _CountingSearch:
    def __init__(self, pattern: re.Pattern[str]):
        self.pattern, self.calls = pattern, 0

    def search(self, *args):
        self.calls += 1
        return self.pattern.search(*args)


def test_a_before_rule_is_not_searched_in_a_text_without_its_words():
    rule = next(r for r in read_rules() if r.before is not None and "recombinant" in r.before_needs)
    counting = _CountingSearch(rule.before)
    spied = (dataclasses.replace(rule, before=counting),)
    kept, text = _candidates(["IL-6", " ", "levels", " ", "and", " ", "VEGF", " ", "rose"])
    assert apply_class_rules(kept, text, spied) == kept and counting.calls == 0
    kept, text = _candidates(["recombinant", " ", "human", " ", "IL-6"])
    assert apply_class_rules(kept, text, spied)[0].entry.norm_id == "class:il6_recombinant" and counting.calls == 1
