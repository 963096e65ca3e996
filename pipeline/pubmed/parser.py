"""PubMed efetch XML (``PubmedArticleSet``) to :class:`~pipeline.records.Document` records.

Parsing goes through defusedxml: a DOCTYPE is allowed (every efetch response
declares one) but the DTD is never fetched and entity declarations are refused,
so nothing is expanded.

A document's ``text`` is ``title + "\\n\\n" + abstract``. An unstructured abstract
is copied as is; a structured one becomes ``"LABEL: text"`` paragraphs separated
by ``"\\n\\n"``. ``sections`` hold one ``TITLE`` span and one span per abstract
section (label ``ABSTRACT`` or the structured label) covering exactly that
element's text, so ``text[span.start:span.end]`` equals the XML element's text.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import defusedxml
import defusedxml.ElementTree as SafeET

from ..errors import InputError
from ..records import Document, Span

logger = logging.getLogger(__name__)

PMID_PATTERN = re.compile(r"[1-9][0-9]{0,9}")
ARTICLE_TAGS = ("PubmedArticle", "PubmedBookArticle")
TITLE_LABEL = "TITLE"
ABSTRACT_LABEL = "ABSTRACT"
SECTION_SEPARATOR = "\n\n"
_YEAR = re.compile(r"\b(1[5-9][0-9]{2}|20[0-9]{2})\b")


def validate_pmid(value: str, source: str = "PMID") -> str:
    """Return ``value`` if it is a PMID (digits only, no leading zero), else raise.

    Raises
    ------
    InputError
        Naming the bad value; nothing may build a path from it.
    """
    text = str(value)
    if not PMID_PATTERN.fullmatch(text):
        raise InputError(source, f"not a PMID (digits only): {text!r}")
    return text


def parse_xml_root(data: bytes, source: str) -> ET.Element:
    """Parse ``data`` safely: no DTD fetched, no entity declared or expanded.

    Raises
    ------
    InputError
        Naming ``source`` when the bytes are not well-formed XML or declare entities.
    """
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ET.ParseError as exc:
        raise InputError(source, f"malformed XML ({exc})") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(source, f"refused unsafe XML ({exc})") from None


def iter_articles(root: ET.Element) -> Iterator[ET.Element]:
    """Yield every ``PubmedArticle`` / ``PubmedBookArticle`` in document order."""
    if root.tag in ARTICLE_TAGS:
        yield root
        return
    for element in root.iter():
        if element.tag in ARTICLE_TAGS:
            yield element


def article_pmid(article: ET.Element) -> str | None:
    """The article's own PMID (``MedlineCitation/PMID`` or ``BookDocument/PMID``), unvalidated."""
    for path in ("MedlineCitation/PMID", "BookDocument/PMID"):
        node = article.find(path)
        if node is not None and node.text is not None:
            return node.text.strip()
    return None


def parse_pubmed_xml(data: bytes, source: str) -> tuple[list[Document], list[InputError]]:
    """Parse an efetch ``PubmedArticleSet`` into one :class:`Document` per article.

    Parameters
    ----------
    data
        The raw XML bytes.
    source
        The file name or URL the bytes came from, used in error messages.

    Returns
    -------
    documents, errors
        The documents in file order, and one :class:`InputError` per article that
        could not be used (naming its PMID, or ``source`` and position). A file that
        is not well-formed XML gives no documents and one error naming ``source``.
    """
    try:
        root = parse_xml_root(data, source)
    except InputError as exc:
        return [], [exc]
    if root.tag not in ("PubmedArticleSet", *ARTICLE_TAGS):
        return [], [InputError(source, f"not a PubmedArticleSet (root element <{root.tag}>)")]
    documents: list[Document] = []
    errors: list[InputError] = []
    for position, article in enumerate(iter_articles(root), start=1):
        try:
            documents.append(article_document(article, source, position))
        except InputError as exc:
            errors.append(exc)
    logger.debug("%s: %d documents, %d errors", source, len(documents), len(errors))
    return documents, errors


