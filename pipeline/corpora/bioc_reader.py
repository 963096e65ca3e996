"""BioC XML and BioC JSON collections (BioRED) through the ``bioc`` package.

Passages are laid out at their BioC offsets (gaps filled with spaces), so annotation
offsets index the document text directly. A discontinuous annotation becomes one mention
from its first to its last location only when the text in between matches; otherwise it is
skipped with a warning.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import bioc
from bioc import biocxml
from bioc.biocjson.decoder import parse_collection

from ..errors import InputError
from ..records import Document, Mention
from .base import AnnotatedDocument, checked_mention, corpus_ids

logger = logging.getLogger(__name__)


def read_bioc(path: str | Path, corpus: str = "bioc",
              errors: list[InputError] | None = None) -> list[AnnotatedDocument]:
    """Read a BioC collection; ``.json`` files as BioC JSON, anything else as BioC XML.

    When ``errors`` is given, a bad document (a value of the wrong type, offsets that do not
    give its text) is appended there and the others are read; without it the first is raised.

    Raises
    ------
    InputError
        For an unreadable file or a bad document (file, document and field named).
    """
    path = Path(path)
    source = str(path)
    if path.suffix.lower() != ".json":
        _refuse_entity_declarations(path)
    try:
        with path.open(encoding="utf-8") as handle:
            if path.suffix.lower() == ".json":
                collection = parse_collection(_with_defaults(json.load(handle), "collection"))
            else:
                collection = biocxml.load(handle)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (byte {exc.start})") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # the decoder trusts the JSON's shape
        raise InputError(source, f"not a readable BioC collection: {exc!r}") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError
        if type(exc).__name__ == "XMLSyntaxError":
            raise InputError(source, f"not a readable BioC collection: {exc}") from exc
        raise
    documents = []
    for doc in collection.documents:
        try:
            documents.append(_document(doc, corpus, source))
        except InputError as error:
            if errors is None:
                raise
            errors.append(error)
    return documents


def _refuse_entity_declarations(path: Path) -> None:
    """Refuse XML whose DOCTYPE declares entities (the XML parser below would expand them)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    doctype = head.find(b"<!DOCTYPE")
    if doctype != -1:
        root = head.find(b"<collection", doctype)
        if b"<!ENTITY" in head[doctype:root if root != -1 else len(head)]:
            raise InputError(str(path), "the DOCTYPE declares XML entities; refusing to expand them")


_CHILDREN = {"collection": ("documents", "document"), "document": ("passages", "passage"),
             "passage": ("sentences", "sentence")}
_LISTS = {"collection": ("documents",), "document": ("passages", "relations"),
          "passage": ("sentences", "annotations", "relations"), "sentence": ("annotations", "relations")}


def _object(obj: Any, kind: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ValueError(f"expected a BioC {kind} object, got {type(obj).__name__}")
    return obj


def _with_defaults(obj: dict[str, Any], kind: str) -> dict[str, Any]:
    """Add the empty ``infons``/lists that BioRED's BioC JSON leaves out and the decoder requires."""
    _object(obj, kind).setdefault("infons", {})
    for key in ("source", "date", "key") if kind == "collection" else ():
        obj.setdefault(key, "")
    for key in _LISTS.get(kind, ()):
        obj.setdefault(key, [])
    for relation in obj.get("relations", ()):
        _object(relation, "relation").setdefault("infons", {})
        relation.setdefault("nodes", [])
    for annotation in obj.get("annotations", ()):
        _object(annotation, "annotation").setdefault("infons", {})
        annotation.setdefault("locations", [])
    if kind in _CHILDREN:
        key, child = _CHILDREN[kind]
        for item in obj[key]:
            _with_defaults(item, child)
    return obj


# A passage offset beyond this is refused: the gap before it is filled with spaces in memory.
MAX_OFFSET = 50_000_000


def _typed(value: Any, kinds: tuple[type, ...], source: str, where: str) -> Any:
    """``value`` if it is one of ``kinds`` (a bool is no int); an InputError naming the field if not."""
    if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds):
        return value
    wanted = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
    raise InputError(source, f"{where}: expected {wanted}, got {type(value).__name__} {value!r:.40}")


def _offset(value: Any, source: str, where: str) -> int:
    number = _typed(value, (int,), source, where)
    if not 0 <= number <= MAX_OFFSET:
        raise InputError(source, f"{where}: {number} is not an offset in 0..{MAX_OFFSET}")
    return number


def _check_types(doc: "bioc.BioCDocument", source: str) -> None:
    """The JSON decoder keeps whatever types the file has: check each value the reader uses."""
    doc_id = _typed(doc.id, (str,), source, "document id")
    for n, passage in enumerate(doc.passages, 1):
        where = f"document {doc_id}: passage {n}"
        _offset(passage.offset, source, f"{where}: offset")
        _typed(passage.text, (str, type(None)), source, f"{where}: text")
        _typed(passage.infons, (dict,), source, f"{where}: infons")
        for annotation in passage.annotations:
            at = f"{where}: annotation {annotation.id!r:.40}"
            _typed(annotation.text, (str, type(None)), source, f"{at}: text")
            infons = _typed(annotation.infons, (dict,), source, f"{at}: infons")
            for key in ("type", "identifier"):
                _typed(infons.get(key), (str, type(None)), source, f"{at}: infon {key}")
            for location in annotation.locations:
                _offset(location.offset, source, f"{at}: location offset")
                _offset(location.length, source, f"{at}: location length")


def _document(doc: "bioc.BioCDocument", corpus: str, source: str) -> AnnotatedDocument:
    _check_types(doc, source)
    pieces: list[str] = []
    length = 0
    title = ""
    for passage in doc.passages:
        if passage.offset < length:
            raise InputError(source, f"document {doc.id}: passage at offset {passage.offset} overlaps the previous one")
        pieces.append(" " * (passage.offset - length))
        pieces.append(passage.text or "")
        length = passage.offset + len(passage.text or "")
        if passage.infons.get("type") == "title" and not title:
            title = passage.text or ""
    text = "".join(pieces)
    mentions = []
    for passage in doc.passages:
        for annotation in passage.annotations:
            locations = sorted((loc.offset, loc.offset + loc.length) for loc in annotation.locations)
            if not locations:
                raise InputError(source, f"document {doc.id}: annotation {annotation.id} has no location")
            start, end = locations[0][0], locations[-1][1]
            if len(locations) > 1 and text[start:end] != annotation.text:
                logger.warning("%s: document %s: discontinuous annotation %s skipped", source, doc.id, annotation.id)
                continue
            mention = Mention(doc_id=doc.id, start=start, end=end, text=annotation.text or "",
                              label=annotation.infons.get("type", ""),
                              norm_id=corpus_ids(annotation.infons.get("identifier")), source="gold")
            mentions.append(checked_mention(text, mention, source))
    mentions.sort(key=lambda m: (m.start, m.end, m.label))
    document = Document(doc_id=doc.id, source=corpus, title=title, text=text, pmid=doc.id)
    return AnnotatedDocument(document, tuple(mentions))
