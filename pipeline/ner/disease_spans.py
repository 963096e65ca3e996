"""Where a disease mention starts: the modifiers annotators keep in the name and those they leave out.

A lexicon or shape match finds the head of a disease name ("diabetes mellitus", "infertility"),
but corpora annotate the whole name: "type 2 diabetes mellitus", "male infertility", "pancreatic
cancers". And they leave out some words the shapes take in ("acute", "severe"). Which words are which
is learned from train annotations (``evidence lexicon build --corpus-train``): a word counts as kept
each time it is a non-final word of a gold disease mention, and as left out each time it stands
right before one. The build writes the words whose share of "kept" is high (``extend``) or very low
(``trim``) into ``disease_modifiers.txt`` in the cache; without the cache spans are left as found.
Words of ``disease_modifier_exceptions.txt`` (words of change, model organisms) and the severity and course
words of ``standard_id_modifiers.txt`` ("chronic") are never taken in.
On the right a name takes in a generic head of ``disease_heads.txt`` ("psychotic disorder"), and on the
left adjectives joined to it by "and"/"or" ("hepatic and renal dysfunction") and a possessive surname.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from ..io import atomic_writer
from ..tables import read_word_list
from .lexicon import LEXICON_DIR, Entry, squash
from .disease_heads import head_spans
from .matcher import Candidate
from .standard_ids import concept_neutral_words

logger = logging.getLogger(__name__)

DISEASE_MODIFIERS_FILE = "disease_modifiers.txt"  # tab-separated; not .tsv, which the cache reserves for lexicon tables
# A word is learned when seen at least this often around gold disease mentions, and kept in them
# at least EXTEND_SHARE of those times (left out: at most TRIM_SHARE). Chosen on BioRED and
# BC5CDR dev (README, "Measured accuracy": 3/0.5/0.1 and 2/0.4/0.2 score within 0.002).
MIN_SEEN = 3
EXTEND_SHARE = 0.6
TRIM_SHARE = 0.2
MIN_HEAD_NAMES = 5  # a head ends at least this many multi-word gold names ("syndrome", "disease")
HEAD_PRECISION = 0.5
MIN_RIGHT_NAMES = 2  # different built names that are gold, for a head
MAX_EXTENDED_WORDS = 3  # "type 2 diabetes mellitus": at most this many words are added on the left
MAX_MODIFIER_LENGTH = 40  # longer "words" are not modifiers (formulas, URLs)
_MODIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")  # a plain word: no brackets, commas or full stops
_FIRST_WORD = re.compile(r"(\S+) ")
_NUMERAL = re.compile(r"[IVX]+|\d+[A-Za-z]?")  # "II", "2", "2B"


@dataclass(frozen=True)
class DiseaseModifiers:
    """Lower-cased words to take into a disease mention on its left (``extend``) or drop from its start,
    and the last words of disease names (``heads``: "syndrome", "disease") that name one with a modifier."""

    extend: frozenset[str] = frozenset()
    trim: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()


def learn_modifiers(documents: Iterable[tuple[str, Iterable[tuple[int, int]]]]) -> DiseaseModifiers:
    """Words kept in and left out of gold disease spans: ``documents`` are (text, disease spans) pairs.

    A word to take in must be kept by most of its uses and by most of the different names it stands
    with or in: the uses of one frequent name ("toxic hepatitis" four times, before three other
    names once each) say how that name is written, which the lexicon knows, not how an unknown one is.
    """
    documents = [(text, list(spans)) for text, spans in documents]
    kept: Counter[str] = Counter()
    left_out: Counter[str] = Counter()
    last: Counter[str] = Counter()
    names: dict[bool, set[tuple[str, str]]] = {True: set(), False: set()}  # (word, name): kept, left out
    for text, spans in documents:
        for start, end in spans:
            name = text[start:end].lower()
            words = name.split()
            modifiers = [w for w in words[:-1] if _MODIFIER.fullmatch(w)]
            kept.update(modifiers)
            names[True].update((w, name) for w in modifiers)
            if len(words) > 1 and words[-1].isalpha():
                last[words[-1]] += 1
            left = _word_before(text, start)
            if left:
                left_out[left[1].lower()] += 1
                names[False].add((left[1].lower(), name))
    kept_names, left_names = (Counter(w for w, _name in names[k]) for k in (True, False))
    # A severity or course word ("chronic") names no other concept (standard_id_modifiers.txt), and the
    # corpora split on keeping it: BC5CDR and BioRED train keep "chronic" 43 times of 60, their dev splits
    # 18 of 47 (dev strict DISEASE without it: BC5CDR +22 right, BioRED +1).
    never = frozenset(read_word_list(LEXICON_DIR / "disease_modifier_exceptions.txt")) | concept_neutral_words()
    extend, trim = set(), set()
    for word in kept.keys() | left_out.keys():
        seen = kept[word] + left_out[word]
        if seen < MIN_SEEN:
            continue
        share = kept[word] / seen
        if share >= EXTEND_SHARE:
            if word not in never and kept_names[word] >= EXTEND_SHARE * (kept_names[word] + left_names[word]):
                extend.add(word)
        elif share <= TRIM_SHARE:
            trim.add(word)
    learned = DiseaseModifiers(frozenset(extend), frozenset(trim),
                               frozenset(word for word, n in last.items() if n >= MIN_HEAD_NAMES))
    return replace(learned, heads=_precise_heads(documents, learned))


def _precise_heads(documents: list[tuple[str, list[tuple[int, int]]]], learned: DiseaseModifiers) -> frozenset[str]:
    """The heads whose names, built on the train texts as :func:`_named_heads` builds them, are
    exactly a gold disease mention at least HEAD_PRECISION of the time ("function", "pressure" are not).

    Each different name counts once, judged by most of its uses: a head ends names, and one name
    repeated in a few abstracts ("aggressive behavior", "preterm delivery") made "behavior" and
    "delivery" heads that built "sexual behavior" and "drug delivery" on BC5CDR dev (18 false, none
    right). At least MIN_RIGHT_NAMES different names must be right."""
    built: Counter[str] = Counter()
    judged: dict[str, Counter[bool]] = {}  # each built name: how often it is gold, how often not
    for text, spans in documents:
        gold = set(spans)
        for candidate in _named_heads(text, learned, bytearray(len(text))):
            name = text[candidate.start:candidate.end].lower()
            built[name.rsplit(" ", 1)[-1]] += 1
            judged.setdefault(name, Counter())[(candidate.start, candidate.end) in gold] += 1
    names: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for name, votes in judged.items():
        head = name.rsplit(" ", 1)[-1]
        names[head] += 1
        right[head] += votes[True] >= votes[False]
    return frozenset(h for h, n in built.items()
                     if n >= MIN_SEEN and right[h] >= max(MIN_RIGHT_NAMES, HEAD_PRECISION * names[h]))


def write_modifiers(cache_dir: Path, modifiers: DiseaseModifiers) -> int:
    """Write the learned words into the cache; return how many."""
    rows = sorted([(w, "extend") for w in modifiers.extend] + [(w, "trim") for w in modifiers.trim]
                  + [(w, "head") for w in modifiers.heads])
    with atomic_writer(cache_dir / DISEASE_MODIFIERS_FILE) as handle:
        handle.write("word\taction\n")
        for word, action in rows:
            handle.write(f"{word}\t{action}\n")
    return len(rows)


@functools.lru_cache(maxsize=4)
def get_modifiers(cache_dir: str | None) -> DiseaseModifiers:
    """The learned words of ``cache_dir`` (default cache when None), read once per process; none without it."""
    from .lexicon import DEFAULT_CACHE_DIR

    path = (Path(cache_dir) if cache_dir else DEFAULT_CACHE_DIR) / DISEASE_MODIFIERS_FILE
    if not path.exists():
        return DiseaseModifiers()
    words: dict[str, set[str]] = {"extend": set(), "trim": set(), "head": set()}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if len(row) == 2 and row[1] in words:
                words[row[1]].add(row[0])
    logger.info("disease modifiers: %d to extend, %d to trim, from %s", len(words["extend"]), len(words["trim"]), path)
    return DiseaseModifiers(frozenset(words["extend"]), frozenset(words["trim"]), frozenset(words["head"]))


def adjust_disease_spans(kept: list[Candidate], text: str, modifiers: DiseaseModifiers) -> list[Candidate]:
    """Disease candidates of the lexicon and the shapes, with learned modifiers taken in or dropped.

    A word is taken in only when a single space separates it from the mention and no other kept
    candidate covers it; a dropped word never empties the mention. Abbreviation mentions are left
    alone (their span is the abbreviation).
    """
    if not modifiers.extend and not modifiers.trim and not modifiers.heads:
        return kept
    covered = bytearray(len(text))  # 1 where a kept candidate lies: tested in C, not mention by mention
    for c in kept:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    result = []
    for candidate in kept:
        if candidate.entry.label != "DISEASE" or candidate.source not in ("lexicon", "pattern"):
            result.append(candidate)
            continue
        start = _trimmed_start(text, candidate.start, candidate.end, modifiers.trim)
        end = _trailing_head_end(text, candidate.end, covered)
        extended = _extended_start(text, start, modifiers.extend, covered, eponyms=_possessive(text, start),
                                   viruses=text.find(" ", start, end) == -1)
        if extended < end and text.find(" ", extended, end) != -1:
            coordinated = _coordinated_start(text, extended, modifiers.extend, covered)
            if coordinated < extended:  # the head's concept is one of those named: its id stays
                result.append(candidate._replace(start=coordinated, end=end))
                continue
        if extended < start:
            result.append(candidate._replace(start=extended, end=end, entry=_own_entry(text[extended:end])))
        elif start != candidate.start or end != candidate.end:  # a generic head names the same concept
            result.append(candidate._replace(start=start, end=end))
        else:
            result.append(candidate)
    named = _named_heads(text, modifiers, covered)
    return _joined_adjectives(sorted(result + named, key=lambda c: (c.start, c.end)) if named else result, text)


def _joined_adjectives(kept: list[Candidate], text: str) -> list[Candidate]:
    """A one-word disease adjective right before a one-word disease noun is one name with it.

    "cholestatic jaundice", "bipolar mania", "convulsive seizures", "diabetic hyperalgesia": both words
    are disease names alone ("cholestatic" as an adjective of a learned name), but the adjective says
    which kind of the noun's disease it is, and BioRED and BC5CDR annotate the two words as one mention
    (train and dev of both: 23 pairs one name, 6 two names). Two adjectives stay two names ("hypertensive
    diabetic"), and so do a longer noun name ("asystolic cardiac arrest": two names in BC5CDR) and a
    generic head that another mention holds (:func:`_trailing_head_end`).
    The name keeps the noun's id: the noun is its head (BioRED dev concept F1 0.718 with it, 0.717 with
    the name's own id, which the standard ids rarely know).
    """
    joined: list[Candidate] = []
    for candidate in kept:
        before = joined[-1] if joined else None
        if (before is not None and candidate.start == before.end + 1 and text[before.end] == " "
                and _joinable(before, text) and _joinable(candidate, text)
                and _adjective(text[before.start:before.end]) and _noun(text[candidate.start:candidate.end])):
            joined[-1] = candidate._replace(start=before.start)
        else:
            joined.append(candidate)
    return joined


def _noun(word: str) -> bool:
    """A disease noun of its own: no adjective, nor a generic head (those complete a name only when free)."""
    return not _adjective(word) and word.lower() not in generic_heads()


def _joinable(candidate: Candidate, text: str) -> bool:
    """A one-word disease mention of the lexicon or the shapes (not an abbreviation)."""
    return (candidate.entry.label == "DISEASE" and candidate.source in ("lexicon", "pattern")
            and text.find(" ", candidate.start, candidate.end) == -1)


def _named_heads(text: str, modifiers: DiseaseModifiers, covered: bytearray) -> list[Candidate]:
    """Disease names no lexicon knows, made of a learned head and the words before it: "capillary leak
    syndrome", "Reye syndrome", "movement disorders". A head alone names nothing, so at least one
    word must be taken in: a learned modifier, or a capitalised name ("Reye", "Kearns-Sayre")."""
    found: list[Candidate] = []
    if not modifiers.heads:
        return found
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two: keep offsets, miss capitalised heads
        lowered = text
    for start, end in head_spans(text, lowered, modifiers.heads):
        if 1 in covered[start:end]:
            continue
        named = _extended_start(text, start, modifiers.extend, covered, eponyms=True)
        if named < start and text[named:start].strip().lower() not in modifiers.trim:
            found.append(Candidate(named, end, _own_entry(text[named:end]), "pattern"))
    return found


# "hepatic and renal", "haematological, renal, hepatic and": adjectives joined to a name's first word.
_CONJOINED = re.compile(r"([A-Za-z][A-Za-z-]{3,})(,? (?:and|or|and/or) )$")
_LISTED = re.compile(r"([A-Za-z][A-Za-z-]{3,}), $")
MAX_CONJOINED = 4  # adjectives taken in before "and"/"or", the last included


def _coordinated_start(text: str, start: int, extend: frozenset[str], covered: bytearray) -> int:
    """Where a disease name starts that shares its head with adjectives before "and"/"or".

    The annotators take "hepatic and renal dysfunction" and "cardiac and skeletal myopathies" whole.
    The name must start with an adjective (an ending of ``adjective_endings.txt``) or a learned
    modifier ("breast and ovarian cancer"), and the words before it must be adjectives that no other
    mention holds: "sleep and daytime sleepiness" and "cancer and lung adenocarcinoma" are two names.
    """
    if not text.endswith((" and ", " or ", " and/or "), 0, start):  # most names: one test in C
        return start
    first = text[start:text.find(" ", start)].lower()
    if not (_adjective(first) or first in extend):
        return start
    base = max(0, start - MAX_CONJOINED * (MAX_MODIFIER_LENGTH + 2))
    found = _CONJOINED.search(text, base, start)
    new_start = start
    for _ in range(MAX_CONJOINED):
        if not found or not _adjective(found.group(1)) or 1 in covered[found.start():new_start]:
            break
        new_start = found.start()
        found = _LISTED.search(text, base, new_start)
    return new_start


@functools.lru_cache(maxsize=1)
def _adjective_endings() -> tuple[str, ...]:
    return tuple(w.lower() for w in read_word_list(LEXICON_DIR / "adjective_endings.txt"))


def _adjective(word: str) -> bool:
    return len(word) >= 4 and word.isalpha() and word.lower().endswith(_adjective_endings())


_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _trailing_head_end(text: str, end: int, covered: bytearray) -> int:
    """Where a disease name ends that a generic head right after it completes: "psychotic disorder",
    "obstructive sleep apnea syndrome", "hypophosphatemic rickets". The train annotations leave such a
    head out of a name 8 times (BioRED and BC5CDR train together); a head another mention holds stays its own."""
    following = _NEXT_WORD.match(text, end)
    if following is None or following.group(1) not in generic_heads() or 1 in covered[following.start(1):following.end()]:
        return end
    return following.end()


@functools.lru_cache(maxsize=1)
def generic_heads() -> frozenset[str]:
    """The last words of ``disease_heads.txt`` that end a disease name ("disease", "syndrome", "injury")."""
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "disease_heads.txt"))


def _possessive(text: str, start: int) -> bool:
    """Whether a possessive stands right before ``start``: a capitalised one is a surname that names the
    disease ("Wernicke's encephalopathy", "Prinzmetal's angina"), as it does before a learned head."""
    return text[start - 3:start] == "'s "


def _own_entry(name: str) -> Entry:
    """The entry of a name made longer by learned modifiers: the name's own, not its head's id.

    "chronic kidney disease" and "type 2 diabetes mellitus" are other MeSH concepts than "kidney
    disease" and "diabetes mellitus" (BioRED dev: the head's id was right for 1 in 18 such names);
    the standard ids then look the whole name up, or the name without a severity word ("chronic").
    """
    return Entry("disease:" + squash(name), name, "DISEASE", "pattern")


def _trimmed_start(text: str, start: int, end: int, trim: frozenset[str]) -> int:
    first = _FIRST_WORD.match(text, start, end)
    while first and first.group(1).lower() in trim and first.end() < end:
        start = first.end()
        first = _FIRST_WORD.match(text, start, end)
    return start


def _extended_start(text: str, start: int, extend: frozenset[str], covered: bytearray,
                    eponyms: bool = False, viruses: bool = True) -> int:
    """Where a disease name starts that takes in the learned modifiers left of ``start`` (and capitalised
    surnames where ``eponyms``, a virus where ``viruses``: "HCV infection", but in "adenovirus hemorrhagic
    cystitis" BC5CDR keeps only the cystitis, so a virus is taken in only before a one-word name)."""
    before_numeral, surname = None, False
    for _ in range(MAX_EXTENDED_WORDS):
        left = _word_before(text, start)
        particle = surname and left is not None and left[1].lower() in _word_list("eponym_particles.txt")  # "von Willebrand"
        if not left or not (left[1].lower() in extend or (eponyms and _is_eponym(left[1])) or particle
                            or viruses and _is_virus(left[1])):
            break
        surname = eponyms and (particle or _is_eponym(left[1]))
        if 1 in covered[left[0]:start - 1]:  # another mention holds the word
            break
        before_numeral = start if _NUMERAL.fullmatch(left[1]) else None
        start = left[0]
    # A numeral belongs to the word before it: "type II diabetes" is a name, but in "stage II
    # hypertension" the annotators keep only "hypertension", and "II hypertension" is no name.
    return before_numeral if before_numeral is not None else start


def _word_before(text: str, start: int) -> tuple[int, str] | None:
    """The plain word a single space before ``start`` and where it starts; None if there is none."""
    if start < 2 or text[start - 1] != " ":
        return None
    window = text[max(0, start - MAX_MODIFIER_LENGTH - 1):start - 1]
    word = window.rsplit(None, 1)[-1] if window.strip() else ""
    word_start = start - 1 - len(word)
    if not word or (len(word) == len(window) and word_start > 0) or not _MODIFIER.fullmatch(word):
        return None
    return word_start, word



def _is_virus(word: str) -> bool:
    """A virus that names the infection after it ("adenovirus", "HCV"): a word ending in "virus" or
    a short name of ``virus_abbreviations.txt``."""
    return word.lower().endswith("virus") or word in _word_list("virus_abbreviations.txt")


@functools.lru_cache(maxsize=None)
def _word_list(name: str) -> frozenset[str]:
    """The words of a list under ``pipeline/data/lexicon`` (``eponym_particles.txt`` is written lower-case)."""
    return frozenset(read_word_list(LEXICON_DIR / name))


def _is_eponym(word: str) -> bool:
    """A capitalised name ("Reye", "Kearns-Sayre", "Cushing's"), not a capitalised function word."""
    return word[0].isupper() and word[1:2].islower() and len(word) >= 3 and word.lower() not in STOP_WORDS
