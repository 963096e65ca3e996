"""Abbreviation definitions with scispaCy's Schwartz-Hearst algorithm, without its token Matcher.

scispaCy's ``AbbreviationDetector`` finds "( ... )" with a spaCy ``Matcher`` whose ``+``
operator is the slowest step of the pipeline, then runs a second matcher for every later
occurrence. Here the parenthesis pairs come from one NumPy pass over the token texts and are
fed to scispaCy's own ``filter_matches`` and ``find_abbreviation``; later occurrences are
found by ``evidence_entities`` on the text.

The detector sets scispaCy's ``doc._.abbreviations`` and ``span._.long_form`` extensions;
:func:`doc_definitions` reads them as :class:`Definition` records, which is also what
:func:`pipeline.ner.definitions.find_definitions` finds on a plain text without a Doc.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from scispacy.abbreviation import filter_matches, find_abbreviation
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .schwartz_hearst import MAX_INSIDE

logger = logging.getLogger(__name__)

_OPEN, _CLOSE = get_string_id("("), get_string_id(")")


@dataclass(frozen=True)
class Definition:
    """``text[short_start:short_end]`` (``short``) is defined as ``text[long_start:long_end]`` (``long``)."""

    short_start: int
    short_end: int
    short: str
    long_start: int
    long_end: int
    long: str


class FirstDefinitions:
    """Keeps a definition only if neither its long nor its short form was defined before (scispaCy's rule)."""

    def __init__(self) -> None:
        self.seen_long: set[str] = set()
        self.seen_short: set[str] = set()

    def is_new(self, short: str, long: str) -> bool:
        if long in self.seen_long or short in self.seen_short:
            return False
        self.seen_long.add(long)
        self.seen_short.add(short)
        return True


class DefinitionDetector:
    """Sets ``doc._.abbreviations`` to the short forms defined in the Doc, each with ``._.long_form``."""

    def __init__(self, nlp: Language) -> None:
        Doc.set_extension("abbreviations", default=[], force=True)
        Span.set_extension("long_form", default=None, force=True)

    def __call__(self, doc: Doc) -> Doc:
        first = FirstDefinitions()
        for long_candidate, short_candidate in filter_matches(_parenthesis_matches(doc), doc):
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is not None and first.is_new(short.text, long.text):
                short._.long_form = long
                doc._.abbreviations.append(short)
        return doc


def _parenthesis_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """The (0, start, end) matches of scispaCy's "( ... )" Matcher pattern."""
    orth = doc.to_array([ORTH]).reshape(-1)
    opens = np.flatnonzero(orth == _OPEN)
    closes = np.flatnonzero(orth == _CLOSE)
    if not len(opens) or not len(closes):
        return []
    matches = []
    for start in opens.tolist():
        # Every ")" after this "(" with at most MAX_INSIDE tokens between, as the Matcher pattern gives.
        first = int(np.searchsorted(closes, start + 1))
        for end in closes[first:].tolist():
            if end - start - 1 > MAX_INSIDE:
                break
            if end > start + 1:
                matches.append((0, start + 1, end))
    return matches


def doc_definitions(doc: Doc) -> list[Definition]:
    """The definitions a detector (ours or scispaCy's) set on ``doc._.abbreviations``."""
    if not Doc.has_extension("abbreviations"):
        return []
    return [Definition(short.start_char, short.end_char, short.text,
                       short._.long_form.start_char, short._.long_form.end_char, short._.long_form.text)
            for short in doc._.abbreviations if short._.long_form is not None]


@Language.factory("evidence_abbreviations", default_config={})
def make_definition_detector(nlp: Language, name: str) -> DefinitionDetector:
    return DefinitionDetector(nlp)
