"""Parses of benchmark sentences kept on disk, so repeated training and scoring parse each sentence once.

A cache file holds the parses of one set of sentences (a split's candidate sentences) and is named by
a hash of the parser model's ``meta.json`` and of the sorted sentences, so a retrained parser or a
changed sentence splitter never reads stale trees. Files live under ``.cache/parses/`` (gitignored).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, DocBin

from ..context import PROJECT_DIR
from ..io import write_bytes

logger = logging.getLogger(__name__)

DEFAULT_PARSE_CACHE = PROJECT_DIR / ".cache" / "parses"


def _key(sentences: list[str], model_dir: Path | None) -> str:
    from ..parser import DEFAULT_MODEL_DIR

    digest = hashlib.sha1((Path(model_dir or DEFAULT_MODEL_DIR) / "meta.json").read_bytes())
    for sentence in sentences:
        digest.update(b"\0" + sentence.encode("utf-8"))
    return digest.hexdigest()[:20]


def cached_parses(sentences: Iterable[str], *, cache_dir: Path | None = DEFAULT_PARSE_CACHE,
                  model_dir: Path | None = None) -> dict[str, Doc]:
    """Each distinct sentence -> its parse, read from ``cache_dir`` when this exact set was parsed before.

    ``cache_dir=None`` parses without reading or writing a cache.
    """
    from ..parser import load_parser, parse_sentences

    distinct = sorted(set(sentences))
    if cache_dir is None:
        return dict(zip(distinct, parse_sentences(distinct, model_dir=model_dir)))
    path = Path(cache_dir) / f"{_key(distinct, model_dir)}.spacy"
    if path.is_file():
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(load_parser(model_dir).vocab))
        if [doc.text for doc in docs] == distinct:
            return dict(zip(distinct, docs))
        logger.warning("%s: cached parses do not match their sentences; parsing again", path)
    docs = parse_sentences(distinct, model_dir=model_dir)
    write_bytes(DocBin(attrs=["ORTH", "SPACY", "TAG", "LEMMA", "HEAD", "DEP", "SENT_START"],
                       docs=docs).to_bytes(), path)
    logger.info("parsed %d sentences -> %s", len(docs), path)
    return dict(zip(distinct, docs))
