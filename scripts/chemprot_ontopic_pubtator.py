"""Write the on-topic ChemProt abstracts (train + development) as a PubTator text file.

The hand-judged sample ``annotations/relations_judged/chemprot_ontopic.tsv`` was drawn from a default
run on these abstracts: the ChemProt train and development abstracts whose title and abstract name at
least two of IL-6, interleukin-6, STAT3, gp130, JAK, breast cancer, MCF-7, tamoxifen (the blind
PubMed set's topics), minus any PMID of the reserved PubMed snapshot. Test abstracts are left out.

Usage::

    python scripts/chemprot_ontopic_pubtator.py [--shared ../shared] [--out outputs/ontopic.pubtator]
    evidence run --pubtator outputs/ontopic.pubtator --out outputs/ontopic
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TOPICS = ("IL-6", "interleukin-6", "STAT3", "gp130", "breast cancer", "MCF-7", "tamoxifen", "JAK")
SPLITS = ("chemprot_training", "chemprot_development")


def reserved_pmids(shared: Path) -> set[str] | None:
    """Every PMID under ``shared/data/pubmed`` (snapshot, abstracts, citation index), or None when the
    snapshot is missing: those abstracts are reserved for blind evaluation, so a dev or judged set built
    from a benchmark must leave them out. Only the PMID fields are read, never the texts."""
    pubmed = shared / "data" / "pubmed"
    if not (pubmed / "snapshot" / "pubmed_snapshot.xml").is_file():
        return None
    reserved: set[str] = set()
    for path in sorted(pubmed.rglob("*")):
        if path.suffix == ".xml":
            reserved |= set(re.findall(r"<PMID[^>]*>(\d+)</PMID>", path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            reserved |= set(re.findall(r'"pmid":\s*"?(\d+)', path.read_text(encoding="utf-8")))
    return reserved


def reserved_or_report(shared: Path) -> set[str] | None:
    """:func:`reserved_pmids`, saying on stderr which folder is missing when it is None."""
    reserved = reserved_pmids(shared)
    if reserved is None:
        print(f"missing {shared}/data/pubmed/snapshot: the reserved snapshot PMIDs must be excluded", file=sys.stderr)
    return reserved


def topic_count(text: str) -> int:
    """How many of the blind set's topic words the text names (case-sensitive, as written)."""
    return sum(topic in text for topic in TOPICS)


def chemprot_abstracts(benchmarks: Path) -> dict[str, tuple[str, str]]:
    """PMID -> (title, abstract) of the ChemProt training and development abstracts, in file order.

    Raises OSError naming a missing file."""
    texts: dict[str, tuple[str, str]] = {}
    for split in SPLITS:
        path = benchmarks / "ChemProt" / split / f"{split}_abstracts.tsv"
        for row in path.read_text(encoding="utf-8").splitlines():
            pmid, title, abstract = (row.split("\t") + ["", ""])[:3]
            texts[pmid] = (title, abstract)
    return texts


def write_pubtator(path: Path, pmids: list[str], texts: dict[str, tuple[str, str]]) -> None:
    """Write the ``|t|`` and ``|a|`` lines of ``pmids`` (in that order) as a PubTator file."""
    lines = []
    for pmid in pmids:
        title, abstract = texts[pmid]
        lines += [f"{pmid}|t|{title}", f"{pmid}|a|{abstract}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def dev_set_parser(doc: str, out: str) -> argparse.ArgumentParser:
    """The options every dev-set writer takes: ``--shared`` (the shared data folder) and ``--out``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--out", type=Path, default=Path(out))
    return parser


def main() -> int:
    parser = dev_set_parser(__doc__, "outputs/ontopic.pubtator")
    args = parser.parse_args()
    reserved = reserved_or_report(args.shared)
    if reserved is None:
        return 1
    try:
        texts = chemprot_abstracts(args.shared / "data" / "benchmarks")
    except OSError as error:
        print(f"cannot read a benchmark file: {error}", file=sys.stderr)
        return 1
    kept = [pmid for pmid, (title, abstract) in texts.items()
            if pmid not in reserved and topic_count(f"{title} {abstract}") >= 2]
    write_pubtator(args.out, kept, texts)
    print(f"wrote {len(kept)} abstracts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
