"""JNLPBA 2004: brat standoff folders (``ID.txt`` + ``ID.ann``) and the official IOB2 files."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import InputError
from ..io import iter_text_lines
from ..records import Document, Mention
from ..textcheck import parse_ascii_int
from .base import AnnotatedDocument, checked_mention

logger = logging.getLogger(__name__)


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from exc


def read_standoff(folder: str | Path, corpus: str = "jnlpba") -> list[AnnotatedDocument]:
    """Read every ``ID.txt``/``ID.ann`` pair of a folder (sorted by ID).

    Raises
    ------
    InputError
        For an ``.ann`` line that is not ``T# type start end<TAB>text`` or whose offsets miss.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of .txt/.ann files")
    documents = []
    for text_path in sorted(folder.glob("*.txt")):
        doc_id = text_path.stem
        text = _read_utf8(text_path)
        ann_path = text_path.with_suffix(".ann")
        mentions = []
        if ann_path.exists():
            for line_number, line in enumerate(_read_utf8(ann_path).splitlines(), start=1):
                if not line.startswith("T"):
                    continue
                try:
                    _tid, spec, written = line.split("\t", 2)
                    label, start, end = spec.split(" ")[:3]
                    mention = Mention(doc_id=doc_id, text=written, label=label, source="gold",
                                      start=parse_ascii_int(start, str(ann_path), "start offset", line=line_number),
                                      end=parse_ascii_int(end.split(";")[0], str(ann_path), "end offset",
                                                          line=line_number))
                except ValueError as exc:
                    raise InputError(str(ann_path), f"not a text-bound annotation: {line[:60]!r}",
                                     line=line_number) from exc
                mentions.append(checked_mention(text, mention, str(ann_path), line_number))
        mentions.sort(key=lambda m: (m.start, m.end, m.label))
        title = text.split("\n", 1)[0]
        documents.append(AnnotatedDocument(Document(doc_id=doc_id, source=corpus, title=title, text=text),
                                           tuple(mentions)))
    logger.info("%s: %d documents", folder, len(documents))
    return documents


def read_iob2(path: str | Path, corpus: str = "jnlpba") -> list[AnnotatedDocument]:
    """Read an IOB2 file (``token<TAB>tag``; ``###MEDLINE:ID`` starts a document).

    Tokens are joined by single spaces, sentences by newlines; documents without a
    ``###MEDLINE`` line are numbered.

    Raises
    ------
    InputError
        For a line without a tab, an unknown tag, or an ``I-`` tag that continues nothing.
    """
    source = str(path)
    documents: list[AnnotatedDocument] = []
    doc_id: str | None = None
    parts: list[str] = []
    length = 0
    separator = ""
    mentions: list[Mention] = []
    open_span: tuple[int, str] | None = None
    span_end = 0

    def close_span() -> None:
        nonlocal open_span
        if open_span is not None:
            start, label = open_span
            text = "".join(parts)
            mentions.append(Mention(doc_id=str(doc_id), start=start, end=span_end, text=text[start:span_end],
                                    label=label, source="gold"))
            open_span = None

    def flush() -> None:
        nonlocal parts, mentions, length, separator
        close_span()
        if parts:
            documents.append(AnnotatedDocument(Document(doc_id=str(doc_id), source=corpus, title="",
                                                        text="".join(parts)), tuple(mentions)))
        parts, mentions, length, separator = [], [], 0, ""

    for line_number, line in iter_text_lines(path):
        if line.startswith("###MEDLINE:"):
            flush()
            doc_id = line.split(":", 1)[1].strip()
            continue
        if not line.strip():
            close_span()
            separator = "\n" if parts else ""
            continue
        if doc_id is None:
            doc_id = f"doc{len(documents) + 1}"
        if "\t" not in line:
            raise InputError(source, f"not a token<TAB>tag line: {line[:60]!r}", line=line_number)
        token, tag = line.rsplit("\t", 1)
        if tag == "O" or tag.startswith("B-"):
            close_span()
        elif tag.startswith("I-"):
            if open_span is None or open_span[1] != tag[2:]:
                raise InputError(source, f"tag {tag} continues no {tag[2:]} span", line=line_number)
        else:
            raise InputError(source, f"unknown tag {tag!r}", line=line_number)
        parts.append(separator)
        length += len(separator)
        if tag.startswith("B-"):
            open_span = (length, tag[2:])
        parts.append(token)
        length += len(token)
        span_end = length
        separator = " "
    flush()
    logger.info("%s: %d documents", source, len(documents))
    return documents