def article_document(article: ET.Element, source: str, position: int) -> Document:
    """One ``<PubmedArticle>`` (or ``<PubmedBookArticle>``) element as a :class:`Document`.

    Used for efetch answers (:func:`parse_pubmed_xml`) and, one element at a time,
    for baseline files (:mod:`pipeline.pubmed.baseline`).

    Parameters
    ----------
    article
        The article element.
    source
        The file or URL it came from, used in error messages.
    position
        One-based position of the article in ``source``, named when it has no PMID.

    Raises
    ------
    InputError
        Naming the PMID (or ``source#articleN``) when the article has no valid PMID or
        neither title nor abstract.
    """
    raw_pmid = article_pmid(article)
    if raw_pmid is None:
        raise InputError(f"{source}#article{position}", "article has no PMID")
    pmid = validate_pmid(raw_pmid, f"{source}#article{position}")
    title = _title(article)
    sections = _abstract_sections(article)
    if not title and not sections:
        raise InputError(f"pmid:{pmid}", f"article has neither title nor abstract (in {source})")
    text, spans = _assemble(title, sections)
    return Document(
        doc_id=f"pmid:{pmid}",
        source="pubmed",
        title=title,
        text=text,
        sections=spans,
        pmid=pmid,
        journal=_first_text(article, ("MedlineCitation/Article/Journal/Title", "BookDocument/Book/Publisher/PublisherName")),
        year=_year(article),
        doi=_doi(article),
        mesh_terms=tuple(_texts(article, "MedlineCitation/MeshHeadingList/MeshHeading/DescriptorName")),
        publication_types=tuple(_texts(article, "MedlineCitation/Article/PublicationTypeList/PublicationType")
                                or _texts(article, "BookDocument/PublicationType")),
        language=_first_text(article, ("MedlineCitation/Article/Language", "BookDocument/Language")),
    )


def _element_text(element: ET.Element) -> str:
    """All text inside ``element``, inline markup (``<i>``, ``<sup>`` ...) kept as its text."""
    return "".join(element.itertext())


def _title(article: ET.Element) -> str:
    for path in ("MedlineCitation/Article/ArticleTitle", "BookDocument/ArticleTitle", "BookDocument/Book/BookTitle"):
        node = article.find(path)
        if node is not None:
            text = _element_text(node)
            if text.strip():
                return text
    return ""


def _abstract_sections(article: ET.Element) -> list[tuple[str | None, str]]:
    """``(label, text)`` per non-empty ``AbstractText``; label None when the section has none."""
    abstract = article.find("MedlineCitation/Article/Abstract")
    if abstract is None:
        abstract = article.find("BookDocument/Abstract")
    if abstract is None:
        return []
    sections: list[tuple[str | None, str]] = []
    for node in abstract.findall("AbstractText"):
        text = _element_text(node)
        if not text.strip():
            continue
        label = (node.get("Label") or node.get("NlmCategory") or "").strip() or None
        sections.append((label, text))
    return sections


def _assemble(title: str, sections: list[tuple[str | None, str]]) -> tuple[str, tuple[Span, ...]]:
    parts: list[str] = []
    spans: list[Span] = []
    cursor = 0

    def add(chunk: str) -> None:
        nonlocal cursor
        parts.append(chunk)
        cursor += len(chunk)

    if title:
        spans.append(Span(0, len(title), TITLE_LABEL))
        add(title)
    for label, body in sections:
        if parts:
            add(SECTION_SEPARATOR)
        if label is not None:
            add(f"{label}: ")
        spans.append(Span(cursor, cursor + len(body), label.upper() if label else ABSTRACT_LABEL))
        add(body)
    return "".join(parts), tuple(spans)


def _texts(article: ET.Element, path: str) -> list[str]:
    values = []
    for node in article.findall(path):
        text = _element_text(node).strip()
        if text:
            values.append(text)
    return values


def _first_text(article: ET.Element, paths: tuple[str, ...]) -> str | None:
    for path in paths:
        values = _texts(article, path)
        if values:
            return values[0]
    return None


def _year(article: ET.Element) -> int | None:
    candidates = (
        "MedlineCitation/Article/Journal/JournalIssue/PubDate/Year",
        "MedlineCitation/Article/Journal/JournalIssue/PubDate/MedlineDate",
        "MedlineCitation/Article/ArticleDate/Year",
        "BookDocument/Book/PubDate/Year",
    )
    for path in candidates:
        for value in _texts(article, path):
            match = _YEAR.search(value)
            if match:
                return int(match.group(1))
    return None


def _doi(article: ET.Element) -> str | None:
    for node in article.findall("PubmedData/ArticleIdList/ArticleId"):
        if node.get("IdType") == "doi" and (node.text or "").strip():
            return node.text.strip()
    for node in article.findall("MedlineCitation/Article/ELocationID"):
        if node.get("EIdType") == "doi" and (node.text or "").strip():
            return node.text.strip()
    return None
