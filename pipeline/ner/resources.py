"""Loading lexicons once per process: the embedded tables, the drug dictionary and the compiled cache.

With a compiled cache the matchers take seconds to build, so they are also pickled into the
cache folder, under a fingerprint of every file they are built from (tables, drug dictionary
and the NER code): a changed file means a new fingerprint and a rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from ..tables import read_word_list
from ..io import write_bytes
from .lexicon import (DEFAULT_CACHE_DIR, DRUG_COMMON_WORDS, DRUG_SOURCE_IDS, LEXICON_DIR, Lexicon, drug_dictionary_path,
                      load_compiled, load_drug_dictionary, load_embedded)
from .disease_shapes import DISEASE_SHAPES_FILE, read_shapes
from .cell_preparations import CellPreparationMatcher
from .extracts import ExtractMatcher
from .matcher import LexiconMatcher
from .shapes import PatternMatcher

logger = logging.getLogger(__name__)


def _read_list(name: str) -> list[str]:
    return list(read_word_list(LEXICON_DIR / name))


def build_lexicon(cache_dir: Path | None = None, *, drugs: bool = True, compiled: bool = True,
                  agents_table: Path | None = None) -> Lexicon:
    """Embedded tables (``agents_table`` for the project's agents), plus the drug dictionary and the
    compiled cache when asked for and present."""
    lexicon = load_embedded(agents_table)
    if drugs:
        stopwords = set(STOP_WORDS) | {w.lower() for w in _read_list("drug_stopwords.txt")}
        # The foods and organisms the compiled cache left out are left out of the drug dictionary too.
        sources = (cache_dir or DEFAULT_CACHE_DIR) / DRUG_SOURCE_IDS
        excluded_ids = read_word_list(sources) if compiled and sources.exists() else ()
        # So are the names the train texts rarely annotate (the build's common-word test, DRUG_COMMON_WORDS).
        common = (cache_dir or DEFAULT_CACHE_DIR) / DRUG_COMMON_WORDS
        if compiled and common.exists():
            stopwords.update(read_word_list(common))
        lexicon.extend(load_drug_dictionary(stopwords=stopwords, excluded_ids=excluded_ids,
                                            excluded_trees=_read_list("drug_excluded_mesh_trees.txt")))
    if compiled:
        lexicon.extend(load_compiled(cache_dir or DEFAULT_CACHE_DIR))
    return lexicon


def code_sources() -> list[Path]:
    """The code the pickled matchers are built by: every NER module and the shared text helpers.

    All of them, not the three that build the matchers: a rule in a module those call (the concept
    keys, the cell-line cues) can shape the pickled entries too, and a pickle it left stale would
    score with the old rule.
    """
    code_dir = Path(__file__).resolve().parent
    return sorted(code_dir.glob("*.py")) + [code_dir.parent / name for name in ("text.py", "tables.py")]


def _fingerprint(folder: Path, drugs: bool, agents_table: Path | None = None) -> str:
    sources = sorted(LEXICON_DIR.glob("*")) + sorted(folder.glob("*.tsv")) + ([agents_table] if agents_table else [])
    sources += [folder / name for name in (DRUG_SOURCE_IDS, DRUG_COMMON_WORDS, DISEASE_SHAPES_FILE)
                if (folder / name).exists()]
    sources += code_sources()
    if drugs:
        sources.append(drug_dictionary_path())
    digest = hashlib.sha256(repr(drugs).encode())
    for path in sources:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=4)
def get_matchers(cache_dir: str | None = None, drugs: bool = True, compiled: bool = True,
                 agents_table: str | None = None) -> tuple[LexiconMatcher, list[PatternMatcher]]:
    """The compiled lexicon matcher and the shape patterns (cell lines, diseases), built once per process.

    ``agents_table``: the project's curated agents instead of the IL-6 project's ``agents.tsv``.
    """
    folder = Path(cache_dir) if cache_dir else DEFAULT_CACHE_DIR
    agents = Path(agents_table) if agents_table else None
    if not (compiled and any(folder.glob("*.tsv"))):
        return _build_matchers(None, drugs, compiled=False, agents_table=agents)
    pickled = folder / f"matchers-{_fingerprint(folder, drugs, agents)}.pickle"
    if pickled.exists():
        try:
            with pickled.open("rb") as handle:
                return pickle.load(handle)  # noqa: S301 - written by this function into the local cache
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            logger.warning("%s unreadable (%s); rebuilding", pickled, exc)
    matchers = _build_matchers(folder, drugs, compiled=True, agents_table=agents)
    for stale in folder.glob("matchers-*.pickle"):
        stale.unlink(missing_ok=True)
    write_bytes(pickle.dumps(matchers, protocol=pickle.HIGHEST_PROTOCOL), pickled)
    return matchers


def _build_matchers(folder: Path | None, drugs: bool, *, compiled: bool,
                    agents_table: Path | None = None) -> tuple[LexiconMatcher, list[PatternMatcher]]:
    lexicon = build_lexicon(folder, drugs=drugs, compiled=compiled, agents_table=agents_table)
    entries = lexicon.entries()
    shapes = read_shapes(folder if compiled else None)  # learned endings ("-kinesia"), matched one word alone
    learned = [PatternMatcher(entries, LEXICON_DIR / "disease_learned_shapes.tsv", label="DISEASE", id_prefix="disease:",
                              ignore_case=True, families=[shapes.family()],
                              exceptions=[*_read_list("disease_pattern_exceptions.txt"), *shapes.exceptions])
               ] if shapes.endings else []
    patterns = [PatternMatcher(entries),
                PatternMatcher(entries, LEXICON_DIR / "disease_patterns.tsv", label="DISEASE", id_prefix="disease:",
                               ignore_case=True, exceptions=_read_list("disease_pattern_exceptions.txt")), *learned,
                PatternMatcher(entries, LEXICON_DIR / "chemical_formula_patterns.tsv", label="DRUG", id_prefix="drug:"),
                ExtractMatcher(), CellPreparationMatcher()]
    return LexiconMatcher(lexicon), patterns
