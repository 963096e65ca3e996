"""In-domain labels for the pair reader and leave-one-part-out scoring (``evaluation/indomain.py``), on tiny
hand-made parts; and a model's ``coverage: pair`` (``learned.covered_pair``)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from pipeline.evaluation.indomain import Settings
from pipeline.io import write_jsonl
from pipeline.records import Mention
from pipeline.relations.pairs import NONE, PairModel, model_in_use
from pipeline.stages import stage_path

from .conftest import find_mentions, make_document

STATEMENT_COLUMNS = "doc_id\tagent_id\teffect\tobject_start\tobject_end\tnegated\thedged\tobject_text\tagent_names\n"


def _part(tmp_path: Path, name: str, texts: dict[str, str], statements: list[tuple[str, str, str, str]]):
    """A run (documents, mentions) on ``texts`` and an annotation folder whose statements are
    (doc_id, agent_id, effect, object text) rows, the object found in the document's text."""
    from pipeline.evaluation.indomain import Part

    run, folder = tmp_path / name / "run", tmp_path / name / "annotations"
    run.mkdir(parents=True)
    folder.mkdir(parents=True)
    documents = [make_document(text, doc_id) for doc_id, text in texts.items()]
    write_jsonl(documents, stage_path(run, "documents"))
    write_jsonl([m for d in documents for m in find_mentions(d.doc_id, d.text)], stage_path(run, "mentions"))
    rows = [f"{doc}\t{agent}\t{effect}\t{texts[doc].index(obj)}\t{texts[doc].index(obj) + len(obj)}"
            f"\t0\t0\t{obj}\t\n" for doc, agent, effect, obj in statements]
    (folder / "statements.tsv").write_text(STATEMENT_COLUMNS + "".join(rows), encoding="utf-8")
    scope = [f"{doc}\t0\t{len(text)}\t{hashlib.sha1(text.encode('utf-8')).hexdigest()}\n" for doc, text in texts.items()]
    (folder / "scope.tsv").write_text("doc_id\tstart\tend\ttext_sha1\n" + "".join(scope), encoding="utf-8")
    return Part(name, run, folder)


def test_a_statement_labels_the_candidates_of_its_agent_whose_object_overlaps_its_span():
    from pipeline.evaluation.indomain import statement_label
    from pipeline.evaluation.relations_devset import Statement

    statements = [Statement("d", "DB00515", "decreases", 10, 30, False, False, frozenset({"ddp"})),
                  Statement("d", "DB00515", "approved_for", 40, 50, False, False)]
    cisplatin = Mention("d", 0, 9, "cisplatin", "DRUG", "DB00515")
    renamed = Mention("d", 0, 3, "DDP", "DRUG", "MESH:D002945")  # another id, a listed name: the same agent
    other = Mention("d", 0, 9, "melphalan", "DRUG", "DB01042")
    inside, beyond, clinical = (Mention("d", 12, 17, "STAT3", "TARGET", "STAT3"),
                                Mention("d", 31, 36, "HER2", "TARGET", "ERBB2"),
                                Mention("d", 41, 49, "myeloma", "DISEASE", "MESH:D009101"))
    assert statement_label(statements, "d", cisplatin, inside) == "decreases"
    assert statement_label(statements, "d", renamed, inside) == "decreases"
    assert statement_label(statements, "d", other, inside) == NONE
    assert statement_label(statements, "d", cisplatin, beyond) == NONE
    assert statement_label(statements, "d", cisplatin, clinical) is None  # an effect the reader never gives
    assert statement_label(statements, "e", cisplatin, inside) == NONE


def test_part_examples_label_the_runs_candidates_in_scope(tmp_path):
    from pipeline.evaluation.indomain import part_examples

    text = "Cisplatin inhibited STAT3 and HER2. Bortezomib caused nephrotoxicity."
    part = _part(tmp_path, "p1", {"pmid:1": text}, [("pmid:1", "DB00515", "decreases", "STAT3"),
                                                    ("pmid:1", "DB00188", "increases", "nephrotoxicity")])
    examples = part_examples(part)
    assert sorted(e.label for e in examples) == ["decreases", "increases", NONE]  # HER2: annotated as no statement
    assert {e.pmid for e in examples} == {"pmid:1"}


