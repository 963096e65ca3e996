"""Cell-line rules: a cell-line short form keeps its label when its long form is a disease."""

from __future__ import annotations

import pytest

from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(compiled=False)


def _mentions(nlp, text):
    return [(m.text, m.start, m.end, m.label) for m in
            recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)]


def test_cell_line_short_form_is_not_relabelled_by_a_disease_long_form(nlp):
    text = "Human cervical adenocarcinoma (HeLa) cells were treated. HeLa cells died."
    found = _mentions(nlp, text)
    assert ("HeLa", 31, 35, "CELL_LINE") in found and ("HeLa", 57, 61, "CELL_LINE") in found
    assert not [m for m in found if m[0] == "HeLa" and m[3] != "CELL_LINE"]
    assert text[31:35] == text[57:61] == "HeLa"


def test_hek_is_a_cell_line_only_before_cells(nlp):
    found = _mentions(nlp, "HEK cells and HEK293 cells.")
    assert ("HEK", 0, 3, "CELL_LINE") in found and ("HEK293", 14, 20, "CELL_LINE") in found
    assert not [m for m in _mentions(nlp, "The HEK gene.") if m[3] == "CELL_LINE"]


def test_a_name_called_cells_is_found_again_in_the_same_document(nlp):
    text = "KU7 cells were treated. KU7 was resistant, and KU7 cells died."
    found = [m for m in _mentions(nlp, text) if m[3] == "CELL_LINE"]
    assert [(m[1], m[2]) for m in found] == [(0, 3), (24, 27), (47, 50)]
    assert {text[m[1]:m[2]] for m in found} == {"KU7"}


def test_a_name_mostly_used_otherwise_is_not_repeated(nlp):
    text = "QXR7 was lost. Loss of QXR7 grew tumours; QXR7 binds DNA in QXR7 cells."
    found = [m for m in _mentions(nlp, text) if m[3] == "CELL_LINE"]
    assert [(m[1], m[2]) for m in found] == [(60, 64)]


def test_a_resistant_subline_is_one_cell_line_but_two_lines_stay_two(nlp):
    text = "MCF-7/ADR and A549/DDP cells, unlike MCF-7/MDA-MB-231 co-cultures."
    found = {(m[0], m[3]) for m in _mentions(nlp, text)}
    assert {("MCF-7/ADR", "CELL_LINE"), ("A549/DDP", "CELL_LINE")} <= found
    assert {("MCF-7", "CELL_LINE"), ("MDA-MB-231", "CELL_LINE")} <= found


def test_the_description_before_a_cell_line_short_form_is_not_a_cell_line(nlp):
    text = "Human embryonic kidney 293 (HEK293) cells were transfected."
    found = [m for m in _mentions(nlp, text) if m[3] == "CELL_LINE"]
    assert [(m[0], m[1], m[2]) for m in found] == [("HEK293", 28, 34)]


def test_common_laboratory_lines_carry_their_cellosaurus_accession(nlp):
    text = "COS-7 and COS-1 cells, RAW 264.7 macrophages and H9c2 cardiomyocytes."
    ids = {m.text: m.norm_id for m in recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)
           if m.label == "CELL_LINE"}
    assert ids == {"COS-7": "CVCL_0224", "COS-1": "CVCL_0223", "RAW 264.7": "CVCL_0493", "H9c2": "CVCL_0286"}


def test_shapes_with_one_capital_or_a_leading_number_count_before_cells():
    from pipeline.ner.matcher import MatchView
    from pipeline.ner.shapes import PatternMatcher

    text = ("Huh7 cells, Kit225 cells and 7TD1 cells, the monocytic cell line U1, a B cell line, B104, and "
            "tubular epithelial cell (KX-9) were used; not Th17 cells, 3D cells, 2D3-responsive cells, "
            "T cells (CD4), CD73- gdT17 cells or leukemic cells (M4).")
    names = [text[c.start:c.end] for c in PatternMatcher().candidates(MatchView(text))]
    assert names == ["Huh7", "Kit225", "7TD1", "U1", "B104", "KX-9"]


def test_a_synonym_that_is_a_gene_alias_needs_cells_after_it_but_a_line_name_does_not(tmp_path):
    from pipeline.evaluation.lexicon_cell_lines import cell_line_rows

    _write_cell_line_tables(tmp_path, "HPAF-II\tCVCL_0313\tCD18\nPC-3\tCVCL_0035\tPC3\n")
    rows = cell_line_rows(tmp_path, gene_symbols=set(), gene_aliases={"cd18", "pc3"})
    cued = {name for entry, names, _case in rows if entry.need_right for name in names}
    direct = {name for entry, names, _case in rows if not entry.need_right for name in names}
    assert "CD18" in cued and direct == {"PC-3", "PC3"}  # HPAF-II: upper case without a digit, cued anyway


