"""UAS/LAS scoring and the ClearNLP -> UD v1 re-heading, on trees written for this test."""

from __future__ import annotations

import pytest

from pipeline.evaluation.parser_data import TreebankSentence
from pipeline.evaluation.parser_eval import DepCounts, score_tree
from pipeline.evaluation.parser_schemes import to_ud1

# "IL-6 activates STAT3 in cells ." (Stanford style: the preposition heads its object)
GOLD = TreebankSentence(
    sent_id="t:0",
    words=("IL-6", "activates", "STAT3", "in", "cells", "."),
    spaces=(True, True, True, True, False, False),
    tags=("NN", "VBZ", "NN", "IN", "NNS", "."),
    heads=(1, 1, 1, 1, 3, 1),
    deps=("nsubj", "ROOT", "dobj", "prep", "pobj", "punct"),
)


def test_perfect_tree_scores_one_and_punctuation_is_left_out():
    counts = score_tree(GOLD, list(GOLD.words), list(GOLD.heads), list(GOLD.deps))
    assert (counts.gold, counts.predicted, counts.unlabelled, counts.labelled) == (5, 5, 5, 5)
    assert counts.recall() == counts.f1(labelled=True) == 1.0


def test_wrong_head_and_wrong_label_count_separately():
    heads = [1, 1, 1, 2, 3, 1]  # "in" attached to STAT3 instead of the verb
    deps = ["nsubj", "ROOT", "iobj", "prep", "pobj", "punct"]  # STAT3 mislabelled
    counts = score_tree(GOLD, list(GOLD.words), heads, deps)
    assert counts.unlabelled == 4 and counts.labelled == 3
    assert counts.recall() == 0.8 and counts.recall(labelled=True) == 0.6


def test_a_wrong_root_is_wrong():
    heads = [1, 2, 2, 1, 3, 1]  # STAT3 made the root
    counts = score_tree(GOLD, list(GOLD.words), heads, list(GOLD.deps))
    assert counts.unlabelled == 3  # activates and STAT3 both wrong


def test_merged_tokens_cannot_be_correct():
    # the predicted side merges "STAT3 in" into one token (4 words besides the full stop)
    words = ["IL-6", "activates", "STAT3in", "cells", "."]
    gold = TreebankSentence("t:1", ("IL-6", "activates", "STAT3", "in", "cells", "."), (True, True, False, True, False, False),
                            GOLD.tags, GOLD.heads, GOLD.deps)
    counts = score_tree(gold, words, [1, 1, 1, 2, 1], ["nsubj", "ROOT", "dobj", "pobj", "punct"])
    # IL-6 and activates are right; the merged token matches no single gold word; "cells" has
    # the merged token as its head, which is not the gold head "in" one to one
    assert (counts.gold, counts.predicted, counts.unlabelled) == (5, 4, 2)
    assert counts.f1() == 2 * 2 / 9


def test_empty_counts_are_zero_not_an_error():
    assert DepCounts().recall() == 0.0 and DepCounts().f1() == 0.0


RESHAPED = [
    pytest.param(  # ClearNLP puts "is" on top and "of" above "striatum"
        "Analysis of the striatum is important", ["NN", "IN", "DT", "NN", "VBZ", "JJ"],
        [4, 0, 3, 1, 4, 4], ["nsubj", "prep", "det", "pobj", "ROOT", "acomp"],
        [5, 3, 3, 0, 5, 5], ["nsubj", "case", "det", "nmod", "cop", "ROOT"], id="preposition and copula"),
    pytest.param(  # a clause under a preposition, and infinitival "to"
        "We act by blocking it to reduce growth", ["PRP", "VBP", "IN", "VBG", "PRP", "TO", "VB", "NN"],
        [1, 1, 1, 2, 3, 6, 1, 6], ["nsubj", "ROOT", "prep", "pcomp", "dobj", "aux", "advcl", "dobj"],
        [1, 1, 3, 1, 3, 6, 1, 6], ["nsubj", "ROOT", "mark", "advcl", "dobj", "mark", "advcl", "dobj"], id="clauses"),
    pytest.param(  # CRAFT nests the modifiers, GENIA hangs them all on the noun
        "Tumor necrosis factor rises", ["NN", "NN", "NN", "VBZ"],
        [1, 2, 3, 3], ["compound", "nmod", "nsubj", "ROOT"],
        [2, 2, 3, 3], ["compound", "nmod", "nsubj", "ROOT"], id="flat noun phrase"),
    pytest.param(  # ClearNLP has "as" as the preposition with "such" below it
        "viruses such as EBV", ["NNS", "JJ", "IN", "NN"],
        [0, 2, 0, 2], ["ROOT", "amod", "prep", "pobj"],
        [0, 3, 1, 0], ["ROOT", "case", "mwe", "nmod"], id="fixed expression"),
]


@pytest.mark.parametrize("text, tags, heads, deps, want_heads, want_deps", RESHAPED)
def test_trees_are_reshaped_like_genia_ud_v1(text, tags, heads, deps, want_heads, want_deps):
    before = (list(heads), list(deps))
    assert to_ud1(text.split(), tags, heads, deps) == (want_heads, want_deps)
    assert (heads, deps) == before  # the input is left unchanged
