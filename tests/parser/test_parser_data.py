"""CoNLL-U reading and gold Docs for parser training, on a snippet written for this test."""

from __future__ import annotations

import pytest
import spacy

from pipeline.errors import InputError
from pipeline.evaluation.parser_data import gold_doc, group_sentences, parse_conllu

SNIPPET = """# newdoc id = 1
# newpar id = 1-p0
# sent_id = 0
# text = IL-6 activates STAT3.
1\tIL-6\til-0\tNOUN\tNN\t_\t2\tnsubj\t_\t_
2\tactivates\tactivate\tVERB\tVBZ\t_\t0\troot\t_\t_
3\tSTAT3\tstat0\tNOUN\tNN\t_\t2\tdobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t4:gap=

# newpar id = 1-p1
# sent_id = 1
1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_
2\tn't\tnot\tPART\tRB\t_\t1\tneg\t_\t_
2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_
"""


def test_sentences_heads_labels_and_spacing():
    first, second = parse_conllu(SNIPPET.splitlines(keepends=True), source="snippet", doc_id="1")
    assert first.sent_id == "1:0"
    assert first.words == ("IL-6", "activates", "STAT3", ".")
    assert first.heads == (1, 1, 1, 1)  # 0-based; the root points at itself
    assert first.deps == ("nsubj", "ROOT", "dobj", "punct")
    assert first.tags == ("NN", "VBZ", "NN", ".")
    assert first.text == "IL-6 activates STAT3."
    assert first.paragraph == "1-p0"
    # the multiword range and the empty node are skipped; the words stay
    assert second.words == ("do", "n't") and second.heads == (0, 0) and second.paragraph == "1-p1"


def test_gold_doc_keeps_trees_and_sentence_starts():
    sentences = list(parse_conllu(SNIPPET.splitlines(keepends=True), source="snippet", doc_id="1"))
    doc = gold_doc(spacy.blank("en").vocab, sentences)
    assert [t.text for t in doc] == ["IL-6", "activates", "STAT3", ".", "do", "n't"]
    assert doc.text == "IL-6 activates STAT3. do n't"
    assert [t.head.i for t in doc] == [1, 1, 1, 1, 4, 4]
    assert [t.dep_ for t in doc][:3] == ["nsubj", "ROOT", "dobj"]
    assert [t.tag_ for t in doc][4:] == ["VBP", "RB"]
    assert [s.text for s in doc.sents] == ["IL-6 activates STAT3.", "do n't"]


def test_groups_break_at_paragraphs_and_size():
    sentences = list(parse_conllu(SNIPPET.splitlines(keepends=True), source="snippet", doc_id="1"))
    assert [len(g) for g in group_sentences(sentences, 10)] == [1, 1]
    same_paragraph = [sentences[0]] * 5
    assert [len(g) for g in group_sentences(same_paragraph, 2)] == [2, 2, 1]


@pytest.mark.parametrize("line, message", [
    ("1\tIL-6\tNN\n", "expected 10 tab-separated columns, got 3"),
    ("1\tIL-6\til-6\tNOUN\tNN\t_\tx\tnsubj\t_\t_\n", "ID/HEAD not integers"),
    ("1\tIL-6\til-6\tNOUN\tNN\t_\t5\tnsubj\t_\t_\n", "head out of order or range"),
])
def test_bad_lines_name_the_file_and_line(line, message):
    with pytest.raises(InputError) as caught:
        list(parse_conllu(["# sent_id = 0\n", line], source="bad.conllu", doc_id="x"))
    assert "bad.conllu:2" in str(caught.value) and message in str(caught.value)


def test_training_reader_gives_project_and_treebank_tokens(tmp_path):
    from spacy.tokens import DocBin

    from pipeline.evaluation.parser_train import create_parser_corpus
    from pipeline.tokenizer import blank_scientific

    nlp = blank_scientific()
    sentence = next(parse_conllu([
        "# sent_id = 0\n",
        "1\tanterior\tanterior\tADJ\tJJ\t_\t4\tamod\t_\tSpaceAfter=No\n",
        "2\t-\t-\tPUNCT\tHYPH\t_\t1\tpunct\t_\tSpaceAfter=No\n",
        "3\tposterior\tposterior\tADJ\tJJ\t_\t1\tamod\t_\t_\n",
        "4\taxis\taxis\tNOUN\tNN\t_\t0\troot\t_\t_\n",
    ], source="snippet", doc_id="1"))
    bin_ = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "SENT_START"])
    bin_.add(gold_doc(nlp.vocab, [sentence]))
    bin_.to_disk(tmp_path / "train.spacy")
    both = list(create_parser_corpus(tmp_path / "train.spacy")(nlp))
    assert [[t.text for t in e.predicted] for e in both] == [["anterior-posterior", "axis"],
                                                             ["anterior", "-", "posterior", "axis"]]
    assert all([t.dep_ for t in e.reference] == ["amod", "punct", "amod", "ROOT"] for e in both)
    only_project = list(create_parser_corpus(tmp_path / "train.spacy", treebank_tokens=False)(nlp))
    assert len(only_project) == 1


def test_genia_bracket_escapes_become_brackets():
    from pipeline.evaluation.parser_data import _unescape

    assert _unescape("-LSB-Ca2+-RSB-i") == "[Ca2+]i" and _unescape("-LRB-") == "(" and _unescape("IL-6") == "IL-6"
