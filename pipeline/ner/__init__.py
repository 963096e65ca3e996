"""Biomedical NER with normalisation: agents (DRUG), targets, cell lines and diseases.

Public entry points: :func:`build_nlp` (the spaCy pipeline) and :func:`recognize_mentions`.
"""

from .factory import build_nlp
from .recognize import recognize_mentions

__all__ = ["build_nlp", "recognize_mentions"]
