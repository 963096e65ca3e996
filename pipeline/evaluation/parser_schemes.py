"""Reshape a ClearNLP/Stanford tree into the UD v1 shape GENIA's trees have, to score against them.

The shipped parser learns CRAFT's scheme: prepositions head their objects (``prep`` -> ``pobj``) and
the copula heads its predicate (``is`` -> ``attr``/``acomp``). GENIA's UD v1 trees put the content word
on top (``nmod`` with a ``case`` child; the predicate with a ``cop`` child), so UAS is not comparable
until the predicted trees are re-headed the same way. Labels then follow ``data/parser/clearnlp_to_ud1.tsv``.
Trees are plain lists: 0-based ``heads`` where the root points at itself, and ``deps``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..tables import read_tsv_dicts

TABLE_DIR = Path(__file__).resolve().parent.parent / "data" / "parser"
COPULA_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"})
PREDICATE_LABELS = ("attr", "acomp")
# Labels of the words before a noun inside its phrase, which CRAFT nests and GENIA keeps flat.
PRENOMINAL_LABELS = frozenset({"compound", "amod", "nmod", "nummod"})


@functools.lru_cache(maxsize=1)
def label_map() -> dict[str, str]:
    """ClearNLP label -> UD v1 label, read once from the data table."""
    return {row["clearnlp"]: row["ud_v1"] for row in read_tsv_dicts(TABLE_DIR / "clearnlp_to_ud1.tsv", ("clearnlp", "ud_v1"))}


@functools.lru_cache(maxsize=1)
def multiword_expressions() -> tuple[tuple[str, ...], ...]:
    """Fixed expressions UD v1 treats as one word ("such as"), longest first."""
    rows = read_tsv_dicts(TABLE_DIR / "ud1_multiword_expressions.tsv", ("words",))
    return tuple(sorted((tuple(row["words"].split()) for row in rows), key=len, reverse=True))


def to_ud1(words: list[str], tags: list[str], heads: list[int], deps: list[str]) -> tuple[list[int], list[str]]:
    """The tree re-headed and relabelled in the UD v1 style; the inputs are left unchanged.

    1. A preposition with a ``pobj`` (or ``pcomp``) child hands its place in the tree to that child,
       which is labelled ``nmod`` (``advcl``/``acl`` for a clause, by the new head's tag); the
       preposition becomes its ``case`` (``mark``) child, and its other children (a coordinated
       preposition, ``cc``, ``advmod``) move to the object, as UD attaches them.
    2. A form of "be" with an ``attr``/``acomp`` child (else the object of a preposition it heads,
       "is in the nucleus") hands its place to that predicate and becomes its ``cop`` child; its
       other children move to the predicate.
    3. A fixed expression ("such as", "due to") gets the place of its highest word on its first word,
       and its other words become ``mwe`` children of the first.
    4. Noun phrases are flat, as in GENIA's Penn trees: a modifier before its head whose head is
       itself a modifier before its own head ("Tumor" -> "necrosis" -> "factor") moves up to the
       phrase's head noun.
    5. Infinitival "to" (tag TO) labelled ``aux`` becomes ``mark``; other labels follow the table.
    """
    heads, deps = list(heads), list(deps)
    children = _children(heads)
    objects_of_prepositions: set[int] = set()
    for prep in range(len(heads)):
        objects = [c for c in children[prep] if deps[c] == "pobj"] or [c for c in children[prep] if deps[c] == "pcomp"]
        if not objects:
            continue
        obj = objects[0]
        clause = deps[obj] == "pcomp"
        _promote(heads, deps, below=prep, above=obj)
        for child in children[prep]:
            if child != obj:
                heads[child] = obj
        if clause:
            governor = heads[obj]
            deps[obj] = "advcl" if tags[governor].startswith("VB") and governor != obj else "acl"
        elif deps[obj] != "ROOT":
            deps[obj] = "nmod"
        deps[prep] = "mark" if clause else "case"
        objects_of_prepositions.add(obj)
    children = _children(heads)
    for copula in range(len(heads)):
        if words[copula].lower() not in COPULA_FORMS:
            continue
        predicates = ([c for c in children[copula] if deps[c] in PREDICATE_LABELS]
                      or [c for c in children[copula] if c > copula and c in objects_of_prepositions])
        if not predicates:
            continue
        predicate = predicates[0]
        _promote(heads, deps, below=copula, above=predicate)
        for child in children[copula]:
            if child != predicate:
                heads[child] = predicate
        deps[copula] = "cop"
    _join_multiword_expressions([w.lower() for w in words], heads, deps)
    _flatten_noun_phrases(heads, deps)
    mapping = label_map()
    for i, dep in enumerate(deps):
        if dep == "aux" and tags[i] == "TO":
            deps[i] = "mark"
        else:
            deps[i] = mapping.get(dep, dep)
    return heads, deps


def _join_multiword_expressions(lowered: list[str], heads: list[int], deps: list[str]) -> None:
    start = 0
    while start < len(lowered):
        match = next((e for e in multiword_expressions() if tuple(lowered[start:start + len(e)]) == e), None)
        if match is None:
            start += 1
            continue
        span = range(start, start + len(match))
        tops = [i for i in span if heads[i] == i or heads[i] not in span]
        # where two words hang outside ("such" -amod-> X <-case- "as"), the preposition's place wins
        top = next((i for i in tops if deps[i] in ("case", "mark")), tops[0])
        first = span[0]
        head = first if heads[top] == top else heads[top]
        heads[first], deps[first] = head, deps[top]
        for i in span[1:]:
            heads[i], deps[i] = first, "mwe"
        for i, h in enumerate(heads):
            if h in span and i not in span:
                heads[i] = first
        start += len(match)


def _flatten_noun_phrases(heads: list[int], deps: list[str]) -> None:
    def prenominal(i: int) -> bool:
        return deps[i] in PRENOMINAL_LABELS and i < heads[i]

    for i in range(len(heads)):
        if not prenominal(i):
            continue
        while prenominal(heads[i]):
            heads[i] = heads[heads[i]]


def _promote(heads: list[int], deps: list[str], *, below: int, above: int) -> None:
    """Put ``above`` where ``below`` was (its head and label) and hang ``below`` under it."""
    if heads[below] == below:
        heads[above] = above
    else:
        heads[above] = heads[below]
    deps[above] = deps[below]
    heads[below] = above


def _children(heads: list[int]) -> list[list[int]]:
    children: list[list[int]] = [[] for _ in heads]
    for child, head in enumerate(heads):
        if head != child:
            children[head].append(child)
    return children
