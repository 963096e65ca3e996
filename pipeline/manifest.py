"""The run manifest: what a run read, with which code, and what it produced."""

from __future__ import annotations

import hashlib
import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from .context import DATA_DIR, PROJECT_DIR, RunContext

TRACKED_PACKAGES = ("il6-evidence", "spacy", "scispacy", "numpy", "pandas", "requests",
                    "drug-named-entity-recognition", "scikit-learn", "pyarrow", "bioc", "defusedxml")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def make_run_id(started: datetime, inputs: dict[str, str]) -> str:
    """A run id readable by a person (start time) and unique per input set."""
    fingerprint = hashlib.sha256("\n".join(f"{k}={v}" for k, v in sorted(inputs.items())).encode()).hexdigest()[:8]
    return f"{started.strftime('%Y%m%dT%H%M%SZ')}-{fingerprint}"


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return []


def _display_path(path: Path) -> str:
    """Paths inside the project are recorded relative to it, so manifests compare across clones."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(PROJECT_DIR))
    except ValueError:
        return str(resolved)


def _baseline_inputs(path: Path) -> list[Path]:
    """The files a ``--pubmed-baseline`` path stands for: itself, or the baseline files of the folder."""
    if path.is_dir():
        from .pubmed.baseline import baseline_files

        return baseline_files(path)
    return [path]


def collect_inputs(context: RunContext) -> dict[str, str]:
    """sha256 of every file a run may read: corpus, snapshot, cache, gold table, data tables,
    PubTator, BioC and PubMed baseline files."""
    project = context.project
    roots = [context.review_path, context.pubmed_cache, DATA_DIR, context.gold_dir, project.agents_table,
             project.layout_cues] + ([project.source] if project.source else [])
    if context.pubmed_snapshot is not None:
        roots.append(context.pubmed_snapshot)
    roots += [*context.pubtator_files, *context.bioc_files]
    roots += [file for path in context.pubmed_baseline for file in _baseline_inputs(Path(path))]
    inputs: dict[str, str] = {}
    for root in roots:
        for path in _files_under(root):
            if path.suffix in {".pyc"} or "__pycache__" in path.parts:
                continue
            inputs[_display_path(path)] = sha256_file(path)
    return inputs


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def build_manifest(*, run_id: str, started: datetime, finished: datetime, context: RunContext,
                   inputs: dict[str, str], counts: dict[str, dict[str, int]],
                   errors: list[str], failed_stage: str | None = None) -> dict[str, Any]:
    """The manifest of one run; ``failed_stage`` names the stage that stopped it (its error is in ``errors``)."""
    return {
        "run_id": run_id,
        "started_at": started.isoformat(),
        "finished_at": finished.isoformat(),
        "profile": context.profile,
        "inputs": inputs,
        "packages": package_versions(),
        "counts": counts,
        "errors": errors,
        "failed_stage": failed_stage,
    }
