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


def test_an_alias_genes_share_goes_to_the_first_numbered_gene_if_it_is_long_enough(tmp_path):
    import gzip

    from pipeline.evaluation.lexicon_sources import NCBI_ALIASES, NCBI_GENES

    hgnc = tmp_path / HGNC_FILE
    hgnc.parent.mkdir(parents=True)
    hgnc.write_text("Symbol\tApproved.Symbol\tchromosome\nSQSTM1\tSQSTM1\t5\nCDK5RAP3\tCDK5RAP3\t17\n"
                    "AR\tAR\tX\nNR3C2\tNR3C2\t4\n", encoding="utf-8")
    (tmp_path / NCBI_GENES).parent.mkdir(parents=True)
    with gzip.open(tmp_path / NCBI_GENES, "wt", encoding="utf-8") as handle:
        handle.write("ncbi_gene_id\tsymbol\tfull_name\tgene_type\n8878\tSQSTM1\tsequestosome 1\tprotein-coding\n"
                     "80279\tCDK5RAP3\tCDK5 regulatory subunit associated protein 3\tprotein-coding\n"
                     "367\tAR\tandrogen receptor\tprotein-coding\n"
                     "4306\tNR3C2\tnuclear receptor subfamily 3 group C member 2\tprotein-coding\n")
    with gzip.open(tmp_path / NCBI_ALIASES, "wt", encoding="utf-8") as handle:
        handle.write("ncbi_gene_id\tsymbol\talias\tis_symbol\tfull_name\tgene_type\n"
                     "8878\tSQSTM1\tp62\t0\tsequestosome 1\tprotein-coding\n"
                     "80279\tCDK5RAP3\tp62\t0\tx\tprotein-coding\n"
                     "367\tAR\tMRX\t0\tandrogen receptor\tprotein-coding\n"
                     "4306\tNR3C2\tMRX\t0\tx\tprotein-coding\n")
    names = {(entry.norm_id, name) for entry, names, _case in gene_rows(tmp_path) for name in names}
    assert ("SQSTM1", "p62") in names and ("CDK5RAP3", "p62") not in names
    assert not {gene for gene, name in names if name == "MRX"}  # three characters: dropped as before


def test_spreadsheet_dates_and_letterless_aliases_are_no_gene_names(tmp_path):
    path = tmp_path / HGNC_FILE
    path.parent.mkdir(parents=True)
    path.write_text("Symbol\tApproved.Symbol\tchromosome\nMARCHF4\tMARCHF4\t2\n3/4\tMARCHF4\t2\n"
                    "4-MAR\tMARCHF4\t2\nMAR-4\tMARCHF4\t2\nMARCH4\tMARCHF4\t2\n", encoding="utf-8")
    names = {name for _entry, names, _case in gene_rows(tmp_path) for name in names}
    # The bug: "grade 3-5" and "3/4 mutations" were MARCHF5 and MARCHF4 mentions.
    assert names == {"MARCHF4", "MARCH4"}


def test_an_alias_in_capitals_that_train_texts_use_as_a_word_matches_only_as_written(tmp_path):
    from pipeline.evaluation.train_evidence import TrainEvidence

    path = tmp_path / HGNC_FILE
    path.parent.mkdir(parents=True)
    path.write_text("Symbol\tApproved.Symbol\tchromosome\nTBATA\tTBATA\t10\nSPATIAL\tTBATA\t10\n"
                    "NOTCH1\tNOTCH1\t9\nNOTCH\tNOTCH1\t9\n", encoding="utf-8")
    evidence = TrainEvidence()
    for _ in range(3):
        evidence.add("biored", "Spatial memory fell. Notch rose.", [("Notch", "TARGET", "")])
    cases = {name: case for _entry, names, case in gene_rows(tmp_path, evidence=evidence) for name in names}
    # The bug: "Spatial learning" opening a sentence was the gene TBATA (SPATIAL matched with any capital).
    assert cases["SPATIAL"] == "cs"
    assert cases["NOTCH"] == "cap"  # annotated as a gene where written: still any case with a capital
