"""Find lexicon terms and cell-line shapes in a text, with end-exclusive character offsets.

Matching runs on a *match view* of the text: dashes unified, whitespace runs collapsed,
and whitespace after a hyphen dropped (so "MDA-\\nMB-231" and "PF- 04236921" match), with
an index map back to the original characters. One Aho-Corasick pass over the lower-cased
view finds every candidate; case, word boundaries and left-context vetoes are checked only
on those candidates, never per token.
"""

from __future__ import annotations

import functools
import logging
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

import ahocorasick

from ..text import unify_dashes_and_spaces
from .lexicon import LABEL_RANK, SOURCE_RANK, Entry, Lexicon, bracket_cue, normalize_surface

logger = logging.getLogger(__name__)

_COLLAPSIBLE = re.compile(r"(?=\s)(?:(?<=-)\s+|(?<=\s)\s+)")  # the lookahead lets re skip to whitespace
_LEFT_WORD = re.compile(r"(\S+)\s*$")
_RIGHT_WORD = re.compile(r"[\s\-)\]]*([A-Za-z]+)")
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: what str.isalnum() accepts
_END_START = operator.itemgetter(1, 0)
_START_END = operator.attrgetter("start", "end")


class Candidate(NamedTuple):
    """A possible mention: ``text[start:end]`` (end-exclusive) is an entry's written form.

    A named tuple, built in half the time of a frozen dataclass (which sets each field through
    ``object.__setattr__``): an abstract gives ~50 candidates, most dropped by :func:`resolve`.
    """

    start: int
    end: int
    entry: Entry
    source: str = "lexicon"


# ``Candidate(*fields)`` without the named tuple's generated ``__new__`` frame (every field given): the
# lexicon's loop builds one per hit that passes.
_new_candidate = functools.partial(tuple.__new__, Candidate)


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
        if not translated.isascii() and _GREEK_LETTER.search(self.cased):
            self.cased, offsets = _spell_greek(self.cased, offsets)
        lowered = self.cased.lower()
        if len(lowered) != len(self.cased):  # a few characters lower-case to two
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.cased)
        self.lower = lowered
        self.offsets = offsets

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


# Greek letters are matched spelled out, in the text and in the terms alike: "IFN-γ" meets the term
# "IFN-gamma", "α-tocopherol" meets "alpha-tocopherol", and a term written "IL-1β" meets "IL-1beta".
# Not "µ"/"μ": a unit prefix ("μM"), never part of a name here.
_GREEK_NAMES = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
                "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "σ": "sigma", "τ": "tau", "ω": "omega"}
_GREEK_LETTER = re.compile("[" + "".join(_GREEK_NAMES) + "]")


def spell_greek(text: str) -> str:
    """``text`` with its Greek letters spelled out ("IL-1β" -> "IL-1beta"): how terms and texts meet."""
    return _GREEK_LETTER.sub(lambda m: _GREEK_NAMES[m.group()], text) if not text.isascii() else text


def _spell_greek(cased: str, offsets: list[int] | None) -> tuple[str, list[int]]:
    """:func:`spell_greek` of a view, each letter's spelled word mapped back to the letter's character."""
    offsets = list(range(len(cased))) if offsets is None else offsets
    out: list[str] = []
    new_offsets: list[int] = []
    previous = 0
    for match in _GREEK_LETTER.finditer(cased):
        out.append(cased[previous:match.start()])
        new_offsets.extend(offsets[previous:match.start()])
        word = _GREEK_NAMES[match.group()]
        out.append(word)
        new_offsets.extend([offsets[match.start()]] * len(word))
        previous = match.end()
    out.append(cased[previous:])
    new_offsets.extend(offsets[previous:])
    return "".join(out), new_offsets


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def joins_a_word(char: str) -> bool:
    """A character that continues a name: a letter, a digit, a hyphen or an underscore ("IL-6", "CAF-Exo")."""
    return char.isalnum() or char in "-_"


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


