"""Gene names a source writes in capitals but papers write in lower case ("ADIPONECTIN" -> "adiponectin")."""

from __future__ import annotations

from pipeline.evaluation.lexicon_build import HGNC_FILE, gene_rows

TABLE = """Symbol\tApproved.Symbol\tchromosome
ADIPOQ\tADIPOQ\t3
ADIPONECTIN\tADIPOQ\t3
KIT\tKIT\t4
C-KIT\tKIT\t4
ABCD1\tABCD1\tX
ADRENOLEUKODYSTROPHY\tABCD1\tX
CFC1\tCFC1\t2
CRYPTIC\tCFC1\t2
"""


def test_protein_words_in_capitals_also_match_in_lower_case_and_other_words_do_not(tmp_path):
    path = tmp_path / HGNC_FILE
    path.parent.mkdir(parents=True)
    path.write_text(TABLE, encoding="utf-8")
    any_case = {(entry.norm_id, name) for entry, names, case in gene_rows(tmp_path) if case == "ci" for name in names}
    assert ("ADIPOQ", "adiponectin") in any_case
    assert ("KIT", "c-kit") in any_case
    assert not {name for _gene, name in any_case} & {"adrenoleukodystrophy", "cryptic"}
