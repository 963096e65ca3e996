"""Cells or animals stimulated with an agent: the agent increases them (pipeline/relations/stimulated.py)."""

from __future__ import annotations


def _stimulated(relations) -> list[tuple[str, str, str]]:
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations if r.construction == "stimulated_cells")


def test_cells_stimulated_with_an_agent_later_in_their_sentence(extract):
    # "RAW264.7 cells were transfected with ..., stimulated with lipopolysaccharide (LPS)": no statement of LPS
    assert _stimulated(extract("MCF-7 cells were transfected with a plasmid, stimulated with cisplatin and harvested.")) == [
        ("cisplatin", "increases", "MCF-7 cells")]
    assert _stimulated(extract("Human A549 cells stimulated with cisplatin or melphalan were counted.")) == [
        ("cisplatin", "increases", "Human A549 cells"), ("melphalan", "increases", "Human A549 cells")]


def test_an_agent_joined_to_the_participle_before_cells_or_animals(extract):
    # "LPS-stimulated CD1 mice": "X-induced" statements leave cells and animals alone
    assert _stimulated(extract("We used cisplatin-stimulated A549 cells and melphalan-activated mice.")) == [
        ("cisplatin", "increases", "A549 cells"), ("melphalan", "increases", "mice")]


def test_a_bracketed_abbreviation_or_spaced_dash_before_the_participle_and_a_bracketed_cell_line(extract):
    # "anti-inflammatory effects on lipopolysaccharide (LPS) - stimulated mouse macrophage (RAW 264.7) cells"
    rels = extract("Bortezomib had effects on cisplatin (DDP) - stimulated mouse epithelial (MCF-7) cells.")
    assert _stimulated(rels) == [("cisplatin", "increases", "mouse epithelial (MCF-7) cells")]
    # without a dash it is a verb: "cisplatin stimulated A549 cells" is read by the rules, not here
    assert _stimulated(extract("Bortezomib had effects on cisplatin (DDP) stimulated A549 cells.")) == []


def test_no_cells_no_statement(extract):
    # a process stimulated with the agent is the rules' (or nobody's); a clause break ends the search for cells
    assert _stimulated(extract("STAT3 phosphorylation stimulated with cisplatin was measured.")) == []
    assert _stimulated(extract("MCF-7 cells grew; STAT3 was then stimulated with cisplatin.")) == []
    assert _stimulated(extract("We used cisplatin-stimulated STAT3 phosphorylation in the cells.")) == []
