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
(``extract_parts.txt``) may come second ("grape seed extract") but not alone ("seed extract"). A few
sources end like adjectives ("garlic", "turmeric": ``extract_source_nouns.txt``) and are sources all the
same.

An essential oil is a preparation as an extract is ("lavender essential oil", "Mentha piperita essential
oil"). The source may also follow the preparation: "<preparation> of/from <Genus> <species> [L.]"
("Ethanol extract of Adiantum capillus-veneris L.", "essential oil of Lavandula angustifolia"; a solvent
or adjective word before it belongs to the name) or "essential oil(s) of/from <common source>" ("essential
oil from fingered citron"). A species epithet may hold a hyphen ("capillus-veneris").

A tea is a preparation too, named by one source word before it, joined by a space or a hyphen: a common
source ("green tea", BC5CDR and BioRED train annotate it as a chemical) or a proper name ("Goishi tea",
"Goishi-tea"); the word is checked as an extract's common source is (no function, kind or adjective
word: "the tea", "herbal tea", "drinking tea").

The abbreviation a text gives such a name after the organism's Latin name in brackets ("essential oil
from fingered citron (Citrus medica L. var. sarcodactylis) (FCEO)") is a mention too, wherever the
text names it: scispaCy's Schwartz-Hearst pairing stops at the bracket in between. Its capitals must
all be initials of the name's words ("Fingered Citron Essential Oil"), in any order.
"""

from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, Entry, squash
from .matcher import Candidate, MatchView


_PREPARATION = r"(?:[Ee]xtracts?|[Ee]ssential oils?)"
_BINOMIAL = r"([A-Z][a-z]{3,}|[A-Z]\.) ([a-z]{4,}(?:-[a-z]{3,})?)(?: L\.)?"


@functools.lru_cache(maxsize=1)
def _extract_name() -> re.Pattern[str]:
    parts = "|".join(re.escape(p) for p in read_word_list(LEXICON_DIR / "extract_parts.txt"))
    return re.compile(r"(?<![0-9A-Za-z])" + _BINOMIAL + r"(?: (?:" + parts + r"))? " + _PREPARATION
                      + r"(?![0-9A-Za-z])")


_COMMON_SOURCE = re.compile(r"(?<![0-9A-Za-z-])(?:([a-z]{3,}) )?([a-z]{4,}) " + _PREPARATION + r"(?![0-9A-Za-z])")
# "<preparation> of/from <Genus> <species>": group 1 an optional word before it (a solvent or adjective
# that belongs to the name: "Ethanol extract of ..."), groups 2 and 3 the binomial.
_SOURCE_AFTER = re.compile(r"(?<![0-9A-Za-z-])(?:([A-Za-z][a-z]{3,}) )?" + _PREPARATION + r" (?:of|from) "
                           + _BINOMIAL + r"(?![0-9A-Za-z])")
# "essential oil(s) of/from <common source>" (one or two lower-case words): extracts "of" a common word are
# too often parts of a sample ("extract of the cells"), so only the oil takes this form.
_OIL_FROM_SOURCE = re.compile(r"(?<![0-9A-Za-z-])[Ee]ssential oils? (?:of|from) ([a-z]{4,})(?: ([a-z]{4,}))?(?![0-9A-Za-z-])")
# "<source> tea" / "<Source>-tea": group 1 the one source word, lower-case or capitalised.
_TEA = re.compile(r"(?<![0-9A-Za-z-])([A-Z]?[a-z]{3,})[ -]tea(?![0-9A-Za-z-])")
# After a name: its organism's Latin name in brackets, then its abbreviation in brackets.
_ABBREVIATION_AFTER_LATIN = re.compile(r" \([A-Z][a-z]+ [a-z]+[^()]*\) \(([A-Z][A-Za-z]{1,7})\)")
_ADJECTIVE_ENDINGS = ("ic", "al", "ous", "ar", "ary", "ive")


@functools.lru_cache(maxsize=1)
def _source_stops() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "extract_source_stops.txt")) | STOP_WORDS


@functools.lru_cache(maxsize=1)
def _parts() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "extract_parts.txt"))


@functools.lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "extract_source_nouns.txt"))


def _source_word(word: str | None) -> bool:
    return word is not None and word not in _source_stops() and (
        not word.endswith(_ADJECTIVE_ENDINGS) or word in _source_nouns())


def pattern_candidate(view: MatchView, text: str, begin: int, end: int) -> Candidate:
    """A DRUG candidate of the text written between ``begin`` and ``end`` of the view, named as written."""
    start, stop = view.to_original(begin, end)
    written = text[begin:end]
    entry = Entry(norm_id="drug:" + squash(written), norm_name=written, label="DRUG", source="pattern")
    return Candidate(start, stop, entry, source="pattern")


def _initials_cover(abbreviation: str, name: str) -> bool:
    """Every capital of ``abbreviation`` is the initial of one word of ``name`` (each word used once)."""
    initials = [word[0].lower() for word in re.split(r"[\s-]+", name) if word]
    for letter in (c.lower() for c in abbreviation if c.isupper()):
        if letter not in initials:
            return False
        initials.remove(letter)
    return True


def _abbreviations_after(view: MatchView, text: str, found: list[Candidate],
                         spans: list[tuple[int, int]]) -> list[Candidate]:
    """Each name's abbreviation given after its organism's bracketed Latin name, at every occurrence."""
    added = []
    for begin, end in spans:
        match = _ABBREVIATION_AFTER_LATIN.match(text, end)
        if match is None or not _initials_cover(match.group(1), text[begin:end]):
            continue
        short = match.group(1)
        for occurrence in re.finditer(r"(?<![0-9A-Za-z-])" + re.escape(short) + r"(?![0-9A-Za-z-])", text):
            start, stop = view.to_original(*occurrence.span())
            if not any(c.start < stop and start < c.end for c in found + added):
                added.append(pattern_candidate(view, text, *occurrence.span()))
    return added


class ExtractMatcher:
    """DRUG candidates of organism extracts (module docstring); the same interface as ``PatternMatcher``."""

    label = "DRUG"

    def candidates(self, view: MatchView) -> list[Candidate]:
        text = view.cased
        if "extract" not in view.lower and "essential oil" not in view.lower and " tea" not in view.lower \
                and "-tea" not in view.lower:
            return []  # most abstracts: four scans in C
        found, spans = [], []
        for match in _SOURCE_AFTER.finditer(text):
            genus, species = match.group(2), match.group(3)
            if genus.lower() in STOP_WORDS or species in STOP_WORDS:
                continue
            qualifier = match.group(1)
            begin = match.start() if not qualifier or qualifier.lower() not in STOP_WORDS else match.end(1) + 1
            found.append(pattern_candidate(view, text, begin, match.end()))
            spans.append((begin, match.end()))
        for match in _OIL_FROM_SOURCE.finditer(text):
            first, second = match.group(1), match.group(2)
            if not _source_word(first) or (second is not None and not _source_word(second)):
                continue
            if any(c.start <= view.to_original(match.start(), match.start() + 1)[0] < c.end for c in found):
                continue
            found.append(pattern_candidate(view, text, match.start(), match.end()))
            spans.append(match.span())
        for match in _extract_name().finditer(text):
            genus, species = match.group(1), match.group(2)
            if genus.lower() in STOP_WORDS or species in STOP_WORDS:
                continue
            start, _ = view.to_original(*match.span())
            if any(c.start <= start < c.end for c in found):
                continue
            found.append(pattern_candidate(view, text, *match.span()))
            spans.append(match.span())
        parts = _parts()
        for match in _COMMON_SOURCE.finditer(text):
            first, second = match.group(1), match.group(2)
            if not _source_word(second) and not (second in parts and _source_word(first)):
                continue
            begin = match.start(1) if _source_word(first) else match.start(2)
            start, end = view.to_original(begin, match.end())
            if any(c.start <= start < c.end for c in found):
                continue  # inside a binomial name's extract
            found.append(pattern_candidate(view, text, begin, match.end()))
            spans.append((begin, match.end()))
        for match in _TEA.finditer(text):
            if _source_word(match.group(1).lower()):
                found.append(pattern_candidate(view, text, *match.span()))
        return found + _abbreviations_after(view, text, found, spans)
