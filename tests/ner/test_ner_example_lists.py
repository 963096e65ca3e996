"""Compounds named as examples of a compound class (pipeline.ner.example_lists)."""

from __future__ import annotations

from pipeline.ner.example_lists import compound_examples, example_lists


def _items(text, lists):
    return [[text[a:b] for a, b in items] for items in lists]


def test_the_items_of_a_list_opened_after_a_plural_compound_head():
    text = ("Title.\nDirect STAT3 inhibitors, including small molecules that target the SH2 domain such as stattic, "
            "S3I-201 and BP-1-102, have shown activity.")
    assert _items(text, example_lists(text)) == [["stattic", "S3I-201", "BP-1-102"]]
    # a longer last phrase ends the list before it; no compound head in the sentence, no list
    assert example_lists("Agents such as tamoxifen and aromatase inhibitors were used.") == []
    assert example_lists("Inhibitors were tested. Cells such as HeLa and Jurkat were used.") == []


def test_a_list_names_compounds_only_with_a_known_drug_or_a_code_and_no_other_entity():
    text = "STAT3 inhibitors such as stattic, S3I-201 and BP-1-102 were tested."
    s3i = (text.index("S3I-201"), text.index("S3I-201") + 7)
    codes, names = compound_examples(text, {s3i}, set())
    assert ([text[a:b] for a, b in codes], [text[a:b] for a, b in names]) == (["BP-1-102"], ["stattic"])
    words = "Inhibitors of processes such as proliferation and migration were tested."
    assert compound_examples(words, set(), set()) == ([], [])
    # "compounds were tested against cell lines including HCT-8, BEL-7402 and BGC-803": cell lines, no compounds
    lines = "These compounds were tested against cell lines including HCT-8, BEL-7402 and BGC-803."
    hct = (lines.index("HCT-8"), lines.index("HCT-8") + 5)
    assert compound_examples(lines, set(), {hct}) == ([], [])
