"""``evidence diff``: evidence added and removed between two runs of the history store."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..context import DEFAULT_OUT_DIR


def register(groups: dict[str, argparse._SubParsersAction]) -> None:
    parser = groups["root"].add_parser(
        "diff", help="list evidence added and removed between two runs (default: the last two)")
    parser.add_argument("--since", metavar="RUN", default=None,
                        help="the older run id (default: the run before --until)")
    parser.add_argument("--until", metavar="RUN", default=None, help="the newer run id (default: the latest run)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, metavar="DIR",
                        help="the run folder holding the history store (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the diff as JSON")
    parser.add_argument("--runs", action="store_true", help="list the stored runs and exit")
    parser.set_defaults(handler=_cmd_diff)


def _cmd_diff(args: argparse.Namespace) -> int:
    from ..io import to_jsonable
    from ..stages import stage_path
    from .store import diff_runs, list_runs

    path = stage_path(args.out, "history")
    if args.runs:
        for run in list_runs(path):
            print(f"{run['seq']}\t{run['run_id']}\tdocuments={run['documents']}\trelations={run['relations']}"
                  f"\tevidence={run['evidence']}")
        return 0
    diff = diff_runs(path, since=args.since, until=args.until)
    if args.json:
        print(json.dumps(to_jsonable(diff), indent=2, ensure_ascii=False))
        return 0
    print(f"evidence diff {diff.old_run or '(nothing)'} -> {diff.new_run}: "
          f"{len(diff.added)} added, {len(diff.removed)} removed")
    try:
        for sign, items in (("+", diff.added), ("-", diff.removed)):
            for item in items:
                negation = "NOT " if item.negated else ""
                print(f"{sign} {item.agent} {negation}{item.effect} {item.object} [{item.doc_id}] {item.sentence}")
    except BrokenPipeError:  # `evidence diff | head` closed the pipe: not an error
        sys.stderr.close()
    return 0
