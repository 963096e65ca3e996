"""Ingest: the review and PubMed abstracts become segmented :class:`~pipeline.records.Document` records.

The public verb is :func:`ingest_corpus` (the stage: inputs -> documents, Table 1 rows,
rejected inputs, deletions); the reading itself is in :mod:`pipeline.ingest.corpus`.
"""

from .stage import ingest_corpus

__all__ = ["ingest_corpus"]
