"""The lexicon matcher's one-word dictionary finds what a single automaton over every term finds."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import ahocorasick
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.ner.lexicon import Entry, Lexicon, Term
import pipeline.ner.matcher as matcher_module
import pipeline.ner.shapes as shapes_module
from pipeline.ner.matcher import _WORD, LexiconMatcher, MatchView, _distinct_words
from pipeline.ner.shapes import PatternMatcher

DRUG = Entry("agent:tocilizumab", "tocilizumab", "DRUG")
GENE = Entry("IL6", "IL6", "TARGET", source="hgnc")
ENT = Entry("ENT1", "ENT1", "TARGET", source="hgnc")
CELL = Entry("CVCL_0031", "MCF-7", "CELL_LINE", source="cellosaurus")
TERMS = (Term("tocilizumab", DRUG), Term("IL6", GENE, "cs"), Term("IL-6", GENE, "cs"), Term("ENT", ENT, "cap"),
         Term("MCF-7", CELL, "cs"), Term("MCF 7", CELL, "cs"), Term("MCF7", CELL, "cs"))
PIECES = st.sampled_from(["tocilizumab", "Tocilizumab", "IL6", "IL-6", "il6", "ENT", "treatment", "ENTs", "MCF-7",
                          "MCF 7", "MCF7", "MCF-75", "xIL6", "IL6x", " ", " ", ", ", "(", ")", "-", "–", "\n", "2.5",
                          ".", "é"])


def automaton_only(matcher: LexiconMatcher) -> LexiconMatcher:
    """The same lexicon with every key in one automaton (how the matcher worked before)."""
    reference = copy.copy(matcher)
    reference.automaton = ahocorasick.Automaton()
    for key, items in list(matcher.words.items()) + list(matcher.automaton.items()):
        reference.automaton.add_word(key, items)
    reference.automaton.make_automaton()
    reference.words = {}
    return reference


def test_one_word_terms_go_to_the_dictionary_and_match_whole_words_only():
    matcher = LexiconMatcher(Lexicon(list(TERMS)))
    assert set(matcher.words) == {"tocilizumab", "il6", "ent", "mcf7"}
    text = "ENT treatment with tocilizumab cut IL-6 in MCF-7 and MCF7x cells"
    found = [(text[c.start:c.end], c.entry.norm_id) for c in matcher.candidates(MatchView(text))]
    assert found == [("ENT", "ENT1"), ("tocilizumab", "agent:tocilizumab"), ("IL-6", "IL6"), ("MCF-7", "CVCL_0031")]


def test_a_name_after_a_locant_bracket_inside_a_word_is_no_name_of_its_own():
    # "pyrene" in "benzo[a]pyrene" became a DRUG agent of its own in a relation (a fused-ring name's tail)
    pyrene = Entry("drug:pyrene", "pyrene", "DRUG")
    matcher = LexiconMatcher(Lexicon([Term("pyrene", pyrene), Term("nicotine", Entry("drug:nicotine", "nicotine", "DRUG"))]))
    def found(text):
        return [text[c.start:c.end] for c in matcher.candidates(MatchView(text))]
    assert found("exposure to benzo[a]pyrene and indeno[1,2,3-cd]pyrene") == []
    assert found("pyrene (PY) and [3H]nicotine, N-[3H]nicotine") == ["pyrene", "nicotine", "nicotine"]


@given(st.lists(PIECES, max_size=25))
def test_matcher_property_same_candidates_as_one_automaton(pieces):
    matcher = LexiconMatcher(Lexicon(list(TERMS)))
    view = MatchView("".join(pieces))
    assert matcher.candidates(view) == automaton_only(matcher).candidates(view)


def test_case_sensitive_words_not_written_so_in_the_text_are_not_located():
    was = Entry("WAS", "WAS", "TARGET", source="hgnc")
    matcher = LexiconMatcher(Lexicon([Term("WAS", was, "cs"), Term("tocilizumab", DRUG), Term("ENT", ENT, "cap")]))
    assert matcher.cased_only == {"was": frozenset({"WAS"})}  # "ent" has a term of another case mode
    text = "Tocilizumab was given; it was well tolerated."
    assert [(start, end) for start, end, _items in matcher._hits(MatchView(text))] == [(0, 11)]
    text = "WAS was mutated"
    assert sorted((start, end) for start, end, _items in matcher._hits(MatchView(text))) == [(0, 3), (4, 7)]
    assert [(c.start, c.end) for c in matcher.candidates(MatchView(text))] == [(0, 3)]


@given(st.lists(PIECES, max_size=25))
def test_matcher_property_case_sensitive_skip_keeps_the_candidates(pieces):
    matcher = LexiconMatcher(Lexicon(list(TERMS)))
    assert matcher.cased_only  # IL6 and MCF7 are case-sensitive only
    unfiltered = copy.copy(matcher)
    unfiltered.cased_only = {}
    view = MatchView("".join(pieces))
    assert matcher.candidates(view) == unfiltered.candidates(view)


def test_any_case_shapes_must_be_written_in_lower_case(tmp_path: Path):
    table = tmp_path / "shapes.tsv"
    table.write_text("family\tregex\ntumour\t[A-Z][a-z]+omas?\n@word\t[A-Za-z]{4,}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shapes.tsv.*lower case"):
        PatternMatcher(path=table, label="DISEASE", ignore_case=True)
    table.write_text("family\tregex\ntumour\t[a-z]{3,}omas?\n@word\t[A-Za-z]{4,}\n", encoding="utf-8")
    shapes = PatternMatcher(path=table, label="DISEASE", id_prefix="disease:", ignore_case=True)
    text = "Lymphoma, MELANOMA and Hepatomas; not Roma."
    assert [text[c.start:c.end] for c in shapes.candidates(MatchView(text))] == ["Lymphoma", "MELANOMA", "Hepatomas"]


def test_lexicon_entries_keep_the_order_of_their_first_term():
    lexicon = Lexicon([Term("b", GENE), Term("a", DRUG), Term("c", GENE), Term("d", CELL)])
    assert lexicon.entries() == [GENE, DRUG, CELL]


def test_first_character_lookahead_is_read_off_the_pattern():
    from pipeline.ner.regex_prefix import with_first_character_lookahead as prefixed

    assert prefixed(r"(?<![0-9A-Za-z])(?:MCF-?7|4T1|(?=x)[A-Z]\w+)") == r"(?=[4A-ZM])(?<![0-9A-Za-z])(?:MCF-?7|4T1|(?=x)[A-Z]\w+)"
    assert prefixed(r"a?b") == r"(?=[ab])a?b"
    assert prefixed(r"\d+-x") == r"(?=[\d])\d+-x"
    for unsure in (r"a*", r"(?i:abc)", r"(?i)abc", r".x", r"[^a]b", r"(?:x|)"):
        assert prefixed(unsure) == unsure
    assert prefixed("abc", re.IGNORECASE) == "abc"


def test_no_cell_line_shape_may_start_with_a_lower_case_letter():
    # A lower-case first character in one row (a bracketed name "[A-Za-z0-9]+") let re try the whole
    # table at every letter: the shapes took 2.5x the time and the fast profile fell under its speed bar.
    lookahead = re.match(r"\(\?=\[([^\]]*)\]\)", PatternMatcher().regex.pattern)
    assert lookahead and "a-z" not in lookahead.group(1), lookahead and lookahead.group(1)


CELL_PIECES = st.sampled_from(["MCF-7", "MDA-MB-231", "HeLa S3", "4T1", "KU7", "HK2", "T47D", "A549/ADR", "cells",
                               "cell line ", "xenografts", "and", ",", " ", " ", "-", "é", "9", "Jurkat", "aMCF-7"])


@given(st.lists(CELL_PIECES, max_size=20))
def test_shapes_property_lookahead_finds_the_same_matches(pieces):
    shapes = PatternMatcher()
    lookahead = re.match(r"\(\?=\[[^\]]*\]\)", shapes.regex.pattern)
    assert lookahead, "the cell-line shapes should get a first-character lookahead"
    plain = re.compile(shapes.regex.pattern[lookahead.end():])
    text = "".join(pieces)
    assert [m.span() for m in shapes.regex.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.lists(CELL_PIECES | st.sampled_from(["Kit225", "7TD1", "sublines", "clone", "cell (HK-2)", "transfectants",
                                               "cell", "(", ")", "Cell"]), max_size=20))
@example(["KU7", " ", "xenografts"])
@example(["HK2", " ", "sublines"])
@example(["Kit225", " ", "sublines"])
@example(["KU7", " ", "clone"])
@example(["T47D", " ", "transfectants"])
def test_shapes_property_cue_gate_finds_the_same_matches(pieces):
    # A text without any row's cue word is scanned without the cued rows: it must find what the whole
    # table finds, so every cue in cell_line_patterns.tsv must be implied by its row's regex.
    shapes = PatternMatcher()
    text = "".join(pieces)
    view = MatchView(text)
    assert shapes.uncued_regex is not None, "the cell-line shapes should have cued rows"
    assert list(shapes._matches(view.cased, view.lower)) == [m.span() for m in shapes.regex.finditer(view.cased)]


def test_cued_rows_are_tried_only_in_texts_holding_a_cue(tmp_path: Path):
    table = tmp_path / "shapes.tsv"
    table.write_text("family\tregex\tcues\nfixed\tMCF-7\nnear\t[A-Z]{2}\\d(?= cells)\tcells\n", encoding="utf-8")
    shapes = PatternMatcher(path=table)
    with_cue, without = MatchView("MCF-7 and KU7 cells"), MatchView("MCF-7 and KU7 tissue")
    assert [c.entry.norm_name for c in shapes.candidates(with_cue)] == ["MCF-7", "KU7"]
    assert [c.entry.norm_name for c in shapes.candidates(without)] == ["MCF-7"]
    assert shapes.uncued_regex.search("KU7 cells") is None  # the gate, not the lookahead, skipped the row
    table.write_text("family\tregex\tcues\nnear\t[A-Z]{2}\\d\tCells\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'near'.*lower case"):
        PatternMatcher(path=table)


@given(st.text() | st.text(alphabet=st.characters(max_codepoint=127)))
def test_distinct_words_property_runs_of_letters_and_digits(text):
    assert _distinct_words(text) == set(_WORD.findall(text))


def test_shapes_remember_tested_words_within_a_bound(tmp_path: Path, monkeypatch):
    table = tmp_path / "shapes.tsv"
    table.write_text("family\tregex\ntumour\t[a-z]{3,}omas?\n@word\t[A-Za-z]{4,}\n", encoding="utf-8")
    monkeypatch.setattr(shapes_module, "MAX_REMEMBERED_WORDS", 6)
    texts = ["Lymphoma and melanoma.", "MELANOMA, not Roma; also carcinomas.", "Lymphoma again with hepatoma",
             "none here at all", "Lymphoma"]
    shapes = PatternMatcher(path=table, label="DISEASE", id_prefix="disease:", ignore_case=True)
    for text in texts + texts:
        fresh = PatternMatcher(path=table, label="DISEASE", id_prefix="disease:", ignore_case=True)
        assert shapes.candidates(MatchView(text)) == fresh.candidates(MatchView(text))
        assert len(shapes._tested) <= 6 and shapes._fitting <= shapes._tested
    assert shapes._fitting  # it did remember words that fit


@given(st.lists(st.sampled_from(["IL-6", "a", "-", " ", "  ", "- ", "\n", "\t", "\r", "\x0b", "\x1c", "\u00a0",
                                 "\u2013", "\u2003", "é", "\u2212", "\u2009", "\uff0d"]), max_size=12))
def test_match_view_property_shortcuts_equal_translate_and_collapse(pieces):
    from pipeline.text import _ONE_FOR_ONE, unify_dashes_and_spaces

    text = "".join(pieces)
    translated = text.translate(_ONE_FOR_ONE)
    assert unify_dashes_and_spaces(text) == translated
    view = MatchView(text)
    assert view.cased == matcher_module._COLLAPSIBLE.sub("", translated)
    kept = [i for i in range(len(translated)) if not any(m.start() <= i < m.end()
                                                         for m in matcher_module._COLLAPSIBLE.finditer(translated))]
    assert (view.offsets or list(range(len(text)))) == kept


def test_shapes_with_one_word_row_list_a_text_once_and_find_what_each_finds_alone(tmp_path: Path):
    from pipeline.ner.lexicon import LEXICON_DIR

    def row(name: str) -> str:
        return next(line for line in (LEXICON_DIR / name).read_text().splitlines() if line.startswith("@word"))

    # The learned endings share disease_patterns.tsv's @word row, so the word listing is shared.
    assert row("disease_learned_shapes.tsv") == row("disease_patterns.tsv")
    tumours, endings = tmp_path / "tumours.tsv", tmp_path / "endings.tsv"
    tumours.write_text("family\tregex\ntumour\t[a-z]{3,}omas?\n@word\t[A-Za-z]{4,}\n", encoding="utf-8")
    endings.write_text("family\tregex\nkinesia\t[a-z]{3,}kinesia\n@word\t[A-Za-z]{4,}\n", encoding="utf-8")
    # Not ASCII ("é"): the words come from the @word row, listed once for both matchers (an ASCII
    # text's are its runs of letters and digits, listed once per text by ascii_words).
    text = "Lymphoma with hyperkinesia; melanoma (é)."
    alone = [PatternMatcher(path=p, label="DISEASE", id_prefix="disease:", ignore_case=True).candidates(MatchView(text))
             for p in (tumours, endings)]
    view = MatchView(text)
    both = [PatternMatcher(path=p, label="DISEASE", id_prefix="disease:", ignore_case=True).candidates(view)
            for p in (tumours, endings)]
    assert both == alone and [len(found) for found in both] == [2, 1]
    assert shapes_module._LAST_WORDS[1] is view.cased  # the second matcher reused the first one's words


DISEASE_PIECES = st.sampled_from(["acute", "renal", "Renal", "chronic", "several", "severe", "of", "the", "and",
                                  "interstitial", "nephritis", "anemia", "nephropathy", "hepatomas", "type", "II",
                                  "2", "(", ")", "-", ",", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c",
                                  "\u017f", "\u212a", "é", "_", "x"])


@given(st.lists(DISEASE_PIECES, max_size=30))
@example(["chronic", " ", "interstitial", " ", "nephritis"])
@example(["(", "acute", " ", "renal", "\n", "anemia"])
def test_shapes_property_prefix_search_from_the_last_words_finds_the_same_prefix(pieces):
    # The @prefix is searched from the start of the last two runs of non-space before a hit, not
    # from 80 characters back: the candidates must be the same.
    from pipeline.ner.lexicon import LEXICON_DIR

    shapes = PatternMatcher(path=LEXICON_DIR / "disease_patterns.tsv", label="DISEASE", id_prefix="disease:",
                            ignore_case=True)
    assert shapes.prefix_words == 2
    whole_window = copy.copy(shapes)
    whole_window.prefix_words = 0
    view = MatchView("".join(pieces))
    assert shapes.candidates(view) == whole_window.candidates(view)


def test_shapes_prefix_takes_in_up_to_two_words_before_the_shape_but_not_acute():
    # "acute" is no prefix word (disease_patterns.tsv): train names keep it about half the time.
    from pipeline.ner.lexicon import LEXICON_DIR

    shapes = PatternMatcher(path=LEXICON_DIR / "disease_patterns.tsv", label="DISEASE", id_prefix="disease:",
                            ignore_case=True)
    text = "Rats with several acute interstitial nephritis and (chronic anemia) or renal tubular acidosis."
    assert [text[c.start:c.end] for c in shapes.candidates(MatchView(text))] == [
        "interstitial nephritis", "chronic anemia", "renal tubular acidosis"]


@given(st.lists(st.lists(PIECES, max_size=12).map("".join), min_size=1, max_size=6))
def test_matcher_property_a_batch_gets_each_texts_own_candidates(texts):
    """``candidates_many`` runs the automaton over every text of a batch first: each text keeps its own
    candidates, as one text at a time and as a single automaton over every term gives them."""
    matcher = LexiconMatcher(Lexicon(list(TERMS)))
    views = [MatchView(text) for text in texts]
    alone = [automaton_only(matcher).candidates(view) for view in views]
    assert matcher.candidates_many(views) == alone
    assert [matcher.candidates(view) for view in views] == alone


def test_greek_letters_meet_their_spelled_names_both_ways():
    # "IFN-γ" was found as the DRUG "IFN" and "α-tocopherol" as "tocopherol": the terms spell the letter out
    ifng = Entry("IFNG", "IFNG", "TARGET", source="hgnc")
    il1b = Entry("IL1B", "IL1B", "TARGET", source="hgnc")
    tocopherol = Entry("DB00163", "alpha-tocopherol", "DRUG")
    matcher = LexiconMatcher(Lexicon([Term("IFN-gamma", ifng), Term("IL-1β", il1b), Term("alpha-tocopherol", tocopherol)]))
    text = "IFN-γ, IL-1beta and α-tocopherol; IL-1β  and IFN-gamma."
    found = [(text[c.start:c.end], c.entry.norm_id) for c in matcher.candidates(MatchView(text))]
    assert found == [("IFN-γ", "IFNG"), ("IL-1beta", "IL1B"), ("α-tocopherol", "DB00163"), ("IL-1β", "IL1B"),
                     ("IFN-gamma", "IFNG")]
    assert matcher.candidates(MatchView("μM and µg")) == []
