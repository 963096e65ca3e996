"""Priming spaCy's vocabulary and tokenizer cache with frequent words, outside any memory zone.

The NER work functions run each chunk of documents inside ``nlp.memory_zone()`` so that the
vocabulary does not grow with every new abstract. Inside a zone spaCy's tokenizer neither keeps
new words nor caches how it split a chunk of text, so every chunk would be tokenized cold (the
cost is measured in docs/scaling.md). Tokenizing the frequent chunks once, before any zone, makes their lexemes and cache entries
permanent; zones then only drop the rare words. Tokens and mentions are the same either way.

The primer is the ``vocabulary_primer.txt`` written by ``evidence lexicon build --corpus-train``
(frequent chunks of the train splits, one per line); without it, the chunks of the review.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language

from ..context import PROJECT_DIR
from ..io import write_text

logger = logging.getLogger(__name__)

PRIMER_FILE = "vocabulary_primer.txt"
PRIMER_SIZE = 20_000  # the frequent chunks worth priming; a larger primer was no faster (docs/scaling.md)
FALLBACK_TEXT = PROJECT_DIR / "corpus" / "review.txt"
_BATCH = 1_000


def frequent_chunks(texts: Iterable[str], size: int = PRIMER_SIZE) -> list[str]:
    """The ``size`` most frequent whitespace-separated chunks of ``texts``, most frequent first."""
    counts = Counter(chunk for text in texts for chunk in text.split())
    return [chunk for chunk, _n in counts.most_common(size)]


def write_primer(texts: Iterable[str], cache_dir: Path, size: int = PRIMER_SIZE) -> int:
    """Write the primer of ``texts`` into ``cache_dir``; return the number of chunks."""
    chunks = frequent_chunks(texts, size)
    write_text("".join(f"{chunk}\n" for chunk in chunks), cache_dir / PRIMER_FILE)
    return len(chunks)


def primer_chunks(cache_dir: Path) -> list[str]:
    """The cached primer's chunks, else the review's (an empty list when neither exists)."""
    primer = cache_dir / PRIMER_FILE
    if primer.exists():
        return [line for line in primer.read_text(encoding="utf-8").split("\n") if line]
    if FALLBACK_TEXT.exists():
        return frequent_chunks([FALLBACK_TEXT.read_text(encoding="utf-8")], PRIMER_SIZE)
    return []


def prime_vocabulary(nlp: Language, chunks: list[str]) -> int:
    """Tokenize ``chunks`` with ``nlp``'s tokenizer outside any memory zone; return how many."""
    if nlp.vocab.in_memory_zone:
        raise RuntimeError("prime the vocabulary before entering nlp.memory_zone(): inside it nothing is kept")
    for start in range(0, len(chunks), _BATCH):
        nlp.tokenizer(" ".join(chunks[start:start + _BATCH]))
    logger.info("vocabulary primed with %d chunks (%d lexemes)", len(chunks), len(nlp.vocab))
    return len(chunks)
