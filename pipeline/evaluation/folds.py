"""Cross-validation folds of a benchmark split: ``K/N`` is every N-th document from the K-th (0-based),
in the split's file order.

``evidence lexicon build --hold-out-fold biored:K/N`` learns from the train split without fold K, and
``evidence evaluate ner --split train --fold K/N`` scores that fold: an honest check where the dev split is
too small for a label (BioRED dev has 12 cell-line concepts).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def parse_fold(text: str) -> tuple[int, int]:
    """``"K/N"`` -> ``(K, N)`` with ``0 <= K < N``; an ``argparse`` type (a bad value is a usage error)."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected K/N, e.g. 0/5") from None
    if not 0 <= k < n:
        raise argparse.ArgumentTypeError(f"{text!r}: K must be in 0..N-1")
    return k, n


def parse_corpus_fold(text: str) -> tuple[str, int, int]:
    """``"biored:K/N"`` -> ``("biored", K, N)``."""
    corpus, _, fold = text.partition(":")
    if not corpus or not fold:
        raise argparse.ArgumentTypeError(f"{text!r}: expected CORPUS:K/N, e.g. biored:0/5")
    return (corpus, *parse_fold(fold))


def fold(items: Sequence[T], k: int, n: int) -> list[T]:
    """The items of fold ``k`` of ``n``: every n-th item from the k-th."""
    return list(items[k::n])
