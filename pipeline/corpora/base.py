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


# How corpora write "no identifier" for a mention: BioRED "-", BC5CDR (CDR PubTator) "-1". A gold mention
# read with one has no id (norm_id None): counted as a concept it made "MESH:-1" a concept the scorer
# rewarded and the lexicon build learned as an id (136 names).
NO_ID_MARKS = frozenset({"-", "-1"})


def corpus_ids(raw: str | None) -> str | None:
    """A mention's identifier field as read, or None where it is empty or says "no identifier"."""
    raw = (raw or "").strip()
    return None if not raw or raw in NO_ID_MARKS else raw


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
