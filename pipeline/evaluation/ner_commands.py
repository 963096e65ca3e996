"""``evidence evaluate ner`` and ``evidence lexicon build|fetch`` (imports stay light)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import NER_PROFILES
from .folds import parse_corpus_fold, parse_fold


def register(groups: dict[str, argparse._SubParsersAction]) -> None:
    """Add the NER commands to the ``evidence`` command line."""
    evaluate = groups["evaluate"].add_parser("ner", help="score NER on BioRED, BC5CDR or JNLPBA")
    evaluate.add_argument("--corpus", required=True, choices=("biored", "bc5cdr", "jnlpba"))
    evaluate.add_argument("--data", required=True, type=Path, metavar="DIR",
                          help="the corpus folder, e.g. ../shared/data/benchmarks/BioRED")
    evaluate.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    evaluate.add_argument("--fold", type=parse_fold, default=None, metavar="K/N",
                          help="score only fold K of N of the split (every N-th document from the K-th), "
                               "e.g. a train fold a cache built with --hold-out-fold left out")
    _add_pipeline_options(evaluate)
    evaluate.add_argument("--out", type=Path, default=None, metavar="FILE",
                          help="JSON scores (default: outputs/eval/ner_<corpus>_<split>.json)")
    evaluate.add_argument("--allow-overlap", action="store_true",
                          help="score even if a learned resource saw documents of the evaluated split")
    evaluate.set_defaults(handler=_evaluate)

    lexicon = groups["root"].add_parser("lexicon", help="compile general lexicons into the local cache")
    lexicon_commands = lexicon.add_subparsers(dest="lexicon_command", metavar="ACTION")
    build = lexicon_commands.add_parser("build", help="compile HGNC, cell-line and train-split lexicons")
    build.add_argument("--from", dest="source", type=Path, required=True, metavar="DIR",
                       help="the shared lexicon folder, e.g. ../shared/data/lexicons")
    build.add_argument("--mesh", type=Path, default=None, metavar="DIR",
                       help="the MeSH name tables, for MeSH ids of drugs and diseases (default: <--from>/mesh, "
                            "else .cache/lexicon_sources/mesh, where `evidence lexicon fetch --only mesh` saves them)")
    build.add_argument("--corpus-train", type=Path, default=None, metavar="DIR",
                       help="the benchmarks folder (../shared/data/benchmarks): add names learned from "
                            "the BioRED and BC5CDR train+dev splits (test PMIDs of every corpus excluded)")
    build.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                       help="where to write (default: .cache/lexicon)")
    build.add_argument("--exclude-dev", action="store_true",
                       help="also leave out dev-split PMIDs of every corpus (to tune on dev)")
    build.add_argument("--with-dev", action="store_true",
                       help="learn names from the dev splits too (for reporting on test only)")
    build.add_argument("--hold-out-fold", type=parse_corpus_fold, default=None, metavar="CORPUS:K/N",
                       help="also leave out fold K of N of CORPUS's train split (biored:0/5), to score it "
                            "with `evidence evaluate ner --split train --fold K/N`")
    build.add_argument("--for-corpus", choices=("biored", "bc5cdr"), default=None, metavar="CORPUS",
                       help="hold out only CORPUS's test (and dev) documents: the other corpus's held-out "
                            "documents that CORPUS's train split holds are learned from; the cache then "
                            "scores CORPUS only")
    build.add_argument("--min-precision", type=float, default=0.3, metavar="P",
                       help="keep a train name if annotated in at least this share of its occurrences")
    build.add_argument("--keep-dangerous", action="store_true",
                       help="keep short upper-case aliases that are common words (for measuring the filter)")
    build.set_defaults(handler=_lexicon_build)
    fetch = lexicon_commands.add_parser("fetch", help="download the public lexicon sources (HGNC, NCBI Gene, "
                                                      "cell-line tables, FDA UNII, DrugBank vocabulary, "
                                                      "MeSH name tables)")
    fetch.add_argument("--dest", type=Path, default=None, metavar="DIR",
                       help="where to save them (default: .cache/lexicon_sources); then "
                            "`evidence lexicon build --from DIR`")
    fetch.add_argument("--only", action="append", default=[], metavar="NAME",
                       help="fetch only this source (repeatable; names in pipeline/data/lexicon/lexicon_sources.tsv), "
                            "or the group of sources whose names start with NAME_ (mesh: mesh_descriptors "
                            "and mesh_supplementary)")
    fetch.add_argument("--sources", type=Path, default=None, metavar="FILE",
                       help="a sources table in the same format (a mirror)")
    fetch.set_defaults(handler=_lexicon_fetch)
    lexicon.set_defaults(handler=lambda _args: (lexicon.print_help(), 2)[1])


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", choices=NER_PROFILES, default=NER_PROFILES[0],
                        help="the NER (the same for both run profiles)")
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="compiled lexicon cache (default: .cache/lexicon when present)")
    parser.add_argument("--no-compiled", action="store_true", help="ignore the compiled lexicon cache")
    parser.add_argument("--no-drugs", action="store_true", help="leave out the drug dictionary")
    parser.add_argument("--no-patterns", action="store_true", help="leave out the cell-line patterns")
    parser.add_argument("--no-abbreviations", action="store_true", help="leave out abbreviation propagation")


def _evaluate(args: argparse.Namespace) -> int:
    from .ner_run import run_evaluation

    return run_evaluation(args)


def _lexicon_build(args: argparse.Namespace) -> int:
    from .lexicon_build import build_cache, fold_ids
    from .mesh_names import command_line_mesh_folder

    if args.hold_out_fold and args.corpus_train is None:
        print("lexicon build: --hold-out-fold needs --corpus-train")
        return 2
    counts = build_cache(args.source, cache_dir=args.cache_dir, benchmarks=args.corpus_train,
                         exclude_ids=fold_ids(args.corpus_train, *args.hold_out_fold) if args.hold_out_fold
                         else frozenset(),
                         keep_dangerous=args.keep_dangerous,
                         exclude_splits=("test", "dev") if args.exclude_dev else ("test",),
                         min_precision=args.min_precision,
                         train_splits=("train", "dev") if args.with_dev else ("train",),
                         scored_corpus=args.for_corpus, mesh_dir=command_line_mesh_folder(args.source, args.mesh))
    print("lexicon build: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    if not counts.get("mesh_names"):
        print("lexicon build: no MeSH name tables found (`evidence lexicon fetch --only mesh`, or --mesh DIR): "
              "drugs and diseases get MeSH ids only from train annotations and the drug dictionary")
    # Compile the matchers into the cache here, once: a run's first worker would otherwise build the
    # automaton itself, at about 1.7 GB peak instead of the ~1.1 GB of loading it (docs/scaling.md).
    from ..ner.resources import get_matchers

    get_matchers(str(args.cache_dir) if args.cache_dir else None)
    return 0


def _lexicon_fetch(args: argparse.Namespace) -> int:
    from .lexicon_fetch import DEFAULT_DEST, FetchError, fetch_sources, read_sources

    dest = args.dest or DEFAULT_DEST
    try:
        result = fetch_sources(dest, sources=read_sources(args.sources) if args.sources else None,
                               only=tuple(args.only))
    except FetchError as exc:
        print(f"lexicon fetch: {exc}")
        return 1
    print("lexicon fetch: " + ", ".join(f"{k}={v}" for k, v in result.items()) + f" -> {dest}")
    return 0
