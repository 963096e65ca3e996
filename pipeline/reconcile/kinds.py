"""Which gold ``kind`` (preclinical / clinical / mechanism / approval / status) an extracted relation is.

The gold table labels its findings by kind; relations carry no kind, so per-kind
precision needs one inferred from the effect, the model system and the Table 1
column. The rules are the data table ``data/kind_rules.tsv`` (first match wins).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ..context import DATA_DIR
from ..records import Relation
from ..tables import read_tsv

logger = logging.getLogger(__name__)

KIND_RULES = DATA_DIR / "reconcile" / "kind_rules.tsv"


@lru_cache(maxsize=None)
def kind_rules(path: Path = KIND_RULES) -> tuple[tuple[str, str, str, str], ...]:
    """The ordered (effect, model_system, table_column, kind) rules; ``*`` is a wildcard."""
    return tuple((a, b, c, d) for a, b, c, d in read_tsv(path, columns=4, header=True))


def relation_kind(relation: Relation) -> str:
    """The first rule of :func:`kind_rules` that fits the relation gives its kind."""
    column = relation.table_column or ""
    values = (relation.effect, relation.model_system, column)
    for *pattern, kind in kind_rules():
        if all(p == "*" or p == v for p, v in zip(pattern, values)):
            return kind
    return "mechanism"
