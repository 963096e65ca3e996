"""Abbreviations scispaCy's Schwartz-Hearst port leaves unpaired, and compound codes named by an apposition."""

from __future__ import annotations

import pytest

from pipeline.ner.bracket_synonyms import bracketed_synonyms
from pipeline.ner.abbreviation_spread import propagate_abbreviations
from pipeline.ner.components import CharMention, EntityRecognizer, _cued_code_mentions
from pipeline.ner.lexicon import Lexicon
from pipeline.ner.loose_definitions import cued_codes, cued_names, loose_definitions
from pipeline.ner.matcher import LexiconMatcher


def pairs(text: str) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in loose_definitions(text, [])]


@pytest.mark.parametrize("text, expected", [
    ("Rats got phenobarbital (PB: 15 mg per rat).", ("PB", "phenobarbital")),
    ("diethylnitrosamine (DEN; 10 mg/kg/day) was given", ("DEN", "diethylnitrosamine")),
    ("parachlorophenylalanine (PCPA 100 mg/kg, every other day)", ("PCPA", "parachlorophenylalanine")),
    ("Methamphetamine (MA)-induced neurotoxicity", ("MA", "Methamphetamine")),
])
def test_short_form_followed_by_more_text_or_glued_to_a_word_is_defined(text, expected):
    assert pairs(text) == [expected]


def test_definition_offsets_point_into_the_text():
    text = "Serum lead (Pb) rose."
    (definition,) = loose_definitions(text, [])
    assert text[definition.short_start:definition.short_end] == "Pb"
    assert text[definition.long_start:definition.long_end] == "lead"


def test_element_symbols_not_spelled_by_their_name_are_paired_by_the_table():
    assert pairs("Serum sodium (Na), potassium (K), and creatinine (Cr) were measured") == [
        ("Na", "sodium"), ("K", "potassium")]
    assert pairs("the strain (Na) grew") == []  # "Na" is not the symbol of "strain"


def test_codes_beside_a_systematic_name_are_defined_in_both_directions():
    assert pairs("of N,N'-dibenzhydrylethane-1,2-diamine dihydrochloride (AMN082), the first") == [
        ("AMN082", "N,N'-dibenzhydrylethane-1,2-diamine dihydrochloride")]
    assert pairs("we characterized UMB24 (1-(2-phenethyl)-4-(2-pyridyl)-piperazine) and") == [
        ("UMB24", "1-(2-phenethyl)-4-(2-pyridyl)-piperazine")]
    assert pairs("in HeLa (CCL-2) cells and in the mouse (B6 12) strain") == []


def test_what_scispacy_defined_is_not_defined_again():
    (first,) = loose_definitions("phenobarbital (PB: 15 mg)", [])
    assert loose_definitions("phenobarbital (PB: 15 mg)", [first]) == []


def test_a_definition_needs_the_short_forms_letters_in_the_words_before():
    assert pairs("the patients (PT: 15 mg per rat)") == [("PT", "patients")]
    assert pairs("the controls (XYZ: 15 mg per rat)") == []
    assert pairs("a sentence ends. Next (NE: 15 mg)") == [("NE", "Next")]  # not across the full stop


def test_cued_codes_need_an_apposition_that_names_a_compound():
    assert cued_codes("AMN082, a selective mGluR7 agonist, reduced it") == [(0, 6)]
    assert cued_codes("KF17837, an adenosine A2A receptor antagonist") == [(0, 7)]
    assert cued_codes("HEK293, a human cell line") == []
    assert cued_codes("SM 21, a drug") == [(0, 5)]


