"""The record every corpus reader returns, and the offset check they share."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..records import Document, Mention
from ..textcheck import span_fits


@dataclass(frozen=True)
class AnnotatedDocument:
    """A document with its gold mentions (offsets end-exclusive into ``document.text``)."""

    document: Document
    mentions: tuple[Mention, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


def checked_mention(text: str, mention: Mention, source: str, line: int | None = None) -> Mention:
    """Return ``mention`` if its offsets lie in ``text`` and slice back to its text.

    Raises
    ------
    InputError
        Naming ``source`` (file) and ``line`` with the bad offsets and both strings.
    """
    if not span_fits(text, mention.start, mention.end):
        raise InputError(source, f"document {mention.doc_id}: offsets {mention.start}-{mention.end} "
                                 f"outside a text of {len(text)} characters", line=line)
    written = text[mention.start:mention.end]
    if written != mention.text:
        raise InputError(source, f"document {mention.doc_id}: offsets {mention.start}-{mention.end} "
                                 f"give {written!r}, the annotation says {mention.text!r}", line=line)
    return mention
