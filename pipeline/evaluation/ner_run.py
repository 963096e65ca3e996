"""The ``evidence evaluate ner`` run: load a split, recognise, check provenance, score, write JSON."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from ..corpora import load_corpus
from ..io import write_json
from ..ner.factory import build_nlp
from ..ner.lexicon import DEFAULT_CACHE_DIR
from ..ner.recognize import recognize_mentions
from .folds import fold
from .ner_concepts import concept_scores, format_concept_scores
from .ner_scoring import apply_span_conventions, corpus_label_map, format_scores, gold_mentions, score, source_precision
from .provenance import overlap_report, read_provenance

logger = logging.getLogger(__name__)


def run_evaluation(args: argparse.Namespace) -> int:
    """Score the pipeline on one split; refuse (exit 1) if a learned resource saw that split."""
    documents = load_corpus(args.corpus, args.data, args.split)
    split = args.split
    if getattr(args, "fold", None):
        documents = fold(documents, *args.fold)
        split = f"{args.split}-fold{args.fold[0]}of{args.fold[1]}"
    cache_dir = None if args.no_compiled else (args.cache_dir or DEFAULT_CACHE_DIR)
    resources = [read_provenance(cache_dir) if cache_dir and cache_dir.is_dir() else None]
    report, shared = overlap_report((d.doc_id for d in documents), resources)
    print(report)
    if shared and not args.allow_overlap:
        print(f"evaluate ner: refusing to score {args.corpus} {split}: {shared} of its documents were "
              "learned from (rebuild without them, or pass --allow-overlap)")
        return 1
    nlp = build_nlp(args.profile, cache_dir=cache_dir, compiled=not args.no_compiled,
                    abbreviations=not args.no_abbreviations, patterns=not args.no_patterns, drugs=not args.no_drugs)
    started = time.perf_counter()
    predicted = recognize_mentions([d.document for d in documents], nlp)
    seconds = time.perf_counter() - started
    predicted = apply_span_conventions(predicted, {d.doc_id: d.document.text for d in documents}, args.corpus)
    label_map = corpus_label_map(args.corpus)
    gold = gold_mentions(documents, label_map)
    scores = score(gold, predicted, set(label_map.values()))
    title = (f"NER {args.corpus} {split} ({len(documents)} documents, profile {args.profile}, "
             f"{len(documents) / seconds:.1f} docs/s)")
    print(format_scores(scores, title))
    by_source = source_precision(gold, predicted, set(label_map.values()))
    concepts = concept_scores(gold, predicted, set(label_map.values()))
    print(format_concept_scores(concepts, "document-level concept F1 (standard ids in norm_id or xrefs)"))
    print("strict precision by source: " + "; ".join(
        f"{r['label']}/{r['source']} {r['correct']}/{r['predicted']} = {r['precision']:.3f}" for r in by_source))
    out = args.out or Path("outputs") / "eval" / f"ner_{args.corpus}_{split}.json"
    write_json({"corpus": args.corpus, "split": split, "documents": len(documents),
                "profile": args.profile, "pipeline": nlp.pipe_names,
                "options": {"compiled": not args.no_compiled, "drugs": not args.no_drugs,
                            "patterns": not args.no_patterns, "abbreviations": not args.no_abbreviations},
                "provenance_check": report, "docs_per_second": round(len(documents) / seconds, 2),
                "scores": [s.as_dict() for s in scores],
                "concept_scores": [s.as_dict() for s in concepts], "precision_by_source": by_source}, out)
    print(f"wrote {out}")
    return 0
