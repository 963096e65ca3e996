"""The stage table: what each stage runs, reads and writes.

A stage's ``target`` is ``"module:function"``; the function takes a
:class:`~pipeline.context.RunContext` and returns its counts. A stage whose
module is not importable yet is reported as not built rather than crashing.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from .context import RunContext
from .errors import MissingStageInputError, StageNotBuiltError

logger = logging.getLogger(__name__)

StageFunction = Callable[[RunContext], dict[str, int]]


@dataclass(frozen=True)
class Stage:
    name: str
    target: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    help: str


STAGES: tuple[Stage, ...] = (
    Stage("ingest", "pipeline.ingest.stage:run_stage", (),
          ("documents.jsonl", "table1.jsonl"),
          "segment the review (and PubMed abstracts) into documents, sections, sentences and Table 1 rows"),
    Stage("ner", "pipeline.ner.stage:run_stage", ("documents.jsonl",),
          ("mentions.jsonl",),
          "recognise and normalise agents, targets, cell lines and diseases"),
    Stage("relations", "pipeline.relations.stage:run_stage", ("documents.jsonl", "table1.jsonl", "mentions.jsonl"),
          ("relations.jsonl",),
          "extract agent-effect relations with context, negation and hedging"),
    Stage("reconcile", "pipeline.reconcile.stage:run_stage", ("documents.jsonl", "relations.jsonl"),
          ("reconciliation.csv", "evidence_table.csv", "evidence_table.parquet", "evidence_table.jsonl",
           "gold_findings.jsonl", "metrics.json"),
          "match extracted relations to the gold table and build the evidence table"),
    Stage("report", "pipeline.report.stage:run_stage",
          ("documents.jsonl", "mentions.jsonl", "relations.jsonl", "reconciliation.csv", "evidence_table.jsonl",
           "metrics.json"),
          ("report.html", "evidence.sqlite", "annotated.bioc.xml", "annotated.pubtator", "documents.parquet",
           "mentions.parquet", "relations.parquet"),
          "render the curator's HTML report and the exports"),
)

STAGE_BY_NAME = {stage.name: stage for stage in STAGES}


def load_stage_function(stage: Stage) -> StageFunction:
    """Import a stage's function, or raise :class:`StageNotBuiltError` if its module does not exist."""
    module_name, _, function_name = stage.target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise StageNotBuiltError(f"stage {stage.name!r} is not built yet ({module_name} does not exist)") from exc
        raise
    function = getattr(module, function_name, None)
    if function is None:
        raise StageNotBuiltError(f"stage {stage.name!r} is not built yet ({stage.target} does not exist)")
    return function


def is_built(stage: Stage) -> bool:
    try:
        load_stage_function(stage)
    except StageNotBuiltError:
        return False
    return True


def run_stage(stage: Stage, context: RunContext) -> dict[str, int]:
    """Run one stage after checking that the files it reads exist."""
    function = load_stage_function(stage)
    missing = [name for name in stage.inputs if not (context.out_dir / name).exists()]
    if missing:
        raise MissingStageInputError(
            f"stage {stage.name!r} needs {', '.join(missing)} in {context.out_dir}; run the earlier stages first"
        )
    logger.info("stage %s: start", stage.name)
    counts = function(context)
    logger.info("stage %s: %s", stage.name, counts)
    return counts
