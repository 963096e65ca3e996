"""The stage table: the pipeline's order, each stage's function, and every file it reads and writes.

ingest -> ner -> relations -> reconcile -> report. Each stage is a function of its own
room (the one public verb of that package) taking the :class:`~pipeline.context.RunContext`
and one keyword path per stage file it reads or writes, named by the keys of
:data:`STAGE_FILES`; it returns its counts. This module is the only one that spells a
stage file's name: stages get their paths from :func:`run_stage`, and other commands
(evaluation, benchmarks) ask :func:`stage_path`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .context import RunContext
from .errors import MissingStageInputError
from .ingest import ingest_corpus
from .ner import recognize_corpus
from .reconcile import reconcile_corpus
from .relations import extract_corpus
from .report import write_report

logger = logging.getLogger(__name__)

StageFunction = Callable[..., dict[str, int]]

#: Every file of a run folder, by the keyword a stage function receives it as.
STAGE_FILES: dict[str, str] = {
    "documents": "documents.jsonl",
    "table1": "table1.jsonl",
    "ingest_errors": "ingest_errors.jsonl",
    "ingest_deletions": "ingest_deletions.jsonl",
    "mentions": "mentions.jsonl",
    "relations": "relations.jsonl",
    "relations_errors": "relations_errors.jsonl",
    "reconciliation": "reconciliation.csv",
    "evidence_table": "evidence_table.jsonl",
    "evidence_csv": "evidence_table.csv",
    "evidence_parquet": "evidence_table.parquet",
    "gold_findings": "gold_findings.jsonl",
    "metrics": "metrics.json",
    "report": "report.html",
    "history": "evidence.sqlite",
    "bioc": "annotated.bioc.xml",
    "pubtator": "annotated.pubtator",
    "documents_parquet": "documents.parquet",
    "mentions_parquet": "mentions.parquet",
    "relations_parquet": "relations.parquet",
    "run_manifest": "run_manifest.json",
}


@dataclass(frozen=True)
class Stage:
    """One step of ``evidence run``.

    ``reads`` must exist before the stage runs; ``may_read`` are read when present
    (a stage run alone on a folder without them still works); ``writes`` are written.
    All three hold keys of :data:`STAGE_FILES`.
    """

    name: str
    function: StageFunction
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    help: str
    may_read: tuple[str, ...] = ()


STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest_corpus, (),
          ("documents", "table1", "ingest_errors", "ingest_deletions"),
          "segment the review (and PubMed abstracts) into documents, sections, sentences and Table 1 rows"),
    Stage("ner", recognize_corpus, ("documents",), ("mentions",),
          "recognise and normalise agents, targets, cell lines and diseases"),
    Stage("relations", extract_corpus, ("documents", "table1", "mentions"), ("relations", "relations_errors"),
          "extract agent-effect relations with context, negation and hedging"),
    Stage("reconcile", reconcile_corpus, ("documents", "relations"),
          ("reconciliation", "evidence_table", "evidence_csv", "evidence_parquet", "gold_findings", "metrics"),
          "match extracted relations to the gold table and build the evidence table", may_read=("mentions",)),
    Stage("report", write_report, ("documents", "reconciliation", "evidence_table", "metrics"),
          ("report", "history", "bioc", "pubtator", "documents_parquet", "mentions_parquet", "relations_parquet"),
          "render the curator's HTML report and the exports", may_read=("mentions", "relations")),
)

STAGE_BY_NAME = {stage.name: stage for stage in STAGES}


def stage_path(out_dir: Path, key: str) -> Path:
    """The path of stage file ``key`` (a key of :data:`STAGE_FILES`) in the run folder ``out_dir``."""
    try:
        return Path(out_dir) / STAGE_FILES[key]
    except KeyError:
        raise KeyError(f"unknown stage file {key!r}; known: {', '.join(STAGE_FILES)}") from None


def run_stage(stage: Stage, context: RunContext) -> dict[str, int]:
    """Run one stage on ``context.out_dir`` after checking that the files it needs exist."""
    missing = [STAGE_FILES[key] for key in stage.reads if not stage_path(context.out_dir, key).exists()]
    if missing:
        raise MissingStageInputError(
            f"stage {stage.name!r} needs {', '.join(missing)} in {context.out_dir}; run the earlier stages first"
        )
    paths = {key: stage_path(context.out_dir, key) for key in stage.reads + stage.may_read + stage.writes}
    logger.info("stage %s: start", stage.name)
    counts = stage.function(context, **paths)
    logger.info("stage %s: %s", stage.name, counts)
    return counts
