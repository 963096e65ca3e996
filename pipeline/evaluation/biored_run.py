"""``evidence evaluate relations --corpus biored``: run the pipeline on a BioRED split and score its pairs."""

from __future__ import annotations

import time
from pathlib import Path

from ..context import RunContext
from ..io import read_jsonl, write_json
from ..ner.lexicon import DEFAULT_CACHE_DIR
from ..records import Mention, Relation
from ..stages import STAGE_BY_NAME, run_stage, stage_path
from .biored_relations import agent_spans, load_biored, relation_pairs, score_biored, split_path
from .provenance import overlap_report, read_provenance
from .scoring import format_scores

#: the stages a BioRED run needs (reconcile and report concern the review's gold table)
RUN_STAGES = ("ingest", "ner", "relations")


def run_pipeline(pubtator: Path, out_dir: Path, agents: str) -> float:
    """Ingest, NER and relations on ``pubtator`` into ``out_dir`` (default profile); return the seconds taken."""
    context = RunContext(out_dir=out_dir, pubtator_files=(pubtator,), options=(("relation_agents", agents),))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for name in RUN_STAGES:
        run_stage(STAGE_BY_NAME[name], context)
    return time.perf_counter() - started


def evaluate_biored(data: Path, split: str, *, run: Path | None = None, agents: str = "all",
                    out: Path | None = None) -> int:
    """Score the chemical–gene/disease pairs of a run (``run``, or a fresh one) on ``split``; print and write JSON."""
    path = split_path(data, split)
    gold = load_biored(path)
    report, _ = overlap_report(gold.texts, [read_provenance(DEFAULT_CACHE_DIR) if DEFAULT_CACHE_DIR.is_dir() else None])
    print(report)
    seconds = None
    if run is None:
        run = Path("outputs") / "eval" / f"biored_{split}"
        seconds = run_pipeline(path, run, agents)
        print(f"ran ingest, ner, relations ({agents} agents) on {path} -> {run} in {seconds:.1f}s")
    relations = list(read_jsonl(stage_path(run, "relations"), Relation))
    mentions = stage_path(run, "mentions")
    spans = agent_spans(read_jsonl(mentions, Mention)) if mentions.exists() else None
    predicted = relation_pairs(relations, gold, spans=spans)
    pair, typed = score_biored(gold.pairs, predicted)
    print(f"BioRED {split}: {len(gold.texts)} abstracts, {len(gold.pairs)} gold chemical-gene/disease pairs, "
          f"{len(predicted)} predicted from {len(relations)} relations")
    print("pair (any type):")
    print(format_scores([pair]))
    print("with polarity (Positive_Correlation <-> increases, Negative_Correlation <-> decreases/treats):")
    print(format_scores(typed))
    write_json({"corpus": "biored", "split": split, "run": str(run), "agents": agents, "seconds": seconds,
                "provenance_check": report, "gold_pairs": len(gold.pairs), "predicted_pairs": len(predicted),
                "pair": {"p": pair.precision, "r": pair.recall, "f1": pair.f1},
                "polarity": {s.label: {"p": s.precision, "r": s.recall, "f1": s.f1} for s in typed}},
               out or Path("outputs") / "eval" / f"relations_biored_{split}.json")
    return 0
