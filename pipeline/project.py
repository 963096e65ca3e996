"""Project files: what makes a run about one review, so another review needs no code change.

A project file (``evidence.toml``; the IL-6 project's is at the repository root) is TOML::

    [project]
    name = "il6-evidence"
    report_title = "IL-6 / IL-6R / gp130 blockers in breast cancer: extracted evidence"

    [review]
    path = "corpus/review.txt"             # the review as plain text
    title = "..."                          # its title (the review document's title)
    layout_cues = "pipeline/data/ingest/layout_cues.json"   # how its tables look

    [agents]
    table = "pipeline/data/lexicon/agents.tsv"   # the curated agents (NER lexicon table format)
    classes = ["IL-6", "IL-6R", "gp130", "IL-6/sIL-6R complex"]   # what they target

    [gold]
    dir = "annotations"                    # agents.tsv + findings.tsv; optional

    [pubmed]
    queries = ["..."]                      # searches `evidence pubmed fetch --config` runs

Relative paths are read from the project file's folder. Every key is optional; a missing
one keeps the IL-6 project's value (:class:`pipeline.context.Project`). Unknown sections
or keys, and values of the wrong type, are errors naming the file and the key.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Any

from .context import Project
from .errors import InputError

logger = logging.getLogger(__name__)

#: section -> key -> (Project field, kind): "str", "path" or "list" (of strings).
KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "project": {"name": ("name", "str"), "report_title": ("report_title", "str")},
    "review": {"path": ("review", "path"), "title": ("review_title", "str"), "layout_cues": ("layout_cues", "path")},
    "agents": {"table": ("agents_table", "path"), "classes": ("target_classes", "list")},
    "gold": {"dir": ("gold_dir", "path")},
    "pubmed": {"queries": ("pubmed_queries", "list")},
}


def _value(path: Path, where: str, kind: str, value: Any) -> Any:
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise InputError(str(path), f"{where}: expected a list of non-empty strings, got {value!r}")
        return tuple(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(str(path), f"{where}: expected a non-empty string, got {value!r}")
    if kind == "path":
        resolved = (path.parent / value).resolve()
        if not resolved.exists():
            raise InputError(str(path), f"{where}: {resolved} does not exist")
        return resolved
    return value


def load_project(path: Path) -> Project:
    """Read the project file at ``path``.

    Raises
    ------
    InputError
        Naming the file (and the section.key) when it is missing, not TOML, or holds an unknown
        key, a value of the wrong type or a path that does not exist.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(str(path), "project file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a TOML project file ({exc})") from exc
    settings: dict[str, Any] = {"source": path.resolve()}
    for section, table in data.items():
        if section not in KEYS or not isinstance(table, dict):
            raise InputError(str(path), f"unknown section [{section}] (known: {', '.join(KEYS)})")
        for key, value in table.items():
            if key not in KEYS[section]:
                raise InputError(str(path), f"[{section}] has no key {key!r} (known: {', '.join(KEYS[section])})")
            name, kind = KEYS[section][key]
            settings[name] = _value(path, f"{section}.{key}", kind, value)
    project = Project(**settings)
    logger.info("project %s from %s", project.name, path)
    return project
