"""A gene given as treatment is an agent (``applied_cues.tsv``); what names another applied thing is not."""

from __future__ import annotations

from dataclasses import replace

from pipeline.records import Mention
from pipeline.relations.extract import extract_relations

from .conftest import make_document


def _triples(relations) -> list[tuple[str, str, str]]:
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_an_antibody_or_sirna_after_the_gene_is_what_is_applied(extract):
    # "treatment with KGF antiserum abolished cell proliferation": before, KGF took the verb
    for word in ("antibody", "antiserum", "siRNA"):
        assert extract(f"Cells treated with IL-6 {word} reduced STAT3 phosphorylation.") == []
    assert [r.agent_text for r in extract("Cells treated with IL-6 reduced STAT3 phosphorylation.")] == ["IL-6"]


def test_a_sentence_opening_with_a_gene_the_abstract_applies_states_its_effect(extract_abstract):
    text = "MCF-7 cells were treated with HER2. HER2 increased STAT3 phosphorylation."
    assert _triples(extract_abstract(text)) == [("HER2", "increases", "STAT3 phosphorylation")]
    # without the treatment, or when the sentence only says what the gene is, nothing
    assert extract_abstract("MCF-7 cells were grown. HER2 increased STAT3 phosphorylation.") == []
    assert extract_abstract("MCF-7 cells were treated with HER2. HER2 (a cytokine) is an activator of STAT3.") == []


def test_x_induced_of_a_gene_the_abstract_applies_is_its_statement(extract_abstract):
    text = "MCF-7 cells were treated with IL-6. We measured IL-6-induced STAT3 phosphorylation in them."
    assert ("IL-6", "increases", "STAT3") in _triples(extract_abstract(text))
    # without the treatment the gene is not applied: "IL-6-induced" alone says nothing about an agent
    assert extract_abstract("MCF-7 cells were grown. We measured IL-6-induced STAT3 phosphorylation in them.") == []


def test_a_chemical_named_as_the_vehicle_of_something_else_does_not_act(extract):
    # "a modified cyclodextrin delivery system", "CD.TNF-α siRNA-treated mice": cyclodextrin read as the agent
    assert extract("A melphalan delivery system reduced IL-6 in mice.") == []
    assert extract("An amphiphilic melphalan (MPH) vector reduced IL-6 in mice.") == []
    assert extract("Mice treated with melphalan/STAT3 siRNA showed reduced IL-6 levels.") == []
    # the drug delivered, or the drug itself, still acts
    assert _triples(extract("Melphalan delivery reduced IL-6 in mice.")) == [("Melphalan", "decreases", "IL-6")]


def test_a_gene_exogenously_added_is_applied(extract):
    # "incubation of cells with exogenously added EGF prevented ...": EGF stayed a gene, no statement
    assert _triples(extract("Exogenously added IL-6 increased STAT3 phosphorylation in MCF-7 cells.")) == [
        ("IL-6", "increases", "STAT3 phosphorylation")]
    assert extract("Endogenously produced IL-6 increased STAT3 phosphorylation in MCF-7 cells.") == []


def test_a_later_mention_of_a_gene_the_abstract_applies_acts(extract_abstract):
    # "PCSCs exposed to KGF ... ; however, KGF prevented this inhibition": KGF stayed a gene there
    text = "MCF-7 cells were treated with HER2. However, HER2 increased STAT3 phosphorylation."
    assert _triples(extract_abstract(text)) == [("HER2", "increases", "STAT3 phosphorylation")]
    assert extract_abstract("MCF-7 cells were grown. However, HER2 increased STAT3 phosphorylation.") == []
    # a mention before the abstract applies the gene is background; the gene's antibody is not the gene
    assert extract_abstract("In patients, HER2 increased STAT3 phosphorylation. "
                            "MCF-7 cells were then treated with HER2.") == []
    assert extract_abstract("MCF-7 cells were treated with HER2. However, HER2 antibody reduced "
                            "STAT3 phosphorylation.") == []


def test_a_gene_coordinated_with_an_applied_gene_is_applied(extract_abstract):
    # "After leptin or insulin stimulation", "intracerebroventricular insulin and leptin": leptin stayed a gene
    after = "Cells received gp130 or IL-6 stimulation. Then, gp130 increased STAT3 phosphorylation."
    before = "Mice received intraperitoneal IL-6 and gp130. Then, gp130 increased STAT3 phosphorylation."
    for text in (after, before):
        assert ("gp130", "increases", "STAT3 phosphorylation") in _triples(extract_abstract(text))
    # a gene beside an applied gene on the cue's own side is not reached by the cue
    assert extract_abstract("Cells received IL-6 stimulation or gp130. Then, gp130 increased STAT3 "
                            "phosphorylation.") == []


