"""Readers for annotated benchmark corpora (PubTator, BioC XML/JSON, JNLPBA).

Every reader returns :class:`AnnotatedDocument` records: a :class:`~pipeline.records.Document`
plus its gold :class:`~pipeline.records.Mention` records (``label`` = the corpus type,
``norm_id`` = the corpus identifier(s), ``source = "gold"``). The same readers serve the
pipeline's ``--pubtator FILE`` / ``--bioc FILE`` inputs.
"""

from .base import AnnotatedDocument
from .registry import CORPORA, corpus_files, load_corpus

__all__ = ["AnnotatedDocument", "CORPORA", "corpus_files", "load_corpus"]
