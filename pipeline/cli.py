"""The ``evidence`` command line.

Stage commands (one per entry of :data:`pipeline.stages.STAGES`: ``ingest``, ``ner``,
``relations``, ``reconcile``, ``report``) read the previous stage's files from ``--out``
and write their own there, so any stage can be rerun alone; ``run`` runs them all in
the table's order.

Other command groups (``pubmed``, ``gold``, ``lexicon``, ``evaluate``, ``train``,
``diff``) are contributed by the modules listed in :data:`COMMAND_MODULES`: each
has ``register(groups)`` where ``groups`` maps ``"root"``, ``"evaluate"`` and
``"train"`` to argparse sub-parser collections; they import their heavy modules
inside their handlers, so ``evidence --help`` loads no spaCy.

Exit codes (see the README): 0 done; 1 failed; 2 usage error (argparse's own, a
missing sub-command, or an unknown setting value); 3 a stage run alone lacks the
files of an earlier stage; 4 finished, but some input items were rejected.
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
from .context import (DEFAULT_GOLD_DIR, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_OUT_DIR, DEFAULT_PUBMED_CACHE,
                      DEFAULT_REVIEW, PROFILES, Project, RunContext)
from .errors import MissingStageInputError, PipelineError, UsageError
from .io import write_json
from .parallel import EXECUTORS
from .manifest import build_manifest, collect_inputs, make_run_id, utc_now
from .options import guard_command
from .project import load_project
from .stages import STAGE_BY_NAME, STAGES, run_stage, stage_path

logger = logging.getLogger(__name__)

COMMAND_MODULES = (
    "pipeline.pubmed.commands",
    "pipeline.gold.commands",
    "pipeline.evaluation.ner_commands",
    "pipeline.evaluation.relations_commands",
    "pipeline.report.commands",
    "pipeline.evaluation.parser_commands",
    "pipeline.store_commands",
)

EXIT_OK = 0
EXIT_FAILED = 1  # a stage or command stopped: a bad input it cannot skip, a file it cannot write
EXIT_USAGE = 2  # argparse's code for a bad command line; also a missing sub-command or an unknown setting value
EXIT_MISSING_INPUT = 3  # a stage run alone needs the files of an earlier stage, absent from --out
EXIT_INPUT_ERRORS = 4  # the run finished, but some input items were rejected (listed in the stages' errors files)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "--project", type=Path, default=None, metavar="FILE", dest="config",
                        help="a project file (evidence.toml: review, agents and classes, table layout cues, gold "
                             "folder, PubMed queries, report title); --review and --gold given here win over it "
                             "(default: the IL-6 project, as in ./evidence.toml)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, metavar="DIR",
                        help="folder for stage files (default: %(default)s)")
    parser.add_argument("--review", type=Path, default=None, metavar="PATH",
                        help="the review as plain text (default: the project's, else the copy in corpus/)")
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
    parser.add_argument("--gold", type=Path, default=None, metavar="DIR",
                        help="gold table folder, read by reconcile only (default: the project's, else annotations/)")
    parser.add_argument("--profile", choices=PROFILES, default=PROFILES[0],
                        help="default: relations for every recognised agent; fast: for the project's agents "
                             "only (about 10x faster end to end on abstracts; the NER is the same)")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="worker processes for per-document stages, at most the CPUs (default: %(default)s)")
    parser.add_argument("--oversubscribe", action="store_true", help="allow --workers above the number of CPUs")
    parser.add_argument("--executor", choices=EXECUTORS, default="local",
                        help="run per-document stages in local processes or on dask.distributed (default: %(default)s)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://host:8786); default: start a LocalCluster")
    parser.add_argument("--chunk-size", type=int, default=64, metavar="N",
                        help="documents per work unit for per-document stages (default: %(default)s)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE", type=_key_value,
                        help="a stage setting, e.g. relation_agents=drugs (repeatable; see the README)")
    parser.add_argument("--refresh", action="store_true",
                        help="reuse the NER and relations results of unchanged documents from the run folder's "
                             "result store, compute only new or changed ones, and store those (docs/scaling.md)")
    parser.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="no progress bars, stage counts or per-stage lines (also before the command)")
    parser.add_argument("--max-document-bytes", type=int, default=DEFAULT_MAX_DOCUMENT_BYTES, metavar="N",
                        help="refuse an input document larger than this (default: %(default)s)")


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()


def _context(args: argparse.Namespace) -> RunContext:
    """The run's settings; built once (``main`` builds it before taking the folder lock, so a bad one is refused first).

    A project file (``--config``) gives the review, gold folder, agents, classes and titles;
    ``--review`` and ``--gold`` given on the command line win over it.
    """
    if isinstance(getattr(args, "context", None), RunContext):
        return args.context
    project = load_project(args.config) if args.config else Project()
    review = args.review or project.review or DEFAULT_REVIEW
    gold = args.gold or project.gold_dir or DEFAULT_GOLD_DIR
    options = tuple(args.option) + ((("progress", "off"),) if getattr(args, "quiet", False) else ())
    return RunContext(out_dir=args.out, review_path=review, pubmed_snapshot=args.pubmed_snapshot,
                      pubmed_cache=args.pubmed_cache, pubtator_files=tuple(args.pubtator),
                      bioc_files=tuple(args.bioc), pubmed_baseline=tuple(args.pubmed_baseline), gold_dir=gold,
                      profile=args.profile, workers=args.workers, executor=args.executor, scheduler=args.scheduler,
                      chunk_size=args.chunk_size, max_document_bytes=args.max_document_bytes,
                      refresh=args.refresh, options=options, project=project)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evidence",
        description="Extract agent-effect evidence on the IL-6 / IL-6R / gp130 axis in breast cancer "
                    "from the review and PubMed abstracts, and reconcile it with the gold table.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every module at INFO level")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars, stage counts or per-stage lines; only warnings and errors")
    root = parser.add_subparsers(dest="command", metavar="COMMAND")

    run_parser = root.add_parser("run", help="run every stage in order (" + " -> ".join(s.name for s in STAGES)
                                 + ") and write the run manifest")
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
        importlib.import_module(module_name).register(groups)
    return parser


def _missing_subcommand(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _cmd_stage(args: argparse.Namespace) -> int:
    stage = STAGE_BY_NAME[args.stage_name]
    try:
        counts = run_stage(stage, _context(args))
    except MissingStageInputError as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_MISSING_INPUT
    if not args.quiet:
        print(f"{stage.name}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return EXIT_INPUT_ERRORS if counts.get("input_errors") else EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    context = _context(args)
    started = utc_now()
    inputs = collect_inputs(context)
    run_id = make_run_id(started, inputs)
    context = dataclasses.replace(context, options=context.options + (("run_id", run_id),))
    counts: dict[str, dict[str, int]] = {}
    errors: list[str] = []
    failed: tuple[str, Exception] | None = None
    for stage in STAGES:
        try:
            counts[stage.name] = run_stage(stage, context)
        except UsageError:
            raise
        except Exception as exc:  # recorded in the manifest; a bug is raised again after it is written
            errors.append(f"{stage.name}: {exc}")
            failed = (stage.name, exc)
            print(f"{stage.name}: failed: {exc}", file=sys.stderr)
            break
        if not args.quiet:
            print(f"{stage.name}: " + ", ".join(f"{k}={v}" for k, v in counts[stage.name].items()))
    manifest = build_manifest(run_id=run_id, started=started, finished=utc_now(), context=context,
                              inputs=inputs, counts=counts, errors=errors,
                              failed_stage=failed[0] if failed else None)
    manifest_path = stage_path(context.out_dir, "run_manifest")
    write_json(manifest, manifest_path)
    if not args.quiet:
        print(f"run {run_id}: wrote {manifest_path}")
    if failed and not isinstance(failed[1], (PipelineError, OSError)):
        raise failed[1]
    if errors:
        return EXIT_FAILED
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
    if not args.quiet:
        # stage counts are always logged (progress bars show only on a terminal: pipeline.progress)
        logging.getLogger("pipeline.stages").setLevel(logging.INFO)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        lock = guard_command(args)  # the command line's options checked; the lock is taken on entering it
        if getattr(args, "stage_name", None) or args.command == "run":
            args.context = _context(args)  # the run's settings checked (RunContext) before the lock is taken
        with lock:
            return int(args.handler(args))
    except UsageError as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PipelineError as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:  # the environment: disk full, permissions, a file removed under the run
        print(f"evidence: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug: its traceback with -v only
        if args.verbose:
            raise
        print(f"evidence: internal error: {type(exc).__name__}: {exc} (rerun with -v for the traceback)",
              file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
