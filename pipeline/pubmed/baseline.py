"""Streaming reader of PubMed baseline and update files (``pubmedNNnNNNN.xml.gz``).

A baseline file holds about 30,000 articles (~40 MB gzipped, ~200 MB of XML);
it is decompressed and parsed incrementally (``iterparse``), each article turned
into a :class:`~pipeline.records.Document` with the same code as efetch answers
and then dropped from the tree, so memory does not grow with the file.

Update files also carry ``<DeleteCitation>`` lists; their PMIDs are collected in
:attr:`BaselineReader.deleted_pmids`. Parsing goes through defusedxml: the DOCTYPE
every file declares is allowed, but no DTD is fetched and no entity is expanded.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from ..errors import InputError
from ..io import atomic_writer
from ..records import Document
from .parser import ARTICLE_TAGS, article_document, validate_pmid

logger = logging.getLogger(__name__)

BASELINE_NAME = re.compile(r"pubmed[0-9]{2}n[0-9]{4}\.xml(\.gz)?")
DELETE_TAG = "DeleteCitation"


def baseline_files(folder: str | Path) -> list[Path]:
    """The baseline/update files in ``folder`` (``pubmedNNnNNNN.xml[.gz]``), in name order.

    Raises
    ------
    InputError
        Naming ``folder`` when it is not a directory.
    """
    path = Path(folder)
    if not path.is_dir():
        raise InputError(str(path), "not a folder of PubMed baseline files")
    return sorted(p for p in path.iterdir() if p.is_file() and BASELINE_NAME.fullmatch(p.name))


class BaselineReader:
    """Iterate the documents of one baseline/update file, article by article.

    Parameters
    ----------
    path
        A ``.xml.gz`` (or plain ``.xml``) ``PubmedArticleSet`` file.

    Attributes
    ----------
    errors
        One :class:`InputError` per article that could not be used (naming its PMID or
        position), and one naming the file and line if the file is cut or malformed;
        the documents read before that point are still yielded.
    deleted_pmids
        PMIDs listed under ``<DeleteCitation>`` (update files).
    articles
        Number of article elements seen.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.errors: list[InputError] = []
        self.deleted_pmids: list[str] = []
        self.articles = 0

    def _open(self):  # noqa: ANN202 - a binary file object
        if self.path.suffix == ".gz":
            return gzip.open(self.path, "rb")
        return self.path.open("rb")

    def __iter__(self) -> Iterator[Document]:
        source = str(self.path)
        try:
            handle = self._open()
        except OSError as exc:
            self.errors.append(InputError(source, f"cannot open: {exc.strerror or exc}"))
            return
        with handle:
            events = SafeET.iterparse(handle, events=("start", "end"), forbid_dtd=False,
                                      forbid_entities=True, forbid_external=True)
            try:
                yield from self._documents(events, source)
            except ET.ParseError as exc:
                line = exc.position[0] if getattr(exc, "position", None) else None
                self.errors.append(InputError(source, f"malformed XML ({exc})", line=line))
            except defusedxml.DefusedXmlException as exc:
                self.errors.append(InputError(source, f"refused unsafe XML ({exc})"))
            except (OSError, EOFError, zlib.error) as exc:
                self.errors.append(InputError(source, f"cannot decompress ({exc})"))
        logger.info("%s: %d articles, %d errors, %d deletions", source, self.articles, len(self.errors),
                    len(self.deleted_pmids))

    def _documents(self, events: Iterator[tuple[str, ET.Element]], source: str) -> Iterator[Document]:
        root: ET.Element | None = None
        depth = 0
        for event, element in events:
            if event == "start":
                if root is None:
                    root = element
                    if root.tag not in ("PubmedArticleSet", *ARTICLE_TAGS):
                        self.errors.append(InputError(source, f"not a PubmedArticleSet (root element <{root.tag}>)"))
                        return
                depth += 1
                continue
            depth -= 1
            if depth != 1:
                continue
            if element.tag in ARTICLE_TAGS:
                self.articles += 1
                try:
                    yield article_document(element, source, self.articles)
                except InputError as exc:
                    self.errors.append(exc)
            elif element.tag == DELETE_TAG:
                self._add_deletions(element, source)
            element.clear()
            root.clear()  # drop the finished child from the root too, so the tree stays one article deep

    def _add_deletions(self, element: ET.Element, source: str) -> None:
        for node in element.iter("PMID"):
            try:
                self.deleted_pmids.append(validate_pmid((node.text or "").strip(), f"{source}#{DELETE_TAG}"))
            except InputError as exc:
                self.errors.append(exc)


def iter_baseline_documents(paths: Iterable[str | Path], errors: list[InputError] | None = None) -> Iterator[Document]:
    """Stream the documents of several baseline/update files in the given order.

    Parameters
    ----------
    paths
        Files as listed by :func:`baseline_files`.
    errors
        When given, every file's errors are appended to it as they are found.
    """
    for path in paths:
        reader = BaselineReader(path)
        yield from reader
        if errors is not None:
            errors.extend(reader.errors)


def write_baseline_file(documents: Iterable[Document], path: str | os.PathLike[str],
                        deleted_pmids: Iterable[str] = ()) -> int:
    """Write ``documents`` as a baseline/update file (gzipped when ``path`` ends in ``.gz``); return the count.

    For generated test and benchmark inputs: each document becomes a minimal
    ``<PubmedArticle>`` (PMID, title, one ``<AbstractText>`` holding the text after the
    title), written one at a time, so a large file is never held in memory.
    ``deleted_pmids`` go into a trailing ``<DeleteCitation>`` as in update files.

    Raises
    ------
    ValueError
        Naming the document whose ``pmid`` is missing.
    """
    target = Path(path)
    count = 0
    with atomic_writer(target, "wb") as raw:
        handle = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if target.suffix == ".gz" else raw
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n')
        for document in documents:
            if not document.pmid:
                raise ValueError(f"document {document.doc_id!r} has no pmid")
            abstract = document.text
            if document.title and abstract.startswith(document.title):
                abstract = abstract[len(document.title):].strip()
            article = ET.Element("PubmedArticle")
            citation = ET.SubElement(article, "MedlineCitation", Status="MEDLINE")
            ET.SubElement(citation, "PMID", Version="1").text = document.pmid
            body = ET.SubElement(citation, "Article")
            ET.SubElement(body, "ArticleTitle").text = document.title
            if abstract:
                ET.SubElement(ET.SubElement(body, "Abstract"), "AbstractText").text = abstract
            handle.write(ET.tostring(article, encoding="utf-8", xml_declaration=False) + b"\n")
            count += 1
        deleted = list(deleted_pmids)
        if deleted:
            element = ET.Element(DELETE_TAG)
            for pmid in deleted:
                ET.SubElement(element, "PMID", Version="1").text = pmid
            handle.write(ET.tostring(element, encoding="utf-8") + b"\n")
        handle.write(b"</PubmedArticleSet>\n")
        if handle is not raw:
            handle.close()
    return count
