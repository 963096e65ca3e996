"""UAS/LAS scoring and the ClearNLP -> UD v1 re-heading, on trees written for this test."""

from __future__ import annotations

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


def test_prepositions_and_copulas_are_reheaded_like_ud_v1():
    # "Analysis of the striatum is important": ClearNLP puts "is" on top and "of" above "striatum"
    words = "Analysis of the striatum is important".split()
    tags = ["NN", "IN", "DT", "NN", "VBZ", "JJ"]
    heads = [4, 0, 3, 1, 4, 4]
    deps = ["nsubj", "prep", "det", "pobj", "ROOT", "acomp"]
    new_heads, new_deps = to_ud1(words, tags, heads, deps)
    assert new_heads == [5, 3, 3, 0, 5, 5]
    assert new_deps == ["nsubj", "case", "det", "nmod", "cop", "ROOT"]
    assert heads == [4, 0, 3, 1, 4, 4]  # input untouched


def test_clausal_preposition_object_and_infinitival_to():
    # "We act by blocking it to reduce growth"
    words = "We act by blocking it to reduce growth".split()
    tags = ["PRP", "VBP", "IN", "VBG", "PRP", "TO", "VB", "NN"]
    heads = [1, 1, 1, 2, 3, 6, 1, 6]
    deps = ["nsubj", "ROOT", "prep", "pcomp", "dobj", "aux", "advcl", "dobj"]
    new_heads, new_deps = to_ud1(words, tags, heads, deps)
    assert new_heads == [1, 1, 3, 1, 3, 6, 1, 6]
    assert new_deps == ["nsubj", "ROOT", "mark", "advcl", "dobj", "mark", "advcl", "dobj"]


def test_noun_phrases_are_flattened_like_genia():
    # "Tumor necrosis factor rises": CRAFT nests the modifiers, GENIA hangs them all on the noun
    words = "Tumor necrosis factor rises".split()
    tags = ["NN", "NN", "NN", "VBZ"]
    heads = [1, 2, 3, 3]
    deps = ["compound", "nmod", "nsubj", "ROOT"]
    new_heads, new_deps = to_ud1(words, tags, heads, deps)
    assert new_heads == [2, 2, 3, 3]
    assert new_deps == ["compound", "nmod", "nsubj", "ROOT"]


def test_fixed_expressions_hang_on_their_first_word():
    # "viruses such as EBV": ClearNLP has "as" as the preposition with "such" below it
    words = "viruses such as EBV".split()
    tags = ["NNS", "JJ", "IN", "NN"]
    heads = [0, 2, 0, 2]
    deps = ["ROOT", "amod", "prep", "pobj"]
    new_heads, new_deps = to_ud1(words, tags, heads, deps)
    assert new_heads == [0, 3, 1, 0]
    assert new_deps == ["ROOT", "case", "mwe", "nmod"]
