"""``evidence train parser``: convert CRAFT to spaCy's format and train the shipped tagger + parser (CPU).

Training data: the CRAFT train articles (ClearNLP/Stanford labels, the scheme spaCy's English models
use); early stopping and model selection on CRAFT dev. With ``genia_copies``, also GENIA's PubMed
abstracts: future_use (UD v1) and train (XML constituency trees, :mod:`.parser_penn`), re-shaped into
CRAFT's scheme by :mod:`.parser_genia`, with GENIA dev joining CRAFT dev for model selection; GENIA
test is never read. UD_English-EWT is CC BY-SA, so it is not trained on.

The gold Docs keep the treebank's tokens; spaCy's corpus reader re-tokenises each text with the
project tokenizer named in the config and aligns the two, so the model learns on the tokens it will
see at run time. Where several treebank tokens become one project token ("anterior - posterior" ->
"anterior-posterior"), spaCy keeps the head of the merged piece when it is well defined and leaves
it unknown otherwise; nothing is dropped. Dropped from the treebank: lemmas (ClearNLP-normalised),
features, and the secondary dependencies in MISC (``4:gap=``), which a basic tree cannot hold.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from ..context import PROJECT_DIR
from ..errors import InputError, PipelineError
from ..io import write_json
from ..tokenizer import blank_scientific
from ..parser.model import DEFAULT_MODEL_DIR
from .parser_data import TreebankSentence, gold_doc, group_sentences, treebank_sentences
from .parser_genia import genia_training_sentences

logger = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).parent / "configs" / "parser.cfg"
SENTENCES_PER_DOC = 10
# Converted data and spaCy's checkpoints: under the git-ignored models/ folder, never in the package.
DEFAULT_WORK_DIR = PROJECT_DIR / "models" / "parser.work"
# Files of a spaCy model folder that the runtime needs; everything else training writes is left out.
SHIPPED_FILES = ("config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "tagger", "parser")


class TrainingTimeUp(PipelineError):
    """Raised from the update callback when the wall-clock budget is spent (the best model is kept)."""


@spacy.registry.callbacks("evidence_parser_time_limit.v1")
def create_time_limit(minutes: float):  # noqa: ANN201 - spaCy's registry signature
    """A ``[training] before_update`` callback that stops training after ``minutes`` of wall-clock time.

    spaCy writes ``model-best`` at every evaluation that improves the score, so stopping between
    updates keeps the best model seen so far; ``minutes <= 0`` means no limit.
    """
    started = time.monotonic()

    def check(_nlp, info) -> None:  # noqa: ANN001
        if minutes > 0 and time.monotonic() - started > minutes * 60:
            raise TrainingTimeUp(f"time limit of {minutes} min reached at step {info.get('step')}")

    return check


@spacy.registry.readers("evidence_parser_corpus.v1")
def create_parser_corpus(path: Path, treebank_tokens: bool = True, limit: int = 0):  # noqa: ANN201
    """Training examples from a DocBin of gold Docs, on the project's tokens and on the treebank's.

    Each gold Doc gives an Example on the project tokenizer's tokens of its text (what the model
    sees at run time) and, with ``treebank_tokens``, a second on the treebank's own tokens, so the
    model also learns the trees of what the project tokenizer merges ("anterior - posterior").
    """

    def read(nlp: Language):  # noqa: ANN202
        docs = DocBin().from_disk(path).get_docs(nlp.vocab)
        for number, reference in enumerate(docs):
            if limit and number >= limit:
                break
            yield Example(nlp.make_doc(reference.text), reference)
            if treebank_tokens:
                words = [t.text for t in reference]
                spaces = [bool(t.whitespace_) for t in reference]
                yield Example(Doc(nlp.vocab, words=words, spaces=spaces), reference)

    return read


def convert_split(split: str, data_dir: Path, out_path: Path, *,
                  genia: list[TreebankSentence] = (), genia_copies: int = 0) -> dict[str, int]:
    """Write CRAFT ``split`` (plus ``genia_copies`` copies of the ``genia`` sentences) as a DocBin of gold Docs.

    Counts the sentences whose tokens the project tokenizer reproduces.
    """
    nlp = blank_scientific()
    sentences = treebank_sentences("craft", split, data_dir)
    doc_bin = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "SENT_START"], store_user_data=False)
    exact = 0
    for sentence in sentences:
        exact += [t.text for t in nlp.make_doc(sentence.text)] == list(sentence.words)
    docs = 0
    for group in group_sentences(sentences, SENTENCES_PER_DOC):
        doc_bin.add(gold_doc(nlp.vocab, group))
        docs += 1
    counts = {f"{split}_sentences": len(sentences), f"{split}_tokens": sum(len(s.words) for s in sentences),
              f"{split}_sentences_aligned_exactly": exact, f"{split}_docs": docs}
    if genia and genia_copies:
        genia_docs = [gold_doc(nlp.vocab, group) for group in group_sentences(list(genia), SENTENCES_PER_DOC)]
        for _ in range(genia_copies):
            for doc in genia_docs:
                doc_bin.add(doc)
        counts.update({f"{split}_genia_sentences": len(genia), f"{split}_genia_copies": genia_copies,
                       f"{split}_genia_sentences_aligned_exactly":
                           sum([t.text for t in nlp.make_doc(s.text)] == list(s.words) for s in genia)})
    out_path.parent.mkdir(parents=True, exist_ok=True)
    doc_bin.to_disk(out_path)
    return counts


def train_parser(data_dir: Path, out_dir: Path | None = None, *, work_dir: Path | None = None,
                 max_minutes: float = 45.0, max_steps: int | None = None, limit: int = 0,
                 resume_from: Path | None = None, treebank_tokens: bool = True,
                 genia_copies: int = 0) -> dict[str, object]:
    """Convert the treebanks, train with ``configs/parser.cfg`` and copy the best model to ``out_dir``.

    Parameters
    ----------
    data_dir
        The treebanks folder (``../shared/data/treebanks``) or its ``CRAFT`` folder.
    out_dir
        Where the model goes (default: the shipped ``pipeline/data/models/parser``).
    work_dir
        Converted data, the filled-in config and spaCy's output (default: ``models/parser.work``).
    max_minutes, max_steps, limit
        Wall-clock cap, step cap (default: the config's) and a cap on documents per split (smoke tests).
    treebank_tokens
        Also train on the treebank's own tokens (see :func:`create_parser_corpus`).
    genia_copies
        With ``n > 0``, GENIA ``future_use`` and ``train`` (in CRAFT's scheme, :mod:`.parser_genia`;
        train from the XML treebank, :mod:`.parser_penn`) join the training data ``n`` times over, and GENIA dev (same conversion) joins CRAFT dev for choosing
        the kept checkpoint. GENIA test is never read.
    resume_from
        A model trained with this config: its components are the starting weights (the optimizer
        and its parameter averages start afresh), to continue a run that hit its time cap.
    """
    from spacy.cli.train import train as spacy_train

    out_dir = out_dir or DEFAULT_MODEL_DIR
    work = work_dir or DEFAULT_WORK_DIR
    counts: dict[str, object] = {}
    genia: dict[str, list[TreebankSentence]] = {"train": [], "dev": []}
    if genia_copies > 0:
        genia["train"] = genia_training_sentences(data_dir, "future_use") + genia_training_sentences(data_dir, "train")
        genia["dev"] = genia_training_sentences(data_dir, "dev")
    for split, copies in (("train", genia_copies), ("dev", 1)):
        counts.update(convert_split(split, data_dir, work / f"{split}.spacy", genia=genia[split],
                                    genia_copies=copies if genia_copies > 0 else 0))
    config = spacy.util.load_config(CONFIG_PATH)
    config["paths"]["train"] = str(work / "train.spacy")
    config["paths"]["dev"] = str(work / "dev.spacy")
    config["training"]["before_update"]["minutes"] = max_minutes
    if max_steps is not None:
        config["training"]["max_steps"] = max_steps
    if limit:
        config["corpora"]["train"]["limit"] = config["corpora"]["dev"]["limit"] = limit
    if not treebank_tokens:
        config["corpora"]["train"]["treebank_tokens"] = config["corpora"]["dev"]["treebank_tokens"] = False
    if resume_from is not None:
        if not (resume_from / "meta.json").is_file():
            raise InputError(str(resume_from), "not a spaCy model folder (meta.json missing)")
        for name in config["nlp"]["pipeline"]:
            config["components"][name] = {"source": str(resume_from.resolve())}
        counts["resumed_from"] = str(resume_from)
    config.to_disk(work / "config.cfg")
    started = time.perf_counter()
    try:
        spacy_train(work / "config.cfg", work / "output", use_gpu=-1)
        counts["stopped_by"] = "max_steps or patience"
    except TrainingTimeUp as exc:
        counts["stopped_by"] = str(exc)
    counts["train_seconds"] = round(time.perf_counter() - started, 1)
    best = work / "output" / "model-best"
    if not (best / "meta.json").is_file():
        raise InputError(str(best), "training ended before the first evaluation wrote a model")
    ship_model(best, out_dir)
    write_json(counts, out_dir / "training_counts.json")
    logger.info("trained parser in %s: %s", out_dir, counts)
    return counts


def ship_model(best: Path, out_dir: Path) -> None:
    """Copy the files the runtime loads from ``best`` to ``out_dir``, replacing what was there."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    for name in SHIPPED_FILES:
        source = best / name
        if source.is_dir():
            shutil.copytree(source, out_dir / name)
        elif source.is_file():
            shutil.copy2(source, out_dir / name)
