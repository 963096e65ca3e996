"""Series labels and family-member letters as DRUG mentions (pipeline/ner/compound_series.py)."""

from __future__ import annotations

import re

from pipeline.ner.compound_series import series_members
from pipeline.ner.mentions import CharMention


def _drugs(text: str, *names: str) -> list[CharMention]:
    pattern = "|".join(re.escape(n) for n in names)
    return [CharMention(m.start(), m.end(), "DRUG", "drug:x", m.group(), "lexicon")
            for m in re.finditer(r"(?<!\w)(?:" + pattern + r")(?!\w)", text)] if names else []


def _found(text: str, *names: str) -> list[str]:
    return [text[m.start:m.end] for m in series_members(text, _drugs(text, *names))]


def test_labels_after_a_head_word_are_compounds_and_quantities_are_not():
    text = ("Compound 28 was potent. Hybrid compounds 46 and 47 were active; compounds 10 and 20 mg/kg "
            "were not; compound 48/80 is another name.")
    assert _found(text) == ["Compound 28", "46", "47"]


def test_a_lettered_label_after_a_series_name_joins_it_and_recurs_alone():
    # "BSC 3g and 3n cause arrest ... after 3n treatment": the statements' agents were no mentions at all.
    text = "BSC 3g and 3n cause arrest in MCF-7 cells. Cell death after 3n treatment; cisplatin 20 mg/kg."
    found = _found(text, "BSC", "cisplatin")
    assert found == ["BSC 3g", "3n", "3n", "cisplatin"]


def test_a_member_letter_is_part_of_the_name_where_every_occurrence_carries_it():
    # "Cucurbitacin I" was cut to "Cucurbitacin" (the family), which no annotation names as the agent.
    text = "Cucurbitacin I inhibits Rac1. The effect of cucurbitacin I on RhoA."
    assert _found(text, "Cucurbitacin", "cucurbitacin") == ["Cucurbitacin I", "cucurbitacin I"]
    mixed = "Cucurbitacin I inhibits Rac1, and cucurbitacins are triterpenes; cucurbitacin acts."
    assert _found(mixed, "Cucurbitacin", "cucurbitacin") == ["Cucurbitacin", "cucurbitacin"]


def test_a_receptor_letter_after_a_ligand_is_not_a_member():
    text = "Blockade of dopamine D2 receptors and histamine H(3)-receptor ligands; dopamine D receptors."
    assert _found(text, "dopamine", "histamine") == ["dopamine", "histamine", "dopamine"]


def test_a_label_defined_in_brackets_names_its_compound_where_it_opens_a_clause_before_a_verb():
    # "the Z-isomer (1) ... In addition, 1 demonstrated cytotoxic activity": the statements' agents were no mentions
    text = ("The Z-isomer (1) was more potent than the E-isomer (2). In addition, 1 demonstrated cytotoxicity, "
            "while 2 was weakly active at 1 h; phase 1 trials.")
    assert _found(text) == ["Z-isomer", "1", "E-isomer", "2", "1", "2"]
    found = series_members(text, [])
    assert found[0].norm_id == found[1].norm_id == found[4].norm_id != found[2].norm_id
    assert _found("Hydrazone 16 inhibited MDA-MB-231 cells; 16 h later.") == ["Hydrazone 16"]


def test_a_list_holding_a_range_of_labels_is_one_group_mention():
    # "Compounds 9-10, 12 and 16-17 were evaluated", "analogs 4-6 were prepared": the agents were no mentions.
    text = ("Compounds 1-3 were tested. Compounds 9-10, 12 and 16-17 were evaluated. Isomalyngamide A analogs 4-6 "
            "were prepared; compounds 10-20 mg/kg were given.")
    assert _found(text) == ["Compounds 1-3", "Compounds 9-10, 12 and 16-17", "analogs 4-6"]


def test_a_label_list_written_again_names_the_same_compounds():
    # "derivatives 4 and 5 suppress ... inhibition of metastatic activities by 4 and 5": the second list was no agent.
    text = "Derivatives 4 and 5 suppress migration. Inhibition by 4 and 5 involves FAK; days 4 and 5 mg/kg."
    found = series_members(text, [])
    assert [text[m.start:m.end] for m in found] == ["4", "5", "4", "5"]
    assert found[0].norm_id == found[2].norm_id != found[1].norm_id == found[3].norm_id
    assert _found("Derivative 4 and compound 5 were made; 4 and 5 differ.") == ["Derivative 4", "compound 5"]


def test_lettered_labels_without_a_head_are_members_of_a_lettered_series():
    # "compounds 1a and 1h ... the identification of 12b and 12d, as potent JAK3 inhibitors": 12b, 12d were no agents.
    text = "Compounds 1a and 1h were leads. We identified 12b and 12d, as potent inhibitors (Fig. 2b; stage 3c)."
    assert _found(text) == ["1a", "1h", "12b", "12d"]
    assert _found("Compounds 1 and 2 were leads. We identified 12b and 12d (IL-12b).") == ["1", "2"]
