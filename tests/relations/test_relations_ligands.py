"""In an abstract a cytokine, growth factor or hormone written as a stimulus acts (``ligand_genes.tsv``):
"IL-10 induces the tyrosine phosphorylation of tyk2", as stimulation studies write their experiments."""

from __future__ import annotations

import dataclasses

from pipeline.relations.extract import extract_relations
from pipeline.relations.unit_filters import without_ligand_readings
from pipeline.relations.units import iter_units

from .conftest import find_mentions, make_document


def _triples(relations) -> list[tuple[str, str, str]]:
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_a_ligand_written_as_a_stimulus_acts_in_an_abstract(extract_abstract):
    rels = extract_abstract("MCF-7 cells were grown. IL-6 increased STAT3 phosphorylation.")
    assert _triples(rels) == [("IL-6", "increases", "STAT3 phosphorylation")]
    # a receptor or a signalling protein is no ligand: without a cue it does not act
    assert extract_abstract("MCF-7 cells were grown. gp130 increased STAT3 phosphorylation.") == []


def test_a_ligand_in_the_review_acts_only_where_the_text_applies_it(extract):
    assert extract("IL-6 increased STAT3 phosphorylation.") == []


def test_a_ligand_written_as_an_analyte_or_a_target_does_not_act(extract_abstract):
    for text in ("Serum IL-6 increased STAT3 phosphorylation.",
                 "IL-6 mRNA increased STAT3 phosphorylation.",
                 "IL-6 levels increased STAT3 phosphorylation.",
                 "Expression of IL-6 increased STAT3 phosphorylation.",
                 "IL-6 siRNA reduced STAT3 phosphorylation.",
                 "The IL-6-174G/C genotype increased STAT3 phosphorylation.",
                 "Decreased cardiac IL-6 reduced STAT3 phosphorylation.",
                 "500 pg/ml of IL-6 increased STAT3 phosphorylation."):
        assert "IL-6" not in {agent for agent, _, _ in _triples(extract_abstract(text))}, text


def test_a_ligand_only_reading_of_the_pair_model_or_a_clinical_cue_is_dropped():
    text = "MCF-7 cells were grown. IL-6 increased STAT3 phosphorylation."
    document = dataclasses.replace(make_document(text, "pmid:1"), pmid="1")
    unit = list(iter_units(document, find_mentions("pmid:1", text), (), "all"))[-1]
    found = [r for r in extract_relations([document], find_mentions("pmid:1", text)) if r.agent_text == "IL-6"]
    assert found
    learned = [dataclasses.replace(r, construction="learned") for r in found]
    assert without_ligand_readings(unit, found) == found
    assert without_ligand_readings(unit, learned) == []


def test_a_treatment_of_cells_with_a_gene_applies_it(extract_abstract):
    # "Treatment of human neutrophils with G-CSF induced STAT3 activation": the cue spans the treated cells
    rels = extract_abstract("Treatment of human breast cancer cells with HER2 induced STAT3 activation.")
    assert _triples(rels) == [("HER2", "increases", "STAT3 activation")]
    # a gene the list alone applies acts at that first mention
    rels = extract_abstract("Treatment of MCF-7 cells with HER2 and gp130 induced STAT3 phosphorylation.")
    assert {agent for agent, _, _ in _triples(rels)} == {"HER2", "gp130"}
    assert extract_abstract("Patients with HER2 mutations had STAT3 activation.") == []


def test_a_ligand_is_known_by_its_symbol_or_by_its_name():
    from pipeline.records import Mention
    from pipeline.relations.applied import is_ligand

    def target(text: str, norm_id: str) -> Mention:
        return Mention("d", 0, len(text), text, "TARGET", norm_id, None, "test", ())
    # a name learned from train data or a family carries no HGNC symbol: the name says it is a ligand
    for text, norm_id in (("IL-6", "IL6"), ("IFN-gamma", "train:target:ifngamma"), ("IL-1", "train:target:il1"),
                          ("GM-CSF", "CSF2"), ("basic fibroblast growth factor", "FGF2"), ("TNF-alpha", "TNF")):
        assert is_ligand(target(text, norm_id)), text
    for text, norm_id in (("IL-6R", "IL6R"), ("gp130", "IL6ST"), ("STAT3", "STAT3"),
                          ("epidermal growth factor receptor", "EGFR"), ("interferon receptor", "target:ifnr")):
        assert not is_ligand(target(text, norm_id)), text


