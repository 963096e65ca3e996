"""NER on the review: offsets are end-exclusive, every agent alias and cell line is found and normalised."""

from __future__ import annotations

import pytest

from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.ner.lexicon import agent_id
from pipeline.records import Document

# (alias as written in the review, expected agent id), from the review's headings and Table 1.
REVIEW_AGENT_ALIASES = [
    ("Siltuximab", "siltuximab"), ("CNTO 328", "siltuximab"), ("Sylvant", "siltuximab"),
    ("Sirukumab", "sirukumab"), ("CNTO 136", "sirukumab"),
    ("Olokizumab", "olokizumab"), ("CP6038", "olokizumab"), ("CDP6038", "olokizumab"),
    ("mAb 1339", "mab-1339"), ("MAb 1339", "mab-1339"), ("OP-R003", "mab-1339"),
    ("Elsilimomab", "elsilimomab"), ("B-E8", "elsilimomab"),
    ("Clazakizumab", "clazakizumab"), ("BMS945429", "clazakizumab"), ("ALD518", "clazakizumab"),
    ("PF-04236921", "pf-04236921"), ("MEDI 5117", "medi-5117"),
    ("C326", "c326"), ("AMG-220", "c326"), ("6a", "6a"),
    ("Tocilizumab", "tocilizumab"), ("Actemra", "tocilizumab"), ("RoActemra", "tocilizumab"),
    ("MR16-1", "mr16-1"),
    ("Sarilumab", "sarilumab"), ("REGN88", "sarilumab"), ("SAR153191", "sarilumab"),
    ("ALX-0061", "alx-0061"), ("NRI", "nri"), ("SANT-7", "sant-7"),
    ("ERBF", "erbf"), ("ERBA", "erba"), ("B-R3", "b-r3"), ("B-P4", "b-p4"),
    ("MDL-A", "madindoline-a"), ("Madindoline A", "madindoline-a"), ("SC144", "sc144"),
    ("Raloxifene", "raloxifene"), ("Keoxifene", "raloxifene"), ("LY156758", "raloxifene"), ("Evista", "raloxifene"),
    ("Bazedoxifene", "bazedoxifene"), ("Viviant", "bazedoxifene"),
    ("LMT-28", "lmt-28"), ("sgp130Fc", "sgp130fc"), ("FE 999301", "sgp130fc"),
]
REVIEW_CELL_LINES = ["MCF-7", "MDA-MB-231", "SUM159", "PANC-1", "DU145", "Calu3", "A549", "S6B45"]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(compiled=False)


@pytest.fixture(scope="module")
def review_mentions(nlp, review_text):
    document = Document(doc_id="review", source="review", title="", text=review_text.replace("\n", " "))
    return document, recognize_mentions([document], nlp)


def test_offsets_slice_back_to_mention_text(review_mentions):
    document, mentions = review_mentions
    assert mentions
    for mention in mentions:
        assert document.text[mention.start:mention.end] == mention.text
        assert mention.label in {"DRUG", "TARGET", "CELL_LINE", "DISEASE"}
        assert mention.source in {"lexicon", "pattern", "rule", "abbreviation", "model"}
        assert mention.norm_id and mention.norm_name


def test_mentions_sorted_and_deterministic(nlp, review_mentions):
    document, mentions = review_mentions
    assert mentions == sorted(mentions, key=lambda m: (m.doc_id, m.start, m.end, m.label))
    assert recognize_mentions([document], nlp) == mentions


@pytest.mark.parametrize(("alias", "agent"), REVIEW_AGENT_ALIASES)
def test_every_agent_alias_is_found_and_normalised(review_mentions, alias, agent):
    _document, mentions = review_mentions
    ids = {m.norm_id for m in mentions if m.text.replace("  ", " ") == alias and m.label == "DRUG"}
    assert ids == {agent_id(agent)} or ids == {f"agent:{agent}"}, f"{alias!r} -> {ids}"


@pytest.mark.parametrize("name", REVIEW_CELL_LINES)
def test_every_review_cell_line_is_found(review_mentions, name):
    _document, mentions = review_mentions
    found = [m for m in mentions if m.label == "CELL_LINE" and m.text.replace("- ", "-") == name]
    assert found, f"cell line {name} not recognised"
    assert all(m.norm_id.startswith(("CVCL_", "cellline:")) for m in found)


