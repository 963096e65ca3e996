"""Builders for hand-made Document / Mention / TableRow fixtures used by the relation tests."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from pipeline.records import Document, Mention, Span, TableCell, TableRow

# surface form -> (label, norm_id, norm_name); the tests' own tiny lexicon
LEXICON: dict[str, tuple[str, str, str]] = {
    "siltuximab": ("DRUG", "agent:siltuximab", "Siltuximab"),
    "CNTO 328": ("DRUG", "agent:siltuximab", "Siltuximab"),
    "tocilizumab": ("DRUG", "agent:tocilizumab", "Tocilizumab"),
    "sirukumab": ("DRUG", "agent:sirukumab", "Sirukumab"),
    "sarilumab": ("DRUG", "agent:sarilumab", "Sarilumab"),
    "raloxifene": ("DRUG", "agent:raloxifene", "Raloxifene"),
    "bazedoxifene": ("DRUG", "agent:bazedoxifene", "Bazedoxifene"),
    "melphalan": ("DRUG", "DB01042", "Melphalan"),
    "bortezomib": ("DRUG", "DB00188", "Bortezomib"),
    "cisplatin": ("DRUG", "DB00515", "Cisplatin"),
    "DDP": ("DRUG", "DB00515", "Cisplatin"),
    "nephrotoxicity": ("DISEASE", "MESH:D007674", "Kidney Diseases"),
    "selective estrogen receptor modulators": ("DRUG", "MESH:D050071", "Selective Estrogen Receptor Modulators"),
    "SERMs": ("DRUG", "MESH:D050071", "Selective Estrogen Receptor Modulators"),
    "JAK inhibitors": ("DRUG", "class:jak_inhibitor", "JAK inhibitors"),
    "IL-6R": ("TARGET", "IL6R", "IL6R"),
    "IL-6": ("TARGET", "IL6", "IL6"),
    "STAT3": ("TARGET", "STAT3", "STAT3"),
    "gp130": ("TARGET", "IL6ST", "IL6ST"),
    "MCF-7": ("CELL_LINE", "CVCL_0031", "MCF-7"),
    "DU145": ("CELL_LINE", "CVCL_0105", "DU145"),
    "Calu3": ("CELL_LINE", "CVCL_0609", "Calu-3"),
    "A549": ("CELL_LINE", "CVCL_0023", "A549"),
    "osteoporosis": ("DISEASE", "MESH:D010024", "Osteoporosis"),
    "ovarian cancer": ("DISEASE", "MESH:D010051", "Ovarian Neoplasms"),
    "rheumatoid arthritis": ("DISEASE", "MESH:D001172", "Arthritis, Rheumatoid"),
    "multiple myeloma": ("DISEASE", "MESH:D009101", "Multiple Myeloma"),
    "breast cancer": ("DISEASE", "MESH:D001943", "Breast Neoplasms"),
    "tyrosine kinase inhibitor": ("DRUG", "class:tki", "Tyrosine kinase inhibitors"),
    "androgen receptor antagonist": ("DRUG", "MESH:D059002", "Androgen Receptor Antagonists"),
    "ZD1839": ("DRUG", "DB00317", "Gefitinib"),
    "flutamide": ("DRUG", "DB00499", "Flutamide"),
    "letrozole": ("DRUG", "DB01006", "Letrozole"),
    "aromatase": ("TARGET", "CYP19A1", "CYP19A1"),
    "HER2": ("TARGET", "ERBB2", "ERBB2"),
    "selective serotonin reuptake inhibitor": ("DRUG", "MESH:D017367", "Serotonin Uptake Inhibitors"),
    "antidepressant": ("DRUG", "MESH:D000928", "Antidepressive Agents"),
    "fluoxetine": ("DRUG", "MESH:D005473", "Fluoxetine"),
    "antiestrogen": ("DRUG", "class:antiestrogen", "Antiestrogens"),
    "LY117018": ("DRUG", "UNII:9FQT7VSR3V", "LY117018"),
}

_SENTENCE = re.compile(r"[^.]+\.")


def find_mentions(doc_id: str, text: str) -> list[Mention]:
    """Longest-first, case-insensitive, non-overlapping lexicon matches (the tests' stand-in for NER)."""
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for surface in sorted(LEXICON, key=len, reverse=True):
        label, norm_id, name = LEXICON[surface]
        before = r"(?<!\w)" if label == "DISEASE" else r"(?<![\w-])"  # "anti-|breast cancer"
        for m in re.finditer(before + re.escape(surface) + r"(?![\w])", text, re.IGNORECASE):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Mention(doc_id, m.start(), m.end(), m.group(), label, norm_id, name, "lexicon"))
    return sorted(out, key=lambda m: m.start)


def make_document(text: str, doc_id: str = "doc", section: str = "RESULTS") -> Document:
    sentences = tuple(Span(m.start() + (len(m.group()) - len(m.group().lstrip())), m.end())
                      for m in _SENTENCE.finditer(text))
    return Document(doc_id=doc_id, source="test", title="", text=text,
                    sections=(Span(0, len(text), section),), sentences=sentences)


@pytest.fixture()
def extract() -> Callable[..., list]:
    """``extract(text)`` -> relations of a one-document corpus whose mentions come from LEXICON."""
    from pipeline.relations.extract import extract_relations

    def run(text: str, doc_id: str = "doc"):
        document = make_document(text, doc_id)
        return extract_relations([document], find_mentions(doc_id, text))

    return run


def make_table_document(name: str, cells: dict[str, str]) -> tuple[Document, TableRow]:
    """A document holding one Table 1 row laid out cell after cell, and that row."""
    text = "TABLE 1\n"
    table_cells = []
    for column, cell_text in (("name", name), *cells.items()):
        start = len(text)
        text += cell_text + "\n"
        table_cells.append(TableCell(column, cell_text, start, start + len(cell_text)))
    document = Document(doc_id="review", source="test", title="", text=text,
                        sections=(Span(0, len(text), "TABLE 1"),), sentences=(Span(0, len(text)),))
    return document, TableRow("review", 0, "IL-6", tuple(table_cells))


@pytest.fixture()
def mentions_for() -> Callable[[str, str], list[Mention]]:
    """``mentions_for(doc_id, text)`` -> the LEXICON mentions of ``text``."""
    return find_mentions


@pytest.fixture()
def table_document() -> Callable[[str, dict[str, str]], tuple[Document, TableRow]]:
    """``table_document(name, {column: text})`` -> a one-row Table 1 document and its row."""
    return make_table_document


@pytest.fixture()
def document_for() -> Callable[..., Document]:
    """``document_for(text, doc_id)`` -> a Document split into sentences at full stops."""
    return make_document


@pytest.fixture
def extract_abstract() -> Callable[..., list]:
    """``extract_abstract(text)`` -> relations of a one-abstract corpus (``pmid`` set: not the review)."""
    import dataclasses

    from pipeline.relations.extract import extract_relations

    def run(text: str, doc_id: str = "pmid:1"):
        document = dataclasses.replace(make_document(text, doc_id), pmid=doc_id.removeprefix("pmid:"))
        return extract_relations([document], find_mentions(doc_id, text))

    return run
