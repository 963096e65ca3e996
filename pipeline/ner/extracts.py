"""Natural-product extracts named by their source organism: "Ginkgo biloba extract", "Daucus carota extract".

No dictionary lists them, yet abstracts apply them as agents and the corpora annotate them as
chemicals (BC5CDR/BioRED train+dev: every "<Genus> <species> extract" found is annotated, e.g.
"Solidago virgaurea extract", "Crocus sativus L. extract"). Rule: a capitalised genus (or its
initial, "S. virgaurea"), a lower-case species epithet, an optional authority "L." and plant
part (``extract_parts.txt``), then "extract(s)"; neither name word may be a function word
("These cells extract ..." is a verb). The abbreviation a text defines for it then follows it
("Ginkgo biloba extract (GBE)").

A source named by its common name is one too ("groundnut extract", "red wine extract", "grape seed
extract", BC5CDR train annotates the last): one or two lower-case words right before "extract(s)",
none a function word, an adjective (by its ending) or a solvent, tissue or kind word
(``extract_source_stops.txt``: "cell extracts", "methanol extract", "crude extract"); a plant part
(``extract_parts.txt``) may come second ("grape seed extract") but not alone ("seed extract").
"""

from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, Entry, squash
from .matcher import Candidate, MatchView


@functools.lru_cache(maxsize=1)
def _extract_name() -> re.Pattern[str]:
    parts = "|".join(re.escape(p) for p in read_word_list(LEXICON_DIR / "extract_parts.txt"))
    return re.compile(r"(?<![0-9A-Za-z])([A-Z][a-z]{3,}|[A-Z]\.) ([a-z]{4,})(?: L\.)?(?: (?:" + parts
                      + r"))? extracts?(?![0-9A-Za-z])")


_COMMON_SOURCE = re.compile(r"(?<![0-9A-Za-z-])(?:([a-z]{3,}) )?([a-z]{4,}) extracts?(?![0-9A-Za-z])")
_ADJECTIVE_ENDINGS = ("ic", "al", "ous", "ar", "ary", "ive")


@functools.lru_cache(maxsize=1)
def _source_stops() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "extract_source_stops.txt")) | STOP_WORDS


@functools.lru_cache(maxsize=1)
def _parts() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "extract_parts.txt"))


def _source_word(word: str | None) -> bool:
    return word is not None and word not in _source_stops() and not word.endswith(_ADJECTIVE_ENDINGS)


class ExtractMatcher:
    """DRUG candidates of organism extracts (module docstring); the same interface as ``PatternMatcher``."""

    label = "DRUG"

    def candidates(self, view: MatchView) -> list[Candidate]:
        text = view.cased
        if "extract" not in text:  # most abstracts: one scan in C
            return []
        found = []
        for match in _extract_name().finditer(text):
            genus, species = match.group(1), match.group(2)
            if genus.lower() in STOP_WORDS or species in STOP_WORDS:
                continue
            written = match.group(0)
            start, end = view.to_original(*match.span())
            entry = Entry(norm_id="drug:" + squash(written), norm_name=written, label="DRUG", source="pattern")
            found.append(Candidate(start, end, entry, source="pattern"))
        parts = _parts()
        for match in _COMMON_SOURCE.finditer(text):
            first, second = match.group(1), match.group(2)
            if not _source_word(second) and not (second in parts and _source_word(first)):
                continue
            begin = match.start(1) if _source_word(first) else match.start(2)
            start, end = view.to_original(begin, match.end())
            if any(c.start <= start < c.end for c in found):
                continue  # inside a binomial name's extract
            written = text[begin:match.end()]
            entry = Entry(norm_id="drug:" + squash(written), norm_name=written, label="DRUG", source="pattern")
            found.append(Candidate(start, end, entry, source="pattern"))
        return found