def test_a_capitalised_name_with_a_compound_apposition_is_cued():
    # "Stattic, a small-molecule STAT3 inhibitor, induced apoptosis": the class acted, the compound was no mention
    text = "Stattic, a small-molecule STAT3 inhibitor, induced apoptosis. Honokiol, a natural compound, acts."
    assert [text[a:b] for a, b in cued_names(text)] == ["Stattic", "Honokiol"]
    assert cued_names("Survivin, an inhibitor of apoptosis, rose.") == []  # the apposition does not close
    assert cued_names("Furthermore, a STAT3 inhibitor, was used. Notably, an agent, X.") == []  # openers
    text = "We used Stattic, a STAT3 inhibitor, here."  # inside a sentence the capital marks a name
    assert [text[a:b] for a, b in cued_names(text)] == ["Stattic"]
    assert cued_names("In particular, a STAT3 inhibitor, was used.") == []  # "particular" is no name
    assert cued_names("Stat, a drug, was given.") == []  # too short to tell from a word
    # the head's "of" phrase may name the gene it acts on before the apposition closes
    text = "We tested Stattic, a small-molecule inhibitor of the STAT3 SH2 domain, on cells."
    assert [text[a:b] for a, b in cued_names(text)] == ["Stattic"]
    assert cued_names("We saw Survivin, an inhibitor of apoptosis in tumours, rise.") == []  # no gene symbol


def test_a_cued_name_the_lexicons_found_keeps_their_entity():
    text = "Maspin, a serine protease inhibitor, rose. Stattic, a STAT3 inhibitor, was added; Stattic acted."
    gene = CharMention(0, 6, "TARGET", "SERPINB5", "SERPINB5", "lexicon")
    recognizer_codes = _cued_code_mentions(text, [gene])
    assert list(recognizer_codes) == ["Stattic"]
    assert recognizer_codes["Stattic"].label == "DRUG"


def test_a_code_after_a_compound_head_noun_or_a_colon_apposition_is_cued():
    text = "The PARP inhibitor XY34 and the NK1 antagonists QR 140333 were given."
    assert [text[a:b] for a, b in cued_codes(text)] == ["XY34", "QR 140333"]
    assert cued_codes("ZK12345: a novel selective adenosine A2A receptor antagonist") == [(0, 7)]
    assert cued_codes("the blocker WXYZ-41 099 was given") == []  # a longer code than the shape
    assert cued_codes("the inhibitor treatment in MCF7 cells") == []  # no code right after the head
    # after a head, a code in hyphened digit groups (before: too few digits per group to be a code)
    text = "with the STAT3 inhibitor SH-4-54 (5 uM) or the inhibitor S3I-201, then"
    assert [text[a:b] for a, b in cued_codes(text)] == ["SH-4-54", "S3I-201"]
    assert cued_codes("the inhibitor IL-6 was") == []


def test_loose_definition_spreads_the_long_forms_label_to_every_short_form():
    text = "Methamphetamine (MA)-induced toxicity. Rats were given MA twice."
    head = CharMention(0, 15, "DRUG", "MESH:D008694", "Methamphetamine", "lexicon")
    mentions = propagate_abbreviations(loose_definitions(text, []), [head], frozenset(), text)
    assert [(text[m.start:m.end], m.norm_id) for m in mentions] == [
        ("Methamphetamine", "MESH:D008694"), ("MA", "MESH:D008694"), ("MA", "MESH:D008694")]


def test_a_cued_code_is_a_drug_wherever_the_document_names_it():
    recognizer = EntityRecognizer(LexiconMatcher(Lexicon()), [], doc_ents=False)
    text = "AMN082, a selective mGluR7 agonist, was given. AMN082 reduced catalepsy; AMN082-treated rats."
    found = recognizer.find(text)
    assert [(text[m.start:m.end], m.label) for m in found] == [("AMN082", "DRUG")] * 3
    assert {m.norm_id for m in found} == {"drug:amn082"}


SUFFIXES = ("ol", "ine", "urea", "ate")


def test_a_systematic_name_outweighs_a_gene_alias_sharing_its_short_form():
    text = "22-oxacalcitriol (OCT) lowers PTH; OCT was given."
    alias = [CharMention(start, start + 3, "TARGET", "PLXNA2", "PLXNA2", "lexicon")
             for start in (text.index("OCT"), text.rindex("OCT"))]
    found = propagate_abbreviations([_definition(text, "OCT", "22-oxacalcitriol")], alias, frozenset(), text,
                                    SUFFIXES)
    assert [(text[m.start:m.end], m.label) for m in found] == [
        ("22-oxacalcitriol", "DRUG"), ("OCT", "DRUG"), ("OCT", "DRUG")]


