"""``evidence train parser`` and ``evidence evaluate parser`` (imports stay light)."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_TREEBANKS = Path("../shared/data/treebanks")


def register(groups: dict[str, argparse._SubParsersAction]) -> None:
    """Add the parser commands to the ``evidence`` command line."""
    train = groups["train"].add_parser("parser", help="train the shipped tagger + dependency parser on CRAFT (+ GENIA) (CPU)")
    train.add_argument("--data", type=Path, default=DEFAULT_TREEBANKS, metavar="DIR",
                       help="the treebanks folder (default: %(default)s)")
    train.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="model folder (default: the shipped pipeline/data/models/parser)")
    train.add_argument("--work-dir", type=Path, default=None, metavar="DIR",
                       help="converted data and checkpoints (default: models/parser.work)")
    train.add_argument("--max-minutes", type=float, default=45.0, metavar="M",
                       help="stop after M minutes, keeping the best model so far (default: %(default)s)")
    train.add_argument("--max-steps", type=int, default=None, metavar="N", help="override the config's max_steps")
    train.add_argument("--resume", type=Path, default=None, metavar="DIR",
                       help="start from this model's weights (to continue a run that hit --max-minutes)")
    train.add_argument("--project-tokens-only", action="store_true",
                       help="train on the project tokenizer's tokens only, not also on CRAFT's own")
    train.add_argument("--genia-copies", type=int, default=0, metavar="N",
                       help="also train on GENIA future_use + train (XML trees) re-shaped to CRAFT's scheme, N times over, and choose "
                            "the checkpoint on CRAFT dev + GENIA dev (default: %(default)s, CRAFT only)")
    train.set_defaults(handler=_train)

    evaluate = groups["evaluate"].add_parser("parser", help="score the parser on CRAFT or GENIA (UAS, LAS, speed)")
    evaluate.add_argument("--treebank", required=True, choices=("craft", "genia"))
    evaluate.add_argument("--split", default="dev", choices=("dev", "test"))
    evaluate.add_argument("--data", type=Path, default=DEFAULT_TREEBANKS, metavar="DIR",
                          help="the treebanks folder (default: %(default)s)")
    evaluate.add_argument("--model-dir", type=Path, default=None, metavar="DIR",
                          help="parser model (default: the shipped one)")
    evaluate.add_argument("--out", type=Path, default=None, metavar="FILE",
                          help="JSON scores (default: outputs/eval/parser_<treebank>_<split>.json)")
    evaluate.set_defaults(handler=_evaluate)


def _train(args: argparse.Namespace) -> int:
    from .parser_train import train_parser

    counts = train_parser(args.data, args.out, work_dir=args.work_dir, max_minutes=args.max_minutes,
                          max_steps=args.max_steps, resume_from=args.resume,
                          treebank_tokens=not args.project_tokens_only, genia_copies=args.genia_copies)
    print("train parser: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .parser_eval import run_evaluation

    return run_evaluation(args)
