"""General sources (NCBI Gene, UNII, DrugBank), standard ids, and the two NER bugs of issue 21.

The fixtures under ``data/lexicons/{unii,drugbank_vocabulary,ncbi_gene_human}`` are a few hand-written
rows in each source's format.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluation.lexicon_build import build_cache
from pipeline.ner.factory import build_nlp
from pipeline.ner.lexicon import load_compiled
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document

HERE = Path(__file__).resolve().parent / "data"


def _mentions(nlp, text):
    return [(m.text, m.label, m.norm_id, m.xrefs)
            for m in recognize_mentions([Document(doc_id="d", source="test", title="", text=text)], nlp)]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicon")
    counts = build_cache(HERE / "lexicons", cache_dir=folder)
    assert counts["drug_rows"] > 0
    return folder


@pytest.fixture(scope="module")
def nlp(cache):
    return build_nlp(cache_dir=cache, drugs=False)


def test_development_codes_meet_whatever_the_separator(nlp):
    found = _mentions(nlp, "HKI-272, HKI 272 and HKI272 differ from GW572016 and GW-572016; CNTO 328 is CNTO328.")
    names = {(text, ids) for text, label, norm_id, xrefs in found if label == "DRUG" for ids in (norm_id, *xrefs)}
    assert {t for t, i in names if i == "drugbank:DB11828"} == {"HKI-272", "HKI 272", "HKI272"}   # neratinib
    assert {t for t, i in names if i == "drugbank:DB01259"} == {"GW572016", "GW-572016"}          # lapatinib
    assert {t for t, i in names if i == "agent:siltuximab"} == {"CNTO 328", "CNTO328"}  # curated agent wins


def test_unii_proteins_brand_words_and_systematic_names_are_filtered(cache):
    drugs = {t.surface.lower() for t in load_compiled(cache).terms if t.entry.label == "DRUG"}
    assert "il-6" not in drugs and "interleukin-6" not in drugs   # UNII lists IL-6 as a substance
    assert "control" not in drugs                                 # a brand that is a word
    assert not any("pyridin" in d for d in drugs)                 # systematic names are left out
    assert "cytochrome c" not in drugs                            # a protein (MeSH trees) in DrugBank
    assert {"sylvant", "neratinib", "lapatinib"} <= drugs


def test_a_substance_only_unii_lists_is_matched_by_its_display_name(cache):
    """Its other names are a brand and a systematic name (left out): the display name is how abstracts write it."""
    drugs = {t.surface.lower() for t in load_compiled(cache).terms if t.entry.label == "DRUG"}
    assert "chlorpyrifos" in drugs


def test_genes_carry_ncbi_ids_and_ncbi_aliases(nlp):
    found = {(text, norm_id, xrefs) for text, label, norm_id, xrefs in
             _mentions(nlp, "BSF-2 (IL-6) activates APRF.") if label == "TARGET"}
    assert ("BSF-2", "IL6", ("NCBIGene:3569",)) in found
    assert ("IL-6", "IL6", ("NCBIGene:3569",)) in found
    assert ("APRF", "STAT3", ("NCBIGene:6774",)) in found


def test_phase_ii_is_not_an_abbreviation_of_prostate_cancer():
    """Bug: "... in prostate cancer (phase II)" made every "phase II" DISEASE "Prostatic Neoplasms"."""
    found = _mentions(build_nlp(compiled=False), "A randomized, phase II study of siltuximab in prostate cancer "
                                                 "(phase II) enrolled men. Other phase II trials are ongoing.")
    assert [t for t, label, *_ in found if label == "DISEASE"] == ["prostate cancer"]
    assert not any(t == "phase II" for t, *_ in found)


def test_biologics_listed_by_the_drug_dictionary_are_not_drugs():
    """Bug: IL-12, bFGF, cytochrome C and PKC-alpha (gene products) became DRUG agents."""
    found = _mentions(build_nlp(compiled=False), "IL-12, bFGF, cytochrome C and PKC-alpha, unlike trastuzumab "
                                                 "and aldesleukin.")
    drugs = [t for t, label, *_ in found if label == "DRUG"]
    assert drugs == ["trastuzumab", "aldesleukin"]


def test_an_amino_acid_drug_with_a_greek_locant_is_a_drug():
    """An entry filed under Amino Acids or a chemical tree is a small molecule: "epsilon" is a locant."""
    found = _mentions(build_nlp(compiled=False), "Rats given epsilon-aminocaproic acid bled less.")
    assert [t for t, label, *_ in found if label == "DRUG"] == ["epsilon-aminocaproic acid"]


def test_a_syndrome_defined_by_a_gene_alias_stays_a_disease(nlp):
    """ "neuroleptic malignant syndrome (NMS)": NMS is also a gene alias; the definition makes it the disease."""
    found = [(t, label) for t, label, *_ in _mentions(nlp, "An acute phase response failure syndrome (APRF) was seen. APRF recurred.")]
    assert found == [("acute phase response failure syndrome", "DISEASE"), ("APRF", "DISEASE"), ("APRF", "DISEASE")]


def test_a_name_inside_a_longer_gold_mention_is_not_counted_as_an_unannotated_use():
    """"edema" written inside an annotated "cerebral edema" is part of that name; counted as a bare,
    unannotated "edema" it made the word look rarely annotated, so train learning dropped it."""
    from pipeline.evaluation.train_evidence import count_occurrences

    texts = ["Cerebral edema and edema of the leg.", "No edema."]
    spans = [[(0, 14), (19, 24)], [(3, 8)]]
    assert count_occurrences({"edema"}, texts)["edema"] == 3
    assert count_occurrences({"edema"}, texts, spans)["edema"] == 2


def test_lexicon_build_command_compiles_the_matchers_so_no_worker_builds_them(tmp_path, capsys):
    from pipeline.cli import main

    folder = tmp_path / "cache"
    assert main(["lexicon", "build", "--from", str(HERE / "lexicons"), "--cache-dir", str(folder)]) == 0
    assert "lexicon build:" in capsys.readouterr().out
    assert len(list(folder.glob("matchers-*.pickle"))) == 1


def test_a_common_name_shaped_like_a_code_is_a_development_code(cache):
    """UNII types research compounds' codes as common names ("AG-490", the JAK2 inhibitor); other common names
    stay out, and a substance named only by them does not bring in its display name ("OVALBUMIN")."""
    drugs = {t.surface.lower() for t in load_compiled(cache).terms if t.entry.label == "DRUG"}
    assert {"ag-490", "ag490", "ag 490"} <= drugs
    assert "tyrphostin" not in drugs and "ovalbumin" not in drugs and "ova-112" in drugs


def test_peptide_drugs_are_named_by_their_inn_stems():
    """Goserelin and leuprolide are filed under MeSH peptide/protein trees, so the protein guard dropped them
    ("the names are the gene product's"); their INN stems (-relin, -prolide, -tide after a vowel) name drugs."""
    from pipeline.ner.lexicon import _names_a_protein, _read_words

    suffixes = tuple(_read_words("biologic_inn_suffixes.txt"))
    peptide = {"name": "Goserelin", "mesh_tree": ["D12.644.400.400.740.320.340", "D06.472.699.327.740.320.340"]}
    for name in ("goserelin", "leuprolide", "teriparatide", "degarelix", "octreotide"):
        assert not _names_a_protein(name, peptide, ("D12",), suffixes)
    for name in ("vasoactive intestinal peptide", "oligonucleotide"):  # a gene product, a class
        assert _names_a_protein(name, peptide, ("D12",), suffixes)


def test_a_two_word_name_designating_a_member_is_one_compound(cache):
    """UNII names natural products "WITHAFERIN A", "URSOLIC ACID" only by a display name of two words; a
    member designator or an "-ic acid" makes it one compound. Other two-word names (salts) stay out."""
    drugs = {t.surface.lower() for t in load_compiled(cache).terms if t.entry.label == "DRUG"}
    assert {"withaferin a", "ursolic acid"} <= drugs
    assert "minocycline hydrochloride" not in drugs and "mch-0001" in drugs