def test_a_gene_long_form_keeps_the_short_forms_gene_label():
    text = "5-lipoxygenase (5-LO) and 5-LO."
    short = [CharMention(text.index("5-LO"), text.index("5-LO") + 4, "TARGET", "ALOX5", "ALOX5", "lexicon")]
    found = propagate_abbreviations([_definition(text, "5-LO", "5-lipoxygenase")], short, frozenset(), text,
                                    SUFFIXES)
    assert {m.label for m in found} == {"TARGET"}


def _definition(text, short, long):
    from pipeline.ner.abbreviations import Definition

    s, l_ = text.index(short), text.index(long)
    return Definition(s, s + len(short), short, l_, l_ + len(long), long)


def test_capitalised_names_beside_a_drug_in_brackets_are_that_drug():
    text = "CCNU (lomustine) toxicity; dogs got CCNU. Aspirin (ASA) and ASA again; IL-6 (ABC) no."
    drug = CharMention(6, 15, "DRUG", "DB01206", "lomustine", "lexicon")
    aspirin = CharMention(text.index("Aspirin"), text.index("Aspirin") + 7, "DRUG", "DB00945", "aspirin", "lexicon")
    alias = CharMention(0, 4, "TARGET", "CCNO", "CCNO", "lexicon")
    synonyms = bracketed_synonyms(text, [alias, drug, aspirin])
    assert sorted((name, m.norm_id) for name, m in synonyms.items()) == [("ASA", "DB00945"), ("CCNU", "DB01206")]
    found = propagate_abbreviations([], [alias, drug, aspirin], frozenset(), text, SUFFIXES, synonyms)
    assert [(text[m.start:m.end], m.label) for m in found if m.label == "DRUG"] == [
        ("CCNU", "DRUG"), ("lomustine", "DRUG"), ("CCNU", "DRUG"), ("Aspirin", "DRUG"), ("ASA", "DRUG"),
        ("ASA", "DRUG")]


def test_a_gene_written_as_its_own_symbol_beside_a_drug_in_brackets_is_its_target():
    """Bug: "antibodies against IL-6 (siltuximab) or its receptor IL-6R (tocilizumab)" made IL-6 and IL-6R DRUG
    mentions of the two antibodies, at every later mention of the abstract."""
    text = "antibodies against IL-6 (siltuximab) or its receptor IL-6R (tocilizumab); CCNU (lomustine)."
    spans = [("IL-6", "TARGET", "IL6"), ("siltuximab", "DRUG", "DB09036"), ("IL-6R", "TARGET", "IL6R"),
             ("tocilizumab", "DRUG", "DB06273"), ("CCNU", "TARGET", "CCNO"), ("lomustine", "DRUG", "DB01206")]
    mentions = [CharMention(text.index(name), text.index(name) + len(name), label, norm, name, "lexicon")
                for name, label, norm in spans]
    synonyms = bracketed_synonyms(text, mentions)
    assert sorted((name, m.norm_id) for name, m in synonyms.items()) == [("CCNU", "DB01206")]


def test_a_trial_registry_id_beside_a_drug_is_no_name_of_the_drug():
    # The review's "stable background dose of methotrexate (NCT01284569)" made the trial id a DRUG.
    text = "methotrexate (NCT01284569) and tamoxifen (ISRCTN12345678) or cisplatin (CDDP)."
    drugs = [CharMention(text.index(name), text.index(name) + len(name), "DRUG", norm, name, "lexicon")
             for name, norm in (("methotrexate", "DB00563"), ("tamoxifen", "DB00675"), ("cisplatin", "DB00515"))]
    synonyms = bracketed_synonyms(text, drugs)
    assert sorted((name, m.norm_id) for name, m in synonyms.items()) == [("CDDP", "DB00515")]


