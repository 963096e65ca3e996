"""``evidence train ner``: a spaCy NER model trained on a benchmark's train split (CPU, minutes).

Documents are tokenised with the pipeline's own scientific tokenizer; gold spans that do not
align with its tokens (e.g. "Doxorubicin" inside "Doxorubicin-induced") are counted and left
out. Every test-split PMID of every corpus is excluded from training, and ``learned_from.json``
records the documents used, so ``evidence evaluate ner`` can check the split it scores.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from spacy.cli.init_config import init_config
from spacy.tokens import DocBin
from spacy.util import filter_spans

from ..corpora import load_corpus
from ..errors import InputError
from ..io import write_json
from .ner_scoring import corpus_label_map
from ..ner.model import DEFAULT_MODEL_DIR
from ..tokenizer import TOKENIZER_NAME, blank_scientific
from .provenance import write_provenance

logger = logging.getLogger(__name__)

TEST_SPLITS = (("biored", "BioRED"), ("bc5cdr", "BC5CDR"))


def _doc_bin(nlp, documents, label_map) -> tuple[DocBin, int, int]:
    doc_bin = DocBin(store_user_data=False)
    aligned = misaligned = 0
    for annotated in documents:
        doc = nlp.make_doc(annotated.document.text)
        spans = []
        for mention in annotated.mentions:
            label = label_map.get(mention.label)
            if not label:
                continue
            span = doc.char_span(mention.start, mention.end, label=label)
            if span is None:
                misaligned += 1
                continue
            aligned += 1
            spans.append(span)
        doc.ents = filter_spans(spans)
        doc_bin.add(doc)
    return doc_bin, aligned, misaligned


def train_ner(corpus: str, data_dir: Path, benchmarks: Path, out_dir: Path | None = None, *,
              max_steps: int = 4000, patience: int = 800, eval_frequency: int = 200) -> dict[str, float | int]:
    """Train on ``corpus`` train (early stopping on its last tenth); write the model and its provenance.

    The corpus dev split is not touched, so it stays available for tuning how the model and the
    lexicons are combined.

    Parameters
    ----------
    corpus, data_dir
        The corpus and its folder (e.g. ``biored``, ``../shared/data/benchmarks/BioRED``).
    benchmarks
        The folder holding every corpus, to exclude all test PMIDs from training.
    out_dir
        Where the model goes (default ``models/ner``, gitignored).
    """
    from spacy.cli.train import train as spacy_train

    out_dir = out_dir or DEFAULT_MODEL_DIR
    label_map = corpus_label_map(corpus)
    if not label_map:
        raise InputError(corpus, "no label mapping for this corpus")
    held_out: set[str] = set()
    for name, folder in TEST_SPLITS:
        held_out.update(d.doc_id for d in load_corpus(name, benchmarks / folder, "test"))
    documents = [d for d in load_corpus(corpus, data_dir, "train") if d.doc_id not in held_out]
    cut = len(documents) - max(1, len(documents) // 10)
    train_docs, dev_docs = documents[:cut], documents[cut:]
    nlp = blank_scientific()
    work = out_dir.parent / (out_dir.name + ".work")
    work.mkdir(parents=True, exist_ok=True)
    counts: dict[str, float | int] = {"train_documents": len(train_docs), "dev_documents": len(dev_docs)}
    for name, docs in (("train", train_docs), ("dev", dev_docs)):
        doc_bin, aligned, misaligned = _doc_bin(nlp, docs, label_map)
        doc_bin.to_disk(work / f"{name}.spacy")
        counts[f"{name}_spans_aligned"], counts[f"{name}_spans_misaligned"] = aligned, misaligned
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency")
    config["nlp"]["tokenizer"] = {"@tokenizers": TOKENIZER_NAME}
    config["paths"]["train"] = str(work / "train.spacy")
    config["paths"]["dev"] = str(work / "dev.spacy")
    config["training"]["max_steps"] = max_steps
    config["training"]["patience"] = patience
    config["training"]["eval_frequency"] = eval_frequency
    config_path = work / "config.cfg"
    config.to_disk(config_path)
    started = time.perf_counter()
    spacy_train(config_path, work / "output", use_gpu=-1)
    counts["train_seconds"] = round(time.perf_counter() - started, 1)
    best = work / "output" / "model-best"
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    best.rename(out_dir)
    write_provenance(out_dir, f"NER model {out_dir}", [f"{corpus}:train"],
                     [d.doc_id for d in train_docs + dev_docs], held_out)
    write_json(counts, out_dir / "training_counts.json")
    logger.info("trained NER model in %s: %s", out_dir, counts)
    return counts
