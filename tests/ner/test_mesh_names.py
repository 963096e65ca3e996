"""MeSH names -> MeSH ids of drugs and diseases (pipeline.evaluation.mesh_names) and their use as standard ids."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.mesh_names import DESCRIPTORS, SUPPLEMENTARY, mesh_folder, read_mesh_names
from pipeline.ner.lexicon import Entry
from pipeline.ner.standard_ids import StandardIds, write_standard_ids

# Tiny tables in the layout `lexicon fetch` saves (id, name, synonyms, trees | mapped descriptors).
DESCRIPTOR_ROWS = [
    ("D010518", "Periodontitis", "Periodontitides", "C07.465.714.533"),
    ("D000069347", "Erlotinib Hydrochloride", "Erlotinib HCl", "D03.633.100.786.375"),
    ("D002945", "Cisplatin", "cis-Diamminedichloroplatinum", "D01.210.375"),
    ("D000001", "Cisplatin Salts", "Platin", "D01.210.376"),
    ("D000002", "Other Platin", "Platin", "D01.210.377"),
    ("D003110", "Colonic Neoplasms", "Colon Cancer", "C04.588.274|C06.301.371"),
    ("D012677", "Seasons", "Season", "G01.910.757"),
    ("D011618", "Psychotic Disorders", "Psychoses", "F03.700.750"),
    ("D006596", "Hexosaminidases", "Glucosaminidase", "D08.811.277.450.430"),
    ("D045304", "Cytochromes c", "Cytochrome c", "D12.776.556.579.500|D08.811.913.050.134"),
]
SUPPLEMENTARY_ROWS = [
    ("C516667", "pazopanib", "GW786034", "D007191,D011743"),
    ("C999999", "obscure compound 7", "", "D007191"),
    ("C564766", "Iodide transport defect", "", "*D003409"),
    ("C000003", "platin", "", "D007191"),
]
EXTRA_DESCRIPTORS = [("D007191", "Indazoles", "", "D03.383.129"), ("D011743", "Pyrimidines", "", "D03.383.742"),
                     ("D003409", "Congenital Hypothyroidism", "", "C05.116|C19.297")]


def _write(folder, descriptors=DESCRIPTOR_ROWS + EXTRA_DESCRIPTORS, supplementary=SUPPLEMENTARY_ROWS):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DESCRIPTORS).write_text("".join("\t".join(row) + "\t\n" for row in descriptors), encoding="utf-8")
    (folder / SUPPLEMENTARY).write_text("".join("\t".join(row) + "\n" for row in supplementary), encoding="utf-8")
    return folder


def test_headings_name_drugs_and_diseases_by_their_trees(tmp_path):
    names = read_mesh_names(_write(tmp_path), frozenset({"pazopanib"}))
    assert names[("DISEASE", "mesh:periodontitis")] == "MESH:D010518"
    assert names[("DISEASE", "mesh:periodontitides")] == "MESH:D010518"
    assert names[("DISEASE", "mesh:coloncancer")] == "MESH:D003110"
    assert names[("DISEASE", "mesh:psychoses")] == "MESH:D011618"  # F03, mental disorders
    assert names[("DRUG", "mesh:cisplatin")] == "MESH:D002945"
    # A heading outside the drug and disease trees names neither; a heading names only its own label.
    assert not any(key[1].endswith(("seasons", "season")) for key in names)
    assert ("DRUG", "mesh:periodontitis") not in names and ("DISEASE", "mesh:cisplatin") not in names
    # Enzymes and proteins (D08, D12.776) are genes to the corpora: their headings name no drug
    # (BioRED dev concept precision; the longest prefix of mesh_tree_labels.tsv decides).
    assert ("DRUG", "mesh:glucosaminidase") not in names and ("DRUG", "mesh:cytochromec") not in names


def test_a_supplementary_concept_takes_the_labels_of_the_descriptors_it_maps_to(tmp_path):
    names = read_mesh_names(_write(tmp_path), frozenset({"pazopanib", "gw786034"}))
    assert names[("DRUG", "mesh:pazopanib")] == "MESH:C516667"
    assert names[("DRUG", "mesh:gw786034")] == "MESH:C516667"
    assert names[("DISEASE", "mesh:iodidetransportdefect")] == "MESH:C564766"  # "*" marks the main descriptor
    # A supplementary drug name no compiled drug table has is left out (the table stays small).
    assert ("DRUG", "mesh:obscurecompound7") not in names


def test_a_name_two_headings_share_names_neither_and_no_later_tier_takes_it(tmp_path):
    names = read_mesh_names(_write(tmp_path), frozenset({"platin"}))
    # "Platin" is a synonym of two descriptors: neither wins, and the supplementary "platin" does not either.
    assert ("DRUG", "mesh:platin") not in names and ("DRUG", "meshvariant:platin") not in names


def test_a_name_written_another_way_meets_mesh_under_its_concept_key(tmp_path):
    names = read_mesh_names(_write(tmp_path), frozenset())
    # The salt heading names its base drug ("erlotinib"), as concept_key_rules.tsv's salts say.
    assert names[("DRUG", "meshvariant:erlotinib")] == "MESH:D000069347"
    assert ("DRUG", "mesh:erlotinib") not in names  # not as an exact name: those come first at lookup
    assert names[("DRUG", "mesh:cisplatin")] == "MESH:D002945"


def test_a_malformed_row_is_an_error_naming_file_and_line(tmp_path):
    folder = _write(tmp_path, descriptors=DESCRIPTOR_ROWS[:1] + [("D1", "no trees")])
    with pytest.raises(InputError) as raised:
        read_mesh_names(folder, frozenset())
    assert DESCRIPTORS in str(raised.value) and "line 2" in str(raised.value)


def test_the_mesh_folder_is_the_given_one_or_the_fetch_layout_or_none(tmp_path, monkeypatch):
    from pipeline.evaluation import mesh_names

    monkeypatch.setattr(mesh_names, "DEFAULT_DEST", tmp_path / "fetched")
    assert mesh_folder(tmp_path) is None  # the build then adds no MeSH names
    assert mesh_names.command_line_mesh_folder(tmp_path, None) is None
    default = _write(tmp_path / "fetched" / "mesh")
    # Only the command line falls back to where `lexicon fetch` saves them by default.
    assert mesh_names.command_line_mesh_folder(tmp_path, None) == default
    assert mesh_folder(tmp_path) is None
    fetched = _write(tmp_path / "mesh")
    assert mesh_folder(tmp_path) == fetched == mesh_names.command_line_mesh_folder(tmp_path, None)
    with pytest.raises(InputError) as raised:
        mesh_folder(tmp_path, tmp_path / "elsewhere")
    assert DESCRIPTORS in str(raised.value) and "elsewhere" in str(raised.value)


def test_a_mention_without_an_id_takes_its_mesh_name_after_the_compiled_tables(tmp_path):
    mesh = read_mesh_names(_write(tmp_path / "m"), frozenset({"pazopanib"}))
    # A compiled entry names "colon cancer" with the id train chose; MeSH's own heading comes after it.
    learned = Entry("disease:coloncancer", "colon cancer", "DISEASE", "train", xrefs=("MESH:D015179",))
    write_standard_ids(tmp_path, [(learned, ["colon cancer"], "ci")], None, None, mesh)
    ids = StandardIds.load(tmp_path)
    assert ids.xrefs("DISEASE", "disease:periodontitis", "Periodontitis", "periodontitis", ()) == ("MESH:D010518",)
    assert ids.xrefs("DRUG", "DB06589", "Pazopanib", "pazopanib", ("drugbank:DB06589",))[0] == "MESH:C516667"
    assert ids.xrefs("DISEASE", "disease:coloncancer", "colon cancer", "colon cancer", ())[0] == "MESH:D015179"
    # A plural meets the heading's synonym under its concept key, after every exact name.
    # (the compiled entry keys "colon cancer" only exactly; no train evidence gave it a variant key)
    assert ids.xrefs("DISEASE", "disease:x", "colon cancers", "colon cancers", ()) == ("MESH:D003110",)
    assert ids.xrefs("DISEASE", "disease:x", "periodontitides", "Periodontitides", ()) == ("MESH:D010518",)
    # Severity words are read past, as for the other keys.
    assert ids.xrefs("DISEASE", "disease:x", "severe periodontitis", "severe periodontitis", ())[0] == "MESH:D010518"


def test_a_drug_entry_without_an_id_takes_the_mesh_id_its_names_agree_on(tmp_path):
    mesh = read_mesh_names(_write(tmp_path / "m"), frozenset())
    erlotinib = Entry("DB00530", "Erlotinib", "DRUG", "drugbank", drugbank_id="DB00530")
    both = Entry("DB99999", "Cisplatin", "DRUG", "drugbank", drugbank_id="DB99999")
    write_standard_ids(tmp_path, [(erlotinib, ["Erlotinib", "Tarceva"], "ci"),
                                  (both, ["Cisplatin", "Erlotinib"], "ci")], None, None, mesh)
    ids = StandardIds.load(tmp_path)
    # The brand name is no MeSH name, but its entry's other name is.
    assert ids.xrefs("DRUG", "DB00530", "Erlotinib", "Tarceva", ())[0] == "MESH:D000069347"
    # An entry whose names give two MeSH ids takes neither for its brand-only mentions.
    assert ids.xrefs("DRUG", "DB99999", "x", "Platinol", ()) == ()


def test_a_mention_written_as_a_mesh_name_takes_that_heading_over_its_own_mapped_id(tmp_path):
    mesh = read_mesh_names(_write(tmp_path / "m"), frozenset())
    write_standard_ids(tmp_path, [], None, None, mesh)
    ids = StandardIds.load(tmp_path)
    # The bug: CRAFT's MONDO "male infertility" kept the MeSH id its MONDO mapping gave (Infertility), though
    # MeSH names "Male Infertility" itself; here a MONDO-mapped "periodontitis" stands for it.
    assert ids.xrefs("DISEASE", "MESH:D009999", "periodontitis", "periodontitis", ())[0] == "MESH:D010518"
    # ... and a drug dictionary's own MeSH id ("platinum" -> a compounds heading) likewise.
    assert ids.xrefs("DRUG", "DB00515", "Cisplatin", "cisplatin", ("MESH:D000001",))[0] == "MESH:D002945"
    # Where the written text is no MeSH name, or names the same heading, the own id stays as it was.
    assert ids.xrefs("DRUG", "DB00515", "Cisplatin", "Platinol", ("MESH:D000001",)) == ("MESH:D000001",)
    assert ids.xrefs("DRUG", "DB00515", "Cisplatin", "cisplatin", ("MESH:D002945",)) == ("MESH:D002945",)
    assert ids.xrefs("DISEASE", "MESH:D009999", "gum disease", "gum disease", ()) == ()
