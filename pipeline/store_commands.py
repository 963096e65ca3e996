"""``evidence store prune``: drop result-store entries the latest refreshes did not use."""

from __future__ import annotations

import argparse
from pathlib import Path

from .context import DEFAULT_OUT_DIR


def register(groups: dict[str, argparse._SubParsersAction]) -> None:
    store = groups["root"].add_parser("store", help="manage the result store that `evidence run --refresh` reuses")
    commands = store.add_subparsers(dest="store_command", metavar="ACTION")
    store.set_defaults(handler=lambda _args: _missing_action(store))
    prune = commands.add_parser("prune", help="delete entries not used by the latest refreshes (documents gone "
                                              "from the corpus, results of older lexicons, models or code)")
    prune.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, metavar="DIR",
                       help="the run folder holding the store (default: %(default)s)")
    prune.add_argument("--keep-runs", type=int, default=1, metavar="N",
                       help="keep what each stage used in its latest N refreshes (default: %(default)s)")
    prune.set_defaults(handler=_cmd_prune)


def _missing_action(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _cmd_prune(args: argparse.Namespace) -> int:
    from .errors import UsageError
    from .stages import stage_path
    from .store import prune_store

    if args.keep_runs < 1:
        raise UsageError(f"--keep-runs must be at least 1, got {args.keep_runs}")
    path = stage_path(args.out, "result_store")
    counts = prune_store(path, keep_runs=args.keep_runs)
    print(f"store prune {path}: kept={counts['kept']}, removed={counts['removed']}")
    return 0
