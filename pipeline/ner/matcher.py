"""Find lexicon terms and cell-line shapes in a text, with end-exclusive character offsets.

Matching runs on a *match view* of the text: dashes unified, whitespace runs collapsed,
and whitespace after a hyphen dropped (so "MDA-\\nMB-231" and "PF- 04236921" match), with
an index map back to the original characters. One Aho-Corasick pass over the lower-cased
view finds every candidate; case, word boundaries and left-context vetoes are checked only
on those candidates, never per token.
"""

from __future__ import annotations

import logging
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from ..tables import read_lines
from ..text import unify_dashes_and_spaces
from .lexicon import LABEL_RANK, LEXICON_DIR, SOURCE_RANK, Entry, Lexicon, bracket_cue, normalize_surface, squash
from .regex_prefix import with_first_character_lookahead

logger = logging.getLogger(__name__)

_COLLAPSIBLE = re.compile(r"(?=\s)(?:(?<=-)\s+|(?<=\s)\s+)")  # the lookahead lets re skip to whitespace
_LEFT_WORD = re.compile(r"(\S+)\s*$")
_RIGHT_WORD = re.compile(r"[\s\-)\]]*([A-Za-z]+)")
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: what str.isalnum() accepts
_END_START = operator.itemgetter(1, 0)
_START_END = operator.attrgetter("start", "end")
# Words whose shape test a PatternMatcher remembers; past this it forgets them all (~10 MB at most).
MAX_REMEMBERED_WORDS = 100_000


class Candidate(NamedTuple):
    """A possible mention: ``text[start:end]`` (end-exclusive) is an entry's written form.

    A named tuple, built in half the time of a frozen dataclass (which sets each field through
    ``object.__setattr__``): an abstract gives ~50 candidates, most dropped by :func:`resolve`.
    """

    start: int
    end: int
    entry: Entry
    source: str = "lexicon"


class MatchView:
    """The text as the matcher sees it, with ``offsets[i]`` = original index of view char ``i``."""

    __slots__ = ("text", "cased", "lower", "offsets")

    def __init__(self, text: str) -> None:
        self.text = text
        translated = unify_dashes_and_spaces(text)
        if translated.isascii() and translated.isprintable() and "  " not in translated and "- " not in translated:
            # " " is then its only whitespace (isprintable is False for the other ASCII spaces), so
            # nothing collapses: three scans in C instead of trying the pattern at every position.
            drops = []
        else:
            drops = [m.span() for m in _COLLAPSIBLE.finditer(translated)]
        if drops:
            keep = []
            offsets: list[int] | None = []
            previous = 0
            for start, end in drops:
                keep.append(translated[previous:start])
                offsets.extend(range(previous, start))  # type: ignore[union-attr]
                previous = end
            keep.append(translated[previous:])
            offsets.extend(range(previous, len(translated)))  # type: ignore[union-attr]
            self.cased = "".join(keep)
        else:
            offsets = None
            self.cased = translated
        lowered = self.cased.lower()
        if len(lowered) != len(self.cased):  # a few characters lower-case to two
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.cased)
        self.lower = lowered
        self.offsets = offsets

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def whole_word_spans(text: str, word: str, is_word_char: Callable[[str], bool] = _is_ascii_alnum
                     ) -> Iterator[tuple[int, int]]:
    """Spans of ``word`` in ``text`` not touching a word character on either side, left to right.

    The same spans as ``re.finditer(r"(?<!W)" + re.escape(word) + r"(?!W)", text)`` for a
    character class W, without compiling a pattern per word.
    """
    size = len(word)
    at = text.find(word)
    while at != -1:
        end = at + size
        if (at == 0 or not is_word_char(text[at - 1])) and (end == len(text) or not is_word_char(text[end])):
            yield at, end
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _bounded(text: str, start: int, end: int) -> bool:
    if start > 0 and _is_word_char(text[start - 1]):
        return False
    if end < len(text):
        if _is_word_char(text[end]):
            return False
        # "95% CI 1.2-3.4": a name ending in a digit must not continue as a decimal number.
        if text[end] in ".," and end + 1 < len(text) and text[end + 1].isdigit() and text[end - 1].isdigit():
            return False
    return True


