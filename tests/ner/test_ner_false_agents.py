"""Issue 18: common words recognised as agents or genes on new text.

Bugs guarded: "Turkey" (DrugBank DB10575, a food with a LanguaL code) and "Rice" (DB10563, "rice
allergenic extract") were DRUG agents of relations; "March", "April" and "Chad" (aliases or symbols
of CEP55, TNFSF13 and CHAD) were genes. The sources are a few hand-written rows in each one's format.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pipeline.evaluation.lexicon_build import CELL_LINE_FILES, HGNC_FILE, build_cache
from pipeline.evaluation.lexicon_sources import DRUGBANK_VOCABULARY, UNII_NAMES
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document

HERE = Path(__file__).resolve().parent / "data"

HGNC = """Symbol\tApproved.Symbol\tchromosome
CEP55\tCEP55\t10
MARCH\tCEP55\t10
TNFSF13\tTNFSF13\t17
APRIL\tTNFSF13\t17
CHAD\tCHAD\t17
STAT3\tSTAT3\t17
"""
DRUGBANK = """DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,Standard InChI Key
DB10575,,Turkey,,8E9NT44R8I,Turkey,
DB10563,,Rice,,659G217HPG,Brown rice | Rice | rice allergenic extract,
DB09153,,Sodium chloride,7647-14-5,451W47IQ8X,Sodium chloride,FAPWRFPIFSIZLT-UHFFFAOYSA-M
DB00515,,Cisplatin,15663-27-1,Q20Q21Q62J,Cisplatin,LXZZYRPGZAFOLE-UHFFFAOYSA-L
DB10553,,Peanut,,3731C743KO,Peanut,
DB01404,,Ginseng,50647-08-0,9L5JEP7MES,Ginseng | Asian ginseng,
DB15721,,Natural killer cells,,,NK cells | Natural killer cells,
DB14512,,Tisagenlecleucel,,,Tisagenlecleucel | CAR-T cells,
"""
UNII = """Name\tTYPE\tUNII\tDisplay Name
B1236 [LANGUAL]\tcd\t8E9NT44R8I\tTURKEY
TURKEY\tcn\t8E9NT44R8I\tTURKEY
B1322 [LANGUAL]\tcd\t659G217HPG\tBROWN RICE
A0105 [LANGUAL]\tcd\t451W47IQ8X\tSODIUM CHLORIDE
CISPLATIN [INN]\tof\tQ20Q21Q62J\tCISPLATIN
ARACHIS HYPOGAEA WHOLE\tsys\t3731C743KO\tARACHIS HYPOGAEA WHOLE
PANAX GINSENG WHOLE\tcn\t9L5JEP7MES\tASIAN GINSENG
"""
TEXT = ("Patients from Turkey and Chad ate rice and peanut in March and April 2010. Cisplatin, sodium "
        "chloride and ginseng increased APRIL and CHAD levels; STAT3 was not changed. NK cells grew, "
        "and CAR-T cells were given.")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    sources = tmp_path_factory.mktemp("sources")
    _write(sources / HGNC_FILE, HGNC)
    _write(sources / DRUGBANK_VOCABULARY[0], DRUGBANK)
    _write(sources / UNII_NAMES[0], UNII)
    for name in CELL_LINE_FILES.values():  # required by the build; no cell lines here
        _write(sources / name, (HERE / "lexicons" / name).read_text(encoding="utf-8").splitlines()[0] + "\n")
    folder = tmp_path_factory.mktemp("lexicon")
    build_cache(sources, cache_dir=folder)
    return folder


@pytest.fixture(scope="module")
def found(cache):
    document = Document(doc_id="d", source="test", title="", text=TEXT)
    return {(m.text, m.label) for m in recognize_mentions([document], build_nlp(cache_dir=cache, drugs=False))}


def test_turkey_rice_and_peanut_are_not_agents_but_chemicals_and_registered_herbs_are(found):
    drugs = {text for text, label in found if label == "DRUG"}
    assert not drugs & {"Turkey", "rice", "peanut"}
    # Sodium chloride also has a LanguaL code, but a structure (InChIKey) makes it a chemical; ginseng is a
    # whole organism too, but its CAS number makes it a registered herbal substance.
    assert {"Cisplatin", "sodium chloride", "ginseng"} <= drugs


def test_cells_a_drug_dictionary_lists_are_cells_unless_engineered(found):
    """Bug: "NK cells" and "M cells" (DrugBank cell therapies) were DRUG agents in GENIA abstracts."""
    drugs = {text for text, label in found if label == "DRUG"}
    assert "NK cells" not in drugs
    assert "CAR-T cells" in drugs


def test_march_april_and_chad_are_not_genes_unless_written_in_capitals(found):
    genes = {text for text, label in found if label == "TARGET"}
    assert not genes & {"March", "April", "Chad"}
    assert {"APRIL", "CHAD", "STAT3"} <= genes


def test_the_drug_dictionary_skips_the_foods_the_build_left_out(cache):
    """Bug: "house dust" (DB10345) and "Panax ginseng" stayed DRUG through the package's drug dictionary."""
    from pipeline.ner.lexicon import DRUG_SOURCE_IDS, load_drug_dictionary
    from pipeline.tables import read_word_list

    assert set(read_word_list(cache / DRUG_SOURCE_IDS)) == {"DB10575", "DB10563", "DB10553"}

    def surfaces(**kwargs):
        return {t.surface for t in load_drug_dictionary(**kwargs).terms if t.entry.drugbank_id == "DB10345"}
    assert "house dust" in surfaces() and not surfaces(excluded_ids={"DB10345"})


def test_the_drug_dictionary_skips_names_the_train_texts_rarely_annotate(tmp_path, monkeypatch):
    """Bug: "amino acids", "antioxidant", "normal saline" failed the build's common-word test as DrugBank
    names and came back as DRUG mentions through the package's drug dictionary (BioRED dev: 14 false, 1 right)."""
    from pipeline.evaluation import lexicon_sources
    from pipeline.evaluation.train_evidence import TrainEvidence
    from pipeline.ner.lexicon import DRUG_COMMON_WORDS
    from pipeline.ner.resources import build_lexicon
    from pipeline.tables import read_word_list

    evidence = TrainEvidence()
    for _ in range(4):  # "amino acids" written four times, never annotated; cisplatin annotated each time
        evidence.add("biored", "Amino acids and cisplatin.", [("cisplatin", "DRUG", "MESH:D002945")])
    monkeypatch.setattr(lexicon_sources, "read_drug_dictionary",
                        lambda: {"drug_variant_to_canonical": {"amino acids": ["amino acids"], "cisplatin": ["cisplatin"]}})
    assert lexicon_sources.write_drug_common_words(evidence, tmp_path) == 1
    assert read_word_list(tmp_path / DRUG_COMMON_WORDS) == ("amino acids",)

    def dictionary_surfaces(cache_dir):
        return {t.surface for t in build_lexicon(cache_dir).terms if t.entry.source == "drug"}
    assert "amino acids" in dictionary_surfaces(tmp_path / "empty")
    skipped = dictionary_surfaces(tmp_path)
    assert "amino acids" not in skipped and "cisplatin" in skipped
    # Without train texts nothing is listed, and an earlier build's list goes.
    assert lexicon_sources.write_drug_common_words(None, tmp_path) == 0
    assert not (tmp_path / DRUG_COMMON_WORDS).exists()
