"""Biomedical NER with normalisation: agents (DRUG), targets, cell lines and diseases.

The public verb is :func:`recognize_corpus` (the stage: documents -> mentions). The spaCy
pipeline is built by :func:`pipeline.ner.factory.build_nlp` and applied by
:func:`pipeline.ner.recognize.recognize_mentions`; importing this package loads no spaCy.
"""

from .stage import recognize_corpus

__all__ = ["recognize_corpus"]
