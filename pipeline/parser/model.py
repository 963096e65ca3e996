"""Load the shipped parser once and parse selected sentences with it.

The model lives in ``pipeline/data/models/parser`` (see its ``MODEL_CARD.md``): the project's
scientific tokenizer, a PTB tagger and a ClearNLP/Stanford-label dependency parser trained on CRAFT.
Relation extraction calls :func:`parse_sentences` on the sentences that hold a candidate pair only,
so a run pays for parsing where it is used.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import InputError
from .. import tokenizer as _tokenizer  # noqa: F401 - registers the tokenizer the model's config names

logger = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "parser"


@functools.lru_cache(maxsize=4)
def load_parser(model_dir: Path | None = None) -> Language:
    """The parser pipeline (tokenizer, tok2vec, tagger, parser), loaded once per folder."""
    path = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    if not (path / "meta.json").is_file():
        raise InputError(str(path), "no parser model here (meta.json missing); `evidence train parser` builds one")
    nlp = spacy.load(path)
    logger.info("parser model from %s: %s", path, nlp.pipe_names)
    return nlp


def parse_sentences(sentences: Iterable[str | Doc], *, model_dir: Path | None = None,
                    batch_size: int = 256) -> list[Doc]:
    """Tag and parse each item as one sentence; returns one Doc per item, in order.

    An item is a text (tokenised here by the model's tokenizer, the project's scientific one) or a
    Doc already tokenised with this model's vocabulary. Every token but the first is marked as not
    starting a sentence before parsing, so each Doc holds one tree (the parser respects preset
    boundaries) even where it would have split the text.
    """
    nlp = load_parser(model_dir)
    docs = [_one_sentence(item if isinstance(item, Doc) else nlp.make_doc(item)) for item in sentences]
    for _name, component in nlp.pipeline:
        docs = list(component.pipe(docs, batch_size=batch_size))
    return docs


def _one_sentence(doc: Doc) -> Doc:
    for token in doc[1:]:
        token.is_sent_start = False
    return doc
