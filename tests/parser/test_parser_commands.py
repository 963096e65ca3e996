"""The parser commands are registered, and a missing treebank is a named error, not a traceback."""

from __future__ import annotations

import pytest

from pipeline.cli import main


def test_evaluate_parser_is_registered(capsys):
    with pytest.raises(SystemExit) as done:
        main(["evaluate", "parser", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--treebank" in out and "craft" in out and "genia" in out


def test_train_parser_is_registered(capsys):
    with pytest.raises(SystemExit) as done:
        main(["train", "parser", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--max-minutes" in out and "--genia-copies" in out


def test_missing_treebank_folder_is_named(tmp_path, capsys):
    code = main(["evaluate", "parser", "--treebank", "genia", "--split", "dev", "--data", str(tmp_path),
                 "--out", str(tmp_path / "scores.json")])
    assert code == 1
    assert f"{tmp_path / 'GENIA'}: GENIA treebank folder not found" in capsys.readouterr().err
    assert not (tmp_path / "scores.json").exists()


@pytest.mark.slow
def test_tiny_training_run_writes_a_loadable_model(tmp_path, shared_file):
    from pipeline.evaluation.parser_train import train_parser
    from pipeline.parser import load_parser

    counts = train_parser(shared_file("data/treebanks"), tmp_path / "model", work_dir=tmp_path / "work",
                          max_minutes=2, max_steps=20, limit=20)
    assert counts["train_sentences"] == 18951 and 0 < counts["train_sentences_aligned_exactly"] < 18951
    nlp = load_parser(tmp_path / "model")
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser"]
    assert (tmp_path / "model" / "training_counts.json").is_file()


@pytest.mark.slow
def test_genia_joins_training_and_model_selection(tmp_path, shared_file):
    from pipeline.evaluation.parser_train import train_parser

    counts = train_parser(shared_file("data/treebanks"), tmp_path / "model", work_dir=tmp_path / "work",
                          max_minutes=2, max_steps=10, limit=5, genia_copies=2)
    # future_use 1,494 + train 14,326 sentences, each in twice; GENIA dev beside CRAFT dev; test never read
    assert (counts["train_genia_sentences"], counts["train_genia_copies"]) == (15820, 2)
    assert (counts["dev_genia_sentences"], counts["dev_genia_copies"]) == (1361, 1)
    assert counts["train_docs"] == 4851 and counts["dev_docs"] == 494
