"""Rank candidate effect trigger words mined from ChemProt train and BioRED train (issue 18).

For every chemical–gene (ChemProt) or chemical–gene/disease (BioRED) pair whose two mentions share a
sentence, the words between the two mentions and ``--window`` words on either side are counted once
per abstract and class (words inside entity mentions skipped), under the pair's class:

* ``increases``: ChemProt CPR:3 (up-regulator/activator) and CPR:5 (agonist); BioRED Positive_Correlation;
* ``decreases``: ChemProt CPR:4 (down-regulator/inhibitor) and CPR:6 (antagonist); BioRED Negative_Correlation;
* ``none``: a co-occurring pair with no relation (ChemProt: no gold group at all; BioRED: no relation line).

Pairs of other related classes (CPR:1/2/7/8/9/10, BioRED Association/Bind/...) are left out: they are
neither polarity nor "no relation". A word's precision for a polarity is its count in that class over
its count in all three; words seen in fewer than ``--min-count`` abstracts of the polarity are dropped. The table
lists the words no row of ``pipeline/data/relations/effect_triggers.tsv`` covers yet (a word is covered
when a trigger matches it or one of its hyphen parts). Test splits are never read; abstracts of the
on-topic relation dev parts (all six, PMIDs only, from ``scripts/ontopic_dev_pubtator.py``) are left
out so that the dev check stays independent of the mining.

Usage::

    python scripts/mine_effect_triggers.py [--min-count 8] [--min-precision 0.6] [--top 40]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.biored_relations import CHEMICAL, OBJECT_TYPES, load_biored, split_path  # noqa: E402
from pipeline.evaluation.chemprot import load_split, training_labels  # noqa: E402
from pipeline.relations.lexicon import find_triggers, tokenize, word_parts  # noqa: E402
from pipeline.text import split_sentences  # noqa: E402

CLASSES = ("increases", "decreases", "none")
CHEMPROT_CLASS = {"CPR:3": "increases", "CPR:5": "increases", "CPR:4": "decreases", "CPR:6": "decreases",
                  "NONE": "none"}
BIORED_CLASS = {"Positive_Correlation": "increases", "Negative_Correlation": "decreases"}
#: the dev parts' sizes as annotations/relations_dev/README.md gives them (part -> count)
DEV_PARTS = {1: 15, 2: 12, 3: 12, 4: 10, 5: 10, 6: 10}


def dev_pmids(shared: Path) -> set[str]:
    """PMIDs of the on-topic dev parts, read from the PubTator files the dev script writes."""
    pmids: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        for part, count in DEV_PARTS.items():
            out = Path(folder) / f"part{part}.pubtator"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "ontopic_dev_pubtator.py"), "--shared",
                            str(shared), "--part", str(part), "--count", str(count), "--out", str(out)],
                           check=True, capture_output=True)
            pmids |= {line.split("|", 1)[0] for line in out.read_text(encoding="utf-8").splitlines()
                      if "|t|" in line[:20]}
    return pmids


def window_words(text: str, first: tuple[int, int], second: tuple[int, int], window: int,
                 mentions: list[tuple[int, int]]) -> set[str]:
    """Lower-cased alphabetic words between two spans of ``text`` plus ``window`` words either side;
    words inside an entity mention (``mentions``) are names, not cues, and are skipped."""
    (a_start, a_end), (b_start, b_end) = sorted([first, second])
    tokens = [t for t in tokenize(text) if any(c.isalpha() for c in t.text)
              and not any(start < t.end and t.start < end for start, end in mentions)]
    before = [t for t in tokens if t.end <= a_start][-window:] if window else []
    between = [t for t in tokens if t.start >= a_end and t.end <= b_start]
    after = [t for t in tokens if t.start >= b_end][:window]
    return {t.lower for t in before + between + after}


def chemprot_pairs(data: Path, skip: set[str], window: int) -> list[tuple[str, str, set[str]]]:
    split = load_split(data, "train")
    labels = training_labels(data, split)
    pairs = []
    for candidate, label in zip(split.candidates, labels):
        if candidate.pmid in skip or label not in CHEMPROT_CLASS:
            continue
        offset = candidate.sentence_start
        spans = [(e.start - offset, e.end - offset) for e in (candidate.chemical, candidate.gene, *candidate.others)]
        words = window_words(candidate.sentence, spans[0], spans[1], window, spans)
        pairs.append((candidate.pmid, CHEMPROT_CLASS[label], words))
    return pairs


def biored_pairs(data: Path, skip: set[str], window: int) -> list[tuple[str, str, set[str]]]:
    split = load_biored(split_path(data, "train"))
    pairs = []
    for pmid, text in split.texts.items():
        if pmid in skip:
            continue
        mentions = split.mentions.get(pmid, ())
        for start, end in split_sentences(text):
            inside = [m for m in mentions if m.start >= start and m.end <= end]
            names = [(m.start - start, m.end - start) for m in inside]
            seen: set[tuple[str, str]] = set()
            for chem in (m for m in inside if m.type == CHEMICAL):
                for other in (m for m in inside if m.type in OBJECT_TYPES):
                    for chem_id in chem.ids:
                        for other_id in other.ids:
                            kind = split.pairs.get((pmid, chem_id, other_id), "none")
                            if (chem_id, other_id) in seen or (kind != "none" and kind not in BIORED_CLASS):
                                continue
                            seen.add((chem_id, other_id))
                            words = window_words(text[start:end], (chem.start - start, chem.end - start),
                                                 (other.start - start, other.end - start), window, names)
                            pairs.append((pmid, BIORED_CLASS.get(kind, "none"), words))
    return pairs


def covered(word: str) -> bool:
    return bool(find_triggers(word)) or any(find_triggers(part) for part in word_parts(word))


def main(args: argparse.Namespace) -> None:
    shared = args.shared.resolve()
    skip = dev_pmids(shared)
    pairs = chemprot_pairs(shared / "data/benchmarks/ChemProt", skip, args.window)
    pairs += biored_pairs(shared / "data/benchmarks/BioRED", skip, args.window)
    # a word counts once per abstract and class: one abstract repeating a phrase over many pairs
    # ("quercetin ... inhibited AChE and BChE") would otherwise outweigh words used across the corpus
    seen = {c: set() for c in CLASSES}
    for pmid, kind, words in pairs:
        seen[kind].update((pmid, word) for word in words)
    counts = {c: Counter(word for _, word in seen[c]) for c in CLASSES}
    totals = Counter(kind for _, kind, _ in pairs)
    print(f"pairs: {dict(totals)} (skipped {len(skip)} dev-part PMIDs)")
    # words and word families (the first --family letters: "inactivates", "inactivation" -> "inacti")
    # are ranked alike; a family counts an abstract once however many of its forms occur there
    families = {c: Counter(family for _, family in {(pmid, word[:args.family]) for pmid, word in seen[c]
                                                    if len(word) > args.family and not covered(word)})
                for c in CLASSES}
    for title, table in (("word", counts), ("family", families)):
        print(f"polarity\t{title}\tprecision\tincreases\tdecreases\tnone")
        for polarity in ("increases", "decreases"):
            rows = []
            for word, hits in table[polarity].items():
                if hits < args.min_count or len(word) < 3 or covered(word):
                    continue
                total = sum(table[c][word] for c in CLASSES)
                if hits / total >= args.min_precision:
                    rows.append((hits / total, hits, word))
            for precision, hits, word in sorted(rows, key=lambda r: (-r[0], -r[1], r[2]))[:args.top]:
                print(f"{polarity}\t{word}\t{precision:.2f}\t" + "\t".join(str(table[c][word]) for c in CLASSES))
    for stem in args.show:
        # a stem's family counted as one word: abstracts where any word starting with it occurs
        family = {c: len({pmid for pmid, word in seen[c] if word.startswith(stem)}) for c in CLASSES}
        total = sum(family.values()) or 1
        print(f"stem\t{stem}*\tinc {family['increases'] / total:.2f} dec {family['decreases'] / total:.2f}\t"
              + "\t".join(str(family[c]) for c in CLASSES))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--window", type=int, default=3, help="words kept on either side of the pair")
    parser.add_argument("--min-count", type=int, default=8, help="fewest abstracts of the polarity a word needs")
    parser.add_argument("--min-precision", type=float, default=0.5)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--family", type=int, default=6, help="letters that make a word family")
    parser.add_argument("--show", nargs="*", default=[], help="stems whose family counts to print as well")
    main(parser.parse_args())
