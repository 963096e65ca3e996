"""The fixed benchmark corpus (BioRED, BC5CDR and ChemProt test texts plus the PubMed snapshot), read from ``../shared``."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from pipeline.corpora import load_corpus
from pipeline.pubmed import parse_pubmed_xml
from pipeline.records import Document, Span

logger = logging.getLogger(__name__)


def with_title_sections(document: Document, source: str, doc_id: str) -> Document:
    title_end = len(document.title) if document.title and document.text.startswith(document.title) else 0
    sections = (Span(0, title_end, "TITLE"),) if title_end else ()
    if len(document.text) > title_end + 1:
        sections += (Span(title_end + 1 if title_end else 0, len(document.text), "ABSTRACT"),)
    return replace(document, doc_id=doc_id, source=source, sections=sections, paragraphs=(), sentences=())


def chemprot_documents(path: Path) -> list[Document]:
    """Title + abstract of each line of a ChemProt ``*_abstracts*.tsv`` (PMID, title, abstract)."""
    documents = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            title, abstract = fields[1].strip(), fields[2].strip()
            document = Document(doc_id=fields[0], source="chemprot", title=title, text=f"{title} {abstract}",
                                pmid=fields[0])
            documents.append(with_title_sections(document, "chemprot", f"chemprot:{fields[0]}"))
    return documents


def load_benchmark_corpus(shared: Path) -> dict[str, list[Document]]:
    """The fixed corpus, unsegmented, by part; doc ids are prefixed by corpus so overlaps stay distinct."""
    benchmarks = shared / "data" / "benchmarks"
    parts: dict[str, list[Document]] = {}
    for corpus, folder in (("biored", "BioRED"), ("bc5cdr", "BC5CDR")):
        parts[corpus] = [with_title_sections(a.document, corpus, f"{corpus}:{a.document.doc_id}")
                         for a in load_corpus(corpus, benchmarks / folder, "test")]
    parts["chemprot"] = chemprot_documents(
        benchmarks / "ChemProt" / "chemprot_test_gs" / "chemprot_test_abstracts_gs.tsv")
    snapshot = shared / "data" / "pubmed" / "snapshot" / "pubmed_snapshot.xml"
    documents, errors = parse_pubmed_xml(snapshot.read_bytes(), str(snapshot))
    for error in errors:
        logger.warning("snapshot: %s", error)
    parts["pubmed_snapshot"] = [replace(d, paragraphs=(), sentences=()) for d in documents]
    return parts


def distinct_extra_documents(shared: Path, seen: list[Document]) -> list[Document]:
    """Train and dev texts of BioRED, BC5CDR and ChemProt not in ``seen``: new words, unlike a repeated corpus."""
    benchmarks = shared / "data" / "benchmarks"
    texts = {d.text for d in seen}
    extra: list[Document] = []
    for corpus, folder in (("biored", "BioRED"), ("bc5cdr", "BC5CDR")):
        for split in ("train", "dev"):
            extra += [with_title_sections(a.document, corpus, f"{corpus}-{split}:{a.document.doc_id}")
                      for a in load_corpus(corpus, benchmarks / folder, split)]
    for split, folder, name in (("train", "chemprot_training", "chemprot_training_abstracts.tsv"),
                                ("dev", "chemprot_development", "chemprot_development_abstracts.tsv")):
        extra += [replace(d, doc_id=f"chemprot-{split}:{d.pmid}")
                  for d in chemprot_documents(benchmarks / "ChemProt" / folder / name)]
    unique = []
    for document in extra:
        if document.text not in texts:
            texts.add(document.text)
            unique.append(document)
    return unique