def test_a_capital_and_a_digit_in_brackets_beside_a_drug_name_it_unless_a_measure():
    # "17beta-estradiol (E2)": Schwartz-Hearst cannot pair it (no "2" in the name), so "E2" was no drug.
    text = "17beta-estradiol (E2) and thyroxine (T4); aspirin (IC50) and cisplatin (n=12)."
    drugs = [CharMention(text.index(name), text.index(name) + len(name), "DRUG", norm, name, "lexicon")
             for name, norm in (("17beta-estradiol", "D004958"), ("thyroxine", "D013974"), ("aspirin", "D001241"),
                                ("cisplatin", "D002945"))]
    synonyms = bracketed_synonyms(text, drugs)
    assert sorted((name, m.norm_id) for name, m in synonyms.items()) == [("E2", "D004958"), ("T4", "D013974")]


def test_inorganic_formulas_are_drugs_and_gene_or_channel_symbols_are_not():
    from pipeline.ner.lexicon import LEXICON_DIR
    from pipeline.ner.matcher import MatchView
    from pipeline.ner.shapes import PatternMatcher

    formulas = PatternMatcher((), LEXICON_DIR / "chemical_formula_patterns.tsv", label="DRUG", id_prefix="drug:")
    text = "CaCl2, CaCl(2)-induced, NH4Ac and ZnCl2; HNF4, NOS2, KCa3.1, NaV1.5, CaMKII, PIN1 and NaCl are not."
    found = [text[c.start:c.end] for c in formulas.candidates(MatchView(text))]
    assert found == ["CaCl2", "CaCl(2)", "NH4Ac", "ZnCl2"]
    text = "Pb-exposed rats, Na(+) channels and Ca influx; As shown, Co-treatment, 120 mm Hg, Cr and MnSOD."
    found = [text[c.start:c.end] for c in formulas.candidates(MatchView(text))]
    assert found == ["Pb", "Na", "Ca"]


def test_a_disease_of_a_place_starting_the_long_form_makes_the_whole_long_form_the_disease():
    text = "Paget's disease of bone (PDB) is common; PDB runs in families."
    paget = CharMention(0, len("Paget's disease"), "DISEASE", "MESH:D010001", "Paget's disease", "lexicon")
    found = propagate_abbreviations([_definition(text, "PDB", "Paget's disease of bone")], [paget], frozenset(), text)
    assert [(text[m.start:m.end], m.norm_id) for m in found] == [
        ("Paget's disease of bone", "MESH:D010001"), ("PDB", "MESH:D010001"), ("PDB", "MESH:D010001")]


def test_a_disease_followed_by_other_words_is_no_name_for_the_short_form():
    text = "catatonia duration (CD) was timed."
    catatonia = CharMention(0, 9, "DISEASE", "MESH:D002389", "catatonia", "lexicon")
    found = propagate_abbreviations([_definition(text, "CD", "catatonia duration")], [catatonia], frozenset(), text)
    assert [text[m.start:m.end] for m in found] == ["catatonia"]


def test_a_short_form_of_a_whole_with_a_function_word_before_its_disease_is_no_disease():
    """Bug: "duration of catatonia (DOC)" made every "ketamine DOC" of the abstract a catatonia (5 false
    BC5CDR dev diseases), and "Studies of Left Ventricular Dysfunction (SOLVD)" a dysfunction."""
    text = "the duration of catatonia (DOC) after ketamine; the ketamine DOC was longer; catatonia."
    catatonia = CharMention(16, 25, "DISEASE", "MESH:D002389", "catatonia", "lexicon")
    last = text.rindex("catatonia")
    again = CharMention(last, last + 9, "DISEASE", "MESH:D002389", "catatonia", "lexicon")
    found = propagate_abbreviations([_definition(text, "DOC", "duration of catatonia")], [catatonia, again],
                                    frozenset(), text)
    assert [text[m.start:m.end] for m in found] == ["catatonia", "catatonia"]


