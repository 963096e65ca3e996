"""PubTator files (BioRED, BC5CDR): ``PMID|t|title``, ``PMID|a|abstract``, then tab-separated mentions.

Mention lines are ``PMID, start, end, text, type, ids[, individual mentions]`` with offsets into
``title + " " + abstract``; relation lines (``PMID, type, id1, id2, ...``) are skipped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..io import iter_text_lines
from ..records import Document, Mention
from ..textcheck import parse_ascii_int
from .base import AnnotatedDocument, checked_mention, corpus_ids

logger = logging.getLogger(__name__)

# "PMID|t|title" / "PMID|a|abstract": the id holds neither a bar nor a tab (a mention line starts "PMID<TAB>").
_TEXT_LINE = re.compile(r"([^|\t]+)\|([ta])\|(.*)", re.DOTALL)


@dataclass
class _Pending:
    """The document being read: its id, first line, title, abstract and mention lines."""

    pmid: str
    line: int
    title: str | None = None
    abstract: str | None = None
    mentions: list[tuple[Mention, int]] = field(default_factory=list)


def read_pubtator(path: str | Path, corpus: str = "pubtator",
                  errors: list[InputError] | None = None) -> list[AnnotatedDocument]:
    """Read every document of a PubTator file.

    Parameters
    ----------
    path
        The PubTator file.
    corpus
        Written to each ``Document.source``.
    errors
        When given, a bad line costs only its own document: the error is appended here and
        the other documents are read. Without it the first error is raised.

    Raises
    ------
    InputError
        For a malformed line, offsets that are not ASCII digits, a mention whose offsets do not
        match its text, or bytes that are not UTF-8 (file and line named).
    """
    source = str(path)
    documents: list[AnnotatedDocument] = []
    pending: _Pending | None = None
    skipping: str | None = None  # the id of a document dropped for an error; its other lines are skipped

    def fail(error: InputError) -> None:
        nonlocal pending, skipping
        if errors is None:
            raise error
        errors.append(error)
        skipping = pending.pmid if pending is not None else skipping
        pending = None

    for line_number, line in iter_text_lines(path):
        if not line.strip():
            try:
                pending = _flush(pending, documents, corpus, source)
            except InputError as error:
                fail(error)
            skipping = None
            continue
        text_line = _TEXT_LINE.fullmatch(line)
        if text_line:
            pmid, kind, body = text_line.groups()
            if pmid == skipping:
                continue
            skipping = None
            try:
                if pending is not None and pending.pmid != pmid:
                    pending = _flush(pending, documents, corpus, source)
            except InputError as error:
                fail(error)
                skipping = None
            if pending is None:
                pending = _Pending(pmid, line_number)
            if kind == "t":
                pending.title = body
            else:
                pending.abstract = body
            continue
        if skipping is not None and line.split("\t", 1)[0] == skipping:
            continue
        try:
            _read_annotation(line, line_number, pending, source)
        except InputError as error:
            fail(error)
    try:
        _flush(pending, documents, corpus, source)
    except InputError as error:
        fail(error)
    logger.info("%s: %d documents", source, len(documents))
    return documents


def _read_annotation(line: str, line_number: int, pending: _Pending | None, source: str) -> None:
    fields = line.split("\t")
    # a relation line has a type in its second field (later fields may be numeric ids), a mention
    # line its start offset: a digit of any script there marks a mention, whose offsets must be ASCII
    if len(fields) >= 5 and fields[1][:1].isdigit():
        if pending is None or fields[0] != pending.pmid:
            raise InputError(source, f"mention of {fields[0][:40]!r} outside its document", line=line_number)
        start = parse_ascii_int(fields[1], source, "mention start offset", line=line_number)
        end = parse_ascii_int(fields[2], source, "mention end offset", line=line_number)
        ids = fields[5] if len(fields) > 5 else ""
        mention = Mention(doc_id=fields[0], start=start, end=end, text=fields[3],
                          label=fields[4], norm_id=corpus_ids(ids), norm_name=None, source="gold")
        pending.mentions.append((mention, line_number))
    elif len(fields) >= 3 and pending is not None and fields[0] == pending.pmid:
        return  # a relation line
    else:
        raise InputError(source, f"not a PubTator title, abstract, mention or relation line: {line[:60]!r}",
                         line=line_number)


def _flush(pending: _Pending | None, documents: list[AnnotatedDocument], corpus: str, source: str) -> None:
    """Check and append the pending document; return None (no document pending)."""
    if pending is None:
        return None
    if pending.title is None or pending.abstract is None:
        raise InputError(source, f"document {pending.pmid} lacks a title or abstract line", line=pending.line)
    text = f"{pending.title} {pending.abstract}"
    document = Document(doc_id=pending.pmid, source=corpus, title=pending.title, text=text, pmid=pending.pmid)
    mentions = tuple(checked_mention(text, m, source, line) for m, line in pending.mentions)
    documents.append(AnnotatedDocument(document, mentions))
    return None
