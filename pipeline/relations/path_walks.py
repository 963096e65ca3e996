"""Walks along the shortest dependency path between two spans of one parse, as sparse features.

Shared by the ChemProt classifier (``evaluation/chemprot_paths.py``, ends ``CHEM``/``GENE``) and the
pair reader (``pairs.py``, ends ``AGENT``/``OBJ``). The path runs from the first end's head token up to
the lowest common ancestor (LCA) and down to the second's. Words inside another entity are blinded
(``roles``: token index -> placeholder) so a feature says how the pair is linked, not which molecules
stand on the way. Features: the path's vertex walks (label in, word, label out) and edge walks (word,
label, word), the LCA word with where it sits, the number of steps up and down, trigger classes with
their side of the LCA, negation attached to the path, and the dependents that modify each end
("GENE activity", "CHEM treatment").
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from ..parser import dependency_path, path_labels
from .lexicon import find_trigger

_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "nn"})
_NEGATION_WORDS = frozenset({"not", "no", "neither", "nor", "without", "lack", "lacked", "failed"})


def _blinded(token: Token, roles: Mapping[int, str]) -> str:
    role = roles.get(token.i)
    if role is not None:
        return role
    word = token.lower_
    return "<num>" if word[:1].isdigit() else word


def path_walk_features(first: Span, second: Span, roles: Mapping[int, str],
                       ends: tuple[str, str] = ("CHEM", "GENE")) -> dict[str, float]:
    """Sparse features (``rp:...`` -> 1.0) of the path from ``first`` to ``second`` (spans of one Doc).

    ``ends`` name the two ends in the walks (lower-cased for the side of a trigger and the ends' own
    dependents). Spans that overlap or have no path give ``rp:none`` only.
    """
    if first.start < second.end and second.start < first.end:
        return {"rp:none": 1.0}
    path = dependency_path(first, second)
    if not path:
        return {"rp:none": 1.0}
    labels = [label.replace("<", "u:").replace(">", "d:") for label in path_labels(path)]
    words = [ends[0], *(_blinded(t, roles) for t in path[1:-1]), ends[1]]
    sides = (ends[0].lower(), ends[1].lower())
    ups = sum(label.startswith("u:") for label in labels)
    f: dict[str, float] = {}

    def add(name: str) -> None:
        f[name] = 1.0

    add(f"rp:updown={min(ups, 4)}_{min(len(labels) - ups, 4)}")
    for i in range(1, len(words) - 1):
        add(f"rp:v={labels[i - 1]}|{words[i]}|{labels[i]}")
        add(f"rp:vi={labels[i - 1]}|{words[i]}")
        add(f"rp:vo={words[i]}|{labels[i]}")
    for i, label in enumerate(labels):
        add(f"rp:e={words[i]}|{label}|{words[i + 1]}")
    lca = path[ups]
    add(f"rp:lca={words[ups]}")
    add(f"rp:lca_tag={lca.tag_}")
    if ups == 0 or ups == len(labels):
        add(f"rp:lca_end={sides[0] if ups == 0 else sides[1]}")
    if len(words) <= 6:
        add(f"rp:full={'|'.join(w for pair in zip(words, [*labels, '']) for w in pair if w)}")
    for i, token in enumerate(path[1:-1], start=1):
        trigger = find_trigger(words[i]) if words[i][:1].isalpha() and token.i not in roles else None
        if trigger is not None:
            side = "lca" if i == ups else (sides[0] if i < ups else sides[1])
            add(f"rp:trig={trigger.effect}_{side}")
    on_path = {t.i for t in path}
    for token in path[1:-1] if len(path) > 2 else path:
        for child in token.children:
            if child.i not in on_path and (child.dep_ == "neg" or child.lower_ in _NEGATION_WORDS):
                add("rp:negated")
    for name, end in zip(sides, (first, second)):
        root = end.root
        add(f"rp:{name}_dep={root.dep_}")
        for child in root.children:
            if child.dep_ in _MODIFIER_DEPS and not end.start <= child.i < end.end and child.i not in roles:
                add(f"rp:{name}_mod={child.lower_}")
        if root.head.i != root.i and root.head.i not in roles:
            add(f"rp:{name}_head={root.dep_}|{root.head.lower_}")
    return f
