"""Disease word endings learned from train: "-kinesia", "-uria", "-phobia" name a disease on unseen words.

``disease_patterns.tsv`` holds hand-written shapes (-itis, -oma, -emia ...). Which other endings make
a disease word is learned from the train annotations (``evidence lexicon build --corpus-train``): an
ending of the last word of gold disease names is kept when the train words with that ending, outside
the hand-written shapes, are the last word of a gold disease name in at least ``MIN_PRECISION`` of their
occurrences, over at least ``MIN_WORDS`` different such words (an ending, not one name); of nested
endings the longest is kept, the most specific that is still an ending. Train words with
a kept ending that are that head less than half the time ("anesthesia" beside "akinesia") become
exceptions. The build writes both into ``disease_shapes.txt`` in the cache; the disease shape matcher
adds them as one more family, tested once per distinct word like the others (no cost per text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..io import atomic_writer
from ..tables import read_tsv

DISEASE_SHAPES_FILE = "disease_shapes.txt"  # tab-separated; not .tsv, which the cache reserves for lexicon tables
ENDING_LENGTHS = (4, 5, 6, 7)  # shorter endings are spelling ("-ia"), longer ones a single word
MIN_STEM = 3  # letters before the ending: "hyperkinesia" has one, "kinesia" is no stem
MIN_WORDS = 3
MIN_SEEN = 5
MIN_PRECISION = 0.8  # chosen on BioRED and BC5CDR dev (README, "Measured accuracy")
EXCEPTION_SHARE = 0.5
_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{5,}(?![0-9A-Za-z])")


@dataclass(frozen=True)
class DiseaseShapes:
    """Learned endings of disease words and the train words with those endings that are no disease."""

    endings: tuple[str, ...] = ()
    exceptions: frozenset[str] = frozenset()

    def family(self) -> str | None:
        """The endings as one shape row of ``disease_patterns.tsv``'s kind (lower case, one word)."""
        if not self.endings:
            return None
        return "[a-z]{%d,}(?:%s)" % (MIN_STEM, "|".join(sorted(self.endings, key=lambda e: (-len(e), e))))


def learn_shapes(documents: Iterable[tuple[str, Iterable[tuple[int, int]]]],
                 hand_written: Callable[[str], bool]) -> DiseaseShapes:
    """Endings from (text, gold disease spans) pairs; words ``hand_written`` already takes are no evidence."""
    seen: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    for text, spans in documents:
        ends = {}
        for start, end in spans:
            ends[end] = min(start, ends.get(end, start))
        for match in _WORD.finditer(text):
            word = match.group().lower()
            seen[word] += 1
            if ends.get(match.end(), match.end()) <= match.start():  # the last word of a gold disease name
                heads[word] += 1
    total: Counter[str] = Counter()
    positive: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for word, n in seen.items():
        if hand_written(word):
            continue
        for ending in {word[-k:] for k in ENDING_LENGTHS if len(word) >= k + MIN_STEM}:
            total[ending] += n
            positive[ending] += heads[word]
            named[ending] += heads[word] * 2 >= n
    kept = [e for e in total
            if total[e] >= MIN_SEEN and named[e] >= MIN_WORDS and positive[e] >= MIN_PRECISION * total[e]]
    # Of nested kept endings the longest is the shape: "-oxicity", not "-city" ("immunogenicity" is no disease).
    endings = tuple(sorted(e for e in kept if not any(e != o and o.endswith(e) for o in kept)))
    exceptions = frozenset(w for w in seen if not hand_written(w) and w.endswith(endings)
                           and len(w) >= min(len(e) for e in endings) + MIN_STEM
                           and heads[w] < EXCEPTION_SHARE * seen[w]) if endings else frozenset()
    return DiseaseShapes(endings, exceptions)


def hand_written_shapes() -> Callable[[str], bool]:
    """Whether a lower-cased word fits a shape of ``disease_patterns.tsv`` or is one of its exceptions."""
    from .lexicon import LEXICON_DIR
    from .shapes import PatternMatcher
    from ..tables import read_word_list

    matcher = PatternMatcher((), LEXICON_DIR / "disease_patterns.tsv", label="DISEASE", ignore_case=True)
    exceptions = frozenset(read_word_list(LEXICON_DIR / "disease_pattern_exceptions.txt"))
    return lambda word: word in exceptions or matcher.core.fullmatch(word) is not None


def write_shapes(cache_dir: Path, shapes: DiseaseShapes) -> int:
    """Write ``disease_shapes.txt``; return the number of endings."""
    with atomic_writer(cache_dir / DISEASE_SHAPES_FILE) as handle:
        handle.write("# kind\tword (written by evidence lexicon build; see pipeline/ner/disease_shapes.py)\n")
        for ending in shapes.endings:
            handle.write(f"ending\t{ending}\n")
        for word in sorted(shapes.exceptions):
            handle.write(f"exception\t{word}\n")
    return len(shapes.endings)


def read_shapes(cache_dir: Path | None) -> DiseaseShapes:
    """The learned endings of ``cache_dir``; none without a cache or before a build that learned them."""
    path = cache_dir / DISEASE_SHAPES_FILE if cache_dir else None
    if path is None or not path.exists():
        return DiseaseShapes()
    rows = read_tsv(path, columns=2)
    return DiseaseShapes(tuple(w for kind, w in rows if kind == "ending"),
                         frozenset(w for kind, w in rows if kind == "exception"))
