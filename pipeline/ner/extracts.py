"""Natural-product extracts named by their source organism: "Ginkgo biloba extract", "Daucus carota extract".

No dictionary lists them, yet abstracts apply them as agents and the corpora annotate them as
chemicals (BC5CDR/BioRED train+dev: every "<Genus> <species> extract" found is annotated, e.g.
"Solidago virgaurea extract", "Crocus sativus L. extract"). Rule: a capitalised genus (or its
initial, "S. virgaurea"), a lower-case species epithet, an optional authority "L." and plant
part (``extract_parts.txt``), then "extract(s)"; neither name word may be a function word
("These cells extract ..." is a verb). The abbreviation a text defines for it then follows it
("Ginkgo biloba extract (GBE)").
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
        return found