def _bounded(text: str, start: int, end: int) -> bool:
    """No letter or digit (``str.isalnum``) touches ``text[start:end]`` on either side."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum():
            return False
        # "benzo[a]pyrene", "indeno[1,2,3-cd]pyrene": a locant bracket joined to the word before it is
        # inside one fused-ring name, so "pyrene" after it is no name of its own ("[3H]nicotine" and
        # "N-[3H]methyl" keep theirs: nothing or a hyphen stands before the "[").
        if before == "]":
            opening = text.rfind("[", max(0, start - 16), start - 1)
            if opening > 0 and text[opening - 1].isalnum():
                return False
    if end < len(text):
        if text[end].isalnum():
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


_ASCII_WORDS: dict[str, frozenset[str]] = {}  # the texts of the current batch, by text
MAX_REMEMBERED_TEXTS = 256  # past this the texts' words are forgotten; a batch is 64 texts


def ascii_words(text: str) -> frozenset[str]:
    """The distinct runs of ASCII letters and digits of ``text`` (of an ASCII text: its runs of letters
    and digits), listed once per text.

    The abbreviation scan, the lexicon (lower-cased) and the disease word shapes each read them,
    one step at a time over a batch of texts (``EntityRecognizer.find_many``): each text's are
    kept until the batch's later steps have read them. Every character outside ASCII encodes as
    one "?", which ends a run as it does.
    """
    words = _ASCII_WORDS.get(text)
    if words is None:
        if len(_ASCII_WORDS) >= MAX_REMEMBERED_TEXTS:
            _ASCII_WORDS.clear()
        words = _ASCII_WORDS[text] = frozenset(
            text.encode("ascii", "replace").translate(_ASCII_WORD_BYTES).decode("ascii").split())
    return words


_ASCII_LOWER_WORDS: dict[str, frozenset[str]] = {}  # the texts of the current batch, by text


def ascii_lower_words(text: str) -> frozenset[str]:
    """:func:`ascii_words` lower-cased, listed once per text: the lexicon's one-word keys and the learned
    disease heads (:mod:`pipeline.ner.disease_heads`) are looked up among them, kept like the words."""
    words = _ASCII_LOWER_WORDS.get(text)
    if words is None:
        if len(_ASCII_LOWER_WORDS) >= MAX_REMEMBERED_TEXTS:
            _ASCII_LOWER_WORDS.clear()
        words = _ASCII_LOWER_WORDS[text] = frozenset(map(str.lower, ascii_words(text)))
    return words


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
            cased = spell_greek(normalize_surface(term.surface))
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
        return self._word_hits(view) + self._phrase_hits(view)

    def _word_hits(self, view: MatchView) -> list[tuple[int, int, tuple[tuple[str, Entry, str], ...]]]:
        """The one-word keys' hits: whole words of the lower-cased view."""
        words, lower = self.words, view.lower
        hits = []
        # The distinct words are looked up once (keys() & set iterates over the set, in C); only
        # the few that are terms are then located.
        if view.text.isascii():
            # Whitespace and dashes normalised, lower-cased: the same runs of ASCII letters and digits, lower-cased.
            present = words.keys() & ascii_lower_words(view.text)
        else:
            present = words.keys() & _distinct_words(lower)
        cased = view.cased
        for word in present & self.cased_only.keys():
            # none of its written forms is in the text as written: every hit would fail its case
            if not any(surface in cased for surface in self.cased_only[word]):
                present.discard(word)
        for word in present:
            items = words[word]
            hits.extend((start, end, items) for start, end in whole_word_spans(lower, word, str.isalnum))
        return hits

    def _phrase_hits(self, view: MatchView) -> list[tuple[int, int, tuple[tuple[str, Entry, str], ...]]]:
        """The other keys' hits: the automaton's pass over the lower-cased view (inside words too)."""
        if self.automaton.kind != ahocorasick.AHOCORASICK:
            return []
        return [(view_end + 1 - len(items[0][0]), view_end + 1, items)
                for view_end, items in self.automaton.iter(view.lower)]

    def candidates(self, view: MatchView) -> list[Candidate]:
        """Every bounded, case-correct occurrence of a term in ``view`` (overlaps included).

        In the automaton's order, by end and then start (no two hits share both).
        """
        return self.candidates_many([view])[0]

    def candidates_many(self, views: Sequence[MatchView]) -> list[list[Candidate]]:
        """:meth:`candidates` of each view, the automaton's pass over all of them first.

        The same candidates: the automaton (~160 MB of trie) then stays in the CPU caches from one text to
        the next instead of being evicted by the dictionary look-ups of each text's words (docs/scaling.md).
        """
        if not self.size:
            return [[] for _ in views]
        phrases = [self._phrase_hits(view) for view in views]
        return [self._kept(view, self._word_hits(view) + hits) for view, hits in zip(views, phrases)]

    def _kept(self, view: MatchView, hits: list[tuple[int, int, tuple[tuple[str, Entry, str], ...]]]
              ) -> list[Candidate]:
        """The bounded, case-correct ``hits`` (any order: no two hits share both ends) as candidates."""
        text, cased, offsets = view.text, view.cased, view.offsets
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
                found.append(_new_candidate((start, end, entry, "lexicon")))
        return found


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
