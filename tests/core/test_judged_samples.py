"""The hand-judged relation samples never judge a reserved PubMed snapshot abstract."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.evaluation.relations_judged import load_judgments

JUDGED = Path(__file__).resolve().parents[2] / "annotations" / "relations_judged"


def test_no_judged_relation_comes_from_a_snapshot_abstract(shared_file):
    snapshot = shared_file("data/pubmed/snapshot/pubmed_snapshot.xml").read_text(encoding="utf-8")
    reserved = {f"pmid:{p}" for p in re.findall(r"<PMID[^>]*>(\d+)</PMID>", snapshot)}
    assert len(reserved) > 100
    files = sorted(JUDGED.glob("*.tsv"))
    assert files, f"no judged samples under {JUDGED}"
    for path in files:
        judged = {j.key[0] for j in load_judgments(path)}
        assert judged and not judged & reserved, f"{path.name} judges snapshot abstracts {sorted(judged & reserved)}"
