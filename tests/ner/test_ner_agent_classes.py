"""Agent classes as DRUG mentions with class ids (agent_classes.tsv, agent_class_rules.tsv)."""

from __future__ import annotations

import pytest

from pipeline.evaluation.train_evidence import class_ids_from_train
from pipeline.ner.agent_classes import read_rules
from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(compiled=False)


def _drugs(nlp, text):
    document = Document(doc_id="d", source="test", title="", text=text)
    return [(m.text, m.norm_id) for m in recognize_mentions([document], nlp) if m.label == "DRUG"]


@pytest.mark.parametrize(("text", "norm_id"), [
    ("IL-6 blockers", "class:il6_blocker"),
    ("anti-IL-6R mAb", "class:il6r_blocker"),
    ("SERMs", "class:serm"),
    ("avimers", "class:avimer"),
    ("therapeutic proteins", "class:therapeutic_protein"),  # "cytokine-modulating therapeutic proteins (TP)"
    ("nanocomplexes", "class:nanoformulation"),  # "their formulation in nanocomplexes (NPs)"
    ("JAK inhibitors", "class:jak_blocker"),
    ("IL-6/IL-6R/gp130 blockers", "class:il6_il6r_il6st_blocker"),
    ("antibodies against VEGF", "class:vegfa_blocker"),
    ("anti-gp130 IgG", "class:il6st_blocker"),
    ("recombinant human IL-6", "class:il6_recombinant"),
    ("VEGF antiserum", "class:vegfa_blocker"),
    ("anti-IL-6 antisera", "class:il6_blocker"),
    ("EGFR agonists", "class:egfr_agonist"),
    ("inhibitors of MEK", "class:map2k1_blocker"),
    ("pharmacological inhibition of JAK2", "class:jak2_blocker"),
    # a subunit letter joined to the target ("inhibitors of the MUC1-C subunit" was cut to "inhibitors of the MUC1")
    ("inhibitors of the STAT3-C subunit", "class:stat3_blocker"),
    ("STAT3-N inhibitor", "class:stat3_blocker"),
    # the enzyme's kind between target and head ("JAK3 kinase inhibitors" was JAK3 alone)
    ("JAK2 kinase inhibitors", "class:jak2_blocker"),
    ("STAT3 kinase inhibitor", "class:stat3_blocker"),
])
def test_class_phrases_are_one_drug_mention(nlp, text, norm_id):
    assert _drugs(nlp, f"We compared {text} in mice.") == [(text, norm_id)]


def test_a_target_alone_stays_a_target(nlp):
    assert _drugs(nlp, "IL-6 and VEGF levels rose; IL-6 inhibition was not tested.") == []


def test_bad_rule_regex_names_the_file_and_rule(tmp_path):
    bad = tmp_path / "rules.tsv"
    bad.write_text("kind\tbefore\tafter\nblocker\t(unclosed\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules\.tsv: rule 'blocker': bad regular expression"):
        read_rules(bad)


def test_unknown_compound_defined_by_an_abbreviation_is_a_drug(nlp):
    """A research compound the lexicons miss becomes a DRUG through its definition, and so does its short form."""
    found = _drugs(nlp, "Maltolyl p-coumarate (MPC) lowered IL-6. MPC also lowered STAT3, unlike C-reactive protein (CRP).")
    assert found == [("Maltolyl p-coumarate", "drug:maltolylpcoumarate"), ("MPC", "drug:maltolylpcoumarate"),
                     ("MPC", "drug:maltolylpcoumarate")]


def test_targets_inside_a_class_stay_mentions(nlp):
    """Relations read "anti-" + IL-6 as "binds IL-6": the target nests inside the class mention."""
    document = Document(doc_id="d", source="test", title="", text="Siltuximab, an anti-IL-6 mAb, was given.")
    found = [(m.text, m.label) for m in recognize_mentions([document], nlp)]
    assert found == [("Siltuximab", "DRUG"), ("anti-IL-6 mAb", "DRUG"), ("IL-6", "TARGET")]


def test_a_chemical_inside_the_target_does_not_stop_the_class(nlp):
    """"nitric oxide" (a drug) inside "nitric oxide synthase" (a target) no longer blocks the class rule."""
    document = Document(doc_id="d", source="test", title="", text="We gave nitric oxide synthase inhibitors to rats.")
    found = [(m.text, m.label, m.norm_id) for m in recognize_mentions([document], nlp)]
    assert ("nitric oxide synthase inhibitors", "DRUG", "class:nitricoxidesynthase_blocker") in found
    assert ("nitric oxide synthase", "TARGET", "target:nitricoxidesynthase") in found


def test_head_words_come_from_the_heads_table(tmp_path):
    heads = tmp_path / "heads.tsv"
    heads.write_text("kind\thead\nblocker\tsilencer\n", encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_text("kind\tbefore\tafter\nblocker\t\t^ (?:{heads})$\n", encoding="utf-8")
    (rule,) = read_rules(rules, heads)
    assert rule.after.match(" silencer") and not rule.after.match(" inhibitor")


def test_a_rule_of_a_kind_without_head_words_names_the_file(tmp_path):
    heads = tmp_path / "heads.tsv"
    heads.write_text("kind\thead\nblocker\tinhibitor\n", encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_text("kind\tbefore\tafter\nagonist\t\t^ (?:{heads})$\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no head words"):
        read_rules(rules, heads)


def test_class_ids_learned_from_train_names():
    """A train name ending in a head word gives its id to the class the rules would name it by."""
    named = [("COX-2 inhibitors", "MESH:D052246"), ("angiotensin-converting enzyme (ACE) inhibitor", "MESH:D000806"),
             ("Bradykinin receptors antagonists", "MESH:D065168"), ("dopamine agonist", "MESH:D018491"),
             ("aspirin", "MESH:D001241")]
    found = class_ids_from_train(named, {"cox2": "PTGS2"})
    assert found["class:ptgs2_blocker"] == "MESH:D052246"
    assert found["class:angiotensinconvertingenzyme_blocker"] == "MESH:D000806"
    assert found["class:bradykininreceptor_blocker"] == "MESH:D065168"
    assert found["class:dopamine_agonist"] == "MESH:D018491"
    assert not any("aspirin" in k for k in found)


def test_a_symbol_the_lexicons_leave_out_names_the_class_before_a_head(nlp):
    """"NOS" (a symbol several genes share) is in no lexicon; before "inhibitors" it names the class's target."""
    found = [(m.text, m.label, m.norm_id) for m in recognize_mentions(
        [Document(doc_id="d", source="test", title="", text="NOS inhibitors reduced tumour growth. NOS was high.")], nlp)]
    assert ("NOS inhibitors", "DRUG", "class:nos_blocker") in found
    assert ("NOS", "TARGET", "target:nos") in found
    assert [text for text, _label, _id in found].count("NOS") == 1  # "NOS" alone stays unrecognised


def test_inhibitors_of_an_interface_are_no_class_of_its_targets(nlp):
    assert _drugs(nlp, "Inhibitors of the IL-6/gp130 interface were designed.") == []
    assert _drugs(nlp, "Inhibitors of the IL-6/gp130 pathway were designed.") == [
        ("Inhibitors of the IL-6/gp130", "class:il6_il6st_blocker")]
