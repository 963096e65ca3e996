"""PubMed ingest: a polite E-utilities client, the per-PMID cache and the offline snapshot reader.

Public verbs (imported lazily, so ``evidence --help`` does not load ``requests``):

- :func:`parse_pubmed_xml` (``parser``): efetch XML to Documents (one article: :func:`article_document`).
- :class:`BaselineReader` (``baseline``): baseline/update files streamed article by article.
- :func:`load_pubmed_documents` (``snapshot``): the offline path used by ``evidence run``.
- :class:`EutilsClient` (``client``): esearch / efetch.
- :func:`fetch_to_cache` (``cache``): fetch only the PMIDs not cached yet.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "parse_pubmed_xml": "parser",
    "article_document": "parser",
    "validate_pmid": "parser",
    "load_pubmed_documents": "snapshot",
    "EutilsClient": "client",
    "EutilsError": "client",
    "ResponseTooLargeError": "client",
    "RetryPolicy": "client",
    "SearchResult": "client",
    "fetch_to_cache": "cache",
    "BaselineReader": "baseline",
    "baseline_files": "baseline",
    "iter_baseline_documents": "baseline",
    "write_baseline_file": "baseline",
    "FetchReport": "cache",
    "CacheEntry": "cache",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
