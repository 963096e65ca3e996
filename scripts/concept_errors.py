"""List the document-level concept errors of NER on a benchmark split, one label, each with its cause.

    python scripts/concept_errors.py --corpus biored --data ../shared/data/benchmarks/BioRED --split dev \
        --label DRUG --cache-dir .cache/lexdev [--fold K/N]

A missed gold concept (FN) is ``FN-missed`` (no predicted mention over any of its mentions),
``FN-otherlabel`` (only mentions of another label there), ``FN-noid`` (its mentions were found but carry
no standard id) or ``FN-wrongid`` (found with another id); a predicted concept not in the gold (FP) is
``FP-wrongid`` (its mentions lie over gold mentions: of another concept or label) or ``FP-spurious``.
For tuning on train/dev (never a test split); ``--fold`` as ``evidence evaluate ner --fold``.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.corpora import load_corpus
from pipeline.evaluation.folds import fold, parse_fold
from pipeline.evaluation.ner_concepts import gold_ids
from pipeline.evaluation.ner_scoring import apply_span_conventions, corpus_label_map, gold_mentions
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.ner.standard_ids import primary_id


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _show(m) -> str:
    return f"{m.text}[{m.label}:{m.norm_id}:{primary_id(m.label, m.norm_id, tuple(m.xrefs))}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--label", required=True)
    parser.add_argument("--cache-dir", required=True, type=Path)
    parser.add_argument("--fold", type=parse_fold, default=None, metavar="K/N")
    args = parser.parse_args()
    docs = load_corpus(args.corpus, args.data, args.split)
    docs = fold(docs, *args.fold) if args.fold else docs
    nlp = build_nlp("fast", cache_dir=args.cache_dir, compiled=True, abbreviations=True, patterns=True, drugs=True)
    pred = recognize_mentions([d.document for d in docs], nlp)
    pred = apply_span_conventions(pred, {d.doc_id: d.document.text for d in docs}, args.corpus)
    gold = gold_mentions(docs, corpus_label_map(args.corpus))
    all_gold, all_pred = defaultdict(list), defaultdict(list)
    for m in gold:
        all_gold[m.doc_id].append(m)
    for m in pred:
        all_pred[m.doc_id].append(m)
    causes: Counter[str] = Counter()
    for doc in sorted(set(all_gold) | set(all_pred)):
        mine = [p for p in all_pred[doc] if p.label == args.label]
        ids = {primary_id(p.label, p.norm_id, tuple(p.xrefs)) for p in mine} - {None}
        concepts = defaultdict(list)
        for g in all_gold[doc]:
            if g.label == args.label and gold_ids(g):
                concepts[gold_ids(g)].append(g)
        for concept, mentions in concepts.items():
            if concept & ids:
                continue
            hits = [p for g in mentions for p in mine if _overlaps(g, p)]
            others = [p for g in mentions for p in all_pred[doc] if _overlaps(g, p)]
            if not hits:
                cause = "FN-otherlabel" if others else "FN-missed"
            elif all(primary_id(p.label, p.norm_id, tuple(p.xrefs)) is None for p in hits):
                cause = "FN-noid"
            else:
                cause = "FN-wrongid"
            causes[cause] += 1
            print(cause, doc, "|".join(sorted(concept)), sorted({g.text for g in mentions}), "predicted:",
                  sorted({_show(p) for p in hits or others}))
        for found in sorted(ids):
            if any(found in c for c in concepts):
                continue
            mentions = [p for p in mine if primary_id(p.label, p.norm_id, tuple(p.xrefs)) == found]
            under = {f"{g.text}[{g.label}:{g.norm_id}]" for p in mentions for g in all_gold[doc] if _overlaps(g, p)}
            cause = "FP-wrongid" if under else "FP-spurious"
            causes[cause] += 1
            print(cause, doc, found, sorted({_show(p) for p in mentions}), "gold:", sorted(under))
    print(dict(sorted(causes.items())))


if __name__ == "__main__":
    main()
