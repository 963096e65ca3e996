"""Standard ids of mentions (pipeline.ner.standard_ids): species, learned ids, class headings."""

from __future__ import annotations

from pipeline.evaluation.train_evidence import TrainEvidence
from pipeline.ner.lexicon import Entry
from pipeline.ner.standard_ids import HUMAN, StandardIds, document_species, write_standard_ids


def test_document_species_needs_more_animal_cues_than_human_ones():
    assert document_species("IL-6 in mice: murine tumours grew") == "mouse"
    assert document_species("Rats were given cisplatin.") == "rat"
    # A human study that mentions a mouse model once stays human (the bug: any cue moved 19 train documents).
    assert document_species("Patients and human xenografts in mice; patients responded.") == HUMAN
    assert document_species("IL-6 signalling") == HUMAN


def _table(tmp_path, documents, genes=()):
    evidence = TrainEvidence()
    for text, mentions in documents:
        evidence.add("biored", text, mentions)
    gene = Entry("IL6", "IL6", "TARGET", "hgnc", xrefs=("NCBIGene:3569", "HGNC:6018"))
    others = [(Entry(s, s, "TARGET", "hgnc", xrefs=(i,)), [s], "cs") for s, i in genes]
    write_standard_ids(tmp_path, [(gene, ["IL6", "IL-6"], "cs")] + others, evidence)
    return StandardIds.load(tmp_path)


def test_a_gene_of_a_mouse_document_takes_the_id_learned_in_mouse_documents(tmp_path):
    ids = _table(tmp_path, [("IL-6 in mice and mice", [("IL-6", "TARGET", "NCBIGene:16193")]),
                            ("IL-6 in mice and mouse", [("IL-6", "TARGET", "NCBIGene:16193")]),
                            ("IL-6 in patients", [("IL-6", "TARGET", "NCBIGene:3569")])])
    xrefs = ("NCBIGene:3569", "HGNC:6018")
    assert ids.xrefs("TARGET", "IL6", "IL6", "IL-6", xrefs, "mouse")[0] == "NCBIGene:16193"
    # Human documents learn from human documents only: the mouse majority does not leak into them.
    assert ids.xrefs("TARGET", "IL6", "IL6", "IL-6", xrefs, HUMAN)[0] == "NCBIGene:3569"


def test_a_rat_gene_without_a_learned_rat_id_drops_the_human_id(tmp_path):
    ids = _table(tmp_path, [("IL-6 in patients", [("IL-6", "TARGET", "NCBIGene:3569")]),
                            ("cisplatin in rats", [("cisplatin", "DRUG", "MESH:D002945")])])
    assert ids.xrefs("TARGET", "IL6", "IL6", "IL-6", ("NCBIGene:3569", "HGNC:6018"), "rat") == ("HGNC:6018",)
    # Drugs and diseases have no species: a drug learned in a rat study holds in a human document.
    assert ids.xrefs("DRUG", "x", "x", "cisplatin", (), HUMAN) == ("MESH:D002945",)
    # ... and in every species alike: the recognizer counts species cues only in documents naming a target.
    assert ids.xrefs("DRUG", "x", "x", "cisplatin", (), "rat") == ("MESH:D002945",)


def test_a_mesh_heading_shared_by_several_drugs_is_no_drugs_own_id():
    from pipeline.evaluation.lexicon_sources import own_mesh_ids

    # The bug: olanzapine took "Benzodiazepines" (D017367), a heading the dictionary also gives sertraline.
    dictionary = {"DB00334": {"mesh_id": "D017367"}, "DB01104": {"mesh_id": "D017367"},
                  "DB00515": {"mesh_id": "D002945"}, "DB00530": {}}
    assert own_mesh_ids(dictionary) == {"DB00515": "MESH:D002945"}


def test_a_drug_sharing_its_mesh_id_with_a_class_record_has_no_own_id():
    from pipeline.evaluation.lexicon_sources import own_mesh_ids
    from pipeline.ner.lexicon import mesh_holders, own_mesh_id

    # The bug: acarbose took "Glycoside Hydrolase Inhibitors" (D065089), which only the class's own
    # record (no DrugBank id, action trees D27) carries besides it.
    acarbose = {"drugbank_id": "DB00284", "mesh_id": "D065089", "mesh_tree": ["D09.698.629.802.100"]}
    heading = {"mesh_id": "D065089", "mesh_tree": ["D27.505.519.389.320"]}
    dictionary = {"DB00284": acarbose, "name:glycoside hydrolase inhibitors": heading}
    assert own_mesh_ids(dictionary) == {}
    holders = mesh_holders(dictionary.values())
    assert own_mesh_id(acarbose, holders) is None
    assert own_mesh_id(heading, holders) == "MESH:D065089"  # the class keeps its own heading


