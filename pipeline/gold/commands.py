"""``evidence gold validate [DIR] [--review PATH]``: check the gold table, print each problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import DEFAULT_GOLD_DIR, DEFAULT_REVIEW


def register(groups: dict[str, argparse._SubParsersAction]) -> None:
    """Add the ``gold`` command group to the ``evidence`` command line."""
    gold = groups["root"].add_parser("gold", help="check the hand-curated gold table in annotations/")
    commands = gold.add_subparsers(dest="gold_command", metavar="ACTION")
    validate = commands.add_parser("validate", help="check schema, aliases, references and evidence spans")
    validate.add_argument("directory", nargs="?", type=Path, default=DEFAULT_GOLD_DIR, metavar="DIR",
                          help="folder with agents.tsv and findings.tsv (default: %(default)s)")
    validate.add_argument("--review", type=Path, default=DEFAULT_REVIEW, metavar="PATH",
                          help="raw review text the offsets point into (default: %(default)s)")
    validate.set_defaults(handler=_validate)
    gold.set_defaults(handler=lambda _args: (gold.print_help(), 2)[1])


def _validate(args: argparse.Namespace) -> int:
    from .loader import load_gold
    from .validator import validate_gold

    if not args.review.is_file():
        print(f"{args.review}: review file not found")
        return 1
    issues = validate_gold(args.directory, args.review)
    for issue in issues:
        print(issue)
    if issues:
        print(f"{len(issues)} problem(s) in {args.directory}")
        return 1
    table = load_gold(args.directory)
    print(f"gold table OK: {len(table.agents)} agents, {len(table.findings)} findings in {args.directory}")
    return 0
