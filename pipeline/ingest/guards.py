"""Input guards applied before a file or document reaches a reader: size limits and the XML entity screen.

The readers of PubTator and BioC files (``pipeline.corpora``) trust their input, which
is right for the benchmark corpora; files given to a run may come from anywhere, so
ingest checks them here first. Every refusal is an :class:`InputError` naming the item.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from ..errors import InputError
from ..records import Document

logger = logging.getLogger(__name__)

# A file that holds many documents (an efetch answer, a BioC collection) may be this many
# times larger than the largest single document allowed.
FILE_LIMIT_FACTOR = 20


def file_limit(max_document_bytes: int) -> int:
    """The largest input file accepted when one document may have ``max_document_bytes``."""
    return max_document_bytes * FILE_LIMIT_FACTOR


def check_file_size(path: Path, max_bytes: int) -> None:
    """Refuse ``path`` before it is read when it is larger than ``max_bytes``.

    Raises
    ------
    InputError
        Naming the file, its size and the limit.
    """
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"file is {size} bytes, over the limit of {max_bytes} bytes "
                                    "(raise it with --max-document-bytes)")


def check_document_size(document: Document, max_bytes: int) -> Document:
    """Return ``document`` if its text (UTF-8) is at most ``max_bytes`` long.

    Raises
    ------
    InputError
        Naming the document id, its size and the limit.
    """
    size = len(document.text.encode("utf-8"))
    if size > max_bytes:
        raise InputError(document.doc_id, f"document text is {size} bytes, over the limit of {max_bytes} bytes "
                                          "(raise it with --max-document-bytes)")
    return document


def screen_xml(path: Path) -> None:
    """Refuse an XML file that is malformed or declares entities, without expanding or fetching any.

    Raises
    ------
    InputError
        Naming the file: malformed XML, or an entity declaration ("billion laughs",
        external entities); no DTD or entity is ever fetched.
    """
    try:
        SafeET.parse(str(path), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ET.ParseError as exc:
        raise InputError(str(path), f"malformed XML ({exc})") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(str(path), f"refused unsafe XML ({exc})") from None
