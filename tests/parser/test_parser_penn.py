"""GENIA XML constituency trees -> UD v1-shaped dependencies (parser_penn), on trees written here."""

from __future__ import annotations

import io
import tarfile

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.parser_genia import genia_training_sentences
from pipeline.evaluation.parser_penn import genia_xml_trees, read_genia_xml, ud1_dependencies

PASSIVE = ('<sentence id="S1"><cons cat="S"><cons cat="NP" role="SBJ"><tok cat="NN">IL-6</tok></cons> '
           '<cons cat="VP"><tok cat="VBZ">is</tok> <cons cat="VP"><tok cat="VBN">induced</tok> '
           '<cons cat="NP" null="NONE"></cons><cons cat="PP"><tok cat="IN">by</tok> <cons cat="NP" syn="COOD">'
           '<cons cat="NP"><tok cat="NN">TNF</tok></cons> <tok cat="CC">and</tok> <cons cat="NP"><tok cat="NN">LPS</tok>'
           '</cons></cons></cons></cons></cons><tok cat="PERIOD">.</tok></cons></sentence>')
COPULA = ('<sentence id="S2"><cons cat="S"><cons cat="NP" role="SBJ"><tok cat="NN">Squirrel</tok> '
          '<tok cat="NNS">monkeys</tok></cons> <cons cat="VP"><tok cat="VBP">are</tok> <cons cat="NP" role="PRD">'
          '<tok cat="JJ">neotropical</tok> <tok cat="NNS">primates</tok></cons></cons><tok cat="PERIOD">.</tok>'
          '</cons></sentence>')
RELATIVE = ('<sentence id="S3"><cons cat="NP"><cons cat="NP"><tok cat="NNS">cells</tok></cons> <cons cat="SBAR">'
            '<cons cat="WHNP" id="i2"><tok cat="WDT">that</tok></cons> <cons cat="S"><cons cat="NP" ref="i2" '
            'role="SBJ" null="T"></cons><cons cat="VP"><tok cat="VBP">express</tok> <cons cat="NP">'
            '<tok cat="NN">CD4</tok></cons></cons></cons></cons></cons></sentence>')


def _xml(*sentences: str) -> str:
    return f'<?xml version="1.0" encoding="utf-8"?><Annotation><PMID>7</PMID>{"".join(sentences)}</Annotation>'


@pytest.mark.parametrize("sentence, words, heads, deps", [
    pytest.param(PASSIVE, ["IL-6", "is", "induced", "by", "TNF", "and", "LPS", "."], [2, 2, 2, 4, 2, 4, 4, 2],
                 ["nsubjpass", "auxpass", "root", "case", "nmod", "cc", "conj", "punct"], id="passive, coordination"),
    pytest.param(COPULA, ["Squirrel", "monkeys", "are", "neotropical", "primates", "."], [1, 4, 4, 4, 4, 4],
                 ["compound", "nsubj", "cop", "amod", "root", "punct"], id="copula"),
    pytest.param(RELATIVE, ["cells", "that", "express", "CD4"], [0, 2, 0, 2],
                 ["root", "nsubj", "acl:relcl", "dobj"], id="relative clause"),
])
def test_constituency_trees_give_ud1_dependencies(tmp_path, sentence, words, heads, deps):
    path = tmp_path / "7.xml"
    path.write_text(_xml(sentence), encoding="utf-8")
    (tree,) = read_genia_xml(path)
    assert ud1_dependencies(tree) == (words, ud1_dependencies(tree)[1], heads, deps)


def test_bad_xml_names_the_file(tmp_path):
    path = tmp_path / "7.xml"
    path.write_text("<Annotation><sentence>", encoding="utf-8")
    with pytest.raises(InputError, match="7.xml"):
        read_genia_xml(path)


def _tarball(folder, files: dict[str, str]):
    (folder / "original_data").mkdir(parents=True)
    with tarfile.open(folder / "original_data" / "genia_treebank_original.tar.gz", "w:gz") as archive:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"GENIA_treebank_v1/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_train_trees_come_from_the_tarball_in_craft_scheme(tmp_path):
    folder = tmp_path / "GENIA"
    _tarball(folder, {"7.xml": _xml(PASSIVE, COPULA), "8.xml": _xml(PASSIVE)})
    for split, pmids in (("train", "7\n7\n8\n"), ("dev", "1\n"), ("test", "2\n")):
        (folder / f"{split}_per_sentence.pmids").write_text(pmids, encoding="utf-8")
    sentences = genia_training_sentences(tmp_path, "train")
    assert [s.paragraph for s in sentences] == ["7", "7", "8"]
    # "by" heads its object and is the passive's agent; the copula heads its predicate
    assert sentences[0].heads == (2, 2, 2, 2, 3, 4, 4, 2)
    assert sentences[0].deps[3:5] == ("agent", "pobj") and sentences[0].deps[6] == "conj"
    assert sentences[1].heads == (1, 2, 2, 4, 2, 2) and sentences[1].deps[2:5] == ("ROOT", "amod", "attr")


def test_missing_abstracts_are_named(tmp_path):
    folder = tmp_path / "GENIA"
    _tarball(folder, {"7.xml": _xml(PASSIVE)})
    with pytest.raises(InputError, match="1 abstracts missing"):
        genia_xml_trees(folder / "original_data" / "genia_treebank_original.tar.gz", ["7", "00000009"])
