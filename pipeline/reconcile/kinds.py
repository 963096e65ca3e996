"""Which gold ``kind`` (preclinical / clinical / mechanism / approval / status) an extracted relation is.

The gold table labels its findings by kind; relations carry no kind, so per-kind
precision needs one inferred from the effect, the model system and the Table 1
column. The rules are the data table ``data/kind_rules.tsv`` (first match wins).
"""

from __future__ import annotations

import csv
import logging
from functools import lru_cache
from pathlib import Path

from ..context import DATA_DIR
from ..records import Relation

logger = logging.getLogger(__name__)

KIND_RULES = DATA_DIR / "reconcile" / "kind_rules.tsv"


@lru_cache(maxsize=None)
def kind_rules(path: Path = KIND_RULES) -> tuple[tuple[str, str, str, str], ...]:
    """The ordered (effect, model_system, table_column, kind) rules; ``*`` is a wildcard."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    rules = []
    for row_number, row in enumerate(rows[1:], start=2):
        if len(row) != 4:
            raise ValueError(f"{path}: data row {row_number} has {len(row)} fields, expected 4")
        rules.append((row[0], row[1], row[2], row[3]))
    return tuple(rules)


def relation_kind(relation: Relation) -> str:
    """The first rule of :func:`kind_rules` that fits the relation gives its kind."""
    column = relation.table_column or ""
    values = (relation.effect, relation.model_system, column)
    for *pattern, kind in kind_rules():
        if all(p == "*" or p == v for p, v in zip(pattern, values)):
            return kind
    return "mechanism"