def test_hyphen_space_and_joined_spellings_normalise_alike(nlp):
    text = "CNTO 328, CNTO-328 and CNTO328 block IL-6, IL6 and interleukin 6; MDA-\nMB-231 cells."
    mentions = recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)
    by_text = {m.text: m.norm_id for m in mentions}
    assert by_text["CNTO 328"] == by_text["CNTO-328"] == by_text["CNTO328"] == "agent:siltuximab"
    assert by_text["IL-6"] == by_text["IL6"] == by_text["interleukin 6"] == "IL6"
    assert by_text["MDA-\nMB-231"] == "CVCL_0062"


def test_abbreviation_gives_short_form_the_long_form_id(nlp):
    text = ("Patients with oral mucositis (OM) were treated with siltuximab. "
            "OM resolved in two of them; OM-free survival was unchanged.")
    mentions = recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)
    long_form = [m for m in mentions if m.text == "oral mucositis"]
    short = [m for m in mentions if m.text == "OM"]
    assert long_form, "long form 'oral mucositis' not recognised"
    assert len(short) == 3 and {m.norm_id for m in short} == {long_form[0].norm_id}
    assert {m.source for m in short} == {"abbreviation"}


def test_default_pipeline_needs_no_cache_or_shared_data(tmp_path, review_text):
    nlp = build_nlp(cache_dir=tmp_path / "no-cache-here")
    document = Document(doc_id="review", source="review", title="", text=review_text.replace("\n", " "))
    ids = {m.norm_id for m in recognize_mentions([document], nlp) if m.label == "DRUG"}
    assert {agent_id(a) for _alias, a in REVIEW_AGENT_ALIASES} <= ids


def test_empty_inputs(nlp):
    assert recognize_mentions([], nlp) == []
    assert recognize_mentions([Document(doc_id="e", source="test", title="", text="")], nlp) == []
    [mention] = recognize_mentions([Document(doc_id="p", source="test", title="", text="(IL-6)")], nlp)
    assert (mention.start, mention.end, mention.norm_id) == (1, 5, "IL6")


def test_agents_known_to_the_drug_dictionary_carry_their_drugbank_id(review_mentions):
    _, review_mentions = review_mentions
    tocilizumab = [m for m in review_mentions if m.norm_id == "agent:tocilizumab"]
    assert tocilizumab and all(m.xrefs == ("drugbank:DB06273",) for m in tocilizumab)
    assert all(m.xrefs == () for m in review_mentions if m.norm_id == "agent:sgp130fc")


def test_kinase_isoforms_named_by_a_greek_letter_are_their_genes(nlp):
    # "PKCδ", "PI3Kδ" and "IKKγ" are how abstracts name the isoforms; HGNC spells them otherwise ("nPKC-delta")
    text = "PKCδ, PI3Kδ and IKKγ were inhibited, and PI3K was not."
    mentions = recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)
    assert [(m.text, m.norm_id) for m in mentions] == [
        ("PKCδ", "PRKCD"), ("PI3Kδ", "PIK3CD"), ("IKKγ", "IKBKG"), ("PI3K", "PIK3CA")]


def test_cytokines_named_in_full_are_targets_with_their_gene(nlp):
    # GENIA-style abstracts name their stimuli in full; "gamma interferon" was read as the drug "interferon"
    # and "insulin-like growth factor I" as "insulin", so no relation could name the cytokine.
    text = ("Granulocyte-macrophage colony-stimulating factor, gamma interferon, alpha interferon, IL-12 and "
            "insulin-like growth factor I were added.")
    mentions = recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)
    assert [(m.text, m.label, m.norm_id) for m in mentions] == [
        ("Granulocyte-macrophage colony-stimulating factor", "TARGET", "CSF2"),
        ("gamma interferon", "TARGET", "IFNG"), ("alpha interferon", "TARGET", "IFNA1"),
        ("IL-12", "TARGET", "IL12A;IL12B"),  # a drug dictionary lists it as a biologic: it was a DRUG
        ("insulin-like growth factor I", "TARGET", "IGF1")]
