"""``evidence evaluate relations`` and ``evidence train relations``.

Heavy modules are imported inside the handlers so ``evidence --help`` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from ..context import AGENT_SCOPES, DEFAULT_AGENT_SCOPE
from ..errors import UsageError

logger = logging.getLogger(__name__)

DEFAULT_CHEMPROT = Path("..") / "shared" / "data" / "benchmarks" / "ChemProt"
DEFAULT_BIORED = DEFAULT_CHEMPROT.parent / "BioRED"


def register(groups: dict[str, argparse._SubParsersAction]) -> None:
    """Add ``evaluate relations`` and ``train relations``."""
    evaluate = groups["evaluate"].add_parser(
        "relations", help="score relation extraction on ChemProt, BioRED or the review dev set")
    evaluate.add_argument("--corpus", choices=("chemprot", "biored", "dev", "judged"), default="chemprot",
                          help="chemprot: the BioCreative VI benchmark; biored: document-level chemical-gene/"
                               "disease pairs of a pipeline run on the split's PubTator file; dev: "
                               "annotations/relations_dev; judged: precision on a hand-judged sample "
                               "(--judgments, annotations/relations_judged)")
    evaluate.add_argument("--data", type=Path, default=None, metavar="DIR",
                          help=f"corpus folder (default: {DEFAULT_CHEMPROT} or {DEFAULT_BIORED})")
    evaluate.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    evaluate.add_argument("--method", choices=("svm", "rules"), default="svm",
                          help="for --corpus chemprot: the trained classifier or the trigger-table rules")
    evaluate.add_argument("--model", type=Path, default=None, metavar="PATH",
                          help="trained model (default: models/relations_chemprot.pkl; trained on the "
                               "train split now if absent)")
    evaluate.add_argument("--relations", type=Path, default=None, metavar="PATH",
                          help="for --corpus dev: the extracted relations to score (default: the relations "
                               "file of outputs/)")
    evaluate.add_argument("--run", type=Path, default=None, metavar="DIR",
                          help="for --corpus dev: extract afresh from DIR's documents/mentions/table1 "
                               "instead of reading --relations; for --corpus biored: score DIR's relations "
                               "(a run with --pubtator on the split) instead of running the pipeline into "
                               "outputs/eval/biored_<split>")
    evaluate.add_argument("--agents", choices=AGENT_SCOPES, default=DEFAULT_AGENT_SCOPE,
                          help="for --corpus dev --run and --corpus biored: agent scope (all: every DRUG "
                               "mention, the default; project: the review's agents; drugs: also DrugBank "
                               "drugs; chemicals: also MeSH-normalised DRUG mentions)")
    evaluate.add_argument("--annotations", type=Path, default=None, metavar="DIR",
                          help="for --corpus dev: the dev annotation folder (default: annotations/relations_dev)")
    evaluate.add_argument("--judgments", type=Path, default=None, metavar="FILE",
                          help="for --corpus judged: a judgments file of annotations/relations_judged")
    evaluate.add_argument("--details", action="store_true", help="for --corpus dev: list misses and spurious")
    evaluate.add_argument("--axis-only", action="store_true",
                          help="for --corpus dev: score only relations about the review's axis agents (the "
                               "main dev set annotates the project's agents only; not for drugs/)")
    evaluate.add_argument("--cv", default=None, metavar="SPLITS",
                          help="for --corpus chemprot: cross-validate over the abstracts of these comma-separated "
                               "splits (train,dev) instead of scoring --split with a saved model")
    evaluate.add_argument("--folds", type=int, default=5, help="for --cv (default: %(default)s)")
    _chemprot_settings(evaluate, "for --cv: ")
    evaluate.set_defaults(handler=_cmd_evaluate)

    train = groups["train"].add_parser("relations", help="train the ChemProt pair classifier")
    train.add_argument("--data", type=Path, default=DEFAULT_CHEMPROT, metavar="DIR")
    train.add_argument("--splits", default="train", help="comma-separated splits to train on (default: train)")
    train.add_argument("--model", type=Path, default=None, metavar="PATH",
                       help="where to save (default: models/relations_chemprot.pkl)")
    train.add_argument("--c", type=float, default=None,
                       help="regularisation constant (default: 0.03 for the ChemProt SVM, 1.0 for --pairs)")
    train.add_argument("--pairs", action="store_true",
                       help="train the pair reader the relations stage ships (pipeline/data/models/relations/"
                            "pairs.json) on BioRED train + BC5CDR train instead of the ChemProt classifier")
    train.add_argument("--biored", type=Path, default=DEFAULT_BIORED, metavar="DIR", help="for --pairs")
    train.add_argument("--bc5cdr", type=Path, default=DEFAULT_CHEMPROT.parent / "BC5CDR", metavar="DIR",
                       help="for --pairs; 'none' leaves it out")
    train.add_argument("--chemprot", type=Path, default=None, metavar="DIR",
                       help="for --pairs: also ChemProt train (CPR:3/5 -> increases, CPR:4/6 -> decreases)")
    train.add_argument("--threshold", type=float, default=None,
                       help="margin over 'none' a label needs (default: 0.1 for the ChemProt SVM, chosen on "
                            "dev; 0.0 for --pairs)")
    train.add_argument("--seed", type=int, default=13, help="for --pairs (default: %(default)s)")
    train.add_argument("--paths", nargs="?", const="walks", choices=("labels", "walks"), default=None,
                       help="for --pairs: add dependency-path features (needs the parser model): walks "
                            "(default; blinded vertex/edge walks, LCA, triggers, negation) or labels (the "
                            "first encoding: the whole path as one feature plus its labels and words)")
    train.add_argument("--context", action="store_true",
                       help="for --pairs: add the agent's context (measure words near it, study-aim words, "
                            "hedging; pairs.context_features)")
    train.add_argument("--stated-only", action="store_true",
                       help="for --pairs: leave out of training a projected effect whose pair is six or more "
                            "words apart with no effect word linking them (pair_training.stated)")
    _chemprot_settings(train, "")
    train.set_defaults(handler=_cmd_train)


def _chemprot_settings(parser: argparse.ArgumentParser, scope: str) -> None:
    parser.add_argument("--single", action="store_true",
                        help=f"{scope}one ChemProt SVM on all features instead of the per-view ensemble")
    parser.add_argument("--evaluated-only", action="store_true",
                        help=f"{scope}train the ChemProt SVM on the evaluated groups only (pairs of CPR:1/2/7/8/10 "
                             "as NONE) instead of giving the unevaluated groups classes of their own")
    if scope:
        parser.add_argument("--c", type=float, default=None, help=f"{scope}regularisation constant (default: 0.03)")
        parser.add_argument("--threshold", type=float, default=None,
                            help=f"{scope}margin over 'none' a group needs (default: 0.1)")


def _chemprot_training(args: argparse.Namespace, splits: list) -> tuple[list[list[str]], dict]:
    """Each split's training labels and the train_classifier settings the ChemProt options ask for."""
    from .chemprot import training_labels
    from .relation_classifier import DEFAULT_C, DEFAULT_THRESHOLD

    labels = [[c.label for c in split.candidates] if args.evaluated_only else training_labels(args.data, split)
              for split in splits]
    settings = {"c": DEFAULT_C if args.c is None else args.c, "ensemble": not args.single,
                "threshold": DEFAULT_THRESHOLD if args.threshold is None else args.threshold}
    return labels, settings