def test_a_defined_disease_takes_its_whole_long_form_unless_another_mention_or_a_function_word_is_in_it():
    text = "gastroenteropancreatic neuroendocrine tumors (GEP-NETs) and levodopa-induced dyskinesias (LID)."
    tumors = text.index("neuroendocrine tumors")
    net = CharMention(tumors, tumors + len("neuroendocrine tumors"), "DISEASE", "MESH:D018358", "NET", "lexicon")
    dyskinesia = text.index("dyskinesias")
    lid = CharMention(dyskinesia, dyskinesia + 11, "DISEASE", "MESH:D004409", "dyskinesias", "lexicon")
    levodopa = CharMention(text.index("levodopa"), text.index("levodopa") + 8, "DRUG", "MESH:D007980", "L", "lexicon")
    definitions = [_definition(text, "GEP-NETs", "gastroenteropancreatic neuroendocrine tumors"),
                   _definition(text, "LID", "levodopa-induced dyskinesias")]
    found = [text[m.start:m.end] for m in propagate_abbreviations(definitions, [net, levodopa, lid], frozenset(), text)
             if m.label == "DISEASE"]
    assert found == ["gastroenteropancreatic neuroendocrine tumors", "GEP-NETs", "dyskinesias", "LID"]


def test_a_defined_short_form_replaces_a_mention_of_another_label_inside_it_but_not_one_of_its_own():
    text = "gastroenteropancreatic tumors (GEP-NETs); 12 GEP-NETs and warfarin ICH (W-ICH) or W-ICH."
    tumors = CharMention(0, 29, "DISEASE", "MESH:D018358", "NET", "lexicon")
    nets = [CharMention(i + 4, i + 8, "TARGET", "NETS", "NETS", "lexicon") for i in (31, text.index("GEP-NETs and"))]
    ich = CharMention(text.index("ICH"), text.index("ICH") + 3, "DISEASE", "MESH:D002543", "ICH", "lexicon")
    w_ichs = [text.index("W-ICH"), text.rindex("W-ICH")]
    inner = [CharMention(s + 2, s + 5, "DISEASE", "MESH:D002543", "ICH", "lexicon") for s in w_ichs]
    definitions = [_definition(text, "GEP-NETs", "gastroenteropancreatic tumors"),
                   _definition(text, "W-ICH", "warfarin ICH")]
    found = propagate_abbreviations(definitions, [tumors, *nets, ich, *inner], frozenset(), text)
    assert [(text[m.start:m.end], m.label) for m in found] == [
        ("gastroenteropancreatic tumors", "DISEASE"), ("GEP-NETs", "DISEASE"), ("GEP-NETs", "DISEASE"),
        ("warfarin ICH", "DISEASE"), ("ICH", "DISEASE"), ("ICH", "DISEASE")]


def test_a_long_form_ending_in_a_learned_disease_head_is_a_disease(tmp_path):
    from pipeline.ner.disease_spans import DISEASE_MODIFIERS_FILE
    from pipeline.ner.factory import build_nlp

    (tmp_path / DISEASE_MODIFIERS_FILE).write_text("word\taction\ndefect\thead\n", encoding="utf-8")
    nlp = build_nlp(cache_dir=tmp_path)
    text = "OBJECTIVE: Iodide transport defect (ITD) is rare. ITD was suspected."
    found = [(text[m.start:m.end], m.label) for m in nlp(text)._.evidence_mentions]
    assert found == [("Iodide transport defect", "DISEASE"), ("ITD", "DISEASE"), ("ITD", "DISEASE")]


