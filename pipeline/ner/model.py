"""Adding a spaCy NER model trained by ``evidence train ner`` to the pipeline."""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language

from ..context import PROJECT_DIR

logger = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = PROJECT_DIR / "models" / "ner"


def add_model(nlp: Language, model_dir: Path | None = None) -> bool:
    """Put the trained model's components before ``evidence_entities``.

    The model writes ``doc.ents``; ``evidence_entities`` then takes them as candidates of
    source ``model`` and merges them with the lexicon's. Returns False (and logs a warning)
    when no trained model exists, leaving the lexicon pipeline unchanged.
    """
    path = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    if not (path / "meta.json").exists():
        logger.warning("no trained NER model in %s; the accurate profile runs on lexicons only "
                       "(train one with `evidence train ner`)", path)
        return False
    trained = spacy.load(path)
    before = "evidence_entities"
    for name in trained.pipe_names:
        nlp.add_pipe(name, name=f"model_{name}", source=trained, before=before)
    nlp.get_pipe("evidence_entities").use_model = True
    logger.info("NER model from %s: %s", path, trained.pipe_names)
    return True