def test_the_pair_model_s_tumour_increase_is_dropped_and_other_readings_kept():
    from pipeline.relations.unit_filters import without_learned_tumour_increases
    text = "MCF-7 cells were grown. IL-6 increased STAT3 phosphorylation."
    document = dataclasses.replace(make_document(text, "pmid:1"), pmid="1")
    found = [r for r in extract_relations([document], find_mentions("pmid:1", text)) if r.agent_text == "IL-6"]
    tumour = [dataclasses.replace(r, construction="learned", object_text="breast tumour") for r in found]
    assert without_learned_tumour_increases(tumour) == []
    # the rules' own reading of a tumour, or the model's decrease of it, stays
    assert without_learned_tumour_increases([dataclasses.replace(r, object_text="breast tumour") for r in found])
    assert without_learned_tumour_increases([dataclasses.replace(r, effect="decreases") for r in tumour])


def test_a_study_aim_of_a_ligand_is_kept_and_the_ability_of_x_to_names_its_object(extract_abstract):
    rels = extract_abstract("MCF-7 cells were grown. We investigated the ability of IL-6 to activate STAT3 in MCF-7 cells.")
    studied = {(r.agent_text, r.object_text) for r in rels if r.effect == "studied_in"}
    assert ("IL-6", "STAT3") in studied and ("IL-6", "MCF-7 cells") in studied


def test_a_family_of_ligands_acts_when_every_member_is_one(extract_abstract, monkeypatch):
    from . import conftest
    monkeypatch.setitem(conftest.LEXICON, "IFNs", ("TARGET", "IFNA1;IFNB1;IFNG", "interferons"))
    monkeypatch.setitem(conftest.LEXICON, "STATs", ("TARGET", "STAT1;STAT3", "STATs"))
    assert _triples(extract_abstract("MCF-7 cells were grown. IFNs suppressed STAT3 phosphorylation.")) == [
        ("IFNs", "decreases", "STAT3 phosphorylation")]
    # a family of signalling proteins is no ligand
    assert extract_abstract("MCF-7 cells were grown. STATs increased IL-6 secretion.") == []


def test_the_pair_model_s_reading_of_a_disease_naming_cells_is_dropped():
    from pipeline.relations.unit_filters import without_learned_cell_origins
    from pipeline.relations.units import iter_units
    text = "Cisplatin induced apoptosis in ovarian cancer cell lines and reduced ovarian cancer growth."
    document = dataclasses.replace(make_document(text, "pmid:1"), pmid="1")
    unit = next(iter(iter_units(document, find_mentions("pmid:1", text), (), "all")))
    first, second = (text.index("ovarian cancer"), text.rindex("ovarian cancer"))
    found = [r for r in extract_relations([document], find_mentions("pmid:1", text)) if r.agent_text == "Cisplatin"]
    base = dataclasses.replace(found[0], construction="learned", effect="decreases", object_label="DISEASE")
    origin = dataclasses.replace(base, object_start=first, object_end=first + 14, object_text="ovarian cancer")
    disease = dataclasses.replace(base, object_start=second, object_end=second + 14, object_text="ovarian cancer")
    # "ovarian cancer cell lines" says where the cells come from; the second names the disease
    assert without_learned_cell_origins(unit, [origin, disease]) == [disease]
    # a rule's reading is not the model's: kept
    assert without_learned_cell_origins(unit, [dataclasses.replace(origin, construction="active")])


def test_a_ligand_a_finding_responds_to_acts(extract_abstract):
    # "JAK2 kinase is rapidly phosphorylated and activated in response to IL-13": "in response to" applies it
    rels = extract_abstract("We show that STAT3 kinase is rapidly phosphorylated and activated in response to IL-6.")
    assert _triples(rels) == [("IL-6", "increases", "STAT3 kinase")]
    # the ligands of a receptor are not the receptor: "in response to ErbB ligands" applies no ErbB
    rels = extract_abstract("STAT3 activation was seen in response to HER2 ligands. HER2-driven STAT3 activation "
                            "proceeds without gp130.")
    assert "HER2" not in {agent for agent, _, _ in _triples(rels)}


def test_a_gene_added_to_cells_is_applied(extract_abstract):
    # "HER2 was added to MCF-7 cells" applies it (no ligand acts without a cue), so its later mentions act
    rels = extract_abstract("HER2 was added to MCF-7 cells. HER2 then reduced STAT3 phosphorylation.")
    assert [(r.agent_id, r.effect) for r in rels] == [("ERBB2", "decreases")]
