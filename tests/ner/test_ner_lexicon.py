"""Lexicon tables, spelling variants, matcher case rules and the compiled cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.lexicon_build import build_cache
from pipeline.ner.lexicon import Entry, Lexicon, Term, agent_id, load_compiled, read_table, spelling_variants
from pipeline.ner.matcher import LexiconMatcher, MatchView, resolve
from pipeline.ner.shapes import PatternMatcher

HERE = Path(__file__).resolve().parent / "data"


def test_agent_id_convention():
    assert agent_id("mAb 1339") == "agent:mab-1339"
    assert agent_id("PF-04236921") == "agent:pf-04236921"
    assert agent_id("Madindoline A") == "agent:madindoline-a"
    assert agent_id("sgp130Fc") == "agent:sgp130fc"


def test_spelling_variants_hyphen_space_joined():
    assert {"CNTO 328", "CNTO-328", "CNTO328"} <= spelling_variants("CNTO 328")
    assert {"IL-6", "IL 6", "IL6"} <= spelling_variants("IL-6")
    assert "breastcancer" not in spelling_variants("breast cancer")


def test_a_code_number_of_four_to_six_digits_is_also_written_with_a_thousands_comma():
    # "ICI 182,780" (fulvestrant) was missed: the dictionaries write "ICI-182780".
    assert {"ICI 182,780", "ICI-182,780", "ICI 182780"} <= spelling_variants("ICI-182780")
    assert "RP 67,580" in spelling_variants("RP 67580")
    assert not any("," in v for v in spelling_variants("CNTO 328") | spelling_variants("LY3009104"))
    assert not any("," in v for v in spelling_variants("LINC01234", ("", "-")))  # gene symbols: no


def _matcher(*terms: Term) -> LexiconMatcher:
    return LexiconMatcher(Lexicon(list(terms)))


def _found(matcher, text):
    return [(text[c.start:c.end], c.entry.norm_id) for c in resolve(matcher.candidates(MatchView(text)))]


def test_case_modes_and_boundaries():
    rest = Entry("REST", "REST", "TARGET", "hgnc")
    nri = Entry("agent:nri", "NRI", "DRUG")
    kg1 = Entry("CVCL_0374", "KG-1", "CELL_LINE", "cellosaurus")
    matcher = _matcher(Term("REST", rest, "cap"), Term("NRI", nri, "cs"), Term("KG-1", kg1, "upper"))
    assert _found(matcher, "At rest, REST and Rest bind; nri and NRI; kg-1 or KG-1; RESTING") == [
        ("REST", "REST"), ("Rest", "REST"), ("NRI", "agent:nri"), ("KG-1", "CVCL_0374")]


def test_decimal_number_is_not_a_name():
    ci1 = Entry("CVCL_1861", "CI-1", "CELL_LINE", "cellosaurus")
    matcher = _matcher(Term("CI 1", ci1, "upper"))
    assert _found(matcher, "OR 2.1 (95% CI 1.3-3.2)") == []
    assert _found(matcher, "CI 1 cells") == [("CI 1", "CVCL_1861")]



def test_upper_case_names_keep_their_capital_initial():
    pa1 = Entry("CVCL_0479", "PA-1", "CELL_LINE", "cellosaurus")
    matcher = _matcher(Term("PA1", pa1, "upper"))
    assert _found(matcher, "PA1 and Pa1 cells; the pA1 allele") == [("PA1", "CVCL_0479"), ("Pa1", "CVCL_0479")]

def test_block_left_vetoes_figure_references():
    six_a = Entry("agent:6a", "6a", "DRUG", block_left=("figure", "fig"))
    matcher = _matcher(Term("6a", six_a, "cs"))
    assert _found(matcher, "see Figure 6a; 6a inhibits STAT3 (Fig. 6a)") == [("6a", "agent:6a")]


def test_longest_then_curated_then_cell_line_wins():
    gene = Entry("PCSK1", "PCSK1", "TARGET", "hgnc")
    line = Entry("CVCL_0035", "PC-3", "CELL_LINE", "cellosaurus")
    matcher = _matcher(Term("PC3", gene, "cs"), Term("PC3", line, "upper"))
    assert _found(matcher, "PC3 cells") == [("PC3", "CVCL_0035")]


def test_patterns_find_unlisted_cell_lines():
    patterns = PatternMatcher()
    text = "SUM149 and KU7 cells, but not TRPV6-expressing cells or CD4 T cells."
    names = [text[c.start:c.end] for c in patterns.candidates(MatchView(text))]
    assert names == ["SUM149", "KU7"]


def test_table_with_unknown_label_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("norm_id\tnorm_name\tlabel\taliases\tcase\n"
                   "X1\tX\tPROTEIN\tX one\tci\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:2: unknown label 'PROTEIN'"):
        read_table(bad)


def test_compiled_cache_filters_dangerous_and_ambiguous_aliases(tmp_path):
    counts = build_cache(HERE / "lexicons", cache_dir=tmp_path)
    assert counts["hgnc_rows"] > 0 and counts["cell_line_rows"] > 0
    lexicon = load_compiled(tmp_path)
    forms = {(t.surface, t.entry.norm_id) for t in lexicon.terms}
    assert ("IFNB2", "IL6") in forms and ("APRF", "STAT3") in forms
    assert ("HGF", "IL6") not in forms          # another gene's approved symbol
    assert not any(s == "GP130" for s, _ in forms)  # names two genes
    assert not any(s == "MN" for s, _ in forms)     # dangerous word list
    assert not any(s == "A" for s, _ in forms)      # one-letter symbol
    assert ("MDA-MB-231", "CVCL_0062") in forms and ("MDA231", "CVCL_0062") in forms
    assert not any(i == "CVCL_5993" for _, i in forms)  # digits only
    # A name that is a gene symbol (HK2), a dangerous word (AGS) or a surname (Becker) needs "cell(s)" after it.
    cued = {t.surface: t.entry.need_right for t in lexicon.terms
            if t.entry.norm_id in ("CVCL_0302", "CVCL_0139", "CVCL_1093")}
    assert set(cued) >= {"HK-2", "HK2", "AGS", "Becker"} and all(need == ("cell", "cells") for need in cued.values())
    assert ("LNCaP", "CVCL_1379") in forms


def test_cued_cell_line_names_need_a_cell_word_after_them(tmp_path):
    build_cache(HERE / "lexicons", cache_dir=tmp_path)
    matcher = LexiconMatcher(load_compiled(tmp_path))
    text = "HK2 expression rose in HK-2 cells, (HK2) cell death and AGS cells, not in AGS patients."
    found = [(text[c.start:c.end], c.start, c.entry.label) for c in matcher.candidates(MatchView(text))
             if c.entry.label == "CELL_LINE"]
    assert found == [("HK-2", 23, "CELL_LINE"), ("HK2", 36, "CELL_LINE"), ("AGS", 56, "CELL_LINE")]



def test_a_cued_cell_line_name_alone_in_brackets_after_cells_counts(tmp_path):
    build_cache(HERE / "lexicons", cache_dir=tmp_path)
    matcher = LexiconMatcher(load_compiled(tmp_path))
    text = "Proximal tubular epithelial cells (HK-2) were used; hexokinase (HK-2) and cells (HK-2 mutant) not."
    found = [(text[c.start:c.end], c.start) for c in matcher.candidates(MatchView(text)) if c.entry.label == "CELL_LINE"]
    assert found == [("HK-2", 35)]

def test_drugbank_ids_of_agents_the_drug_dictionary_knows():
    from pipeline.ner.lexicon import drugbank_ids, load_drug_dictionary

    ids = drugbank_ids()
    assert ids["agent:tocilizumab"] == "DB06273" and ids["agent:siltuximab"] == "DB09036"
    assert "agent:sgp130fc" not in ids
    known = {t.entry.drugbank_id for t in load_drug_dictionary().terms if t.surface in {"tocilizumab", "siltuximab"}}
    assert known == {"DB06273", "DB09036"}


def test_the_pickle_fingerprint_covers_every_ner_module_not_only_the_matcher_builders():
    from pipeline.ner import resources

    covered = {path.name for path in resources.code_sources()}
    ner_modules = {path.name for path in Path(resources.__file__).parent.glob("*.py")}
    # Only lexicon/matcher/resources.py were fingerprinted: a rule changed in a module they call kept a stale pickle.
    assert {"concept_keys.py", "standard_ids.py", "text.py"} <= covered and ner_modules <= covered


def test_matchers_are_pickled_in_the_cache_and_reused(tmp_path):
    from pipeline.ner.resources import get_matchers

    build_cache(HERE / "lexicons", cache_dir=tmp_path)
    get_matchers.cache_clear()
    first, _ = get_matchers(str(tmp_path), drugs=False)
    pickles = list(tmp_path.glob("matchers-*.pickle"))
    assert len(pickles) == 1
    get_matchers.cache_clear()
    second, _ = get_matchers(str(tmp_path), drugs=False)
    text = "IFNB2 and APRF in MDA231 cells"
    assert _found(first, text) == _found(second, text) == [("IFNB2", "IL6"), ("APRF", "STAT3"), ("MDA231", "CVCL_0062")]
    (tmp_path / "hgnc_genes.tsv").write_text((tmp_path / "hgnc_genes.tsv").read_text() + "", encoding="utf-8")
    get_matchers.cache_clear()
    get_matchers(str(tmp_path), drugs=False)
    assert list(tmp_path.glob("matchers-*.pickle")) != pickles  # a changed table gives a new fingerprint
    get_matchers.cache_clear()


def test_a_gene_symbol_s_greek_letter_name_may_be_glued():
    """Bug: "IKK-beta" (HGNC) missed "IKKβ" and "ER-BETA" missed "ERβ": the matcher spells the letter glued to the
    symbol ("IKKbeta"), and two letter pieces were never joined with nothing."""
    from pipeline.ner.lexicon import spelling_variants

    assert spelling_variants("IKK-beta", ("", "-")) == {"IKK-beta", "IKKbeta"}
    assert spelling_variants("C/EBP-beta", ("", "-")) == {"C/EBP-beta", "C/EBPbeta"}
    # other letter pieces stay apart, and drug names are not glued so
    assert spelling_variants("NF-IL6", ("", "-")) == {"NF-IL6", "NF-IL-6"}
    assert "interferongamma" not in spelling_variants("interferon-gamma")
