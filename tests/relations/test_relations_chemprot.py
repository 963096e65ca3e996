"""ChemProt loading, pair features, the pair classifier and the official-style scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.chemprot import NO_RELATION, load_split, split_sentences
from pipeline.evaluation.relation_classifier import evaluate_split, load_classifier, save_classifier, train_classifier
from pipeline.evaluation.chemprot_features import masked_sequence, pair_features
from pipeline.evaluation.scoring import score_sets

MINI = Path(__file__).parent / "data" / "chemprot_mini"


def test_sentence_spans_are_end_exclusive():
    text = "Aspirin inhibited COX-1 (e.g. in platelets). Caffeine did not. Done"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Aspirin inhibited COX-1 (e.g. in platelets).", "Caffeine did not.", "Done"]


def test_load_split_builds_in_sentence_pairs_with_gold_labels():
    split = load_split(MINI, "train")
    assert split.documents == 3
    labelled = {(c.pmid, c.chemical.text, c.gene.text, c.label) for c in split.candidates if c.label != NO_RELATION}
    assert labelled == {("900001", "Aspirin", "COX-1", "CPR:4"), ("900002", "Salbutamol", "ADRB2", "CPR:3"),
                        ("900002", "Propranolol", "ADRB2", "CPR:6"), ("900003", "Warfarin", "CYP2C9", "CPR:9")}
    for c in split.candidates:
        assert c.sentence[c.chemical.start - c.sentence_start:c.chemical.end - c.sentence_start] == c.chemical.text


def test_load_split_names_a_bad_line(tmp_path):
    folder = tmp_path / "chemprot_training"
    folder.mkdir()
    (folder / "chemprot_training_abstracts.tsv").write_text("1\tTitle\tText here.\n", encoding="utf-8")
    (folder / "chemprot_training_entities.tsv").write_text("1\tT1\tCHEMICAL\tx\t3\tTit\n", encoding="utf-8")
    (folder / "chemprot_training_gold_standard.tsv").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"chemprot_training_entities.tsv:1: bad offsets 'x'"):
        load_split(tmp_path, "train")
    with pytest.raises(ValueError, match="unknown ChemProt split 'val'"):
        load_split(tmp_path, "val")


def test_masking_and_pair_features():
    split = load_split(MINI, "train")
    cand = next(c for c in split.candidates if c.chemical.text == "Propranolol" and c.label == "CPR:6")
    seq, i_chem, i_gene = masked_sequence(cand)
    assert seq[i_chem] == "@CHEM" and seq[i_gene] == "@GENE"
    assert "propranolol" not in seq
    feats = pair_features(cand)
    assert feats["order=CG"] == 1.0 and feats["bt:antagonist"] == 1.0 and feats["cw:propranolol"] == 1.0


def test_classifier_learns_the_mini_corpus_and_round_trips(tmp_path):
    train = load_split(MINI, "train")
    classifier = train_classifier(train.candidates, c=1.0)
    predicted = classifier.predict(train.candidates)
    assert predicted == [c.label for c in train.candidates]
    path = save_classifier(classifier, tmp_path / "m.pkl")
    assert load_classifier(path).predict(train.candidates) == predicted
    scores = evaluate_split(train, predicted)
    assert scores[-1].label == "micro" and scores[-1].f1 == 1.0
    with pytest.raises(ValueError, match="need at least two classes"):
        train_classifier([c for c in train.candidates if c.label == NO_RELATION])


def test_scorer_counts_and_is_zero_safe():
    gold = [("a", "CPR:4"), ("b", "CPR:3"), ("c", "CPR:4")]
    pred = [("a", "CPR:4"), ("b", "CPR:4")]
    before = (list(gold), list(pred))
    scores = {s.label: s for s in score_sets(gold, pred, ("CPR:3", "CPR:4", "CPR:5"))}
    assert (scores["CPR:4"].tp, scores["CPR:4"].fp, scores["CPR:4"].fn) == (1, 1, 1)
    assert scores["CPR:5"].f1 == 0.0 and scores["CPR:5"].precision == 0.0
    assert scores["micro"].precision == 0.5 and scores["micro"].recall == pytest.approx(1 / 3)
    assert (gold, pred) == before


def test_real_chemprot_dev_loads(shared_file):
    folder = shared_file("data/benchmarks/ChemProt/chemprot_development").parent
    split = load_split(folder, "dev", limit=25)
    assert split.documents == 25 and split.candidates
    assert {c.label for c in split.candidates} <= {NO_RELATION, "CPR:3", "CPR:4", "CPR:5", "CPR:6", "CPR:9"}


def test_trigger_rules_label_the_mini_corpus():
    from pipeline.evaluation.chemprot_rules import predict_rules

    train = load_split(MINI, "train")
    got = {(c.chemical.text, c.gene.text, c.label): label
           for c, label in zip(train.candidates, predict_rules(train.candidates))}
    assert got[("Propranolol", "ADRB2", "CPR:6")] == "CPR:6"
    assert got[("Warfarin", "CYP2C9", "CPR:9")] == "CPR:9"
    assert got[("Salbutamol", "ADRB2", "CPR:3")] == "CPR:3"
    assert predict_rules(train.candidates, max_distance=0).count(NO_RELATION) >= len(train.candidates) - 2


def test_path_features_come_from_the_parse_of_the_pair_sentence():
    from pipeline.evaluation.chemprot_features import path_features

    split = load_split(MINI, "train")
    feats = path_features(split.candidates)
    assert len(feats) == len(split.candidates)
    assert any(any(name.startswith("sdp=") and name != "sdp=overlap" for name in f) for f in feats)
    classifier = train_classifier(split.candidates)
    assert dict(classifier.settings)["paths"] == "True"
    assert [view for view, _, _ in classifier.members] == ["all", "tokens", "paths"]
    assert [view for view, _, _ in train_classifier(split.candidates, paths=False).members] == ["tokens"]


def test_training_labels_keep_unevaluated_groups_apart_and_predict_them_as_none():
    from pipeline.evaluation.chemprot import training_labels

    split = load_split(MINI, "train")
    labels = training_labels(MINI, split)
    by_pair = {(c.chemical.text, c.gene.text, c.label): label for c, label in zip(split.candidates, labels)}
    assert by_pair[("Ethanol", "CYP2C9", NO_RELATION)] == "CPR:10"
    assert by_pair[("Caffeine", "COX-1", NO_RELATION)] == NO_RELATION
    assert by_pair[("Warfarin", "CYP2C9", "CPR:9")] == "CPR:9"
    classifier = train_classifier(split.candidates, c=1.0, labels=labels, threshold=0.0)
    assert "CPR:10" in classifier.classes
    assert classifier.predict(split.candidates) == [c.label for c in split.candidates]
    with pytest.raises(FileNotFoundError, match=r"no file matching \*_relations\*\.tsv"):
        training_labels(MINI, load_split(MINI, "dev"))


def test_threshold_turns_weak_groups_into_none():
    split = load_split(MINI, "train")
    classifier = train_classifier(split.candidates, c=1.0, threshold=100.0)
    assert set(classifier.predict(split.candidates)) == {NO_RELATION}


def test_cross_validation_scores_every_abstract_with_a_model_that_did_not_see_it():
    from pipeline.evaluation.chemprot import training_labels
    from pipeline.evaluation.chemprot_cv import cross_validate

    split = load_split(MINI, "train")
    scores = cross_validate([split], [training_labels(MINI, split)], folds=3, c=1.0, threshold=0.0)
    micro = scores[-1]
    assert micro.label == "micro" and micro.gold == len(split.gold) == 4
    # each abstract's only CPR:4 / CPR:9 example is held out with it, so those pairs cannot be learned
    assert micro.tp < 4
    with pytest.raises(ValueError, match="at least 2 folds, got 1"):
        cross_validate([split], [training_labels(MINI, split)], folds=1)
