"""Score a run on a set of written abstracts (``annotations/relations_dev/written/setN``), loosely.

The sets were written and annotated by helper sessions in the blind set's style (see the README beside them).
Their gold statements name the agent and object by text, not by offsets, so a statement counts as found when the
run has a relation of the same PMID and effect whose agent text shares a word with the gold agent (or contains
it) and whose object shares at least half the words of the shorter of the two objects; each relation matches
once. An anaphor's relation ("Both cytokines activated ...") names its agent by the anaphor: its agent also
matches by the text of any mention of the abstract with the relation's agent id. Precision counts every
relation of the set's PMIDs.

    evidence run --pubtator annotations/relations_dev/written/set4/abstracts.pubtator --out outputs/w4
    python scripts/score_written.py annotations/relations_dev/written/set4 outputs/w4 [--details]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from pipeline.stages import stage_path

_WORD = re.compile(r"\w+")
_FILLER = {"the", "of", "and"}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _agent_matches(gold: str, found: str) -> bool:
    a, b = gold.lower(), found.lower()
    return a in b or b in a or bool((_words(a) & _words(b)) - _FILLER)


def _object_matches(gold: str, found: str) -> bool:
    a, b = _words(gold), _words(found)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", type=Path, help="a folder with abstracts.pubtator and gold.tsv")
    parser.add_argument("run", type=Path, help="the --out folder of `evidence run --pubtator` on its abstracts")
    parser.add_argument("--details", action="store_true", help="list the misses and the spurious relations")
    args = parser.parse_args(argv)
    with open(args.set / "gold.tsv", encoding="utf-8", newline="") as handle:
        gold = list(csv.DictReader(handle, delimiter="\t"))
    pmids = {"pmid:" + g["pmid"] for g in gold}
    with open(stage_path(args.run, "relations"), encoding="utf-8") as handle:
        relations = [r for r in map(json.loads, handle) if r["doc_id"] in pmids]
    names: dict[tuple[str, str], set[str]] = {}
    with open(stage_path(args.run, "mentions"), encoding="utf-8") as handle:
        for m in map(json.loads, handle):
            if m["doc_id"] in pmids and m.get("norm_id"):
                names.setdefault((m["doc_id"], m["norm_id"]), set()).add(m["text"])

    def agent_matches(gold_agent: str, r: dict) -> bool:
        return any(_agent_matches(gold_agent, text)
                   for text in (r["agent_text"], *names.get((r["doc_id"], r.get("agent_id") or ""), ())))

    used: set[int] = set()
    missed = []
    for g in gold:
        hit = next((k for k, r in enumerate(relations) if k not in used and r["doc_id"] == "pmid:" + g["pmid"]
                    and r["effect"] == g["effect"] and agent_matches(g["agent"], r)
                    and _object_matches(g["object"], r["object_text"])), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    found = len(used)
    print(f"P {found / max(1, len(relations)):.3f}  R {found / max(1, len(gold)):.3f}  "
          f"right {found}  spurious {len(relations) - found}  missed {len(missed)}  (gold {len(gold)})")
    if args.details:
        for g in missed:
            print("missed:", g["pmid"], g["sentence_no"], g["agent"], g["effect"], repr(g["object"]))
        for k, r in enumerate(relations):
            if k not in used:
                print("spurious:", r["doc_id"], r["agent_text"], r["effect"], repr(r["object_text"]), r["construction"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
