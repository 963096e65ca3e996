"""The ``evidence`` command line.

Stage commands (``ingest``, ``ner``, ``relations``, ``reconcile``, ``report``)
read the previous stage's files from ``--out`` and write their own there, so any
stage can be rerun alone; ``run`` runs every built stage in order.

Other command groups (``pubmed``, ``gold``, ``lexicon``, ``evaluate``, ``train``,
``diff``) are contributed by the modules listed in :data:`COMMAND_MODULES`: each
has ``register(groups)`` where ``groups`` maps ``"root"``, ``"evaluate"`` and
``"train"`` to argparse sub-parser collections.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import logging
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .context import DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_GOLD_DIR, DEFAULT_OUT_DIR, DEFAULT_PUBMED_CACHE, DEFAULT_REVIEW, RunContext
from .errors import MissingStageInputError, PipelineError, StageNotBuiltError
from .io import write_json
from .manifest import build_manifest, collect_inputs, make_run_id, utc_now
from .stages import STAGE_BY_NAME, STAGES, is_built, run_stage

logger = logging.getLogger(__name__)

COMMAND_MODULES = (
    "pipeline.pubmed.commands",
    "pipeline.gold.commands",
    "pipeline.ner.commands",
    "pipeline.relations.commands",
    "pipeline.reconcile.commands",
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_NOT_BUILT = 2
EXIT_PARTIAL = 3
EXIT_INPUT_ERRORS = 4  # the run finished, but some input items were rejected (see ingest_errors.jsonl)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, metavar="DIR",
                        help="folder for stage files (default: %(default)s)")
    parser.add_argument("--review", type=Path, default=DEFAULT_REVIEW, metavar="PATH",
                        help="the review as plain text (default: the copy in corpus/)")
    parser.add_argument("--pubmed-snapshot", type=Path, default=None, metavar="PATH",
                        help="an efetch XML file, or a folder of them, to add as PubMed documents")
    parser.add_argument("--pubmed-cache", type=Path, default=DEFAULT_PUBMED_CACHE, metavar="DIR",
                        help="cached PubMed XML (default: %(default)s); read, never fetched, by a run")
    parser.add_argument("--pubtator", type=Path, action="append", default=[], metavar="FILE",
                        help="add the documents of a PubTator file (repeatable); its annotations are ignored")
    parser.add_argument("--bioc", type=Path, action="append", default=[], metavar="FILE",
                        help="add the documents of a BioC XML or JSON file (repeatable)")
    parser.add_argument("--pubmed-baseline", type=Path, action="append", default=[], metavar="PATH",
                        help="a PubMed baseline/update file (pubmedNNnNNNN.xml.gz) or a folder of them, streamed "
                             "article by article (repeatable; a later file's version of a PMID wins)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD_DIR, metavar="DIR",
                        help="gold table folder, read by reconcile only (default: %(default)s)")
    parser.add_argument("--profile", choices=("fast",), default="fast",
                        help="fast: lexicons and rules (the only NER profile; the trained-model one was removed)")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="worker processes for per-document stages (default: %(default)s)")
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="run per-document stages in local processes or on dask.distributed (default: %(default)s)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://host:8786); default: start a LocalCluster")
    parser.add_argument("--chunk-size", type=int, default=64, metavar="N",
                        help="documents per work unit for per-document stages (default: %(default)s)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE", type=_key_value,
                        help="a stage setting, e.g. relation_agents=drugs (repeatable; see the README)")
    parser.add_argument("--max-document-bytes", type=int, default=DEFAULT_MAX_DOCUMENT_BYTES, metavar="N",
                        help="refuse an input document larger than this (default: %(default)s)")


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()


def _context(args: argparse.Namespace) -> RunContext:
    return RunContext(out_dir=args.out, review_path=args.review, pubmed_snapshot=args.pubmed_snapshot,
                      pubmed_cache=args.pubmed_cache, pubtator_files=tuple(args.pubtator),
                      bioc_files=tuple(args.bioc), pubmed_baseline=tuple(args.pubmed_baseline), gold_dir=args.gold, profile=args.profile,
                      workers=args.workers, executor=args.executor, scheduler=args.scheduler,
                      chunk_size=args.chunk_size, max_document_bytes=args.max_document_bytes,
                      options=tuple(args.option))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evidence",
        description="Extract agent-effect evidence on the IL-6 / IL-6R / gp130 axis in breast cancer "
                    "from the review and PubMed abstracts, and reconcile it with the gold table.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress at INFO level")
    root = parser.add_subparsers(dest="command", metavar="COMMAND")

    run_parser = root.add_parser("run", help="run every built stage in order and write run_manifest.json")
    _add_run_options(run_parser)
    run_parser.set_defaults(handler=_cmd_run)

    for stage in STAGES:
        stage_parser = root.add_parser(stage.name, help=stage.help)
        _add_run_options(stage_parser)
        stage_parser.set_defaults(handler=_cmd_stage, stage_name=stage.name)

    evaluate = root.add_parser("evaluate", help="score a stage on a benchmark corpus")
    train = root.add_parser("train", help="train a model on a benchmark's train split")
    groups = {
        "root": root,
        "evaluate": evaluate.add_subparsers(dest="evaluate_command", metavar="TASK"),
        "train": train.add_subparsers(dest="train_command", metavar="TASK"),
    }
    evaluate.set_defaults(handler=lambda _args: _missing_subcommand(evaluate))
    train.set_defaults(handler=lambda _args: _missing_subcommand(train))
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.register(groups)
    return parser


def _missing_subcommand(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_NOT_BUILT


def _cmd_stage(args: argparse.Namespace) -> int:
    stage = STAGE_BY_NAME[args.stage_name]
    try:
        counts = run_stage(stage, _context(args))
    except StageNotBuiltError as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_NOT_BUILT
    except MissingStageInputError as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{stage.name}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return EXIT_INPUT_ERRORS if counts.get("input_errors") else EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    context = _context(args)
    started = utc_now()
    inputs = collect_inputs(context)
    run_id = make_run_id(started, inputs)
    context = dataclasses.replace(context, options=context.options + (("run_id", run_id),))
    counts: dict[str, dict[str, int]] = {}
    skipped: list[str] = []
    errors: list[str] = []
    for stage in STAGES:
        if not is_built(stage):
            skipped.append(stage.name)
            print(f"{stage.name}: skipped (not built yet)", file=sys.stderr)
            continue
        try:
            counts[stage.name] = run_stage(stage, context)
        except (PipelineError, OSError) as exc:
            errors.append(f"{stage.name}: {exc}")
            print(f"{stage.name}: failed: {exc}", file=sys.stderr)
            break
        print(f"{stage.name}: " + ", ".join(f"{k}={v}" for k, v in counts[stage.name].items()))
    manifest = build_manifest(run_id=run_id, started=started, finished=utc_now(), context=context,
                              inputs=inputs, counts=counts, skipped=skipped, errors=errors)
    write_json(manifest, context.out_dir / "run_manifest.json")
    print(f"run {run_id}: wrote {context.out_dir / 'run_manifest.json'}")
    if errors:
        return EXIT_FAILED
    if skipped and not counts:
        return EXIT_PARTIAL
    if any(stage_counts.get("input_errors") for stage_counts in counts.values()):
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    # spaCy compiles one of its own tokenizer regexes with a pattern Python 3.11 warns about
    warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_NOT_BUILT
    try:
        return int(args.handler(args))
    except PipelineError as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
