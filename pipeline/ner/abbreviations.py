"""Abbreviation definitions with scispaCy's Schwartz-Hearst algorithm, without its token Matcher.

scispaCy's ``AbbreviationDetector`` finds "( ... )" with a spaCy ``Matcher`` whose ``+``
operator is the slowest step of the pipeline, then runs a second matcher for every later
occurrence. Here the parenthesis pairs come from one NumPy pass over the token texts and are
fed to scispaCy's own ``filter_matches`` and ``find_abbreviation``; later occurrences are
found by ``evidence_entities`` on the text. The Doc gets the same ``doc._.abbreviations``
(definition sites) and ``span._.long_form`` extensions.
"""

from __future__ import annotations

import logging

import numpy as np
from scispacy.abbreviation import filter_matches, find_abbreviation
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

logger = logging.getLogger(__name__)

MAX_INSIDE = 8  # scispaCy ignores parentheses holding more than eight tokens


class DefinitionDetector:
    """Sets ``doc._.abbreviations`` to the short forms defined in the Doc, each with ``._.long_form``."""

    def __init__(self, nlp: Language) -> None:
        Doc.set_extension("abbreviations", default=[], force=True)
        Span.set_extension("long_form", default=None, force=True)
        self.open_id = nlp.vocab.strings.add("(")
        self.close_id = nlp.vocab.strings.add(")")

    def __call__(self, doc: Doc) -> Doc:
        orth = doc.to_array([ORTH]).reshape(-1)
        opens = np.flatnonzero(orth == self.open_id)
        closes = np.flatnonzero(orth == self.close_id)
        if not len(opens) or not len(closes):
            return doc
        matches = []
        for start in opens.tolist():
            # Every ")" after this "(" with at most MAX_INSIDE tokens between, as the Matcher pattern gives.
            first = int(np.searchsorted(closes, start + 1))
            for end in closes[first:].tolist():
                if end - start - 1 > MAX_INSIDE:
                    break
                if end > start + 1:
                    matches.append((0, start + 1, end))
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        for long_candidate, short_candidate in filter_matches(matches, doc):
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None or long.text in seen_long or short.text in seen_short:
                continue
            seen_long.add(long.text)
            seen_short.add(short.text)
            short._.long_form = long
            doc._.abbreviations.append(short)
        return doc


@Language.factory("evidence_abbreviations", default_config={})
def make_definition_detector(nlp: Language, name: str) -> DefinitionDetector:
    return DefinitionDetector(nlp)