def _cmd_train(args: argparse.Namespace) -> int:
    if args.pairs:
        return _cmd_train_pairs(args)
    from .chemprot import load_split
    from .parse_cache import cached_parses
    from .relation_classifier import DEFAULT_MODEL_PATH, save_classifier, train_classifier

    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    if "test" in splits:
        print("evidence: refusing to train on the ChemProt test split", file=sys.stderr)
        return 1
    loaded = [load_split(args.data, s) for s in splits]
    candidates = [c for split in loaded for c in split.candidates]
    labels, settings = _chemprot_training(args, loaded)
    started = time.perf_counter()
    classifier = train_classifier(candidates, labels=[label for split in labels for label in split],
                                  parses=cached_parses(c.sentence for c in candidates), **settings)
    path = save_classifier(classifier, args.model or DEFAULT_MODEL_PATH)
    print(f"trained on {'+'.join(splits)} ({len(candidates)} candidates) in "
          f"{time.perf_counter() - started:.1f}s -> {path}")
    return 0


def _cmd_train_pairs(args: argparse.Namespace) -> int:
    import json

    from ..io import write_text
    from ..relations.pairs import MODEL_PATH, parser_available
    from .pair_card import write_card
    from .pair_training import train_from_corpora

    if args.paths and not parser_available():
        print("evidence: --paths needs the dependency parser model (pipeline/data/models/parser)", file=sys.stderr)
        return 1
    bc5cdr = None if str(args.bc5cdr) == "none" else args.bc5cdr
    out = args.model or MODEL_PATH
    model, card = train_from_corpora(args.biored, bc5cdr, Path("outputs") / "eval" / "pairs_training",
                                     c=1.0 if args.c is None else args.c,
                                     threshold=0.0 if args.threshold is None else args.threshold,
                                     seed=args.seed, paths=args.paths, context=args.context,
                                     stated_only=args.stated_only, chemprot=args.chemprot)
    write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", out)
    write_card(card, out.parent / "MODEL_CARD.md", " ".join(["evidence", *sys.argv[1:]]))
    print(f"pair model: {card} -> {out}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    if args.corpus == "biored":
        from .biored_run import evaluate_biored

        return evaluate_biored(args.data or DEFAULT_BIORED, args.split, run=args.run, agents=args.agents)
    args.data = args.data or DEFAULT_CHEMPROT
    if args.corpus == "judged":
        from .relations_judged import format_judged, score_judged

        if args.judgments is None or args.relations is None:
            raise UsageError("--corpus judged needs --judgments FILE and --relations FILE")
        print(format_judged(score_judged(args.relations, args.judgments), args.judgments))
        return 0
    if args.corpus == "dev":
        from .relations_devset import DEFAULT_DEV_DIR, evaluate_dev, format_dev_report

        from ..context import DEFAULT_OUT_DIR
        from ..stages import stage_path

        relations_path = args.relations or stage_path(DEFAULT_OUT_DIR, "relations")
        if args.run is not None:
            relations_path = _extract_to_temp(args.run, args.agents)
        result = evaluate_dev(relations_path, args.annotations or DEFAULT_DEV_DIR, axis_only=args.axis_only)
        print(format_dev_report(result, details=args.details))
        return 0
    from .chemprot import load_split, training_labels
    from .relation_classifier import DEFAULT_MODEL_PATH, evaluate_split, load_classifier, train_classifier
    from .scoring import format_scores

    if args.cv:
        return _cross_validate(args)

    if args.method == "rules":
        from .chemprot_rules import predict_rules

        predict = predict_rules
        print("method: trigger-table rules")
    else:
        model_path = args.model or DEFAULT_MODEL_PATH
        if model_path.exists():
            classifier = load_classifier(model_path)
            print(f"model: {model_path} ({dict(classifier.settings)})")
        else:
            print(f"model: {model_path} absent; training on the train split now")
            train = load_split(args.data, "train")
            classifier = train_classifier(train.candidates, labels=training_labels(args.data, train))
        from .parse_cache import cached_parses

        def predict(candidates):
            return classifier.predict(candidates, cached_parses(c.sentence for c in candidates))
    split = load_split(args.data, args.split)
    started = time.perf_counter()
    labels = predict(split.candidates)
    elapsed = time.perf_counter() - started
    print(f"ChemProt {args.split}: {split.documents} abstracts, {len(split.candidates)} candidate pairs, "
          f"{len(split.gold)} gold relations")
    print(format_scores(evaluate_split(split, labels)))
    print(f"prediction: {elapsed:.2f}s ({split.documents / max(elapsed, 1e-9):.0f} abstracts/s"
          f"{'' if args.method == 'rules' else ', parses read from .cache/parses when made before'})")
    return 0


def _cross_validate(args: argparse.Namespace) -> int:
    from .chemprot import load_split
    from .chemprot_cv import cross_validate
    from .scoring import format_scores

    names = [s.strip() for s in args.cv.split(",") if s.strip()]
    if "test" in names:
        print("evidence: refusing to cross-validate on the ChemProt test split", file=sys.stderr)
        return 1
    splits = [load_split(args.data, name) for name in names]
    labels, settings = _chemprot_training(args, splits)
    started = time.perf_counter()
    scores = cross_validate(splits, labels, folds=args.folds, **settings)
    print(f"ChemProt {args.folds}-fold CV over {'+'.join(names)} ({sum(s.documents for s in splits)} abstracts), "
          f"settings {settings}, evaluated-only labels: {args.evaluated_only}")
    print(format_scores(scores))
    print(f"{time.perf_counter() - started:.0f}s")
    return 0


def _extract_to_temp(run: Path, agents: str) -> Path:
    """Extract relations from a run folder into a temporary folder beside a copy of its relations inputs."""
    import shutil
    import tempfile

    from ..context import RunContext
    from ..stages import STAGE_BY_NAME, run_stage, stage_path

    folder = Path(tempfile.mkdtemp(prefix="relations-dev-"))
    stage = STAGE_BY_NAME["relations"]
    for key in stage.reads:
        if stage_path(run, key).exists():
            shutil.copyfile(stage_path(run, key), stage_path(folder, key))
    counts = run_stage(stage, RunContext(out_dir=folder, options=(("relation_agents", agents),)))
    print(f"extracted ({agents} agents) from {run}: {counts['relations']} relations -> {folder}")
    return stage_path(folder, "relations")
