"""The learned pair reader: the shipped model, its features, and how it joins the rules."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import InputError
from pipeline.records import Mention
from pipeline.relations.lexicon import tokenize
from pipeline.relations.pairs import MODEL_PATH, NONE, PairModel, pair_features, read_model, shipped_model

from .conftest import make_table_document


def test_the_shipped_model_loads_with_its_card_and_labels():
    model = shipped_model()
    assert model is not None, f"missing {MODEL_PATH}"
    assert set(model.labels) == {NONE, "increases", "decreases", "binds"}
    assert model.weights and all(len(row) == len(model.labels) for row in model.weights.values())
    assert "BioRED train" in model.card["sources"]
    assert (MODEL_PATH.parent / "MODEL_CARD.md").read_text(encoding="utf-8").startswith("# Pair reader")


def test_a_model_file_of_another_format_is_an_error_naming_it(tmp_path):
    path = tmp_path / "pairs.json"
    path.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(InputError, match="pairs.json"):
        read_model(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read"):
        read_model(path)


def test_features_hold_the_hyphen_joined_word_the_words_between_and_the_path():
    text = "Cisplatin-induced nephrotoxicity was reduced by STAT3 loss."
    agent = Mention("d", 0, 9, "Cisplatin", "DRUG", "DB00515")
    obj = Mention("d", 18, 32, "nephrotoxicity", "DISEASE", "MESH:D007674")
    feats = pair_features(tokenize(text), agent, obj)
    assert feats["agent_suffix=induced"] == 1.0 and feats["order=A>O"] == 1.0 and feats["adjacent"] == 1.0
    target = Mention("d", 48, 53, "STAT3", "TARGET", "STAT3")
    far = pair_features(tokenize(text), agent, target, {"rp:lca=reduced": 1.0})
    assert far["bw=reduced"] == 1.0 and far["trig=decreases"] == 1.0 and far["rp:lca=reduced"] == 1.0


def test_a_label_must_beat_none_by_the_threshold():
    model = PairModel(["none", "increases"], [0.0, -0.5], {"x": [0.0, 1.0]}, threshold=0.2)
    assert model.predict({"x": 1.0}) == ("increases", 0.5)
    assert model.predict({}) == ("none", -0.5)


def test_a_weak_drug_gene_co_mention_is_left_out(extract):
    # "STAT3 was low in cisplatin users" says where STAT3 was measured; the model's margin for "increases"
    # (about 0.0) is under the margin a drug-gene pair needs (learned.TARGET_MARGIN, MODEL_CARD.md)
    assert extract("STAT3 was low in cisplatin users.") == []


def test_the_model_reads_an_agent_the_rules_leave(extract):
    negated = extract("Patients given cisplatin did not develop nephrotoxicity.")
    assert [(r.construction, r.negated) for r in negated] == [("learned", True)]


def test_an_agent_the_rules_read_keeps_the_rules_reading(mentions_for):
    from pipeline.relations.extract import _unit_relations
    from pipeline.relations.learned import learned_relations
    from pipeline.relations.units import iter_units

    from .conftest import make_document

    text = "Siltuximab inhibited STAT3 phosphorylation and bortezomib caused nephrotoxicity in myeloma."
    unit = next(iter_units(make_document(text), mentions_for("doc", text), agent_scope="drugs"))
    always = PairModel(["none", "increases"], [0.0, 1.0], {})  # labels every pair "increases"
    rules = _unit_relations(unit)
    assert {r.agent_text for r in rules} == {"Siltuximab"}
    learned = learned_relations(unit, rules, lambda: "unknown", always)
    assert {(r.agent_text, r.object_text) for r in learned} == {("bortezomib", "STAT3"),
                                                               ("bortezomib", "nephrotoxicity")}


def test_table_bullets_are_read_by_the_rules_alone(mentions_for):
    from pipeline.relations.extract import extract_relations

    document, row = make_table_document("Cisplatin", {"preclinical": "- Cisplatin and nephrotoxicity"})
    rels = extract_relations([document], mentions_for("review", document.text), [row])
    assert all(r.construction != "learned" for r in rels)


def test_x_induced_y_is_a_statement_of_its_own_negated_only_right_before_it(extract):
    rels = extract("Bortezomib did not prevent cisplatin-induced nephrotoxicity.")
    assert sorted((r.agent_id, r.effect, r.object_text, r.negated, r.construction) for r in rels) == [
        ("DB00188", "decreases", "cisplatin-induced nephrotoxicity", True, "active"),
        ("DB00515", "increases", "nephrotoxicity", False, "nominal_induced")]
    assert [(r.agent_id, r.axis_agent) for r in extract("Cisplatin-induced nephrotoxicity was severe.")] == [
        ("DB00515", False)]
    assert [(r.negated, r.negation_cue) for r in extract("There was no cisplatin-induced nephrotoxicity.")] == [
        (True, "no")]


def test_an_analyte_is_no_agent_of_the_pair_reader(extract):
    """Bug: "iron accumulation which typically presents with retinal degeneration" gave iron increases
    retinal degeneration. A chemical named as what is measured (``clause.is_measured``) was already no
    agent of the rules; now it is none of the pair reader either."""
    assert [r.construction for r in extract("Patients given cisplatin did not develop nephrotoxicity.")] == ["learned"]
    assert extract("Patients with cisplatin accumulation did not develop nephrotoxicity.") == []


def test_an_agent_naming_the_kind_of_its_noun_is_no_agent_of_the_pair_reader_but_a_causal_one_is(extract):
    """Bug: "methicillin-sensitive Staphylococcus aureus bacteremia" gave methicillin increases bacteremia;
    "-sensitive", "-resistant", "-converting" describe the noun (``clause.describes_a_noun``), while
    "cisplatin-associated nephrotoxicity" states an adverse effect (``clause.causal_joins``)."""
    assert extract("Patients with cisplatin-resistant tumors did not develop nephrotoxicity.") == []
    kept = extract("Patients given cisplatin did not develop nephrotoxicity.")
    assert [r.agent_text for r in kept] == ["cisplatin"]


def _unit(text, mentions):
    from pipeline.relations.units import Unit

    return Unit("d", 0, len(text), text, "RESULTS", tuple(mentions))


def test_pair_candidates_leave_out_kinds_analytes_and_comparators():
    """Bugs (judged samples): "estradiol-induced growth of ER-positive tumors" (ER is a kind of tumor),
    "methicillin-sensitive S. aureus bacteremia" (a kind of bacterium), "iron accumulation" (an analyte),
    "a higher incidence of tremor than quetiapine" (a comparator) gave relations."""
    from pipeline.relations.pairs import candidates

    def pairs(text, *spans):
        mentions = [Mention("d", text.index(t), text.index(t) + len(t), t, label, norm) for t, label, norm in spans]
        return {(a.text, o.text) for a, o in candidates(_unit(text, mentions))}

    cis = ("cisplatin", "DRUG", "MESH:D002945")
    assert pairs("cisplatin increased growth of ESR1-positive tumors", cis, ("ESR1", "TARGET", "ESR1"),
                 ("tumors", "DISEASE", "MESH:D009369")) == {("cisplatin", "tumors")}
    assert pairs("cisplatin-sensitive tumors and ESR1", cis, ("ESR1", "TARGET", "ESR1"),
                 ("tumors", "DISEASE", "MESH:D009369")) == set()
    assert pairs("cisplatin accumulation and ESR1", cis, ("ESR1", "TARGET", "ESR1")) == set()
    assert pairs("more ESR1 than cisplatin", cis, ("ESR1", "TARGET", "ESR1")) == set()
    assert pairs("cisplatin-associated ESR1 loss", cis, ("ESR1", "TARGET", "ESR1")) == {("cisplatin", "ESR1")}


def test_a_comparators_bracketed_name_is_a_comparator_too(extract):
    """Bug: "more active than cisplatin (DDP), and exhibited cytotoxic activities against breast cancer" gave
    DDP (cisplatin's bracketed abbreviation, same id) the finding, in the rules and in the pair reader."""
    from pipeline.relations.pairs import candidates

    text = "more STAT3 than cisplatin (DDP)"
    mentions = [Mention("d", text.index("STAT3"), text.index("STAT3") + 5, "STAT3", "TARGET", "STAT3"),
                Mention("d", text.index("cisplatin"), text.index("cisplatin") + 9, "cisplatin", "DRUG", "MESH:D002945"),
                Mention("d", text.index("DDP"), text.index("DDP") + 3, "DDP", "DRUG", "MESH:D002945")]
    assert {(a.text, o.text) for a, o in candidates(_unit(text, mentions))} == set()
    rels = extract("Bortezomib was more active than cisplatin (DDP), and inhibited breast cancer.")
    assert {r.agent_text for r in rels} == {"Bortezomib"}