def test_leave_one_part_out_trains_without_the_part_it_scores(tmp_path):
    from pipeline.evaluation.indomain import Settings, leave_one_part_out, part_examples

    # what the model learns: "bound" between a drug and a target is a binding; each part is read by the
    # rules (no rule reads "bound"), and the pair reader's model is trained on the other part only
    # (each part says it twice: a feature seen once is no feature of the model)
    one = _part(tmp_path, "p1", {"pmid:1": "Patients given cisplatin bound STAT3 in multiple myeloma. "
                                           "Patients given cisplatin bound gp130 in multiple myeloma."},
                [("pmid:1", "DB00515", "binds", "STAT3"), ("pmid:1", "DB00515", "binds", "gp130")])
    two = _part(tmp_path, "p2", {"pmid:2": "Patients given melphalan bound HER2 in multiple myeloma. "
                                           "Patients given melphalan bound IL-6R in multiple myeloma."},
                [("pmid:2", "DB01042", "binds", "HER2"), ("pmid:2", "DB01042", "binds", "IL-6R")])
    settings = Settings(paths=None, context=False, corpora=False, stated_only=False, threshold=0.0, target_margin=0.0)
    examples = {p.name: part_examples(p) for p in (one, two)}
    assert [e.label for e in examples["p1"]] == ["binds", NONE, "binds", NONE]  # the disease: no statement
    result = leave_one_part_out([one, two], [], settings, tmp_path / "lopo", examples)
    assert result["total"] == {"tp": 4, "fp": 0, "fn": 0} and result["recall"] == 1.0
    # a part that says "bound" states nothing: the first part's fold learns that from it alone
    # (had it trained on the first part's own labels, it would find the bindings)
    silent = _part(tmp_path, "p3", {"pmid:3": "Patients given melphalan bound HER2 in multiple myeloma. "
                                              "Patients given melphalan bound IL-6R in multiple myeloma. "
                                              "Bortezomib lowered gp130."},
                   [("pmid:3", "DB00188", "decreases", "gp130")])
    examples["p3"] = part_examples(silent)
    result = leave_one_part_out([one, silent], [], settings, tmp_path / "contrary", examples)
    assert result["parts"]["p1"] == {"tp": 0, "fp": 0, "fn": 2}


def test_a_model_in_use_replaces_the_shipped_one_and_its_card_may_read_unstated_objects(extract):
    always = PairModel(["none", "decreases"], [0.0, 2.0], {}, card={"target_margin": 0.0})
    text = "Cisplatin inhibited STAT3 phosphorylation; HER2 was low."
    with model_in_use(always):
        per_agent = {(r.object_text, r.construction) for r in extract(text)}
    pair_card = {"coverage": "pair", "target_margin": 0.0}
    with model_in_use(PairModel(["none", "decreases"], [0.0, 2.0], {}, card=pair_card)):
        per_pair = {(r.object_text, r.construction) for r in extract(text)}
    assert per_agent == {("STAT3 phosphorylation", "active")}  # the agent is read: the model is not asked
    assert per_pair == per_agent | {("HER2", "learned")}  # the object the rules left is read


def test_the_lopo_script_refuses_the_held_out_part(tmp_path, capsys):
    import pytest

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import lopo_pair_reader

    with pytest.raises(SystemExit) as stopped:
        lopo_pair_reader.main(["--part", f"ontopic3={tmp_path}"])
    assert stopped.value.code == 2 and "held-out" in capsys.readouterr().err
    assert lopo_pair_reader.settings_of("weight=3,coverage=pair,corpora=0") == Settings(
        weight=3.0, coverage="pair", corpora=False)


def test_a_read_agents_own_pair_needs_the_cards_read_margin(extract):
    text = "Cisplatin inhibited STAT3 phosphorylation; HER2 was low."
    card = {"coverage": "pair", "target_margin": 0.0}
    with model_in_use(PairModel(["none", "decreases"], [0.0, 2.0], {}, card={**card, "read_margin": 1.5})):
        assert ("HER2", "learned") in {(r.object_text, r.construction) for r in extract(text)}
    with model_in_use(PairModel(["none", "decreases"], [0.0, 2.0], {}, card={**card, "read_margin": 2.5})):
        assert all(r.construction != "learned" for r in extract(text))


def test_object_phrases_of_trigger_words_are_candidates_only_when_asked():
    from pipeline.relations.pairs import candidates

    from .conftest import find_mentions
    from pipeline.relations.units import Unit

    text = "Cisplatin inhibited cell proliferation and the inhibition of ROS generation, but not STAT3 phosphorylation."
    unit = Unit("d", 0, len(text), text, "RESULTS", tuple(find_mentions("d", text)))
    assert {o.text for _, o in candidates(unit)} == {"STAT3"}
    with_phrases = {(o.text, o.label) for _, o in candidates(unit, phrases=True)}
    # "STAT3 phosphorylation" holds an entity: the entity is the candidate, not the phrase
    assert with_phrases == {("STAT3", "TARGET"), ("cell proliferation", "PHRASE"), ("ROS generation", "PHRASE")}
