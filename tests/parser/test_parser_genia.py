"""GENIA's UD v1 trees re-shaped into CRAFT's scheme for training (parser_genia), on trees written here."""

from __future__ import annotations

import gzip

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.parser_genia import from_ud1, genia_training_sentences
from pipeline.evaluation.parser_schemes import to_ud1

# (text, tags, UD v1 heads, UD v1 labels, CRAFT heads, CRAFT labels); heads 0-based, the root on itself
TREES = [
    pytest.param(
        "Analysis of the striatum is important", ["NN", "IN", "DT", "NN", "VBZ", "JJ"],
        [5, 3, 3, 0, 5, 5], ["nsubj", "case", "det", "nmod", "cop", "root"],
        [4, 0, 3, 1, 4, 4], ["nsubj", "prep", "det", "pobj", "ROOT", "acomp"], id="preposition and copula"),
    pytest.param(
        "We act by blocking it to reduce growth", ["PRP", "VBP", "IN", "VBG", "PRP", "TO", "VB", "NN"],
        [1, 1, 3, 1, 3, 6, 1, 6], ["nsubj", "root", "mark", "advcl", "dobj", "mark", "advcl", "dobj"],
        [1, 1, 1, 2, 3, 6, 1, 6], ["nsubj", "ROOT", "prep", "pcomp", "dobj", "aux", "advcl", "dobj"], id="clauses"),
    pytest.param(
        "expressed in T cells and in B cells", ["VBN", "IN", "NN", "NNS", "CC", "IN", "NN", "NNS"],
        [0, 3, 3, 0, 3, 7, 7, 3], ["root", "case", "compound", "nmod", "cc", "case", "compound", "conj"],
        [0, 0, 3, 1, 1, 1, 7, 5], ["ROOT", "prep", "compound", "pobj", "cc", "conj", "compound", "pobj"],
        id="conjoined prepositional phrases"),
    pytest.param(
        "We show that p53 binds", ["PRP", "VBP", "IN", "NN", "VBZ"],
        [1, 1, 4, 4, 1], ["nsubj", "root", "mark", "nsubj", "ccomp"],
        [1, 1, 4, 4, 1], ["nsubj", "ROOT", "mark", "nsubj", "ccomp"], id="a subordinator stays a marker"),
    pytest.param(
        "it is induced by IL-6", ["PRP", "VBZ", "VBN", "IN", "NN"],
        [2, 2, 2, 4, 2], ["nsubjpass", "auxpass", "root", "case", "nmod"],
        [2, 2, 2, 2, 3], ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], id="passive agent"),
    pytest.param(
        "the cell 's nucleus", ["DT", "NN", "POS", "NN"],
        [1, 3, 1, 3], ["det", "nmod:poss", "case", "root"],
        [1, 3, 1, 3], ["det", "poss", "case", "ROOT"], id="possessive"),
]


@pytest.mark.parametrize("text, tags, heads, deps, want_heads, want_deps", TREES)
def test_ud1_trees_take_craft_shape(text, tags, heads, deps, want_heads, want_deps):
    before = (list(heads), list(deps))
    assert from_ud1(text.split(), tags, heads, deps) == (want_heads, want_deps)
    assert (heads, deps) == before  # the input is left unchanged


@pytest.mark.parametrize("text, tags, heads, deps, want_heads, want_deps", TREES)
def test_round_trip_gives_back_the_ud1_heads(text, tags, heads, deps, want_heads, want_deps):
    craft_heads, craft_deps = from_ud1(text.split(), tags, heads, deps)
    assert to_ud1(text.split(), tags, craft_heads, craft_deps)[0] == heads


def _genia_folder(tmp_path, future_pmids, dev_pmids=("1",), test_pmids=("2",)):
    folder = tmp_path / "GENIA"
    folder.mkdir()
    sentence = "1\tIL-2\til-2\tNN\tNN\t_\t2\tnsubj\t_\t_\n2\tbinds\tbind\tVBZ\tVBZ\t_\t0\troot\t_\t_\n" \
               "3\tto\tto\tTO\tTO\t_\t5\tcase\t_\t_\n4\t-LRB-DNA-RRB-\tdna\tNN\tNN\t_\t5\tcompound\t_\t_\n" \
               "5\tsites\tsite\tNNS\tNNS\t_\t2\tnmod\t_\t_\n\n"
    for split, pmids in (("future_use", future_pmids), ("dev", dev_pmids), ("test", test_pmids)):
        with gzip.open(folder / f"{split}.conllu.gz", "wt", encoding="utf-8") as handle:
            handle.write(sentence * len(pmids))
        (folder / f"{split}_per_sentence.pmids").write_text("".join(p + "\n" for p in pmids), encoding="utf-8")
    return folder


def test_training_sentences_are_reshaped_and_grouped_by_abstract(tmp_path):
    folder = _genia_folder(tmp_path, ["7", "8"])
    sentences = genia_training_sentences(tmp_path)
    assert [s.paragraph for s in sentences] == ["7", "8"]
    assert sentences[0].words[3] == "(DNA)"
    assert sentences[0].heads == (1, 1, 1, 4, 2) and sentences[0].deps[2:5] == ("prep", "compound", "pobj")
    assert len(genia_training_sentences(folder, "dev")) == 1  # dev may choose the checkpoint


def test_held_out_abstracts_and_test_are_refused(tmp_path):
    _genia_folder(tmp_path, ["7", "2"])
    with pytest.raises(InputError, match="shares 1 abstracts"):
        genia_training_sentences(tmp_path)
    with pytest.raises(InputError, match="only scores"):
        genia_training_sentences(tmp_path, "test")
