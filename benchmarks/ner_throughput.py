"""NER throughput in abstracts per second on the PubMed snapshot and the BioRED test texts.

A measurement script, not a test: it prints the numbers it measures. One process, one core.

    nice -n 10 .venv/bin/python benchmarks/ner_throughput.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from defusedxml import ElementTree

from pipeline.corpora import load_corpus
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document


def snapshot_documents(path: Path) -> list[Document]:
    """Title + abstract of every article in an efetch PubmedArticleSet file."""
    documents = []
    for article in ElementTree.parse(path).getroot().iter("PubmedArticle"):
        pmid = article.findtext(".//PMID") or str(len(documents))
        title = "".join(article.find(".//ArticleTitle").itertext()) if article.find(".//ArticleTitle") is not None else ""
        abstract = " ".join("".join(part.itertext()) for part in article.iter("AbstractText"))
        documents.append(Document(doc_id=pmid, source="pubmed", title=title, text=f"{title} {abstract}".strip()))
    return documents


def measure(nlp, documents: list[Document], repeat: int) -> tuple[float, int]:
    """Best-of-``repeat`` abstracts per second, and the mention count."""
    recognize_mentions(documents[:5], nlp)  # warm-up
    best = float("inf")
    count = 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = len(recognize_mentions(documents, nlp))
        best = min(best, time.perf_counter() - started)
    return len(documents) / best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sets = {
        "pubmed snapshot": snapshot_documents(args.shared / "data/pubmed/snapshot/pubmed_snapshot.xml"),
        "BioRED test": [d.document for d in load_corpus("biored", args.shared / "data/benchmarks/BioRED", "test")],
    }
    sets["both"] = sets["pubmed snapshot"] + sets["BioRED test"]
    configurations = {
        "embedded lexicon + drugs + patterns + abbreviations (default, no cache)": dict(compiled=False),
        "+ compiled cache (HGNC, cell lines, train names)": dict(compiled=True),
        "compiled cache, no abbreviation detector": dict(compiled=True, abbreviations=False),
    }
    for name, options in configurations.items():
        started = time.perf_counter()
        nlp = build_nlp(**options)
        built = time.perf_counter() - started
        print(f"{name}: pipeline built in {built:.1f} s")
        for set_name, documents in sets.items():
            rate, mentions = measure(nlp, documents, args.repeat)
            print(f"  {set_name:<16} {len(documents):>4} abstracts  {rate:8.1f} abstracts/s  ({mentions} mentions)")


if __name__ == "__main__":
    main()
