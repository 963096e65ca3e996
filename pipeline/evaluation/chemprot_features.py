"""Pair-aware features of a ChemProt candidate for the linear relation classifier.

The sentence is tokenised finely, the pair's own entities are masked (``@CHEM``,
``@GENE``) and other entities become ``@C``/``@G``, so the words say how the two
are linked, not which they are. On top of the bag of words between and around
the pair, the features describe the pair's own path: the words right next to
each entity, the trigger words between them and their class, a compressed
between-sequence, list markers and other entities on the way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from collections.abc import Mapping, Sequence

from .chemprot import Candidate
from ..relations.lexicon import find_trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FINE_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+(?:\.[0-9]+)?|[^\sA-Za-z0-9]")
_KEEP_IN_PATH = frozenset({"of", "by", "and", "or", ",", "with", "to", "in", "on", "as", "which", "that",
                           "not", "no", "(", ")", "for", "from", "than"})
_DIST_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20)


def _bucket(n: int) -> str:
    for limit in _DIST_BUCKETS:
        if n <= limit:
            return str(limit)
    return "far"


def _norm(word: str) -> str:
    return "<num>" if word[0].isdigit() else word.lower()


def masked_sequence(candidate: Candidate) -> tuple[list[str], int, int]:
    """The sentence as normalised tokens with entities masked; positions of the chemical and gene slots."""
    base = candidate.sentence_start
    spans: list[tuple[int, int, str]] = []
    chem, gene = candidate.chemical, candidate.gene
    if chem.start < gene.end and gene.start < chem.end:
        spans.append((min(chem.start, gene.start), max(chem.end, gene.end), "@PAIR"))
    else:
        spans += [(chem.start, chem.end, "@CHEM"), (gene.start, gene.end, "@GENE")]
    for other in candidate.others:
        if all(other.end <= s or other.start >= e for s, e, _ in spans):
            spans.append((other.start, other.end, "@C" if other.is_chemical else "@G"))
    spans.sort()
    out: list[str] = []
    i_chem = i_gene = -1
    cursor = base
    text = candidate.sentence
    for start, end, tag in spans:
        for m in _FINE_TOKEN.finditer(text, cursor - base, max(start - base, cursor - base)):
            out.append(_norm(m.group()))
        if tag in ("@CHEM", "@PAIR"):
            i_chem = len(out)
        if tag in ("@GENE", "@PAIR"):
            i_gene = len(out)
        out.append(tag)
        cursor = max(cursor, end)
    for m in _FINE_TOKEN.finditer(text, cursor - base):
        out.append(_norm(m.group()))
    return out, i_chem, i_gene


def pair_features(candidate: Candidate) -> dict[str, float]:
    """Sparse features of one candidate (names -> 1.0)."""
    seq, i_c, i_g = masked_sequence(candidate)
    f: dict[str, float] = {}

    def add(name: str) -> None:
        f[name] = 1.0

    first, last = min(i_c, i_g), max(i_c, i_g)
    order = "same" if i_c == i_g else ("CG" if i_c < i_g else "GC")
    add(f"order={order}")
    between = seq[first + 1:last]
    add(f"dist={_bucket(len(between))}")
    add(f"dist_order={_bucket(len(between))}_{order}")
    for w in between:
        add(f"b:{w}")
    for a, b in zip(between, between[1:]):
        add(f"bb:{a}_{b}")
    for k in range(1, 4):
        if first - k >= 0:
            add(f"l{k}:{seq[first - k]}")
        if last + k < len(seq):
            add(f"r{k}:{seq[last + k]}")
    for name, idx in (("c", i_c), ("g", i_g)):
        before = seq[idx - 1] if idx > 0 else "<s>"
        after = seq[idx + 1] if idx + 1 < len(seq) else "</s>"
        after2 = seq[idx + 2] if idx + 2 < len(seq) else "</s>"
        add(f"{name}_prev:{before}")
        add(f"{name}_next:{after}")
        add(f"{name}_next2:{after}_{after2}")
    trigger_classes = []
    for w in between:
        trigger = find_trigger(w) if w[0].isalpha() else None
        if trigger is not None:
            trigger_classes.append(trigger.effect)
            add(f"bt:{trigger.effect}")
    if trigger_classes:
        add(f"bt_first:{trigger_classes[0]}_{order}")
        add(f"bt_last:{trigger_classes[-1]}_{order}")
    for k in range(1, 4):
        for idx in (first - k, last + k):
            if 0 <= idx < len(seq) and seq[idx][0].isalpha():
                trigger = find_trigger(seq[idx])
                if trigger is not None:
                    add(f"ot:{trigger.effect}_{'l' if idx < first else 'r'}")
    path = [w for w in between if w in _KEEP_IN_PATH or w.startswith("@") or (w[0].isalpha() and find_trigger(w))]
    if len(path) <= 8:
        add(f"path:{order}:{' '.join(path)}")
    if between:
        add(f"bfirst:{between[0]}")
        add(f"blast:{between[-1]}")
    others = [w for w in between if w in ("@C", "@G")]
    add(f"nothers={_bucket(len(others))}")
    if "@C" in between:
        add("other_chem_between")
    if "@G" in between:
        add("other_gene_between")
    if any(w in (",", "and", "or") for w in between) and others:
        add("list_between")
    if "(" in between or ")" in between:
        add("paren_between")
    if trigger_classes:
        # the trigger nearest the gene is usually the one that governs it ("X inhibits Y")
        near = [w for w in between if w[0].isalpha() and find_trigger(w)]
        word = near[-1] if i_c < i_g else near[0]
        add(f"bt_neargene:{find_trigger(word).effect}")
        add(f"bt_neargene_w:{word}")
    for w in between:
        if w[0].isalpha() and len(w) > 5:
            add(f"bs:{w[:6]}")  # crude stem: inhibits / inhibited / inhibition share "inhibi"
    for k in (1, 2):
        for idx in (first - k, last + k):
            if 0 <= idx < len(seq) and seq[idx][0].isalpha() and len(seq[idx]) > 5:
                add(f"os:{seq[idx][:6]}")
    add(f"nent_sent={_bucket(len(candidate.others))}")
    for name, idx in (("c", i_c), ("g", i_g)):
        before = seq[idx - 1] if idx > 0 else "<s>"
        after = seq[idx + 1] if idx + 1 < len(seq) else "</s>"
        add(f"{name}_ctx:{before}_{after}")
        if before in ("(", ",") and after in (")", ","):
            add(f"{name}_apposition")
    for w in _FINE_TOKEN.findall(candidate.chemical.text.lower()):
        add(f"cw:{w}")
    for w in _FINE_TOKEN.findall(candidate.gene.text.lower()):
        add(f"gw:{w}")
    add(f"gtype:{candidate.gene.label}")
    return f


def path_features(candidates: Sequence[Candidate],
                  parses: Mapping[str, Doc] | None = None) -> list[dict[str, float]]:
    """Dependency-path features of each candidate from the shipped parser (``pipeline.parser``).

    ``parses`` maps each sentence to its parse (see :mod:`.parse_cache`); without it each distinct
    sentence is parsed here, once. Features: the labels of the shortest path between the two
    entities (whole and length), the lemmas on it (each, with the label leading to it, the first four
    joined) and the trigger-table effects among them; ``sdp=overlap`` when the entities overlap.
    """
    from ..parser import dependency_path, path_labels
    from .parse_cache import cached_parses

    docs = parses if parses is not None else cached_parses((c.sentence for c in candidates), cache_dir=None)
    out: list[dict[str, float]] = []
    for c in candidates:
        doc, base = docs[c.sentence], c.sentence_start
        a = doc.char_span(c.chemical.start - base, c.chemical.end - base, alignment_mode="expand")
        g = doc.char_span(c.gene.start - base, c.gene.end - base, alignment_mode="expand")
        f: dict[str, float] = {}
        if a is None or g is None or (a.start < g.end and g.start < a.end):
            f["sdp=overlap"] = 1.0
        elif path := dependency_path(a, g):
            labels = path_labels(path)
            words = [t.lemma_.lower() or t.lower_ for t in path[1:-1]]
            f[f"sdp={'/'.join(labels)}"] = 1.0
            f[f"sdplen={min(len(labels), 8)}"] = 1.0
            f[f"sdpwords={'_'.join(words[:4])}"] = 1.0
            for label, word in zip(labels, [*words, ""]):
                f[f"sdplw={label}_{word}"] = 1.0
            for word in words:
                f[f"sdpw={word}"] = 1.0
                trigger = find_trigger(word)
                if trigger:
                    f[f"sdptrig={trigger.effect}"] = 1.0
        out.append(f)
    return out
