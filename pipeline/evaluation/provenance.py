"""What a learned resource was learned from, and the check that it excludes the evaluated split.

Anything built from benchmark data (the train-split dictionary in the lexicon cache, a trained
model) writes ``learned_from.json`` beside itself: the corpus splits and the document ids used.
Evaluation intersects those ids with the ids of the split it scores.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..io import write_json

logger = logging.getLogger(__name__)

PROVENANCE_FILE = "learned_from.json"


@dataclass(frozen=True)
class LearnedFrom:
    """One learned resource: where it lives, the splits and the document ids it saw."""

    resource: str
    splits: tuple[str, ...]
    doc_ids: frozenset[str]


def write_provenance(folder: Path, resource: str, splits: Iterable[str], doc_ids: Iterable[str],
                     excluded: Iterable[str] = ()) -> None:
    """Record, beside a learned resource, which documents it learned from (and which it excluded)."""
    write_json({"resource": resource, "splits": sorted(splits), "doc_ids": sorted(set(doc_ids)),
                "excluded_doc_ids": sorted(set(excluded))}, folder / PROVENANCE_FILE)


def read_provenance(folder: Path | None) -> LearnedFrom | None:
    """The provenance beside a resource, or None when the folder or file does not exist."""
    if folder is None or not (folder / PROVENANCE_FILE).exists():
        return None
    data = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
    return LearnedFrom(data["resource"], tuple(data["splits"]), frozenset(data["doc_ids"]))


def overlap_report(evaluated: Iterable[str], resources: Iterable[LearnedFrom | None]) -> tuple[str, int]:
    """A sentence per learned resource saying how many evaluated ids it learned from; and the total."""
    evaluated = set(evaluated)
    lines, total = [], 0
    used = [r for r in resources if r is not None]
    if not used:
        return "PMID overlap check: nothing learned from benchmark data is in use (lexicons and rules only).", 0
    for resource in used:
        shared = evaluated & resource.doc_ids
        total += len(shared)
        status = "OK, disjoint" if not shared else f"OVERLAP: {', '.join(sorted(shared)[:10])}"
        lines.append(f"PMID overlap check: {resource.resource} learned from {', '.join(resource.splits)} "
                     f"({len(resource.doc_ids)} documents); {len(shared)} of the {len(evaluated)} evaluated "
                     f"documents among them - {status}")
    return "\n".join(lines), total
