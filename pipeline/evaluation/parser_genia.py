"""GENIA's UD v1 trees re-shaped into CRAFT's ClearNLP/Stanford scheme, to train the parser in-domain.

The inverse of :func:`parser_schemes.to_ud1`. UD v1 puts content words on top; CRAFT puts the
function word on top: a preposition heads its object (``prep`` -> ``pobj``/``pcomp``) and a copula
heads its predicate (``attr``/``acomp``). Which dependents of the content word go back to the
function word was read off CRAFT train (to_ud1 applied to CRAFT's own trees; the counts are in
MODEL_CARD.md): a copula takes the clause's subject, auxiliaries, markers, negation, the adverbs
before it, clausal dependents after the predicate and the punctuation outside it; a preposition
takes the adverbs, pre-conjunctions and bare-noun modifiers before it ("10 min after ..."). A PP
conjoined to a PP ("in A and in B") hangs on the first preposition, as CRAFT does.

What cannot be inverted is left as GENIA has it: flat noun phrases (CRAFT nests a minority of
them), the converter's ``dep`` arcs, and multiword expressions ("such as"), whose first word keeps
the place of the expression. Labels are approximate where UD v1 merged two CRAFT labels (``xcomp``
for ``oprd``, ``advmod`` for ``quantmod`` only before numbers).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from ..errors import InputError
from .parser_data import ROOT_LABEL, TreebankSentence, treebank_folder, treebank_sentences
from .parser_eval import PUNCT
from .parser_penn import genia_xml_trees, ud1_dependencies
from .parser_schemes import COPULA_FORMS, _children, _promote, to_ud1

logger = logging.getLogger(__name__)

# UD v1 label -> CRAFT label where the tree shape does not decide it (read off CRAFT train).
UD1_TO_CLEARNLP = {
    "root": ROOT_LABEL, "acl:relcl": "relcl", "cc:preconj": "preconj", "compound:prt": "prt",
    "det:predet": "predet", "iobj": "dative", "nmod:npmod": "npadvmod", "nmod:tmod": "npadvmod",
    "nmod:poss": "poss", "csubjpass": "csubj", "discourse": "dep", "mwe": "dep", "case": "case",
    "cop": "aux",  # a second copula of one predicate (the last one heads)
}
# A copula's dependents in CRAFT: (UD label, side) -> goes to the copula. Side: before the copula,
# between it and the predicate, after the predicate.
TO_COPULA = frozenset({
    ("nsubj", "before"), ("nsubjpass", "before"), ("csubj", "before"), ("expl", "before"), ("aux", "before"),
    ("mark", "before"), ("neg", "before"), ("neg", "between"), ("advmod", "before"), ("dep", "before"),
    ("dep", "after"), ("punct", "before"), ("punct", "after"), ("advcl", "before"), ("advcl", "after"),
    ("ccomp", "before"), ("ccomp", "after"), ("cc", "after"), ("parataxis", "after"),
})
# Dependents of a preposition's object that precede the preposition and belong to it in CRAFT.
TO_PREPOSITION = frozenset({"advmod", "cc", "cc:preconj", "nmod:npmod", "neg"})
# Words that UD v1 marks (``mark``) and CRAFT also marks; other marking words head a ``pcomp`` clause.
SUBORDINATORS = frozenset({
    "that", "as", "although", "while", "whether", "since", "if", "whereas", "because", "than", "though",
    "until", "once", "so", "unless", "whilst", "albeit", "after", "before", "when", "where", "whereby",
})
NOMINAL_TAG_PREFIXES = ("NN", "PRP", "CD", "DT", "EX", "WP", "FW")


def from_ud1(words: list[str], tags: list[str], heads: list[int], deps: list[str]) -> tuple[list[int], list[str]]:
    """The UD v1 tree re-headed and relabelled in CRAFT's scheme; 0-based heads, the root on itself.

    1. A predicate with a ``cop`` child hands its place to the copula and becomes its ``attr``
       (nominal) or ``acomp``; the copula takes the dependents listed in :data:`TO_COPULA`.
    2. A word with a ``case`` child (``mark`` for a preposition before a clause, "by using") hands its
       place to the preposition (``prep``; ``agent`` for "by" after a participle) and becomes its
       ``pobj`` (``pcomp``); the dependents before the preposition in :data:`TO_PREPOSITION` move with it.
    3. Infinitival "to" (``mark``, tag TO) becomes ``aux``; ``advmod`` before a number ``quantmod``;
       a bare ``nmod`` before its head stays ``nmod`` (CRAFT's noun modifier) and after it ``npadvmod``.
    """
    heads, deps = list(heads), [ROOT_LABEL if h == i else d for i, (h, d) in enumerate(zip(heads, deps))]
    labels_ud = list(deps)
    children = _children(heads)
    for predicate in range(len(heads)):
        copulas = [c for c in children[predicate] if labels_ud[c] == "cop" and words[c].lower() in COPULA_FORMS]
        if not copulas:
            continue
        copula = copulas[-1]
        _promote(heads, deps, below=predicate, above=copula)
        has_case = any(labels_ud[c] == "case" for c in children[predicate])
        deps[predicate] = "acomp" if not has_case and not tags[predicate].startswith(NOMINAL_TAG_PREFIXES) else "attr"
        for child in children[predicate]:
            side = "before" if child < copula else "between" if child < predicate else "after"
            if child != copula and (labels_ud[child], side) in TO_COPULA:
                heads[child] = copula
    children = _children(heads)
    preposition_of: dict[int, int] = {}
    for obj in range(len(heads)):
        markers = [c for c in children[obj] if c < obj and _heads_phrase(c, obj, words, tags, labels_ud)]
        if not markers:
            continue
        prep = markers[-1]
        clause = labels_ud[prep] == "mark"
        _promote(heads, deps, below=obj, above=prep)
        governor = heads[prep]
        by_agent = words[prep].lower() == "by" and not clause and tags[governor] == "VBN" and governor < prep
        if heads[prep] != prep:
            deps[prep] = "agent" if by_agent else "prep"
        deps[obj] = "pcomp" if clause else "pobj"
        for child in children[obj]:
            if child < prep and child != prep and (labels_ud[child] in TO_PREPOSITION or child in markers):
                heads[child] = prep
                if child in markers:
                    deps[child] = "conj"
        preposition_of[obj] = prep
    for obj, prep in preposition_of.items():
        # "in A and in B": CRAFT conjoins the prepositions, UD v1 their objects
        conjunct_of = heads[prep]
        if labels_ud[obj] == "conj" and conjunct_of in preposition_of:
            first = preposition_of[conjunct_of]
            heads[prep], deps[prep] = first, "conj"
            for child in children[conjunct_of]:
                if labels_ud[child] in ("cc", "punct") and conjunct_of < child < prep:
                    heads[child] = first
    for i, dep in enumerate(deps):
        deps[i] = _label(i, dep, words, tags, heads)
    return heads, deps


def _heads_phrase(child: int, obj: int, words: list[str], tags: list[str], labels_ud: list[str]) -> bool:
    """Whether ``child`` is a preposition that CRAFT puts above ``obj`` (not a possessive 's, not "that")."""
    if labels_ud[child] == "case":
        return tags[child] != "POS"
    if labels_ud[child] == "mark":
        return tags[child] != "TO" and words[child].lower() not in SUBORDINATORS and tags[child] in ("IN", "VBG", "VBN")
    return False


def _label(i: int, dep: str, words: list[str], tags: list[str], heads: list[int]) -> str:
    if dep == "mark" and tags[i] == "TO":
        return "aux"
    if dep == "advmod" and tags[heads[i]] == "CD" and i < heads[i]:
        return "quantmod"
    if dep == "nmod":
        return "nmod" if i < heads[i] else "npadvmod"
    if dep == "mwe":
        return "prep" if tags[i] in ("IN", "TO") else "advmod" if tags[i].startswith("RB") else "dep"
    return UD1_TO_CLEARNLP.get(dep, dep)


def sentence_in_craft_scheme(sentence: TreebankSentence) -> TreebankSentence:
    """A GENIA sentence with its tree in CRAFT's scheme (words, tags and spacing unchanged)."""
    heads, deps = from_ud1(list(sentence.words), list(sentence.tags), list(sentence.heads), list(sentence.deps))
    return TreebankSentence(sentence.sent_id, sentence.words, sentence.spaces, sentence.tags, tuple(heads),
                            tuple(deps), sentence.paragraph)


def genia_training_sentences(data_dir: Path, split: str = "future_use") -> list[TreebankSentence]:
    """GENIA ``split`` in CRAFT's scheme, each sentence's ``paragraph`` its PMID (so documents stay within an abstract).

    ``future_use`` and ``train`` (read from the XML treebank) are trained on; ``dev`` only chooses the checkpoint. Raises :class:`InputError` for
    ``test`` and when an abstract of ``split`` is also in a split that scores the model (test, and dev
    unless ``split`` is dev).
    """
    if split == "test":
        raise InputError(split, "GENIA test only scores the model; it is never training or selection data")
    folder = treebank_folder("genia", data_dir)
    pmids = _sentence_pmids(folder, split)
    held_out = set(_sentence_pmids(folder, "test"))
    if split != "dev":
        held_out |= set(_sentence_pmids(folder, "dev"))
    overlap = sorted(set(pmids) & held_out)
    if overlap:
        raise InputError(split, f"GENIA {split} shares {len(overlap)} abstracts with held-out splits (first {overlap[0]})")
    if split == "train":
        return _xml_sentences(folder, pmids)
    sentences = treebank_sentences("genia", split, data_dir)
    if len(sentences) != len(pmids):
        raise InputError(str(folder / f"{split}_per_sentence.pmids"),
                         f"{len(pmids)} PMIDs for {len(sentences)} sentences")
    return [dataclasses.replace(sentence_in_craft_scheme(s), paragraph=pmid) for s, pmid in zip(sentences, pmids)]


def _xml_sentences(folder: Path, pmids: list[str]) -> list[TreebankSentence]:
    """GENIA train from the XML treebank (its CoNLL-U is absent here), through :mod:`.parser_penn` and :func:`from_ud1`.

    An abstract whose XML holds another number of sentences than McClosky's split lists is left out
    (his normalisation split or joined them); the count of such abstracts is logged.
    """
    expected: dict[str, int] = {}
    for pmid in pmids:
        expected[pmid] = expected.get(pmid, 0) + 1
    trees = genia_xml_trees(folder / "original_data" / "genia_treebank_original.tar.gz", list(expected))
    sentences: list[TreebankSentence] = []
    skipped = 0
    for pmid, count in expected.items():
        if len(trees[pmid]) != count:
            skipped += 1
            continue
        for number, tree in enumerate(trees[pmid]):
            words, tags, heads, deps = ud1_dependencies(tree)
            heads, deps = from_ud1(words, tags, heads, deps)
            sentences.append(TreebankSentence(f"genia-train:{pmid}:{number}", tuple(words), (True,) * len(words),
                                              tuple(tags), tuple(heads), tuple(deps), pmid))
    logger.info("GENIA train from XML: %d sentences of %d abstracts (%d abstracts left out: sentence counts differ)",
                len(sentences), len(expected) - skipped, skipped)
    return sentences


def _sentence_pmids(folder: Path, split: str) -> list[str]:
    path = folder / f"{split}_per_sentence.pmids"
    if not path.is_file():
        raise InputError(str(path), "GENIA per-sentence PMID list not found")
    return path.read_text(encoding="utf-8").split()


def round_trip_agreement(sentences: list[TreebankSentence], *, start: str) -> tuple[int, int]:
    """(words whose head survives the round trip, words scored), punctuation left out as in UAS.

    ``start="ud1"``: GENIA trees, ``to_ud1(from_ud1(tree))`` against the tree (how faithful the
    training trees are to what GENIA scores). ``start="craft"``: CRAFT trees,
    ``from_ud1(to_ud1(tree))`` against the tree (how close the re-shaped trees come to CRAFT's own).
    """
    if start not in ("ud1", "craft"):
        raise InputError(start, "expected 'ud1' or 'craft'")
    there, back = (from_ud1, to_ud1) if start == "ud1" else (to_ud1, from_ud1)
    agree = total = 0
    for s in sentences:
        words, tags = list(s.words), list(s.tags)
        heads, deps = there(words, tags, list(s.heads), list(s.deps))
        returned = back(words, tags, heads, deps)[0]
        for i, dep in enumerate(s.deps):
            if dep != PUNCT:
                total += 1
                agree += returned[i] == s.heads[i]
    return agree, total


def xml_head_agreement(data_dir: Path, split: str) -> tuple[int, int, int]:
    """(words whose head agrees, words scored, sentences compared): :mod:`.parser_penn` on the XML trees
    of GENIA ``split`` against the Stanford converter's UD v1 trees of the same sentences.

    Punctuation is left out as in UAS; a sentence whose XML tokens differ from the CoNLL-U words
    (McClosky's normalisation) is skipped, as is an abstract with another sentence count.
    """
    folder = treebank_folder("genia", data_dir)
    pmids = _sentence_pmids(folder, split)
    gold: dict[str, list[TreebankSentence]] = {}
    for sentence, pmid in zip(treebank_sentences("genia", split, data_dir), pmids):
        gold.setdefault(pmid, []).append(sentence)
    trees = genia_xml_trees(folder / "original_data" / "genia_treebank_original.tar.gz", list(gold))
    agree = total = compared = 0
    for pmid, sentences in gold.items():
        if len(trees[pmid]) != len(sentences):
            continue
        for tree, sentence in zip(trees[pmid], sentences):
            words, _, heads, _ = ud1_dependencies(tree)
            if tuple(words) != sentence.words:
                continue
            compared += 1
            for i, dep in enumerate(sentence.deps):
                if dep != PUNCT:
                    total += 1
                    agree += heads[i] == sentence.heads[i]
    return agree, total, compared
