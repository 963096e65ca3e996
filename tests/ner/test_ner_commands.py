"""`evidence evaluate ner` end to end on a tiny corpus, including the refusal on a PMID overlap."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.cli import main
from pipeline.evaluation.provenance import write_provenance

CORPORA = Path(__file__).resolve().parent.parent / "corpora" / "data"


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "BioRED"
    folder.mkdir()
    shutil.copy(CORPORA / "mini.pubtator", folder / "Dev.PubTator")
    return folder


def test_evaluate_ner_writes_scores(tmp_path, capsys):
    out = tmp_path / "scores.json"
    code = main(["evaluate", "ner", "--corpus", "biored", "--data", str(_corpus(tmp_path)), "--split", "dev",
                 "--no-compiled", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "nothing learned from benchmark data" in printed and "strict" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    rows = {(r["matching"], r["label"]): r for r in result["scores"]}
    assert rows[("strict", "CELL_LINE")]["tp_gold"] == 1  # MCF-7
    assert rows[("strict", "DRUG")]["tp_gold"] == 1       # Tocilizumab
    assert result["documents"] == 2
    assert "document-level concept F1" in printed
    concepts = {r["label"]: r for r in result["concept_scores"]}
    assert set(concepts) == {"CELL_LINE", "DISEASE", "DRUG", "TARGET", "ALL"}
    assert concepts["CELL_LINE"]["tp"] == 1  # MCF-7 carries its Cellosaurus id, as the gold does


def test_evaluate_ner_refuses_when_a_resource_learned_from_the_split(tmp_path, capsys):
    cache = tmp_path / "cache"
    cache.mkdir()
    write_provenance(cache, "lexicon cache", ["biored:dev"], ["111"])
    code = main(["evaluate", "ner", "--corpus", "biored", "--data", str(_corpus(tmp_path)), "--split", "dev",
                 "--cache-dir", str(cache), "--out", str(tmp_path / "s.json")])
    assert code == 1
    assert "refusing to score biored dev: 1 of its documents" in capsys.readouterr().out
    assert not (tmp_path / "s.json").exists()


def test_folds_take_every_nth_document_and_parse_k_of_n():
    import argparse

    import pytest

    from pipeline.evaluation.folds import fold, parse_corpus_fold, parse_fold

    assert fold(list("abcdefg"), 1, 3) == ["b", "e"]
    assert parse_fold("2/5") == (2, 5) and parse_corpus_fold("biored:0/5") == ("biored", 0, 5)
    for bad in ("5/5", "x/5", "2"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_fold(bad)


def test_a_held_out_train_fold_is_left_out_of_learning_and_scored_alone(tmp_path, capsys):
    from pipeline.evaluation.lexicon_build import fold_ids

    benchmarks = tmp_path / "benchmarks"
    (benchmarks / "BioRED").mkdir(parents=True)
    shutil.copy(CORPORA / "mini.pubtator", benchmarks / "BioRED" / "Train.PubTator")
    assert fold_ids(benchmarks, "biored", 1, 2) == frozenset({"222"})
    out = tmp_path / "s.json"
    code = main(["evaluate", "ner", "--corpus", "biored", "--data", str(benchmarks / "BioRED"), "--split", "train",
                 "--fold", "1/2", "--no-compiled", "--out", str(out)])
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["documents"], result["split"]) == (1, "train-fold1of2")