def test_an_applied_gene_shares_the_induced_of_the_applied_agent_after_and(extract_abstract):
    # "a reduction in leptin and insulin-induced Tub-p-tyr": insulin's statement only, leptin's missed
    text = "Cells received gp130 or IL-6 stimulation. We found gp130 and IL-6-induced STAT3 phosphorylation."
    assert ("gp130", "increases", "STAT3") in _triples(extract_abstract(text))
    # the second conjunct not an agent: no shared suffix (gp130 is applied, STAT3 is not)
    text = "Cells received gp130 stimulation. We found gp130 and STAT3-induced IL-6 phosphorylation."
    assert ("gp130", "increases", "IL-6") not in _triples(extract_abstract(text))
    # "adding HER2 and the extracts": "and" before no agent leaves the gene out of the clause's subjects
    text = ("Cells were treated with HER2. The order of adding HER2 and the extracts mattered because the "
            "extracts blocked STAT3 phosphorylation.")
    assert "HER2" not in {agent for agent, _, _ in _triples(extract_abstract(text))}


def test_a_dose_beside_a_gene_applies_it(extract_abstract):
    # "HER2 (10 ng/ml)", "10 ng/ml of HER2": a dose per volume or body weight says the gene is given
    later = " Then, HER2 increased STAT3 phosphorylation."
    for given in ("MCF-7 cells were grown with HER2 (10 ng/ml).", "MCF-7 cells were grown with 10 ng/ml of HER2.",
                  "Mice received HER2 (5 µg/kg)."):
        assert _triples(extract_abstract(given + later)) == [("HER2", "increases", "STAT3 phosphorylation")]
    # no dose, or a measured level ("pg/ml"): not applied
    for given in ("MCF-7 cells were grown with HER2.", "Serum HER2 (10 pg/ml) was high."):
        assert extract_abstract(given + later) == []


def test_an_applied_gene_nested_in_the_agents_name_is_one_statement():
    # "recombinant IL-6 induced Y" gave Y twice: for "recombinant IL-6" and for the applied "IL-6" inside it
    from pipeline.relations.unit_filters import without_nested_agents

    text = "Treatment with recombinant IL-6 induced STAT3 phosphorylation."
    document = make_document(text, "pmid:1")
    start = text.index("recombinant")
    mentions = [Mention("pmid:1", start, start + 16, "recombinant IL-6", "DRUG", "class:recombinant_il6", "IL-6", "rule"),
                Mention("pmid:1", start + 12, start + 16, "IL-6", "TARGET", "IL6", "IL6", "lexicon"),
                Mention("pmid:1", text.index("STAT3"), text.index("STAT3") + 5, "STAT3", "TARGET", "STAT3", "STAT3", "lexicon")]
    rels = extract_relations([replace(document, pmid="1")], mentions)
    assert [(r.agent_text, r.object_text) for r in rels] == [("recombinant IL-6", "STAT3 phosphorylation")]
    kept = extract_relations([replace(document, pmid="1")], mentions[1:])  # the gene alone still acts
    assert [(r.agent_text, r.object_text) for r in kept] == [("IL-6", "STAT3 phosphorylation")]
    assert without_nested_agents(kept) == kept


def test_an_agent_and_the_vehicle_it_is_loaded_in_are_one_statement():
    # "An intra-articular salmon calcitonin-based nanocomplex reduces arthritis": calcitonin and the nanocomplex
    text = "A bortezomib-based nanocomplex reduces STAT3 phosphorylation."
    document = replace(make_document(text, "pmid:1"), pmid="1")
    mentions = [Mention("pmid:1", 2, 12, "bortezomib", "DRUG", "DB00188", "Bortezomib", "lexicon"),
                Mention("pmid:1", 19, 30, "nanocomplex", "DRUG", "class:nanoformulation", "nanoformulation", "rule"),
                Mention("pmid:1", text.index("STAT3"), text.index("STAT3") + 5, "STAT3", "TARGET", "STAT3", "STAT3",
                        "lexicon")]
    rels = extract_relations([document], mentions)
    assert [(r.agent_text, r.object_text) for r in rels] == [("bortezomib", "STAT3 phosphorylation")]
