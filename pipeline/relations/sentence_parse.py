"""The parse of the unit being read: made once on first use, shared by the readers that use the parser,
and let go when the extractor moves on.

The rules' subject choice (:mod:`.subjects`), the pair reader's path features (:mod:`.pairs`) and the
parsed fallback (:mod:`.parsed`) read the same unit one after the other, so its sentence is parsed once.
Only that one parse is held, and :func:`release` (called by ``extract_relations`` after each unit) drops
it, so no parsed Doc outlives its unit (NER Docs are held to the same rule:
``tests/ner/test_ner_doc_lifetime.py``). spaCy is imported only when a sentence is parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


class _HeldParse:
    """At most one (text, Doc) pair: the unit being read."""

    __slots__ = ("text", "doc")

    def __init__(self) -> None:
        self.text: str | None = None
        self.doc: Doc | None = None


_HELD = _HeldParse()


def unit_parse(text: str) -> Doc:
    """The parse of ``text`` as one sentence, made on first use and reused until :func:`release`."""
    if _HELD.doc is None or _HELD.text != text:
        from ..parser import parse_sentences

        _HELD.text, _HELD.doc = text, parse_sentences([text])[0]
    return _HELD.doc


def release() -> None:
    """Drop the held parse (after each unit)."""
    _HELD.text, _HELD.doc = None, None