def test_a_train_gene_name_mapped_to_a_symbol_puts_the_human_id_first():
    from pipeline.evaluation.lexicon_build import _map_train_genes

    # The bug: ERBB3 kept its train majority id (mouse NCBIGene:13867) first, so human documents named a mouse gene.
    train = [(Entry("NCBIGene:13867", "ERBB3", "TARGET", "train"), ["ERBB3"], "cs")]
    genes = [(Entry("ERBB3", "ERBB3", "TARGET", "hgnc", xrefs=("NCBIGene:2065",)), ["ERBB3"], "cs")]
    (entry, _forms, _case), = _map_train_genes(train, genes)
    assert entry.norm_id == "ERBB3" and entry.xrefs == ("NCBIGene:2065", "NCBIGene:13867")


def test_a_mention_without_an_id_takes_the_id_of_its_text_without_severity_words(tmp_path):
    ids = _table(tmp_path, [("Encephalopathy was seen.", [("encephalopathy", "DISEASE", "MESH:D001927")])])
    # The bug: "severe encephalopathy" (a pattern mention) had no standard id at all.
    assert ids.xrefs("DISEASE", "disease:x", "severe encephalopathy", "severe encephalopathy", ()) == ("MESH:D001927",)
    # Only the listed words go: "diabetic encephalopathy" is another concept.
    assert ids.xrefs("DISEASE", "disease:x", "diabetic encephalopathy", "diabetic encephalopathy", ()) == ()


def test_a_drug_without_a_mesh_id_takes_the_id_train_gave_one_of_its_names(tmp_path):
    evidence = TrainEvidence()
    evidence.add("bc5cdr", "Tarceva was given.", [("Tarceva", "DRUG", "MESH:D000069347")])
    drug = Entry("DB00530", "Erlotinib", "DRUG", "drug", drugbank_id="DB00530", xrefs=("drugbank:DB00530",))
    other = Entry("DB00001", "Lepirudin", "DRUG", "drug", drugbank_id="DB00001")
    write_standard_ids(tmp_path, [(drug, ["erlotinib", "Tarceva"], "ci"), (other, ["lepirudin"], "ci")], evidence)
    ids = StandardIds.load(tmp_path)
    # The bug: "erlotinib" (DrugBank only, never annotated in train) had no MeSH id though "Tarceva" had.
    assert ids.xrefs("DRUG", "DB00530", "Erlotinib", "erlotinib", ("drugbank:DB00530",))[0] == "MESH:D000069347"
    assert ids.xrefs("DRUG", "DB00001", "Lepirudin", "lepirudin", ()) == ()


def test_a_document_without_targets_is_not_searched_for_species_cues(monkeypatch):
    from pipeline.ner import components
    from pipeline.ner.factory import build_nlp

    counted = []
    monkeypatch.setattr(components, "document_species", lambda text: counted.append(text) or HUMAN)
    recognizer = build_nlp("fast", compiled=False, prime=False).get_pipe("evidence_entities")
    recognizer.ids = StandardIds({("DRUG", "name:cisplatin"): ("MESH:D002945",)})
    assert recognizer.find("Rats were given cisplatin.")[0].xrefs == ("MESH:D002945",)
    assert counted == []
    recognizer.find("IL-6 in mice given cisplatin.")
    assert counted == ["IL-6 in mice given cisplatin."]


def test_each_train_document_votes_once_for_a_learned_id(tmp_path):
    # The bug: one abstract writing "MMP-2" four times as NCBIGene:4130 outvoted two that said 4313.
    odd = ("MMP-2 in patients", [("MMP-2", "TARGET", "NCBIGene:4130")] * 4)
    right = ("MMP-2 in patients", [("MMP-2", "TARGET", "NCBIGene:4313")])
    ids = _table(tmp_path, [odd, right, right], [("MMP2", "NCBIGene:4313"), ("MAP1A", "NCBIGene:4130")])
    assert ids.xrefs("TARGET", "target:x", "MMP-2", "MMP-2", (), HUMAN) == ("NCBIGene:4313",)