def test_a_gene_alias_defined_as_something_else_is_no_gene_in_that_document():
    from pipeline.ner.target_heads import read_protein_words

    words = read_protein_words()
    text = "The elevated plus-maze (EPM) test: EPM scores fell."
    alias = [CharMention(start, start + 3, "TARGET", "STX2", "STX2", "lexicon")
             for start in (text.index("EPM"), text.rindex("EPM"))]
    found = propagate_abbreviations([_definition(text, "EPM", "elevated plus-maze")], alias, frozenset(), text,
                                    SUFFIXES, None, words)
    # The bug: both "EPM" stayed the gene STX2 and "elevated plus-maze" became a TARGET too.
    assert found == []
    # Nor is the short form a cell line there ("Giant cell tumor of bone (GCT)" ... "GCT cells").
    cells = [alias[0], alias[1]._replace(label="CELL_LINE")]
    assert propagate_abbreviations([_definition(text, "EPM", "elevated plus-maze")], cells, frozenset(), text,
                                   SUFFIXES, None, words) == []
    # A long form that reads as a protein's keeps the gene: a "-in" word, a protein word, a digit.
    for long_text in ("neutrophil gelatinase-associated lipocalin", "Delta-like 4", "liver-type binding protein"):
        text = f"{long_text} (NGAL) and NGAL."
        alias = [CharMention(text.index("NGAL"), text.index("NGAL") + 4, "TARGET", "LCN2", "LCN2", "lexicon")]
        found = propagate_abbreviations([_definition(text, "NGAL", long_text)], alias, frozenset(), text,
                                        SUFFIXES, None, words)
        assert [(text[m.start:m.end], m.label) for m in found] == [
            (long_text, "TARGET"), ("NGAL", "TARGET"), ("NGAL", "TARGET")]


def test_a_gene_symbol_stays_a_gene_whatever_long_form_it_is_paired_with():
    from pipeline.ner.target_heads import read_protein_words

    text = "RAS pathway components (KRAS) and KRAS."
    symbol = [CharMention(start, start + 4, "TARGET", "KRAS", "KRAS", "lexicon")
              for start in (text.index("KRAS"), text.rindex("KRAS"))]
    found = propagate_abbreviations([_definition(text, "KRAS", "RAS pathway components")], symbol, frozenset(), text,
                                    SUFFIXES, None, read_protein_words())
    assert [m.label for m in found if text[m.start:m.end] == "KRAS"] == ["TARGET", "TARGET"]


def test_a_systematic_name_after_a_position_number_outweighs_a_gene_alias_of_its_short_form():
    from pipeline.ner.target_heads import read_protein_words

    # "HNE" is an alias of the gene ELANE; "4-Hydroxynonenal (HNE)" made the aldehyde a TARGET.
    text = "4-Hydroxynonenal (HNE) is toxic. HNE and 5-lipoxygenase (5-LO) or 5-LO."
    aliases = [CharMention(s, s + 3, "TARGET", "ELANE", "ELANE", "lexicon")
               for s in (text.index("HNE"), text.index("HNE and"))]
    lo = [CharMention(s, s + 4, "TARGET", "ALOX5", "ALOX5", "lexicon") for s in (text.index("5-LO)"), text.rindex("5-LO"))]
    definitions = [_definition(text, "HNE", "4-Hydroxynonenal"), _definition(text, "5-LO", "5-lipoxygenase")]
    found = propagate_abbreviations(definitions, aliases + lo, frozenset(), text, SUFFIXES, None, read_protein_words())
    assert [(text[m.start:m.end], m.label) for m in found] == [
        ("4-Hydroxynonenal", "DRUG"), ("HNE", "DRUG"), ("HNE", "DRUG"),
        ("5-lipoxygenase", "TARGET"), ("5-LO", "TARGET"), ("5-LO", "TARGET")]


def test_a_series_of_a_chemical_defined_by_an_abbreviation_is_a_drug():
    # "Bisacylimidoselenocarbamate derivatives (BSC)": the last word is a series head, the word before it
    # ends like a chemical; BSC was no mention, so neither were "BSC 3g" and "3n".
    text = "Bisacylimidoselenocarbamate derivatives (BSC) kill cells; BSC 3g acts."
    found = propagate_abbreviations([_definition(text, "BSC", "Bisacylimidoselenocarbamate derivatives")], [],
                                    frozenset(), text, SUFFIXES)
    assert [(text[m.start:m.end], m.label) for m in found] == [
        ("Bisacylimidoselenocarbamate derivatives", "DRUG"), ("BSC", "DRUG"), ("BSC", "DRUG")]
    other = "Benzodiazepine receptor derivatives (BRD) and BRD."
    assert propagate_abbreviations([_definition(other, "BRD", "Benzodiazepine receptor derivatives")], [],
                                   frozenset(), other, SUFFIXES) == []


