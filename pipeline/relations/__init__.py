"""Agent–effect relation extraction.

The public verb is :func:`extract_corpus` (the stage: documents, mentions, Table 1 rows ->
relations); the extraction itself is :func:`pipeline.relations.extract.extract_relations`.
"""

from .stage import extract_corpus

__all__ = ["extract_corpus"]