def test_a_family_name_train_gave_several_ids_learns_none(tmp_path):
    # The bug: "MMPs" (annotated 4312|4313) learned its first member, a false id wherever MMP-1 was not meant.
    family = ("MMPs in patients", [("MMPs", "TARGET", "NCBIGene:4312|NCBIGene:4313")])
    ids = _table(tmp_path, [family, family, ("MMPs in patients", [("MMPs", "TARGET", "NCBIGene:4312")])])
    assert ids.xrefs("TARGET", "target:x", "MMPs", "MMPs", (), HUMAN) == ()
    assert ids.xrefs("DRUG", "x", "x", "MMPs", (), HUMAN) == ()


def test_a_gene_id_learned_for_a_species_must_be_of_that_species(tmp_path):
    # The bug: a mouse study its cues called human taught "ERK" of every human document the mouse Mapk1.
    ids = _table(tmp_path, [("ERK in patients", [("ERK", "TARGET", "NCBIGene:26413")]),
                            ("IL-6 in mice and mice", [("IL-6", "TARGET", "NCBIGene:3569")])])
    assert ids.xrefs("TARGET", "target:x", "ERK", "ERK", (), HUMAN) == ()
    # A human id learned in a mouse document is no mouse gene's id either.
    assert ids.xrefs("TARGET", "target:x", "IL-6", "IL-6", (), "mouse") == ()


def test_a_train_gene_name_with_another_species_id_gets_no_standard_norm_id():
    from pipeline.evaluation.lexicon_build import _map_train_genes

    # The bug: "b-catenin" learned the mouse NCBIGene:12387 as its norm id, named in human documents too.
    train = [(Entry("NCBIGene:12387", "b-catenin", "TARGET", "train"), ["b-catenin"], "cs")]
    genes = [(Entry("CTNNB1", "CTNNB1", "TARGET", "hgnc", xrefs=("NCBIGene:1499",)), ["CTNNB1"], "cs")]
    (entry, _forms, _case), = _map_train_genes(train, genes)
    assert entry.norm_id == "train:target:bcatenin" and entry.xrefs == ()


def test_a_disease_written_another_way_takes_the_id_learned_for_its_name(tmp_path):
    ids = _table(tmp_path, [("Breast cancer and type II diabetes.", [("breast cancer", "DISEASE", "MESH:D001943"),
                                                                     ("type II diabetes", "DISEASE", "MESH:D003924")])])
    # The bug: a pattern mention spelled otherwise than the learned name had no standard id.
    for text in ("cancer of the breast", "breast cancers", "Breast tumour"):
        assert ids.xrefs("DISEASE", "disease:x", text, text, ()) == ("MESH:D001943",), text
    assert ids.xrefs("DISEASE", "disease:x", "t", "type 2 diabetes mellitus", ()) == ("MESH:D003924",)
    assert ids.xrefs("DISEASE", "disease:x", "t", "breast pain", ()) == ()


def test_an_organ_named_by_its_other_word_takes_the_id_learned_for_the_disease(tmp_path):
    ids = _table(tmp_path, [("Breast cancer; gastric cancer.", [("breast cancer", "DISEASE", "MESH:D001943"),
                                                                ("gastric cancer", "DISEASE", "MESH:D013274")])])
    # The bug: a mouse "mammary carcinoma" (BioRED train: "mammary tumors", D001943) had no id.
    assert ids.xrefs("DISEASE", "disease:x", "t", "mammary carcinoma", ()) == ("MESH:D001943",)
    assert ids.xrefs("DISEASE", "disease:x", "t", "stomach tumours", ()) == ("MESH:D013274",)


def test_a_drug_salt_takes_the_id_learned_for_the_drug(tmp_path):
    ids = _table(tmp_path, [("Cinacalcet was given.", [("cinacalcet", "DRUG", "MESH:C476217")])])
    assert ids.xrefs("DRUG", "DB01012", "cinacalcet HCl", "cinacalcet HCl", ()) == ("MESH:C476217",)
    # Only drugs drop a salt, and genes have no concept keys at all.
    assert ids.xrefs("DISEASE", "disease:x", "x", "cinacalcet HCl", ()) == ()


