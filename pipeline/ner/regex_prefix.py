"""The characters every match of a regular expression starts with, to let ``re`` skip other positions.

Python's ``re`` tries a pattern that opens with a lookbehind (``(?<![0-9A-Za-z])...``, every
shape table's pattern) at every position of the text; preceded by a lookahead on the
possible first characters (``(?=[A-Z0-9])``) it jumps from one such character to the next,
which halved the cell-line shapes' time. The class is read off the parsed pattern; when in
doubt (case-insensitive groups, back-references, an empty match) there is none, and nothing changes.

Also read off a parsed pattern: whether it may match anywhere in a string of ASCII letters
(:func:`may_match_in_letters`, for the tokenizer's affix patterns), and the literal strings a text
must hold for the pattern to match in it (:func:`required_literals`, so that a rule whose words a text
lacks is not searched for at every position of it).
"""

from __future__ import annotations

import functools
import re
import warnings

try:  # the parser behind re.compile; a private module, hence the fallback
    from re import _constants as constants
    from re import _parser as parser
except ImportError:  # pragma: no cover - older or newer Pythons
    parser = constants = None

_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


class _Unknown(Exception):
    pass


def with_first_character_lookahead(pattern: str, flags: int = 0) -> str:
    """``pattern`` preceded by ``(?=[...])`` on its possible first characters, or unchanged if unsure."""
    if parser is None or flags & re.IGNORECASE:
        return pattern
    try:
        tree = parser.parse(pattern, flags)
        if tree.state.flags & re.IGNORECASE:  # an inline (?i) for the whole pattern
            return pattern
        parts, nullable = _first(tree)
    except (_Unknown, re.error, TypeError, ValueError, AttributeError):
        return pattern
    if nullable or not parts:
        return pattern
    return "(?=[" + "".join(sorted(parts)) + "])" + pattern


def _first(items) -> tuple[set[str], bool]:  # noqa: ANN001 - a re._parser.SubPattern or list of its items
    """Class parts of the first character of a sequence, and whether the sequence can match nothing."""
    parts: set[str] = set()
    for op, value in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "SUBPATTERN":
            _group, add_flags, _del_flags, sub = value
            if add_flags & re.IGNORECASE:
                raise _Unknown
            found, nullable = _first(sub)
        elif name == "BRANCH":
            found, nullable = set(), False
            for alternative in value[1]:
                alternative_parts, alternative_nullable = _first(alternative)
                found |= alternative_parts
                nullable = nullable or alternative_nullable
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = value
            found, nullable = _first(sub)
            nullable = nullable or low == 0
        elif name == "LITERAL":
            found, nullable = {re.escape(chr(value))}, False
        elif name == "IN":
            found, nullable = _class_parts(value), False
        else:  # ANY, NOT_LITERAL, GROUPREF, ...: anything may come first
            raise _Unknown
        parts |= found
        if not nullable:
            return parts, False
    return parts, True


def _class_parts(items) -> set[str]:  # noqa: ANN001 - the items of an IN node
    parts = set()
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            parts.add(re.escape(chr(value)))
        elif name == "RANGE":
            parts.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            parts.add(_CATEGORIES[str(value)])
        else:  # NEGATE and the rest
            raise _Unknown
    return parts


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@functools.lru_cache(maxsize=64)
def may_match_in_letters(pattern: re.Pattern[str]) -> bool:
    """False only if ``pattern`` matches nowhere in any string of ASCII letters (an empty match included).

    Read off the parsed pattern, erring towards True: every item of a match must be able to match
    letters only (a lookahead or lookbehind looks at letters too, the string being all letters); a
    negative lookaround, an anchor or anything unknown is assumed to pass. ``spaCy``'s affix patterns
    all need a digit or a punctuation mark, so a run of letters is one token (:mod:`pipeline.ner.chunk_tokens`).
    Remembered per pattern (a pure function of it): a new ``ChunkTokens`` of the same tokenizer (each
    benchmark pass makes one) does not parse the tokenizer's 12,000-character affix patterns again.
    """
    if parser is None:
        return True
    try:
        with warnings.catch_warnings():  # the parser repeats compile's FutureWarnings ("possible set union")
            warnings.simplefilter("ignore", FutureWarning)
            tree = parser.parse(pattern.pattern, pattern.flags)
        return _in_letters(tree)
    except (re.error, TypeError, ValueError, AttributeError, IndexError):
        return True


