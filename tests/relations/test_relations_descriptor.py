""""the <target> inhibitor <drug>": the drug acts, and decreases the target the class names."""

from __future__ import annotations


def _triples(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_a_class_named_before_a_drug_lets_the_drug_act_on_the_class_target(extract):
    # before: the class "tyrosine kinase inhibitor" acted beside ZD1839, and nothing said what ZD1839 inhibits
    rels = extract("The tyrosine kinase inhibitor ZD1839 inhibits HER2 signaling.")
    assert _triples(rels) == [("ZD1839", "decreases", "HER2 signaling"), ("ZD1839", "decreases", "tyrosine kinase")]


def test_each_descriptor_goes_to_the_drug_after_it(extract):
    # before: "aromatase" went to the androgen receptor antagonist class (the first agent of the
    # clause), and the two classes never said what flutamide and letrozole do
    rels = extract("Rats received the androgen receptor antagonist flutamide (10 mg/kg) or the aromatase "
                   "inhibitor letrozole for six days.")
    assert _triples(rels) == [("flutamide", "decreases", "androgen receptor"), ("letrozole", "decreases", "aromatase")]


def test_the_genes_before_a_class_word_are_the_targets(extract):
    # "the dual EGFR/ErbB2 kinase inhibitor GW572016": past "kinase", each gene listed is decreased
    rels = extract("Cells stay sensitive to the dual STAT3 and gp130 kinase inhibitor bortezomib.")
    assert _triples(rels) == [("bortezomib", "decreases", "STAT3"), ("bortezomib", "decreases", "gp130")]
    # a class word after a word that is no gene leaves the class mention to say it
    rels = extract("The tyrosine kinase inhibitor ZD1839 inhibits HER2 signaling.")
    assert ("ZD1839", "decreases", "tyrosine kinase") in _triples(rels)


def test_a_class_not_followed_by_a_drug_still_acts(extract):
    rels = extract("The tyrosine kinase inhibitor inhibits HER2 signaling.")
    assert _triples(rels) == [("tyrosine kinase inhibitor", "decreases", "HER2 signaling")]



def test_a_class_word_after_the_class_is_no_described_agent(extract):
    # "a selective serotonin reuptake inhibitor antidepressant": "antidepressant" names no agent, so
    # the class is no descriptor of it (before this guard: antidepressant decreases "serotonin reuptake")
    rels = extract("Fluoxetine is a selective serotonin reuptake inhibitor antidepressant.")
    assert all(r.agent_text != "antidepressant" for r in rels)


def test_repress_and_disturb_are_decreasing_verbs(extract):
    # "Tamoxifen represses miR-200 microRNAs", "BPA can disturb the development of mammary structure"
    assert _triples(extract("Bortezomib represses STAT3.")) == [("Bortezomib", "decreases", "STAT3")]
    assert _triples(extract("Bortezomib can disturb the development of breast cancer.")) == [
        ("Bortezomib", "decreases", "development of breast cancer")]
    # the noun names a population's condition, not an effect ("patients with mild disturbance of AV conduction")
    rels = extract("Bortezomib is used in patients with mild disturbance of STAT3.")
    assert all(r.effect != "decreases" for r in rels)


def test_a_one_word_class_right_before_an_agent_describes_it(extract):
    # "the dihydroxylated antiestrogen LY117018 ... inhibit": the class "antiestrogen" acted, not LY117018.
    # The noun also says what LY117018 acts against (antiwords.py): it decreases estrogen.
    rels = extract("The dihydroxylated antiestrogen LY117018 inhibited STAT3 phosphorylation.")
    assert _triples(rels) == [("LY117018", "decreases", "STAT3 phosphorylation"), ("LY117018", "decreases", "estrogen")]


def test_translocate_is_a_trigger(extract):
    # "I3A was able to translocate ... PKC isoforms" gave nothing (ontopic2). "bound to" (binds) and "cause(s)"
    # (increases) were tried and dropped: a trigger word ends an object (the review's "signaling via ... the
    # membrane bound IL-6R" lost its object), and the pair reader reads the trigger table's effects between a
    # pair as features, so "CACNA2D4 causes cone dystrophy" made calcium (in "calcium-channel") cause it.
    assert _triples(extract("Bortezomib was able to translocate STAT3.")) == [("Bortezomib", "increases", "STAT3")]
