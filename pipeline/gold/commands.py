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
    validate.add_argument("directory", nargs="?", type=Path, default=None, metavar="DIR",
                          help="folder with agents.tsv and findings.tsv (default: the project's, else annotations/)")
    validate.add_argument("--review", type=Path, default=None, metavar="PATH",
                          help="raw review text the offsets point into (default: the project's, else corpus/)")
    validate.add_argument("--config", "--project", type=Path, default=None, metavar="FILE", dest="config",
                          help="a project file (evidence.toml): its gold folder, review and target classes")
    validate.set_defaults(handler=_validate)
    gold.set_defaults(handler=lambda _args: (gold.print_help(), 2)[1])


def _validate(args: argparse.Namespace) -> int:
    from .loader import load_gold
    from .validator import validate_gold

    from ..context import Project
    from ..project import load_project

    project = load_project(args.config) if args.config else Project()
    directory = args.directory or project.gold_dir or DEFAULT_GOLD_DIR
    review = args.review or project.review or DEFAULT_REVIEW
    if not review.is_file():
        print(f"{review}: review file not found")
        return 1
    issues = validate_gold(directory, review, target_classes=project.target_classes)
    for issue in issues:
        print(issue)
    if issues:
        print(f"{len(issues)} problem(s) in {directory}")
        return 1
    table = load_gold(directory, target_classes=project.target_classes)
    print(f"gold table OK: {len(table.agents)} agents, {len(table.findings)} findings in {directory}")
    return 0
