"""Where each benchmark's splits live under its data folder, and one loader for all of them."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .base import AnnotatedDocument
from .bioc_reader import read_bioc
from .jnlpba import read_standoff
from .pubtator import read_pubtator

# corpus -> split -> path relative to the corpus folder (e.g. ../shared/data/benchmarks/BioRED)
CORPORA: dict[str, dict[str, str]] = {
    "biored": {"train": "Train.PubTator", "dev": "Dev.PubTator", "test": "Test.PubTator"},
    "bc5cdr": {"train": "CDR_TrainingSet.PubTator.txt", "dev": "CDR_DevelopmentSet.PubTator.txt",
               "test": "CDR_TestSet.PubTator.txt"},
    "jnlpba": {"train": "standoff/train", "test": "standoff/test"},
}


def corpus_files(corpus: str, data_dir: str | Path, split: str) -> Path:
    """The file or folder holding ``split`` of ``corpus`` under ``data_dir``.

    Raises
    ------
    InputError
        For an unknown corpus or split, or a missing file (named).
    """
    if corpus not in CORPORA:
        raise InputError(corpus, f"unknown corpus; expected one of {sorted(CORPORA)}")
    splits = CORPORA[corpus]
    if split not in splits:
        raise InputError(f"{corpus}:{split}", f"no such split; {corpus} has {sorted(splits)}")
    path = Path(data_dir) / splits[split]
    if not path.exists():
        raise InputError(str(path), f"{corpus} {split} split not found")
    return path


def load_corpus(corpus: str, data_dir: str | Path, split: str) -> list[AnnotatedDocument]:
    """Read one split of a benchmark corpus (PubTator for BioRED/BC5CDR, standoff for JNLPBA)."""
    path = corpus_files(corpus, data_dir, split)
    if corpus == "jnlpba":
        return read_standoff(path, corpus)
    if path.suffix.lower() in (".xml", ".json"):
        return read_bioc(path, corpus)
    return read_pubtator(path, corpus)
