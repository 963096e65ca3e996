"""The trained NER model (accurate profile): adding it to the pipeline; its tokenizer is `pipeline.tokenizer`."""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language

from ..context import DEFAULT_NER_MODEL_DIR
from ..tokenizer import TOKENIZER_NAME, blank_scientific  # noqa: F401 - the model's config names the tokenizer

logger = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = DEFAULT_NER_MODEL_DIR
# Labels the model may add where the lexicons found nothing; on BioRED dev it helped DISEASE and TARGET
# and lowered DRUG and CELL_LINE (see the report's ablation).
DEFAULT_MODEL_LABELS = ("DISEASE", "TARGET")
def add_model(nlp: Language, model_dir: Path | None = None,
              labels: tuple[str, ...] = DEFAULT_MODEL_LABELS) -> bool:
    """Put the trained model's components before ``evidence_entities``.

    The model writes ``doc.ents``; ``evidence_entities`` then takes them as candidates of
    source ``model`` that fill the gaps the lexicons leave, for ``labels`` only. Returns False (and logs a warning)
    when no trained model exists, leaving the lexicon pipeline unchanged.
    """
    path = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    if not (path / "meta.json").exists():
        logger.warning("no trained NER model in %s; the accurate profile runs on lexicons only "
                       "(train one with `evidence train ner`)", path)
        return False
    trained = spacy.load(path)
    for name in trained.pipe_names:
        nlp.add_pipe(name, name=f"model_{name}", source=trained, before="evidence_entities")
    recognizer = nlp.get_pipe("evidence_entities")
    recognizer.use_model = True
    recognizer.model_labels = frozenset(labels)
    logger.info("NER model from %s: %s", path, trained.pipe_names)
    return True
