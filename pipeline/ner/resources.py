"""Loading lexicons once per process: the embedded tables, the drug dictionary and the compiled cache."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import DEFAULT_CACHE_DIR, LEXICON_DIR, Lexicon, load_compiled, load_drug_dictionary, load_embedded
from .matcher import LexiconMatcher, PatternMatcher

logger = logging.getLogger(__name__)


def _read_list(name: str) -> list[str]:
    with (LEXICON_DIR / name).open(encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def build_lexicon(cache_dir: Path | None = None, *, drugs: bool = True, compiled: bool = True) -> Lexicon:
    """Embedded tables, plus the drug dictionary and the compiled cache when asked for and present."""
    lexicon = load_embedded()
    if drugs:
        stopwords = set(STOP_WORDS) | {w.lower() for w in _read_list("drug_stopwords.txt")}
        lexicon.extend(load_drug_dictionary(stopwords=stopwords,
                                            excluded_trees=_read_list("drug_excluded_mesh_trees.txt")))
    if compiled:
        lexicon.extend(load_compiled(cache_dir or DEFAULT_CACHE_DIR))
    return lexicon


@functools.lru_cache(maxsize=4)
def get_matchers(cache_dir: str | None = None, drugs: bool = True,
                 compiled: bool = True) -> tuple[LexiconMatcher, list[PatternMatcher]]:
    """The compiled lexicon matcher and the shape patterns (cell lines, diseases), built once per process."""
    lexicon = build_lexicon(Path(cache_dir) if cache_dir else None, drugs=drugs, compiled=compiled)
    entries = lexicon.entries()
    patterns = [PatternMatcher(entries),
                PatternMatcher(entries, LEXICON_DIR / "disease_patterns.tsv", label="DISEASE", id_prefix="disease:",
                               ignore_case=True, exceptions=_read_list("disease_pattern_exceptions.txt"))]
    return LexiconMatcher(lexicon), patterns