def test_a_shape_counts_before_cell_only_right_after_it():
    from pipeline.ner.matcher import MatchView
    from pipeline.ner.shapes import PatternMatcher

    text = "KU7 cell growth slowed; FX11 inhibited cell proliferation and OCT4A in the cell fate; QB12 treated cells."
    names = [text[c.start:c.end] for c in PatternMatcher().candidates(MatchView(text))]
    assert names == ["KU7", "QB12"]


def _write_cell_line_tables(tmp_path, sdrf_rows: str, passports_rows: str = "", depmap_rows: str = "") -> None:
    from pipeline.evaluation.lexicon_cell_lines import CELL_LINE_FILES

    files = {"sdrf": "cellosaurus name\tcellosaurus accession\tsynonyms\n" + sdrf_rows,
             "passports": "model_type,model_name,RRID,synonyms\n" + passports_rows,
             "depmap": "RRID,CellLineName,StrippedCellLineName\n" + depmap_rows}
    for key, content in files.items():
        path = tmp_path / CELL_LINE_FILES[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def test_a_cellosaurus_name_with_a_bracketed_origin_is_matched_without_the_bracket(tmp_path):
    from pipeline.evaluation.lexicon_cell_lines import cell_line_rows

    _write_cell_line_tables(tmp_path, "HK-2 [Human kidney]\tCVCL_0302\t\nNOS-1 [Human osteosarcoma]\tCVCL_1611\t\n")
    rows = {entry.norm_id: (entry.norm_name, names) for entry, names, _case in cell_line_rows(tmp_path)}
    assert rows["CVCL_0302"] == ("HK-2", ["HK-2"]) and rows["CVCL_1611"] == ("NOS-1", ["NOS-1"])


def test_a_bracketed_homonym_leaves_the_bare_name_to_the_line_the_tables_name_most(tmp_path):
    from pipeline.evaluation.lexicon_cell_lines import cell_line_rows

    _write_cell_line_tables(tmp_path, "PC-3 [Human lung carcinoma]\tCVCL_S982\t\nPC-3\tCVCL_0035\t\n",
                            "Cell Line,PC-3,CVCL_0035,\n", "CVCL_0035,PC-3,PC3\n")
    owners = {name: entry.norm_id for entry, names, _case in cell_line_rows(tmp_path) for name in names}
    assert owners["PC-3"] == "CVCL_0035" and "CVCL_S982" not in owners.values()


@pytest.mark.parametrize(("text", "accession"), [("MC38 cells", "CVCL_B288"), ("GL261 cells", "CVCL_Y003"),
                                                 ("MIN6 cells", "CVCL_0431"), ("C4-2 cells", "CVCL_4782"),
                                                 ("HepaRG cells", "CVCL_9720"), ("U373 MG cells", "CVCL_2219"),
                                                 ("BJAB cells", "CVCL_5711"), ("ECV304 cells", "CVCL_2029"),
                                                 ("HEK293FT cells", "CVCL_6911")])
def test_common_lines_the_cancer_tables_lack_carry_their_cellosaurus_accession(nlp, text, accession):
    found = recognize_mentions([Document(doc_id="t", source="test", title="", text=text)], nlp)
    assert [(m.label, m.norm_id) for m in found if m.label == "CELL_LINE"] == [("CELL_LINE", accession)]


def test_a_drug_abbreviation_marking_a_subline_is_part_of_the_cell_line():
    # "MDA-MB-231/ADR": the Adriamycin-resistant subline, not the drug ADR (a lexicon synonym) given to MDA-MB-231
    from pipeline.ner.cell_line_spans import extend_sublines
    from pipeline.ner.lexicon import Entry
    from pipeline.ner.matcher import Candidate

    text = "MDA-MB-231/ADR and MCF-7/HER2 cells"
    kept = [Candidate(0, 10, Entry("CVCL_0062", "MDA-MB-231", "CELL_LINE")),
            Candidate(11, 14, Entry("MESH:D004317", "Doxorubicin", "DRUG")),
            Candidate(19, 24, Entry("CVCL_0031", "MCF-7", "CELL_LINE")),
            Candidate(25, 29, Entry("HGNC:3430", "ERBB2", "TARGET"))]
    found = [(text[c.start:c.end], c.entry.label) for c in extend_sublines(kept, text)]
    assert found == [("MDA-MB-231/ADR", "CELL_LINE"), ("MCF-7", "CELL_LINE"), ("HER2", "TARGET")]