def test_a_concept_key_two_learned_names_give_different_ids_names_neither(tmp_path):
    ids = _table(tmp_path, [("Psychosis.", [("psychosis", "DISEASE", "MESH:D011618")]),
                            ("Psychoses.", [("psychoses", "DISEASE", "MESH:D011605")])])
    assert ids.xrefs("DISEASE", "disease:x", "x", "Psychosis's", ()) == ()
    # Each learned name keeps its own id.
    assert ids.xrefs("DISEASE", "disease:x", "x", "psychoses", ()) == ("MESH:D011605",)


def test_a_defined_short_form_keeps_the_id_of_its_long_form(tmp_path):
    ids = _table(tmp_path, [("PD patients", [("PD", "DISEASE", "MESH:D010300")])])
    # The bug: "PD" defined as "panic disorder" (D016584) took the Parkinson's disease train learned for "PD".
    assert ids.xrefs("DISEASE", "MESH:D016584", "panic disorder", "PD", (), defined=True) == ()
    assert ids.xrefs("DISEASE", "MESH:D016584", "panic disorder", "PD", ()) == ("MESH:D010300",)
    # A defined short form without an id of its own still takes the learned one.
    assert ids.xrefs("DISEASE", "disease:x", "x", "PD", (), defined=True) == ("MESH:D010300",)


def test_a_mention_without_an_id_takes_the_one_its_entity_or_name_has_in_the_document():
    from pipeline.ner.mentions import CharMention
    from pipeline.ner.standard_ids import share_document_ids

    text = "Iodide transport defect (ITD) ... ITD; Rg1 and Rg1; PD or PD"
    name = "Iodide transport defect"
    long_form = CharMention(0, 23, "DISEASE", "disease:itd", name, "abbreviation", ("MESH:C564766",))
    short = CharMention(25, 28, "DISEASE", "disease:itd", name, "abbreviation")
    rg1 = [CharMention(39, 42, "DRUG", "DB1", "Rg1", "lexicon", ("MESH:C035054",)),
           CharMention(47, 50, "DRUG", "x", "Rg1", "lexicon")]
    pd = [CharMention(52, 54, "DISEASE", "a", "PD", "lexicon", ("MESH:D010300",)),
          CharMention(58, 60, "DISEASE", "a", "PD", "lexicon", ("MESH:D016584",))]
    shared = share_document_ids([long_form, short, *rg1, *pd], text)
    # The bug: "ITD" (and the second "Rg1") had no id though the document gave its entity (name) one.
    assert shared[1].xrefs == ("MESH:C564766",) and shared[3].xrefs == ("MESH:C035054",)
    assert shared[4:] == pd  # mentions with ids keep them
    gene = CharMention(0, 3, "TARGET", "IL6", "IL6", "lexicon")
    assert share_document_ids([gene, gene._replace(xrefs=("NCBIGene:3569",))], "IL6")[0].xrefs == ()


def test_mentions_with_ids_are_each_mentions_xrefs_read_through_the_memo(tmp_path):
    from pipeline.ner.mentions import CharMention

    ids = _table(tmp_path, [("IL-6 in patients", [("IL-6", "TARGET", "NCBIGene:3569")]),
                            ("PD in patients", [("PD", "DISEASE", "MESH:D010300")])])
    text = "IL-6 and PD (panic disorder); IL-6 again, and PD."
    mentions = [CharMention(0, 4, "TARGET", "IL6", "IL6", "lexicon", ("HGNC:6018",)),
                CharMention(9, 11, "DISEASE", "disease:pd", "PD", "abbreviation", ("MESH:D016584",)),
                CharMention(30, 34, "TARGET", "IL6", "IL6", "lexicon", ("HGNC:6018",)),
                CharMention(46, 48, "DISEASE", "disease:pd", "PD", "lexicon", ())]
    expected = [m._replace(xrefs=ids.xrefs(m.label, m.norm_id, m.norm_name, text[m.start:m.end], m.xrefs, HUMAN,
                                           defined=m.source == "abbreviation")) for m in mentions]
    assert expected[0].xrefs[0] == "NCBIGene:3569" and expected[3].xrefs == ("MESH:D010300",)
    assert expected[1].xrefs == ("MESH:D016584",)  # a defined short form keeps its own id, not train's for "PD"
    for _ in range(2):  # looked up, then read from the memo
        found = ids.with_ids(mentions, text, HUMAN)
        assert found == expected
        assert found[1] is mentions[1]  # unchanged: the same mention
