"""Columns, types and controlled vocabularies of the gold TSV files (see ``annotations/SCHEMA.md``).

Each column has a parser that turns the cell text into its typed value or
raises :class:`ValueError` with a message quoting the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..context import Project

AGENTS_FILE = "agents.tsv"
FINDINGS_FILE = "findings.tsv"
MULTI_SEPARATOR = "|"

#: The IL-6 project's target classes; another project names its own (``[agents] classes`` of its project file).
TARGET_CLASSES = Project().target_classes
MODALITIES = ("monoclonal antibody", "nanobody", "avimer", "fusion protein", "scFv-Fc",
              "IL-6 mutant protein", "small molecule", "natural compound")
KINDS = ("preclinical", "clinical", "mechanism", "approval", "status")
EFFECTS = ("decreases", "increases", "binds", "approved_for", "in_trial_for", "discontinued_for",
           "no_effect", "studied_in")
MODEL_SYSTEMS = ("in_vitro", "in_vivo", "xenograft", "clinical", "docking", "unknown")
PHASES = ("I", "I/II", "II", "III", "III/II")
SECTIONS = ("body", "table1")
TABLE_COLUMNS = ("name", "structure", "preclinical", "clinical", "mechanism")
TABLE1_ROWS = 24

_AGENT_ID = re.compile(r"agent:[a-z0-9]+(?:-[a-z0-9]+)*")
_FINDING_ID = re.compile(r"F[0-9]{3,}")
_DRUGBANK_ID = re.compile(r"DB[0-9]{5}")
_TRIAL_ID = re.compile(r"NCT[0-9]{8}")


def agent_id_for(canonical_name: str) -> str:
    """The project agent id: ``agent:`` + the name lower-cased, non-alphanumeric runs -> ``-``."""
    return "agent:" + re.sub(r"[^a-z0-9]+", "-", canonical_name.lower()).strip("-")


def _text(value: str) -> str:
    return value


def _required_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    if value != value.strip():
        raise ValueError(f"{value!r} has leading or trailing whitespace")
    return value


def _optional_text(value: str) -> str | None:
    return _required_text(value) if value else None


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not regex.fullmatch(value):
            raise ValueError(f"{value!r} is not a valid {what}")
        return value
    return parse


def _optional(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda value: parse(value) if value else None


def _choice(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return value
    return parse


def _multi(parse: Callable[[str], Any]) -> Callable[[str], tuple[Any, ...]]:
    def parse_all(value: str) -> tuple[Any, ...]:
        if not value:
            return ()
        parts = value.split(MULTI_SEPARATOR)
        if any(not part.strip() for part in parts):
            raise ValueError(f"{value!r} has an empty item between {MULTI_SEPARATOR!r} separators")
        return tuple(parse(part) for part in parts)
    return parse_all


def _integer(value: str) -> int:
    if not re.fullmatch(r"[0-9]+", value):
        raise ValueError(f"{value!r} is not a non-negative integer")
    return int(value)


def _table_row_number(value: str) -> int:
    number = _integer(value)
    if not 1 <= number <= TABLE1_ROWS:
        raise ValueError(f"{value!r} is not a Table 1 row number (1-{TABLE1_ROWS})")
    return number


def _boolean(value: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError(f"{value!r} is not true or false")
    return value == "true"


@dataclass(frozen=True)
class Column:
    """One TSV column: its header name and the parser of its cells."""

    name: str
    parse: Callable[[str], Any]


def agent_columns(target_classes: tuple[str, ...] = TARGET_CLASSES) -> tuple[Column, ...]:
    """The columns of ``agents.tsv`` for a project whose agents act on ``target_classes``."""
    return (
        Column("agent_id", _pattern(_AGENT_ID, "agent id (agent:lower-case-name)")),
        Column("canonical_name", _required_text),
        Column("aliases", _multi(_required_text)),
        Column("developers", _multi(_required_text)),
        Column("target_class", _choice(target_classes)),
        Column("structure", _text),
        Column("modality", _choice(MODALITIES)),
        Column("drugbank_id", _optional(_pattern(_DRUGBANK_ID, "DrugBank id (DB + 5 digits)"))),
        Column("table1_group", _optional(_choice(target_classes))),
        Column("table1_row", _optional(_table_row_number)),
        Column("note", _text),
    )


AGENT_COLUMNS: tuple[Column, ...] = agent_columns()

FINDING_COLUMNS: tuple[Column, ...] = (
    Column("finding_id", _pattern(_FINDING_ID, "finding id (F + 3 or more digits)")),
    Column("agent_id", _pattern(_AGENT_ID, "agent id (agent:lower-case-name)")),
    Column("kind", _choice(KINDS)),
    Column("effect", _choice(EFFECTS)),
    Column("object", _required_text),
    Column("disease", _optional_text),
    Column("cell_line", _optional_text),
    Column("model_system", _choice(MODEL_SYSTEMS)),
    Column("phase", _optional(_choice(PHASES))),
    Column("references", _multi(_integer)),
    Column("trial_ids", _multi(_pattern(_TRIAL_ID, "ClinicalTrials.gov id (NCT + 8 digits)"))),
    Column("combination", _multi(_required_text)),
    Column("negated", _boolean),
    Column("hedged", _boolean),
    Column("section", _choice(SECTIONS)),
    Column("table_row", _optional_text),
    Column("table_column", _optional(_choice(TABLE_COLUMNS))),
    Column("evidence_start", _integer),
    Column("evidence_end", _integer),
    Column("agent_start", _integer),
    Column("agent_end", _integer),
    Column("evidence_text", _required_text),
    Column("note", _text),
)

COLUMNS_BY_FILE: dict[str, tuple[Column, ...]] = {AGENTS_FILE: AGENT_COLUMNS, FINDINGS_FILE: FINDING_COLUMNS}
