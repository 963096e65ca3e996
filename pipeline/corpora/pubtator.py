"""PubTator files (BioRED, BC5CDR): ``PMID|t|title``, ``PMID|a|abstract``, then tab-separated mentions.

Mention lines are ``PMID, start, end, text, type, ids[, individual mentions]`` with offsets into
``title + " " + abstract``; relation lines (``PMID, type, id1, id2, ...``) are skipped.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import InputError
from ..records import Document, Mention
from .base import AnnotatedDocument, checked_mention

logger = logging.getLogger(__name__)


def read_pubtator(path: str | Path, corpus: str = "pubtator") -> list[AnnotatedDocument]:
    """Read every document of a PubTator file.

    Parameters
    ----------
    path
        The PubTator file.
    corpus
        Written to each ``Document.source``.

    Raises
    ------
    InputError
        For a malformed line or a mention whose offsets do not match its text (file and line named).
    """
    source = str(path)
    documents: list[AnnotatedDocument] = []
    state: dict[str, object] = {}

    def flush() -> None:
        if not state:
            return
        pmid = str(state["pmid"])
        if "title" not in state or "abstract" not in state:
            raise InputError(source, f"document {pmid} lacks a title or abstract line", line=int(state["line"]))
        title, abstract = str(state["title"]), str(state["abstract"])
        text = f"{title} {abstract}"
        document = Document(doc_id=pmid, source=corpus, title=title, text=text, pmid=pmid)
        mentions = tuple(checked_mention(text, m, source, line) for m, line in state["mentions"])  # type: ignore[union-attr]
        documents.append(AnnotatedDocument(document, mentions))
        state.clear()

    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                flush()
                continue
            if "|" in line[:20] and ("|t|" in line[:30] or "|a|" in line[:30]):
                pmid, kind, body = line.split("|", 2)
                if state and state.get("pmid") != pmid:
                    flush()
                state.setdefault("pmid", pmid)
                state.setdefault("line", line_number)
                state.setdefault("mentions", [])
                state["title" if kind == "t" else "abstract"] = body
                continue
            fields = line.split("\t")
            if len(fields) >= 5 and fields[1].isdigit() and fields[2].isdigit():
                if not state or fields[0] != state.get("pmid"):
                    raise InputError(source, f"mention of {fields[0]} outside its document", line=line_number)
                ids = fields[5] if len(fields) > 5 else ""
                mention = Mention(doc_id=fields[0], start=int(fields[1]), end=int(fields[2]), text=fields[3],
                                  label=fields[4], norm_id=ids or None, norm_name=None, source="gold")
                state["mentions"].append((mention, line_number))  # type: ignore[union-attr]
            elif len(fields) >= 3 and state and fields[0] == state.get("pmid"):
                continue  # a relation line
            else:
                raise InputError(source, f"not a PubTator title, abstract, mention or relation line: {line[:60]!r}",
                                 line=line_number)
    flush()
    logger.info("%s: %d documents", source, len(documents))
    return documents
