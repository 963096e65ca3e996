"""The offline path: PubMed documents from a snapshot file or folder plus the local cache.

This module never opens a socket: it reads efetch XML files from disk with the
same parser that reads live answers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .parser import parse_pubmed_xml

logger = logging.getLogger(__name__)


def snapshot_files(snapshot: Path) -> list[Path]:
    """The efetch XML files of ``snapshot``: the file itself, or every ``*.xml`` in the folder.

    Raises
    ------
    InputError
        Naming ``snapshot`` when it does not exist, or when it is a folder with no ``*.xml`` file (a run
        given the wrong folder would otherwise add no PubMed document and say nothing); the message names
        the subfolders that hold some, the usual slip being their parent.
    """
    path = Path(snapshot)
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.glob("*.xml") if p.is_file() and not p.name.startswith("."))
        if not files:
            nested = sorted({str(p.parent) for p in path.glob("*/*.xml")})
            hint = f"; these subfolders hold some: {', '.join(nested)}" if nested else ""
            raise InputError(str(path), f"PubMed snapshot folder holds no efetch XML file (*.xml){hint}")
        return files
    raise InputError(str(path), "PubMed snapshot not found (expected an efetch XML file or a folder of them)")


# A snapshot file larger than this is refused unread (override with ``max_file_bytes``).
DEFAULT_MAX_FILE_BYTES = 100_000_000


def load_pubmed_documents(snapshot: Path | None, cache_dir: Path, *,
                          max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[list[Document], list[InputError]]:
    """Documents from ``snapshot`` (file or folder) and every cached ``<pmid>.xml`` in ``cache_dir``.

    Parameters
    ----------
    snapshot
        An efetch XML file or a folder of them, or None for the cache alone.
    cache_dir
        The PubMed cache folder; a missing folder is an empty cache.
    max_file_bytes
        A file larger than this is reported as an error and not read.

    Returns
    -------
    documents, errors
        One document per PMID, sorted by PMID; where a PMID is in both, the cached
        copy (the full record NCBI returned) wins. ``errors`` name each malformed
        file or article; everything else is still returned.
    """
    files = snapshot_files(snapshot) if snapshot is not None else []
    cache = Path(cache_dir)
    if cache.is_dir():
        files += sorted(p for p in cache.glob("*.xml") if p.is_file() and not p.name.startswith("."))
    by_pmid: dict[str, Document] = {}
    errors: list[InputError] = []
    for path in files:
        try:
            size = path.stat().st_size
            if size > max_file_bytes:
                errors.append(InputError(str(path), f"file is {size} bytes, over the limit of {max_file_bytes} "
                                                    "bytes (not read)"))
                continue
            data = path.read_bytes()
        except OSError as exc:
            errors.append(InputError(str(path), f"cannot read ({exc.strerror})"))
            continue
        documents, file_errors = parse_pubmed_xml(data, str(path))
        errors.extend(file_errors)
        for document in documents:
            by_pmid[document.pmid or document.doc_id] = document
    for error in errors:
        logger.warning("skipped: %s", error)
    documents = sorted(by_pmid.values(), key=lambda d: int(d.pmid or 0))
    logger.info("%d PubMed documents from %d files (%d errors)", len(documents), len(files), len(errors))
    return documents, errors