def _left_word(text: str, start: int) -> str:
    match = _LEFT_WORD.search(text[max(0, start - 24):start])
    return match.group(1).lower() if match else ""


def _right_word(text: str, end: int) -> str:
    match = _RIGHT_WORD.match(text, end, end + 24)
    return match.group(1).lower() if match else ""


# ASCII letters and digits kept, every other byte a space: an ASCII text's words by bytes.translate and split
_ASCII_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else ord(" ") for c in range(256))


def _distinct_words(text: str) -> set[str]:
    """The distinct runs of letters and digits in ``text`` (``set(_WORD.findall(text))``, faster on ASCII)."""
    if text.isascii():
        return set(text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split())
    return set(_WORD.findall(text))


class LexiconMatcher:
    """All terms of a lexicon: one-word terms in a dictionary, the others in an Aho-Corasick automaton.

    A one-word term (letters and digits only) can only match a whole word, so it is looked up
    once per word of the text; in the automaton it would match inside every longer word too ("ENT"
    in "treatment"), hits that are only dropped afterwards (docs/scaling.md).

    Parameters
    ----------
    lexicon
        The terms to find.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, dict[tuple[str, Entry, bool], None]] = {}
        for term in lexicon.terms:
            cased = normalize_surface(term.surface)
            if not cased.strip():
                continue
            table.setdefault(cased.lower(), {})[(cased, term.entry, term.case)] = None
        self.words: dict[str, tuple[tuple[str, Entry, str], ...]] = {}
        # One-word keys whose every term is case-sensitive: their written forms. Such a key can only
        # match where one of them is a word of the text as written ("WAS" the gene, not "was").
        self.cased_only: dict[str, frozenset[str]] = {}
        phrases = 0
        for key, items in table.items():
            if _WORD.fullmatch(key):
                self.words[key] = tuple(items)
                if all(case == "cs" for _surface, _entry, case in items):
                    self.cased_only[key] = frozenset(surface for surface, _entry, _case in items)
            else:
                self.automaton.add_word(key, tuple(items))
                phrases += 1
        self.size = len(table)
        if phrases:
            self.automaton.make_automaton()
        logger.info("lexicon: %d one-word keys, %d other keys, from %d terms", len(self.words), phrases,
                    len(lexicon.terms))

    def items(self) -> Iterator[tuple[tuple[str, Entry, str], ...]]:
        """Every key's ``(surface, entry, case)`` triples."""
        yield from self.words.values()
        if self.automaton.kind == ahocorasick.AHOCORASICK:
            yield from self.automaton.values()

    def _hits(self, view: MatchView) -> list[tuple[int, int, tuple[tuple[str, Entry, str], ...]]]:
        words, lower = self.words, view.lower
        hits = []
        # The distinct words are looked up once (keys() & set iterates over the set, in C); only
        # the few that are terms are then located.
        present = words.keys() & _distinct_words(lower)
        cased = view.cased
        for word in present & self.cased_only.keys():
            # none of its written forms is in the text as written: every hit would fail its case
            if not any(surface in cased for surface in self.cased_only[word]):
                present.discard(word)
        for word in present:
            items = words[word]
            hits.extend((start, end, items) for start, end in whole_word_spans(lower, word, str.isalnum))
        if self.automaton.kind == ahocorasick.AHOCORASICK:
            hits.extend((view_end + 1 - len(items[0][0]), view_end + 1, items)
                        for view_end, items in self.automaton.iter(lower))
        return hits

    def candidates(self, view: MatchView) -> list[Candidate]:
        """Every bounded, case-correct occurrence of a term in ``view`` (overlaps included).

        In the automaton's order, by end and then start (no two hits share both).
        """
        if not self.size:
            return []
        text, cased, offsets = view.text, view.cased, view.offsets
        hits = self._hits(view)
        hits.sort(key=_END_START)
        found = []
        for view_start, view_end, items in hits:
            start, end = (view_start, view_end) if offsets is None else view.to_original(view_start, view_end)
            if not _bounded(text, start, end):
                continue
            written = cased[view_start:view_end]
            has_capital = None
            for surface, entry, case in items:
                if case == "cs" and written != surface:
                    continue
                if case == "cap":
                    if has_capital is None:
                        has_capital = any(c.isupper() or c.isdigit() for c in written)
                    if not has_capital:
                        continue
                if case == "upper" and (not any(c.isupper() for c in written)
                                        or (written[:1].islower() and surface[:1].isupper())):
                    continue
                if entry.block_left and _left_word(text, start).strip("([{.,;:") in entry.block_left:
                    continue
                if entry.need_right and _right_word(text, end) not in entry.need_right \
                        and bracket_cue(text, start, end) not in entry.need_right:
                    continue
                found.append(Candidate(start, end, entry))
        return found


