"""Write the on-topic relation dev abstracts (DrugProt development + BioRED train) as a PubTator file.

``annotations/relations_dev/ontopic/`` annotates every agent–effect statement of these abstracts, to
measure recall on text like the blind PubMed set. Selection, deterministic: DrugProt development and
BioRED train abstracts whose title and abstract name at least one of the blind set's topics
(``TOPIC_PATTERNS``: the ChemProt selection's topic words, case-insensitive, with their spelling
variants; two topics, as for ChemProt, leave 3 abstracts), minus any PMID under ``shared/data/pubmed``
(reserved for blind evaluation), the on-topic ChemProt abstracts (judged already), any ChemProt test
PMID and any BioRED dev/test PMID (scores are reported there). Candidates are ranked by the number of
topics named, then by the number of benchmark-annotated chemical mentions (abstracts about applied
agents, like the blind set's ~7 statements per abstract), then by PMID; the first ``--count`` are kept.

``--part 2`` selects the second, held-out part (``annotations/relations_dev/ontopic2/``): the same
ranking and exclusions, minus the first part's PMIDs (``ontopic/scope.tsv``), over a pool widened by
the ChemProt training and development abstracts that name exactly one topic (two or more are the
on-topic ChemProt abstracts, excluded above). The first pool has only 10 candidates left, most with no
annotated chemical, and the DrugProt training abstracts are absent from ``shared`` (entities and
relations only), so ChemProt is the only other chemical–protein pool.

``--part 3`` selects the third, held-out part (``annotations/relations_dev/ontopic3/``): the pool and
ranking of ``--part 2``, minus the PMIDs of both earlier parts (their ``scope.tsv``).

``--part 4`` selects the fourth, held-out part (``annotations/relations_dev/ontopic4/``): the pool and
ranking of ``--part 3``, minus the PMIDs of the three earlier parts (their ``scope.tsv``).

``--part 5`` selects the fifth, held-out part (``annotations/relations_dev/ontopic5/``): the pool and
ranking of ``--part 4``, minus the PMIDs of the four earlier parts (their ``scope.tsv``).

``--part 6`` selects the sixth, held-out part (``annotations/relations_dev/ontopic6/``): the pool and
ranking of ``--part 5``, minus the PMIDs of the five earlier parts (their ``scope.tsv``).

``--part 7`` selects the seventh, held-out part (``annotations/relations_dev/ontopic7/``): the pool and
ranking of ``--part 6``, minus the PMIDs of the six earlier parts (their ``scope.tsv``). The pool is nearly
spent: fewer candidates may be left than ``--count`` asks for, and then all of them are written.

Usage::

    python scripts/ontopic_dev_pubtator.py [--shared ../shared] [--out outputs/ontopic_dev.pubtator]
    python scripts/ontopic_dev_pubtator.py --part 2 --count 12 --out outputs/ontopic_dev2.pubtator
    python scripts/ontopic_dev_pubtator.py --part 3 --count 12 --out outputs/ontopic_dev3.pubtator
    python scripts/ontopic_dev_pubtator.py --part 4 --count 10 --out outputs/ontopic_dev4.pubtator
    python scripts/ontopic_dev_pubtator.py --part 5 --count 10 --out outputs/ontopic_dev5.pubtator
    python scripts/ontopic_dev_pubtator.py --part 6 --count 10 --out outputs/ontopic_dev6.pubtator
    python scripts/ontopic_dev_pubtator.py --part 7 --count 12 --out outputs/ontopic_dev7.pubtator
    evidence run --pubtator outputs/ontopic_dev.pubtator --out outputs/ontopic_dev
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chemprot_ontopic_pubtator import chemprot_abstracts, dev_set_parser, reserved_or_report, topic_count, write_pubtator  # noqa: E402

# The blind set's topics with their spelling variants (IL6, interleukin 6, STAT-3, JAK2, MCF7 ...).
TOPIC_PATTERNS = (r"\bIL-?6\b|\binterleukin[- ]6\b", r"\bSTAT-?3\b", r"\bJAK\d?\b|\bJanus kinase",
                  r"\bgp130\b", r"\bbreast (?:cancer|carcinoma|tumou?r)", r"\bMCF-?7\b", r"\btamoxifen")


def drugprot_abstracts(benchmarks: Path) -> dict[str, tuple[str, str]]:
    """PMID -> (title, abstract) of the DrugProt development abstracts (the training texts are absent)."""
    path = benchmarks / "DrugProt" / "development" / "drugprot_development_abstracs.tsv"
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row[0]: (row[1], row[2]) for row in rows if len(row) >= 3}


def pubtator_abstracts(path: Path) -> dict[str, tuple[str, str]]:
    """PMID -> (title, abstract) of a PubTator file's ``|t|`` and ``|a|`` lines."""
    texts: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d+)\|([ta])\|(.*)", line)
        if match:
            texts.setdefault(match[1], ["", ""])[match[2] == "a"] = match[3]
    return {pmid: (title, abstract) for pmid, (title, abstract) in texts.items()}