def _in_letters(items) -> bool:  # noqa: ANN001 - a re._parser.SubPattern or list of its items
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            possible = chr(value) in _ASCII_LETTERS
        elif name == "IN":
            possible = _class_holds_a_letter(value)
        elif name == "BRANCH":
            possible = any(_in_letters(alternative) for alternative in value[1])
        elif name == "SUBPATTERN":
            possible = _in_letters(value[3])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            possible = value[0] == 0 or _in_letters(value[2])
        elif name == "ASSERT":  # a lookahead or lookbehind: it too sees only letters
            possible = _in_letters(value[1])
        else:  # ANY, NOT_LITERAL, AT, ASSERT_NOT, GROUPREF, ...: may pass
            possible = True
        if not possible:
            return False
    return True


def _class_holds_a_letter(items) -> bool:  # noqa: ANN001 - the items of an IN node
    if any(str(op) == "NEGATE" for op, _value in items):
        return True
    for op, value in items:
        name = str(op)
        if name == "LITERAL" and chr(value) not in _ASCII_LETTERS:
            continue
        if name == "RANGE" and not any(value[0] <= ord(c) <= value[1] for c in _ASCII_LETTERS):
            continue
        if name == "CATEGORY" and str(value) in ("CATEGORY_DIGIT", "CATEGORY_SPACE"):
            continue
        return True
    return False


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Strings one of which every text that ``pattern`` matches in holds; ``()`` when unsure or when none is needed.

    Read off the parsed pattern: a run of literal characters in sequence is needed, and so is what a
    group, a repeat of at least once or a lookahead/lookbehind needs; of a sequence's needs the one
    whose shortest string is longest is kept (a rarer word); an alternation needs one of its branches'.
    A string that holds another is dropped (the shorter one is then there too). For a pattern that
    ignores case the strings are lower-case ASCII and are looked for in :func:`fold_case` of the text;
    a needed run with another character (under ``re.IGNORECASE``, whose Unicode case folding
    ``str.lower`` does not copy exactly) is not used.
    """
    if parser is None:
        return ()
    try:
        with warnings.catch_warnings():  # the parser repeats compile's FutureWarnings ("possible set union")
            warnings.simplefilter("ignore", FutureWarning)
            tree = parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, AttributeError, IndexError):
        return ()
    ignore_case = bool(tree.state.flags & re.IGNORECASE)
    needed = _needed(tree, ignore_case)
    if not needed:
        return ()
    return tuple(sorted(s for s in needed if not any(other != s and other in s for other in needed)))


def _needed(items, ignore_case: bool) -> frozenset[str] | None:  # noqa: ANN001 - a SubPattern or list of items
    """One of these strings is in every match of ``items`` (or in the text around it, for lookarounds); None if unknown."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run and (not ignore_case or all(c.isascii() for c in run)):
            options.append(frozenset(["".join(run).lower() if ignore_case else "".join(run)]))
        run.clear()

    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(value))
            continue
        end_run()
        found = None
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = value
            if not (add_flags | del_flags) & re.IGNORECASE:  # a group that switches case handling is skipped
                found = _needed(sub, ignore_case)
        elif name == "BRANCH":
            branches = [_needed(alternative, ignore_case) for alternative in value[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
            found = _needed(value[2], ignore_case)
        elif name == "ASSERT":  # a lookahead or lookbehind that must match: its text is in the text too
            found = _needed(value[1], ignore_case)
        if found:
            options.append(found)
    end_run()
    return max(options, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


# The only characters outside ASCII that re.IGNORECASE lets match an ASCII letter (Python's Unicode case
# folding: dotted and dotless i, long s, the Kelvin sign); str.lower leaves the first three alone and
# turns the dotted I into two characters.
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def fold_case(text: str) -> str:
    """``text`` lower-cased so that an ASCII string a case-ignoring pattern matches in it is a substring there."""
    if text.isascii() or _FOLDS_TO_ASCII.search(text) is None:
        return text.lower()
    return text.translate(_FOLD_TO_ASCII).lower()  # rare: translate is slow