class PatternMatcher:
    """Names of a given shape beyond the lexicon (one regular expression per row of a TSV file).

    By default the cell-line shapes of ``cell_line_patterns.tsv`` (case-sensitive). A match whose
    squashed form is a known entry of the label takes that entry's id; otherwise its id is
    ``id_prefix + squashed name``. Matches listed in ``exceptions`` (lower-case) are skipped.

    With an ``@word`` row (a regex matched as written, without ``ignore_case``) every shape is one
    word. With ``ignore_case`` too, the shapes must be written in lower case: each word is
    lower-cased and matched case-sensitively, because ``re.IGNORECASE`` makes every word test
    several times slower (docs/scaling.md). ``families`` are more shape rows (learned ones).
    """

    def __init__(self, known: Iterable[Entry] = (), path: Path = LEXICON_DIR / "cell_line_patterns.tsv", *,
                 label: str = "CELL_LINE", id_prefix: str = "cellline:", ignore_case: bool = False,
                 exceptions: Iterable[str] = (), families: Iterable[str] = ()) -> None:
        patterns, affixes = [f"(?:{regex})" for regex in families], {"@prefix": "", "@suffix": "", "@word": ""}
        for _, line in read_lines(path):
            if line.startswith("family\t"):  # the header
                continue
            family, regex = line.split("\t", 1)
            if family in affixes:  # optional words before/after every shape ("adrenal hyperplasia")
                affixes[family] = regex
            else:
                patterns.append(f"(?:{regex})")
        flags = re.IGNORECASE if ignore_case else 0
        self.lower_words = bool(ignore_case and affixes["@word"])
        if self.lower_words:
            for pattern in patterns:
                if any(c.isupper() for c in re.sub(r"\\.", "", pattern)):
                    raise ValueError(f"{path}: shape {pattern!r} must be written in lower case (the file is "
                                     "matched in any case, word by word, against lower-cased words)")
        self.regex = re.compile(with_first_character_lookahead(
            r"(?<![0-9A-Za-z])(?:" + "|".join(patterns) + ")" + affixes["@suffix"] + r"(?![0-9A-Za-z])", flags), flags)
        # The prefix is matched backwards from each hit: scanning it at every position is slow.
        self.prefix = re.compile(r"(?<![0-9A-Za-z])" + affixes["@prefix"] + r"$", flags) if affixes["@prefix"] else None
        # With an "@word" row every shape is one word: list the words once (fast, in C) and test
        # each against the shapes, instead of letting the shapes backtrack at every word start.
        self.words = re.compile(affixes["@word"]) if affixes["@word"] else None
        self.core = re.compile("(?:" + "|".join(patterns) + ")", 0 if self.lower_words else flags)
        self.suffix = re.compile(affixes["@suffix"] + r"(?![0-9A-Za-z])", flags) if affixes["@suffix"] else None
        self.label = label
        self.id_prefix = id_prefix
        self.exceptions = frozenset(exceptions)
        self._tested: set[str] = set()  # words already tested against the shapes
        self._fitting: set[str] = set()  # those of them that fit a shape
        self.known: dict[str, Entry] = {}
        self.add_known(known)

    def add_known(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            if entry.label == self.label:
                self.known.setdefault(squash(entry.norm_name), entry)

    def _matches(self, text: str) -> Iterable[tuple[int, int]]:
        if self.words is None:
            for match in self.regex.finditer(text):
                yield match.span()
            return
        # Each distinct word is tested once against the shapes, and the answer kept for later texts
        # (set operations in C); only the few words that fit are located.
        words = _text_words(self.words, text)
        unseen = words - self._tested
        if unseen:
            if len(self._tested) + len(unseen) > MAX_REMEMBERED_WORDS:  # memory stays bounded
                self._tested, self._fitting, unseen = set(), set(), words
            self._fitting.update(w for w in unseen if self.core.fullmatch(w.lower() if self.lower_words else w))
            self._tested |= unseen
        spans = []
        for word in words & self._fitting:
            spans.extend(_spans_of(self.words, text, word))
        spans.sort()
        for start, end in spans:
            if self.suffix is not None:
                extra = self.suffix.match(text, end)
                end = extra.end() if extra else end
            yield start, end

    def candidates(self, view: MatchView) -> list[Candidate]:
        found = []
        for match_start, match_end in self._matches(view.cased):
            written = view.cased[match_start:match_end]
            if written.lower() in self.exceptions or written.lower().rsplit(" ", 1)[-1] in self.exceptions:
                continue
            view_start = match_start
            if self.prefix is not None:
                window = max(0, view_start - 80)
                before = self.prefix.search(view.cased, window, view_start)
                if before is not None and before.start() < view_start:
                    view_start = before.start()
                    written = view.cased[view_start:match_end]
            start, end = view.to_original(view_start, match_end)
            key = squash(written)
            entry = self.known.get(key) or Entry(norm_id=self.id_prefix + key, norm_name=written,
                                                 label=self.label, source="pattern")
            found.append(Candidate(start, end, entry, source="pattern"))
        return found


_LAST_WORDS: list[object] = [None, None, frozenset()]  # the @word pattern, the text, its words


def _text_words(words: re.Pattern[str], text: str) -> frozenset[str]:
    """``frozenset(words.findall(text))``, kept for the last text: the disease shapes and the learned
    endings share one @word row, so a text's words are listed once for both (docs/scaling.md)."""
    if _LAST_WORDS[1] is text and _LAST_WORDS[0] == words:
        return _LAST_WORDS[2]  # type: ignore[return-value]
    found = frozenset(words.findall(text))
    _LAST_WORDS[:] = [words, text, found]
    return found


def _spans_of(words: re.Pattern[str], text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where ``words`` matches exactly ``word`` in ``text``."""
    at = text.find(word)
    while at != -1:
        match = words.match(text, at)
        if match is not None and match.end() - at == len(word):
            yield at, match.end()
        at = text.find(word, at + 1)


def _resolve_key(candidate: Candidate, source_rank=SOURCE_RANK.get, label_rank=LABEL_RANK.get
                 ) -> tuple[int, bool, int, int, int]:
    """Longest first, then lexicon before other sources, then source rank, label rank and start."""
    start, end, entry, source = candidate
    return start - end, source != "lexicon", source_rank(entry.source, 9), label_rank(entry.label, 9), start


def resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: longest first, then by source and label rank.

    Lexicon candidates beat pattern candidates of the same span; among same-span lexicon
    candidates the curated table wins, then cell lines, cued cell lines, train names, genes, drugs.
    """
    ordered = sorted(candidates, key=_resolve_key)
    if not ordered:
        return []
    taken = bytearray(max(c.end for c in ordered))  # 1 where a kept candidate covers the character
    kept = []
    for candidate in ordered:
        if taken.find(1, candidate.start, candidate.end) != -1:
            continue
        taken[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        kept.append(candidate)
    kept.sort(key=_START_END)
    return kept