def test_a_plural_short_form_names_its_singular_too():
    # "formulation in nanocomplexes (NPs) ... When NP were injected": the singular was no mention.
    text = "Their formulation in nanocomplexes (NPs) was tested. When NP were injected, NPs and NPY differed."
    head = CharMention(21, 34, "DRUG", "class:nanoformulation", "Nanoformulations", "lexicon")
    found = propagate_abbreviations([_definition(text, "NPs", "nanocomplexes")], [head], frozenset(), text)
    assert [(text[m.start:m.end], m.norm_id) for m in found] == [
        ("nanocomplexes", "class:nanoformulation"), ("NPs", "class:nanoformulation"),
        ("NP", "class:nanoformulation"), ("NPs", "class:nanoformulation")]


def test_a_long_form_at_the_end_of_a_longer_mention_defines_its_short_form():
    """Bug: a long form inside a mention that took in modifiers ("advanced idiopathic Parkinson's disease
    (PD)") or that Schwartz-Hearst cut to the last word ("multiple myeloma (MM)" -> "myeloma") defined
    nothing, and every "PD" and "MM" after it was missed (BC5CDR dev strict DISEASE +4)."""
    text = "advanced idiopathic Parkinson's disease (PD) and multiple myeloma (MM); later PD and MM."
    pd = CharMention(text.index("idiopathic"), text.index(" ("), "DISEASE", "MESH:D010300", "PD", "lexicon")
    mm_start = text.index("multiple")
    mm = CharMention(mm_start, mm_start + len("multiple myeloma"), "DISEASE", "MESH:D009101", "MM", "lexicon")
    definitions = [_definition(text, "PD", "Parkinson's disease"), _definition(text, "MM", "myeloma")]
    found = propagate_abbreviations(definitions, [pd, mm], frozenset(), text)
    assert [(text[m.start:m.end], m.norm_id) for m in found] == [
        ("idiopathic Parkinson's disease", "MESH:D010300"), ("PD", "MESH:D010300"),
        ("multiple myeloma", "MESH:D009101"), ("MM", "MESH:D009101"), ("PD", "MESH:D010300"), ("MM", "MESH:D009101")]


def test_a_capitalised_name_after_a_compound_head_noun_is_cued():
    text = "Furthermore, the STAT3 inhibitor Stattic (5 μM) suppressed growth; the inhibitor Western blot was run."
    assert [text[a:b] for a, b in cued_codes(text)] == ["Stattic"]


def test_a_drug_alias_the_text_defines_as_cells_is_no_drug_there():
    # before: "TAM" (a tamoxifen alias) stayed tamoxifen and made "Tumor-associated macrophages" a DRUG
    for short in ("TAM", "TAMs"):
        text = f"Tumor-associated macrophages ({short}) secrete IL-6. TAM-mediated stemness rose; TAM cells grew."
        at = [i for i in range(len(text)) if text.startswith("TAM", i) and not text[i - 1].isalpha()]
        aliases = [CharMention(i, i + 3, "DRUG", "MESH:D013629", "Tamoxifen", "lexicon") for i in at]
        definition = _definition(text, short, "Tumor-associated macrophages")
        found = propagate_abbreviations([definition], aliases, frozenset(), text)
        assert [m for m in found if m.label == "DRUG"] == [], short
    # a drug's own long form keeps the short form a drug
    text = "Tamoxifen (TAM) reduced growth; TAM acted."
    drug = CharMention(0, 9, "DRUG", "MESH:D013629", "Tamoxifen", "lexicon")
    found = propagate_abbreviations([_definition(text, "TAM", "Tamoxifen")], [drug], frozenset(), text)
    assert [text[m.start:m.end] for m in found if m.label == "DRUG"] == ["Tamoxifen", "TAM", "TAM"]
