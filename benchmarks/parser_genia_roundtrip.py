"""How faithful GENIA's training trees are after re-shaping into CRAFT's scheme: round-trip head agreement.

A measurement script, not a test: it prints what it measures (punctuation left out, as in UAS).
GENIA future_use (the training trees): ``to_ud1(from_ud1(tree))`` against GENIA's UD v1 tree.
CRAFT dev: ``from_ud1(to_ud1(tree))`` against CRAFT's own tree (what the inverse cannot restore,
mostly CRAFT's nested noun phrases, which UD v1 keeps flat). And the head rules that turn GENIA's
XML constituency trees (the only form of GENIA train here) into UD v1 trees, against the Stanford
converter's trees of future_use (where the rules were written) and dev (a check).

    nice -n 10 .venv/bin/python benchmarks/parser_genia_roundtrip.py [--treebanks ../shared/data/treebanks]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.evaluation.parser_data import treebank_sentences
from pipeline.evaluation.parser_genia import round_trip_agreement, xml_head_agreement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebanks", type=Path, default=Path("../shared/data/treebanks"))
    args = parser.parse_args()
    for name, split, start in (("genia", "future_use", "ud1"), ("genia", "dev", "ud1"), ("craft", "dev", "craft")):
        agree, total = round_trip_agreement(treebank_sentences(name, split, args.treebanks), start=start)
        print(f"{name} {split} (from {start}): {agree}/{total} heads back = {agree / total:.4f}")
    for split in ("future_use", "dev"):
        agree, total, compared = xml_head_agreement(args.treebanks, split)
        print(f"genia {split}: XML head rules vs Stanford UD v1, {compared} sentences: {agree}/{total} = {agree / total:.4f}")


if __name__ == "__main__":
    main()
