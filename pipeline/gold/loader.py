"""Read ``agents.tsv`` and ``findings.tsv`` into the typed :class:`GoldTable`.

:func:`load_gold` runs the table checks of ``evidence gold validate`` (rows parsed by
:func:`pipeline.gold.parse.parse_table`) and raises on the first issue.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import InputError
from .records import GoldAgent, GoldFinding, GoldIssue, GoldTable
from .validator import table_issues

logger = logging.getLogger(__name__)


def _raise_first(issues: list[GoldIssue]) -> None:
    if issues:
        first = issues[0]
        more = f" ({len(issues) - 1} more; see `evidence gold validate`)" if len(issues) > 1 else ""
        raise InputError(first.file, f"column {first.column}: {first.message}{more}", line=first.row or None)


def load_gold(directory: str | os.PathLike[str], *, target_classes: tuple[str, ...] | None = None) -> GoldTable:
    """Load the gold table from ``directory`` (``agents.tsv`` and ``findings.tsv``).

    ``target_classes``: the project's classes an agent may target (default: the IL-6 project's).

    Runs the checks of ``evidence gold validate`` that concern the table itself (types,
    vocabularies, duplicate ids and facts, unknown agents, Table 1 cells; see
    :func:`~pipeline.gold.validator.table_issues`), so reconciliation never reads a table the
    validator rejects for its content; the checks against the review text stay with
    :func:`~pipeline.gold.validate_gold`, as a run may read another text than the curated one.

    Raises
    ------
    InputError
        Naming the file, line and column of the first problem (and how many more there are).
    """
    folder = Path(directory)
    agent_rows, finding_rows, issues = table_issues(folder, target_classes=target_classes)
    _raise_first(issues)
    agents = tuple(GoldAgent(**row.values) for row in agent_rows if row.complete)
    findings = tuple(GoldFinding(**row.values) for row in finding_rows if row.complete)
    logger.info("loaded %d gold agents and %d findings from %s", len(agents), len(findings), folder)
    return GoldTable(agents=agents, findings=findings)
