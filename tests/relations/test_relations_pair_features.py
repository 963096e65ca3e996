"""The pair reader's richer features (issue 18): dependency-path encodings, the agent's context, and
the training filter that leaves out co-mentions the document-level labels call statements."""

from __future__ import annotations

from pipeline.evaluation.pair_training import Example, stated
from pipeline.records import Mention
from pipeline.relations.lexicon import tokenize
from pipeline.relations.pairs import (PairModel, context_features, pair_features, path_encoding, path_features,
                                      shipped_model)
from pipeline.relations.units import Unit


def _mention(text: str, name: str, label: str, norm: str = "-") -> Mention:
    start = text.index(name)
    return Mention("d", start, start + len(name), name, label, norm)


def _unit(text: str, *mentions: Mention) -> Unit:
    return Unit("d", 0, len(text), text, "RESULTS", tuple(mentions))


def test_the_agents_context_flags_an_analyte_a_study_aim_and_a_hedge():
    """Bug (on-topic dev): the pair reader read measured substances and study aims as findings; these
    features say so whatever the pair's order ("serum testosterone levels", "we investigated whether")."""
    measured = "Serum testosterone levels were low in patients with diabetes."
    feats = context_features(tokenize(measured), _mention(measured, "testosterone", "DRUG"))
    assert feats["agent_measure_cue"] == 1.0 and feats["agent_pre0=serum"] == 1.0 and "aim_cue" not in feats
    aim = "We investigated whether cisplatin may reduce STAT3."
    feats = context_features(tokenize(aim), _mention(aim, "cisplatin", "DRUG"))
    assert feats["aim_cue"] == 1.0 and feats["aim=whether"] == 1.0 and feats["hedged"] == 1.0
    plain = "Cisplatin reduced STAT3."
    feats = context_features(tokenize(plain), _mention(plain, "Cisplatin", "DRUG"))
    assert not {"agent_measure_cue", "aim_cue", "hedged"} & set(feats)
    target = _mention(plain, "STAT3", "TARGET")
    assert "agent_post0=reduced" not in pair_features(tokenize(plain), _mention(plain, "Cisplatin", "DRUG"), target)
    assert pair_features(tokenize(plain), _mention(plain, "Cisplatin", "DRUG"), target, context=True)[
        "agent_post0=reduced"] == 1.0


def test_path_encodings_name_the_path_and_blind_other_mentions():
    text = "Cisplatin and tamoxifen reduced STAT3 phosphorylation."
    agent, other, target = (_mention(text, "Cisplatin", "DRUG"), _mention(text, "tamoxifen", "DRUG"),
                            _mention(text, "STAT3", "TARGET"))
    unit = _unit(text, agent, other, target)
    [labels] = path_features(unit, [(agent, target)], "labels")
    assert labels["pathword=reduced"] == 1.0 and labels["pathtrig=decreases"] == 1.0
    assert any(name.startswith("path=") for name in labels)
    [walks] = path_features(unit, [(agent, target)], "walks")
    names = " ".join(walks)
    assert "AGENT" in names and "OBJ" in names and "cisplatin" not in names.lower()
    assert "rp:lca=reduced" in walks and "rp:trig=decreases_lca" in walks
    # tamoxifen's path climbs through Cisplatin, the other drug it is conjoined with: blinded
    [through] = path_features(unit, [(other, target)], "walks")
    assert "rp:e=AGENT|u:conj|OTHER_DRUG" in through and "cisplatin" not in " ".join(through).lower()
    assert path_features(unit, [], "walks") == []


def test_a_models_card_says_which_path_encoding_it_reads():
    assert path_encoding({"paths": True}) == "labels"  # the first encoding's models said True
    assert path_encoding({"paths": "walks"}) == "walks"
    assert path_encoding({"paths": False}) is None and path_encoding({}) is None
    model = shipped_model()
    assert model is not None and path_encoding(model.card) == "labels" and model.card["context"] is True


def test_training_leaves_out_far_co_mentions_with_no_effect_word():
    """Document-level labels projected onto "estrogen ... in numerous diseases, including cancer" made a far
    co-mention a statement; ``--stated-only`` leaves such positives out, keeps near or linked ones."""
    far = {"dist=10+": 1.0, "bw=diseases": 1.0}
    assert not stated(Example("1", far, "increases"))
    assert stated(Example("1", far, "none"))
    assert stated(Example("1", {**far, "trig=increases": 1.0}, "increases"))
    assert stated(Example("1", {**far, "pathtrig=decreases": 1.0}, "decreases"))
    assert stated(Example("1", {"dist=2": 1.0}, "increases"))


def test_the_learned_reader_reads_context_only_for_a_model_trained_with_it(mentions_for):
    from pipeline.relations.learned import learned_relations
    from pipeline.relations.units import iter_units

    from .conftest import make_document

    text = "Patients given cisplatin had serum nephrotoxicity."
    unit = next(iter_units(make_document(text), mentions_for("doc", text), agent_scope="drugs"))
    # "increases" only through the agent's context feature "agent_pre0=given"
    weights = {"agent_pre0=given": [0.0, 2.0]}
    without = PairModel(["none", "increases"], [0.0, -1.0], weights, card={"context": False})
    with_context = PairModel(["none", "increases"], [0.0, -1.0], weights, card={"context": True})
    assert learned_relations(unit, [], lambda: "unknown", without) == []
    assert [(r.agent_text, r.effect) for r in learned_relations(unit, [], lambda: "unknown", with_context)] == [
        ("cisplatin", "increases")]
