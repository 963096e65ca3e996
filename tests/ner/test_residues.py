"""Residues of sequence changes are no chemicals (pipeline.ner.residues)."""

from __future__ import annotations

from pipeline.ner.components import CharMention
from pipeline.ner.residues import drop_residues


def _drugs(text, *names, source="lexicon"):
    return [CharMention(text.index(n), text.index(n) + len(n), "DRUG", "drug:" + n.lower(), n, source)
            for n in names]


def test_residue_names_of_a_sequence_change_are_dropped():
    text = "A valine (Val) to alanine (Ala) substitution; arginine 124-to-cysteine; insertion of a cytosine."
    mentions = _drugs(text, "valine", "alanine", "arginine", "cysteine", "cytosine")
    val = CharMention(text.index("Val)"), text.index("Val)") + 3, "DRUG", "drug:valine", "valine", "abbreviation")
    # The bug: each residue of a mutation was a DRUG mention (and a false MeSH id).
    assert drop_residues(mentions + [val], text) == []


def test_the_same_names_as_chemicals_stay():
    text = "Plasma glutamine and valine levels fell; receptor tyrosine kinases were blocked."
    mentions = _drugs(text, "glutamine", "valine", "tyrosine")
    assert drop_residues(mentions, text) == mentions


def test_residues_placed_encoded_phosphorylated_or_joined_by_a_number_are_dropped():
    """Bug: "encoding lysine", "glutamine at codon 61", "a serine instead of", "tyrosine phosphorylation" and
    both ends of "glycine-594-valine" were DRUG mentions of amino acids."""
    text = ("Alleles encoding lysine differ; glutamine (in 2B) at codon 61; a serine instead of a proline; "
            "tyrosine phosphorylation rose; glycine-594-valine.")
    mentions = _drugs(text, "lysine", "glutamine", "serine", "tyrosine", "glycine", "valine")
    assert drop_residues(mentions, text) == []


def test_applied_amino_acids_stay():
    text = "Rats given lysine at doses of 2 g; cysteine treatment; encoding genes for glutamine synthesis."
    mentions = _drugs(text, "lysine", "cysteine", "glutamine")
    assert drop_residues(mentions, text) == mentions


def test_a_residue_joined_to_its_phosphorylation_is_dropped():
    """Bug: "JAK2 becomes tyrosine-phosphorylated" gave a DRUG "tyrosine", which hid the verb from the relations."""
    text = "JAK2 becomes tyrosine-phosphorylated; STAT1 is serine-dephosphorylated; tyrosine kinases act."
    mentions = _drugs(text, "tyrosine", "serine")
    kinase = CharMention(text.rindex("tyrosine"), text.rindex("tyrosine") + 8, "DRUG", "drug:tyrosine", "tyrosine",
                         "lexicon")
    assert drop_residues(mentions + [kinase], text) == [kinase]
