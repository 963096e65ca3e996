"""The review becomes one segmented Document and 24 Table 1 rows; checked against the text by hand."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.ingest.review import TABLE_SECTION, ingest_review
from pipeline.text import to_raw_span

REVIEW = Path(__file__).resolve().parents[2] / "corpus" / "review.txt"


@pytest.fixture(scope="module")
def ingested():
    return ingest_review(REVIEW)


@pytest.fixture(scope="module")
def document(ingested):
    return ingested[0]


@pytest.fixture(scope="module")
def rows(ingested):
    return ingested[1]


@pytest.fixture(scope="module")
def body_text(document) -> str:
    table = next(s for s in document.sections if s.label == TABLE_SECTION)
    return document.text[: table.start]


def test_sentence_spans_are_exact_ordered_and_disjoint(document):
    previous_end = 0
    for sentence in document.sentences:
        text = document.text[sentence.start:sentence.end]
        assert text and text == text.strip(), (sentence, text)
        assert sentence.start >= previous_end, f"overlap at {sentence}"
        previous_end = sentence.end


def test_every_sentence_lies_inside_one_paragraph(document):
    for sentence in document.sentences:
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in document.paragraphs), sentence


def test_no_sentence_ends_inside_an_abbreviation(document):
    for sentence in document.sentences:
        text = document.text[sentence.start:sentence.end]
        assert not re.search(r"(Fig\.|et al\.|e\.g\.|i\.e\.|vs\.)$", text), text


def test_sections_in_reading_order(document):
    labels = [s.label for s in document.sections]
    assert labels[:3] == ["ABSTRACT", "INTRODUCTION", "THE ROLE OF IL-6 IN BREAST CANCER DEVELOPMENT"]
    assert "Siltuximab (CNTO 328, Sylvant); Centocor/Johnson & Johnson (J&J)" in labels
    assert "PERSPECTIVES ON THE APPLICATION OF DIRECT IL-6/IL-6R/GP130 BLOCKERS IN BREAST CANCER" in labels
    assert labels[-4:] == ["CONCLUSIONS", "Figure 1", "Figure 2", TABLE_SECTION]
    starts = [s.start for s in document.sections]
    assert starts == sorted(starts)


@pytest.mark.parametrize("expected", [
    "termed trans-signaling, in which",          # hyphen at a line end is kept
    "An alternative to classic-signaling",
    "metastasis [1-15]",
    "Centocor/Johnson & Johnson (J&J)",           # slash at a line end joins without a space
    "Bristol-Myers Squibb",
    "targets IL-6R and serum albumin",            # "IL-\n6R"
    "(NCT01287897). PF-04236921 has not been used",  # cut by a blank line mid-word
    "in the MDA-MB-231 breast cancer cell line",  # paragraph cut by a column break
    "active RA compared to placebo [73]",         # paragraph interrupted by the Figure 2 legend
    "A clinical study (NCT01559103) to assess the safety",  # paragraph interrupted by Table 1
    "associated with poor prognosis, advanced disease",
])
def test_line_breaks_repaired(document, expected):
    assert expected in document.text


def test_page_break_debris_removed(document):
    assert "\n " not in document.text
    assert "  " not in document.text
    assert not document.text.startswith(" ")


def test_body_holds_no_table_fragments(body_text):
    for debris in ("N/A", "Name; Developer", "targeting agents\n", "\n- ", "Super-antagonist of IL-6; rationally",
                   "Information from http", "Ablation of acute phase", "(quinoxalinhydrazide"):
        assert debris not in body_text, debris


def test_figure_legends_are_their_own_sections(document, body_text):
    legend = next(s for s in document.sections if s.label == "Figure 2")
    assert document.text[legend.start:legend.end].startswith("Figure 2: Potential targets")
    assert "Figure 1: Action of IL-6" not in body_text.split("Figure 1: Action of IL-6")[0][-5:]


def test_source_map_copies_raw_text(document):
    raw = REVIEW.read_text(encoding="utf-8")
    for segment in document.source_map:
        assert document.text[segment.norm_start:segment.norm_start + segment.length] == \
            raw[segment.raw_start:segment.raw_start + segment.length]
    start = document.text.index("Siltuximab (CNTO 328) is a chimeric")
    raw_start, raw_end = to_raw_span(document.source_map, start, start + len("Siltuximab (CNTO 328) is a chimeric anti–IL-6"))
    assert raw[raw_start:raw_end] == "Siltuximab (CNTO 328) is a chimeric anti–IL-6"


def test_table_has_24_rows_in_four_groups(rows):
    assert len(rows) == 24
    assert Counter(r.group for r in rows) == {"IL-6": 9, "IL-6R": 7, "gp130": 7, "IL-6/sIL-6R complex": 1}
    names = [r.cell("name").text.split(" (")[0].split(";")[0] for r in rows]
    assert names == ["Siltuximab", "Sirukumab", "Olokizumab", "MAb 1339", "Clazakizumab", "PF-04236921",
                     "MEDI 5117", "C326", "6a", "Tocilizumab", "Sarilumab", "ALX-0061", "NRI", "SANT-7", "ERBF",
                     "ERBA", "B-R3", "B-P4", "MDL-A", "SC144", "Raloxifene", "Bazedoxifene", "LMT-28", "sgp130Fc"]


def test_table_cells_are_spans_of_the_document(document, rows):
    for row in rows:
        assert [c.column for c in row.cells] == ["name", "structure", "preclinical", "clinical", "mechanism"]
        for cell in row.cells:
            assert document.text[cell.start:cell.end] == cell.text


def _cells(rows, name):
    row = next(r for r in rows if r.cell("name").text.startswith(name))
    return {c.column: c.text for c in row.cells}, row.group


def test_row_siltuximab(rows):
    cells, group = _cells(rows, "Siltuximab")
    assert group == "IL-6"
    assert cells["name"] == "Siltuximab (CNTO 328, Sylvant); Centocor/J&J"
    assert cells["structure"] == "Chimeric anti–IL-6 mAb"
    assert cells["preclinical"].count("\n- ") == 2 and "Enhancement of melphalan cytotoxicity" in cells["preclinical"]
    assert cells["clinical"].startswith("- Multiple myeloma (phase II) [56, 99]")
    assert cells["clinical"].endswith("- Ovarian cancer (phase II) [5]")
    assert "(Mcl-1) [57]" in cells["mechanism"] and cells["mechanism"].count("- ") == 3


def test_row_sharing_one_line_between_cells(rows):
    cells, _ = _cells(rows, "PF-04236921")
    assert cells == {"name": "PF-04236921; Pfizer", "structure": "Humanized anti–IL-6 mAb", "preclinical": "N/A",
                     "clinical": "N/A", "mechanism": "- Binding to human IL-6"}
    cells, _ = _cells(rows, "Sirukumab")
    assert cells["name"] == "Sirukumab (CNTO 136); J&J/GSK" and cells["structure"] == "Human anti–IL-6 mAb"
    assert cells["preclinical"] == "N/A" and cells["clinical"].startswith("- Pharmacokinetic, pharmacodynamics")


def test_bullet_cut_by_a_blank_line(rows):
    cells, _ = _cells(rows, "C326")
    assert cells["mechanism"] == "- Specificity and avidity against human IL-6"
    cells, _ = _cells(rows, "MDL-A")
    assert cells["structure"] == "Anti-gp130 natural compound"


def test_rows_after_the_page_break(rows):
    cells, group = _cells(rows, "SANT-7")
    assert group == "IL-6R"
    assert cells["structure"] == "Super-antagonist of IL-6; rationally designed mutant of IL-6"
    assert cells["mechanism"].startswith("- Inhibition of wild type IL-6 by preoccupancy of IL-6R [81]")
    cells, group = _cells(rows, "sgp130Fc")
    assert group == "IL-6/sIL-6R complex"
    assert "- Significant reduction of the colitis-associated premalignant cancer in mice [72]" in cells["preclinical"]
    assert cells["clinical"] == "N/A"
    cells, group = _cells(rows, "Raloxifene")
    assert group == "gp130"
    assert cells["clinical"] == "- Breast cancer prevention (phase III/II) (NCT00003906*) (NCT00190593*) (NCT00019500*)"


def test_missing_review_is_a_named_error(tmp_path):
    from pipeline.errors import InputError

    with pytest.raises(InputError, match="nope.txt: review file not found"):
        ingest_review(tmp_path / "nope.txt")


def test_non_utf8_review_is_a_named_error(tmp_path):
    from pipeline.errors import InputError

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ABSTRACT\n\xff\xfe text")
    with pytest.raises(InputError, match="bad.txt: not UTF-8"):
        ingest_review(bad)


def test_oversized_review_is_refused_before_reading(tmp_path):
    from pipeline.errors import InputError

    big = tmp_path / "big.txt"
    big.write_text("ABSTRACT\n" + "IL-6 binds IL-6R. " * 600_000, encoding="utf-8")  # ~10 MB
    with pytest.raises(InputError, match=r"big.txt: document is \d+ bytes, over the limit of 5000000"):
        ingest_review(big)


def test_pubtator_and_bioc_files_become_input_documents(tmp_path):
    from pipeline.context import RunContext
    from pipeline.ingest.corpus import read_corpus

    pubtator = tmp_path / "two.pubtator"
    pubtator.write_text(
        "123|t|Tocilizumab blocks IL-6R.\n123|a|It inhibited MCF-7 growth. It is approved.\n"
        "123\t0\t11\tTocilizumab\tChemical\tD000001\n\n"
        "99|t|Bad offsets.\n99|a|Text.\n99\t50\t60\tnothing\tChemical\t-\n\n", encoding="utf-8")
    good = tmp_path / "good.pubtator"
    good.write_text("7|t|Siltuximab binds IL-6.\n7|a|Abstract here.\n\n", encoding="utf-8")
    context = RunContext(out_dir=tmp_path, pubmed_cache=tmp_path / "no-cache", pubtator_files=(pubtator, good))
    result = read_corpus(context)
    # the bad document 99 is reported and left out; its neighbour 123 in the same file is kept
    assert [d.doc_id for d in result.documents] == ["review", "pmid:7", "pmid:123"]
    assert len(result.errors) == 1 and "two.pubtator:7" in str(result.errors[0])
    document = result.documents[1]
    assert [(s.label, document.text[s.start:s.end]) for s in document.sections] == [
        ("TITLE", "Siltuximab binds IL-6."), ("ABSTRACT", "Abstract here.")]
    assert [document.text[s.start:s.end] for s in document.sentences] == ["Siltuximab binds IL-6.", "Abstract here."]
