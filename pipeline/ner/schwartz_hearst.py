"""scispaCy's abbreviation filters and Schwartz-Hearst search, on a plain token list.

The same decisions as scispaCy 0.6's ``filter_matches``, ``short_form_filter``,
``span_contains_unbalanced_parentheses`` and ``find_abbreviation`` (``scispacy/abbreviation.py``),
made on token strings instead of spaCy Spans: :mod:`pipeline.ner.definitions` runs them on
the few tokens around each bracket, where building Spans cost more than the search.
``tests/ner/test_ner_definitions.py`` checks that they agree with scispaCy's functions on a Doc.
Token ranges are ``(first, end)`` with ``end`` exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_INSIDE = 8  # scispaCy ignores parentheses holding more than eight tokens

TokenRange = tuple[int, int]


@dataclass(frozen=True)
class Tokens:
    """Tokens of ``text``: ``words[i] == text[starts[i]:starts[i] + len(words[i])]``, ``spaces[i]`` a space after."""

    text: str
    words: tuple[str, ...]
    starts: tuple[int, ...]
    spaces: tuple[bool, ...]

    def span_text(self, tokens: TokenRange) -> str:
        first, end = tokens
        return self.text[self.starts[first]:self.starts[end - 1] + len(self.words[end - 1])]

    def char_span(self, tokens: TokenRange) -> tuple[int, int]:
        first, end = tokens
        return self.starts[first], self.starts[end - 1] + len(self.words[end - 1])


def candidates(tokens: Tokens, first_char: int = 0) -> list[tuple[TokenRange, TokenRange]]:
    """``(long form window, short form)`` pairs, as ``filter_matches`` gives for scispaCy's "( ... )" matches.

    Only brackets opening at or after ``first_char`` are read.
    """
    words, starts = tokens.words, tokens.starts
    opens = [i for i, word in enumerate(words) if word == "(" and starts[i] >= first_char]
    closes = [i for i, word in enumerate(words) if word == ")"]
    found = []
    for opening in opens:
        for close in closes:
            if close <= opening + 1:
                continue
            if close - opening - 1 > MAX_INSIDE:
                break
            start, end = opening + 1, close
            if start == 1:  # scispaCy skips a bracket that opens the text
                continue
            if end - start > 3:  # the long form is inside the brackets, the short form the token before
                short, long = (start - 2, start - 1), (start, end)
                if _unbalanced(words[start:end]):
                    continue
            else:
                short = (start, end)
                length = sum(len(word) for word in words[start:end])
                max_words = min(length + 5, length * 2)
                long = (max(start - max_words - 1, 0), start - 1)
            if _short_form_filter(tokens, short):
                found.append((long, short))
    return found


def _unbalanced(words: tuple[str, ...]) -> bool:
    depth = 0
    for word in words:
        if word == "(":
            depth += 1
        elif word == ")":
            if depth > 0:
                depth -= 1
            else:
                return True
    return depth != 0


def _short_form_filter(tokens: Tokens, short: TokenRange) -> bool:
    if not all(2 <= len(word) < 10 for word in tokens.words[short[0]:short[1]]):
        return False
    text = tokens.span_text(short)
    if (sum(c.isalpha() for c in text) / len(text)) < 0.5:
        return False
    return text[0].isalpha()


def find_abbreviation(tokens: Tokens, long: TokenRange, short: TokenRange) -> TokenRange | None:
    """The long form that ``short`` abbreviates within the window ``long``, or None (Schwartz & Hearst, 2003)."""
    long_form = " ".join(tokens.words[long[0]:long[1]])
    short_form = " ".join(tokens.words[short[0]:short[1]])
    long_index = len(long_form) - 1
    short_index = len(short_form) - 1
    while short_index >= 0:
        current_char = short_form[short_index].lower()
        if not current_char.isalnum():
            short_index -= 1
            continue
        # the first character of the short form must also start a word of the long form
        while ((long_index >= 0 and long_form[long_index].lower() != current_char)
               or (short_index == 0 and long_index > 0 and long_form[long_index - 1].isalnum())):
            long_index -= 1
        if long_index < 0:
            return None
        long_index -= 1
        short_index -= 1
    long_index += 1
    # scispaCy maps the character index back to a token by the tokens' lengths with their
    # trailing whitespace, not by the joined string: kept, so the results are the same.
    word_lengths = 0
    for index in range(long[0], long[1]):
        word_lengths += len(tokens.words[index]) + tokens.spaces[index]
        if word_lengths > long_index:
            return index, long[1]
    return long
