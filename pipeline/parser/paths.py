"""Dependency-tree helpers: the shortest path between two spans (or tokens) and its labels."""

from __future__ import annotations

from spacy.tokens import Span, Token


def dependency_path(a: Span | Token, b: Span | Token) -> list[Token]:
    """The tokens on the shortest tree path from ``a``'s head token to ``b``'s, both ends included.

    The path climbs from each end to their lowest common ancestor. Tokens in different sentences
    (no common ancestor) give an empty list.
    """
    start = a.root if isinstance(a, Span) else a
    end = b.root if isinstance(b, Span) else b
    if start.doc is not end.doc:
        raise ValueError("dependency_path: the two ends belong to different Docs")
    up_from_start = _ancestors(start)
    position = {token.i: n for n, token in enumerate(up_from_start)}
    climb: list[Token] = []
    for token in _ancestors(end):
        if token.i in position:
            return up_from_start[: position[token.i] + 1] + climb[::-1]
        climb.append(token)
    return []


def path_labels(path: list[Token]) -> list[str]:
    """The path as labels with their direction: ``"<nsubj"`` climbs to a head, ``">dobj"`` goes down."""
    labels = []
    for here, there in zip(path, path[1:]):
        labels.append(f"<{here.dep_}" if here.head.i == there.i and here.i != there.i else f">{there.dep_}")
    return labels


def _ancestors(token: Token) -> list[Token]:
    """``token`` then its heads up to the root (spaCy's root is its own head)."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain
