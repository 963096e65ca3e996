"""Names of a given shape beyond the lexicon: one regular expression per row of a TSV table.

Split from :mod:`pipeline.ner.matcher` (the lexicon's matcher); both give :class:`Candidate` records
on a :class:`MatchView`, with end-exclusive character offsets of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..tables import read_lines
from .lexicon import LEXICON_DIR, Entry, squash
from .matcher import Candidate, MatchView, ascii_words
from .regex_prefix import with_first_character_lookahead

# Words whose shape test a PatternMatcher remembers; past this it forgets them all (~10 MB at most).
MAX_REMEMBERED_WORDS = 100_000

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
        uncued, cues = [], set()
        for _, line in read_lines(path):
            if line.startswith("family\t"):  # the header
                continue
            family, regex, *rest = line.split("\t")
            if family in affixes:  # optional words before/after every shape ("adrenal hyperplasia")
                affixes[family] = regex
                continue
            patterns.append(f"(?:{regex})")
            row_cues = [cue.strip() for cue in rest[0].split(",") if cue.strip()] if rest else []
            if any(cue != cue.lower() for cue in row_cues):
                raise ValueError(f"{path}: row {family!r}: cue words must be lower case, got {rest[0]!r}")
            cues.update(row_cues)
            if not row_cues:
                uncued.append(patterns[-1])
        if cues and affixes["@word"]:
            raise ValueError(f"{path}: cue words work on regex rows only, not with an @word row")
        flags = re.IGNORECASE if ignore_case else 0
        self.lower_words = bool(ignore_case and affixes["@word"])
        if self.lower_words:
            for pattern in patterns:
                if any(c.isupper() for c in re.sub(r"\\.", "", pattern)):
                    raise ValueError(f"{path}: shape {pattern!r} must be written in lower case (the file is "
                                     "matched in any case, word by word, against lower-cased words)")
        def table(rows: list[str]) -> re.Pattern[str]:
            return re.compile(with_first_character_lookahead(
                r"(?<![0-9A-Za-z])(?:" + "|".join(rows) + ")" + affixes["@suffix"] + r"(?![0-9A-Za-z])", flags), flags)

        self.regex = table(patterns)
        # A row with cue words (third column) can only match a text holding one of them ("cells"
        # after a name): a text without any is scanned by the other rows alone, the same matches
        # for less time (the cued shapes start at every capital or digit; docs/scaling.md).
        self.cues = tuple(sorted(cues))
        self.uncued_regex = table(uncued) if cues and uncued else None
        # The prefix is matched backwards from each hit: scanning it at every position is slow.
        self.prefix = re.compile(r"(?<![0-9A-Za-z])" + affixes["@prefix"] + r"$", flags) if affixes["@prefix"] else None
        # "(?:WORD\s+){0,N}" (no white space in a WORD): at most N words, which bounds where a match starts.
        bound = re.fullmatch(r"\(\?:.*\\s\+\)\{0,(\d+)\}", affixes["@prefix"])
        self.prefix_words = int(bound.group(1)) if bound else 0
        # With an "@word" row every shape is one word: list the words once (fast, in C) and test
        # each against the shapes, instead of letting the shapes backtrack at every word start.
        self.words = re.compile(affixes["@word"]) if affixes["@word"] else None
        # A word that is a run of at least N ASCII letters touching no other letter or digit (the disease
        # shapes'): in an ASCII text, one of its runs of letters and digits, all letters, of N or more.
        letters = _LETTER_RUN_WORD.fullmatch(affixes["@word"])
        self.letter_run_min = int(letters.group(1)) if letters else 0
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

    def _matches(self, text: str, lower: str, original: str | None = None) -> Iterable[tuple[int, int]]:
        """Spans of the shapes in ``text``, the match view of ``original`` (None: not known)."""
        if self.words is None:
            regex = self.regex
            if self.uncued_regex is not None and not any(cue in lower for cue in self.cues):
                regex = self.uncued_regex
            for match in regex.finditer(text):
                yield match.span()
            return
        # Each distinct word is tested once against the shapes, and the answer kept for later texts
        # (set operations in C); only the few words that fit are located.
        if self.letter_run_min and original is not None and original.isascii():
            # The @word row finds runs of at least N ASCII letters touching no letter or digit: in an
            # ASCII text, the runs of letters and digits (listed once per text, ascii_words: the view only
            # normalises white space, which bounds such runs in both) that are all letters and N long. The
            # others (numbers, short words) are tested once like any word and never fit, so the text's
            # runs are not filtered at every text (docs/scaling.md, "Tenth round").
            words = ascii_words(original)
        else:
            words = _text_words(self.words, text)
        unseen = words - self._tested
        if unseen:
            if len(self._tested) + len(unseen) > MAX_REMEMBERED_WORDS:  # memory stays bounded
                self._tested, self._fitting, unseen = set(), set(), words
            self._fitting.update(w for w in unseen if self._fits(w))
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

    def _fits(self, word: str) -> bool:
        """Whether ``word`` (a match of the @word row, or with ``letter_run_min`` any run of ASCII letters
        and digits) is a word of the @word row that fits a shape."""
        if self.letter_run_min and not (len(word) >= self.letter_run_min and word.isalpha()):
            return False
        return self.core.fullmatch(word.lower() if self.lower_words else word) is not None

    def candidates(self, view: MatchView) -> list[Candidate]:
        found = []
        for match_start, match_end in self._matches(view.cased, view.lower, view.text):
            written = view.cased[match_start:match_end]
            if written.lower() in self.exceptions or written.lower().rsplit(" ", 1)[-1] in self.exceptions:
                continue
            view_start = match_start
            if self.prefix is not None:
                window = max(0, view_start - 80)
                if self.prefix_words:
                    # The prefix is at most ``prefix_words`` words, each followed by white space: a match
                    # starts in the last that many runs of non-space before the hit, so the search starts
                    # there (the same leftmost match; the lookbehind still sees the character before).
                    runs = view.cased[window:view_start].rsplit(None, self.prefix_words)
                    if len(runs) > self.prefix_words:
                        window += len(runs[0])
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


_LETTER_RUN_WORD = re.compile(re.escape("(?<![0-9A-Za-z])[A-Za-z]{") + r"(\d+)" + re.escape(",}(?![0-9A-Za-z])"))


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