def topics_named(text: str) -> int:
    """How many of ``TOPIC_PATTERNS`` the text names."""
    return sum(bool(re.search(pattern, text, re.IGNORECASE)) for pattern in TOPIC_PATTERNS)


def _count_chemicals(counts: dict[str, int], path: Path, column: int, label: str) -> None:
    """Add one to ``counts[pmid]`` for each row of ``path`` whose ``column`` holds ``label``."""
    for row in path.read_text(encoding="utf-8").splitlines():
        fields = row.split("\t")
        if len(fields) > column and fields[column] == label:
            counts[fields[0]] = counts.get(fields[0], 0) + 1


def chemical_mentions(benchmarks: Path, *, chemprot: bool = False) -> dict[str, int]:
    """PMID -> number of chemical mentions annotated by DrugProt (development), BioRED (train) and,
    with ``chemprot``, ChemProt (training and development)."""
    counts: dict[str, int] = {}
    if chemprot:
        for split in ("chemprot_training", "chemprot_development"):
            _count_chemicals(counts, benchmarks / "ChemProt" / split / f"{split}_entities.tsv", 2, "CHEMICAL")
    for path in sorted((benchmarks / "DrugProt" / "development").glob("drugprot_development_entities*.tsv")):
        _count_chemicals(counts, path, 2, "CHEMICAL")
    _count_chemicals(counts, benchmarks / "BioRED" / "Train.PubTator", 4, "ChemicalEntity")
    return counts


def chemprot_ontopic_pmids(benchmarks: Path) -> set[str]:
    """The ChemProt train/dev abstracts ``chemprot_ontopic_pubtator.py`` selects (two topics or more)."""
    return {pmid for pmid, (title, abstract) in chemprot_abstracts(benchmarks).items()
            if topic_count(f"{title} {abstract}") >= 2}


def earlier_part_pmids(project: Path, part: int) -> set[str]:
    """The PMIDs of the on-topic parts before ``part`` (``annotations/relations_dev/ontopic/``, ``ontopic2/``
    ..., from their ``scope.tsv``), so that each new part is held out from the ones already annotated."""
    pmids: set[str] = set()
    for earlier in range(1, part):
        folder = "ontopic" if earlier == 1 else f"ontopic{earlier}"
        rows = (project / "annotations" / "relations_dev" / folder / "scope.tsv").read_text(encoding="utf-8")
        pmids |= {line.split("\t", 1)[0].removeprefix("pmid:") for line in rows.splitlines()[1:] if line}
    return pmids


def excluded_benchmark_pmids(benchmarks: Path) -> set[str]:
    """The on-topic ChemProt PMIDs, every ChemProt test PMID and every BioRED dev/test PMID."""
    pmids = chemprot_ontopic_pmids(benchmarks)
    for path in sorted((benchmarks / "ChemProt" / "chemprot_test_gs").glob("*abstracts*.tsv")):
        pmids |= {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line}
    for name in ("Dev.PubTator", "Test.PubTator"):
        pmids |= set(pubtator_abstracts(benchmarks / "BioRED" / name))
    return pmids


def main() -> int:
    parser = dev_set_parser(__doc__, "outputs/ontopic_dev.pubtator")
    parser.add_argument("--count", type=int, default=15)
    parser.add_argument("--list", action="store_true", help="print the ranked candidates (PMID, topics)")
    parser.add_argument("--part", type=int, choices=(1, 2, 3, 4, 5, 6, 7), default=1,
                        help="2 to 7: the held-out later parts (without the earlier parts' PMIDs, pool widened by ChemProt)")
    args = parser.parse_args()
    reserved = reserved_or_report(args.shared)
    if reserved is None:
        return 1
    benchmarks = args.shared / "data" / "benchmarks"
    try:
        texts = {**pubtator_abstracts(benchmarks / "BioRED" / "Train.PubTator"), **drugprot_abstracts(benchmarks)}
        excluded = reserved | excluded_benchmark_pmids(benchmarks)
        chemicals = chemical_mentions(benchmarks, chemprot=args.part >= 2)
        if args.part >= 2:
            texts = {**chemprot_abstracts(benchmarks), **texts}
            excluded |= earlier_part_pmids(Path(__file__).resolve().parents[1], args.part)
    except OSError as error:
        print(f"cannot read a benchmark file: {error}", file=sys.stderr)
        return 1
    ranked = sorted((-topics_named(f"{title} {abstract}"), -chemicals.get(pmid, 0), pmid)
                    for pmid, (title, abstract) in texts.items() if pmid not in excluded)
    ranked = [(pmid, -minus_topics, -minus_chemicals) for minus_topics, minus_chemicals, pmid in ranked
              if minus_topics < 0]
    if args.list:
        for pmid, topics, count in ranked:
            print(pmid, topics, count, texts[pmid][0][:100])
    chosen = ranked[:args.count]
    write_pubtator(args.out, [pmid for pmid, _, _ in chosen], texts)
    print(f"wrote {len(chosen)} of {len(ranked)} on-topic abstracts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
