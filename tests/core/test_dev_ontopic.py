"""The on-topic relation dev part loads, lies inside its scope and never annotates a reserved abstract."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from pipeline.evaluation.relations_devset import load_scope, load_statements
from pipeline.stages import stage_path

PROJECT = Path(__file__).resolve().parents[2]
ONTOPIC = PROJECT / "annotations" / "relations_dev" / "ontopic"
ONTOPIC2 = PROJECT / "annotations" / "relations_dev" / "ontopic2"
ONTOPIC3 = PROJECT / "annotations" / "relations_dev" / "ontopic3"
ONTOPIC4 = PROJECT / "annotations" / "relations_dev" / "ontopic4"
ONTOPIC5 = PROJECT / "annotations" / "relations_dev" / "ontopic5"
ONTOPIC6 = PROJECT / "annotations" / "relations_dev" / "ontopic6"
ONTOPIC7 = PROJECT / "annotations" / "relations_dev" / "ontopic7"
EFFECTS = {"increases", "decreases", "binds", "approved_for", "in_trial_for", "studied_in", "discontinued_for",
           "no_effect"}


def _script(name: str):  # noqa: ANN202 - a module
    sys.path.insert(0, str(PROJECT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location(name, PROJECT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(PROJECT / "scripts"))


def _loads_in_scope(part: Path) -> tuple[dict[str, tuple[int, int]], int]:
    """The part's scope by document and its statement count, after checking each statement's effect, names and object span."""
    statements = load_statements(part)
    scope = {doc_id: (start, end) for doc_id, start, end, _ in load_scope(part)}
    for s in statements:
        assert s.effect in EFFECTS and s.agent_names, s
        start, end = scope[s.doc_id]
        assert start <= s.object_start < s.object_end <= end, s
    return scope, len(statements)


def test_ontopic_part_loads_and_lies_in_scope():
    scope, statements = _loads_in_scope(ONTOPIC)
    assert statements >= 100 and len(scope) == 15


def test_second_ontopic_part_loads_lies_in_scope_and_shares_no_abstract_with_the_first():
    scope, statements = _loads_in_scope(ONTOPIC2)
    assert statements >= 150 and len(scope) == 12
    first = _script("ontopic_dev_pubtator").earlier_part_pmids(PROJECT, 2)  # what --part 2 excludes
    assert first == {doc_id.removeprefix("pmid:") for doc_id, *_ in load_scope(ONTOPIC)} and len(first) == 15
    assert not {d.removeprefix("pmid:") for d in scope} & first


def _selected(shared_file, tmp_path, monkeypatch, part: int, count: int) -> list[str]:
    """The PMIDs ``ontopic_dev_pubtator.py --part <part> --count <count>`` writes, in order."""
    shared_file("data/benchmarks/ChemProt")
    out = tmp_path / f"part{part}.pubtator"
    monkeypatch.setattr(sys, "argv", ["ontopic_dev_pubtator.py", "--part", str(part), "--count", str(count),
                                      "--out", str(out), "--shared", str(shared_file("data/pubmed").parent.parent)])
    assert _script("ontopic_dev_pubtator").main() == 0
    return [line.split("|", 1)[0] for line in out.read_text(encoding="utf-8").splitlines() if "|t|" in line]


def test_third_part_selection_excludes_both_earlier_parts_and_the_reserved_abstracts(shared_file, tmp_path,
                                                                                      monkeypatch):
    earlier = _script("ontopic_dev_pubtator").earlier_part_pmids(PROJECT, 3)
    parts = {doc_id.removeprefix("pmid:") for part in (ONTOPIC, ONTOPIC2) for doc_id, *_ in load_scope(part)}
    assert earlier == parts and len(earlier) == 27
    third = _selected(shared_file, tmp_path, monkeypatch, 3, 12)
    reserved = _script("chemprot_ontopic_pubtator").reserved_pmids(shared_file("data/pubmed").parent.parent)
    assert len(set(third)) == 12 and not set(third) & (earlier | reserved)
    # the same ranking as --part 2: its top 12 are the second part, the third part follows them
    second = _selected(shared_file, tmp_path, monkeypatch, 2, 24)
    assert set(second[:12]) == {d.removeprefix("pmid:") for d, *_ in load_scope(ONTOPIC2)}
    assert second[12:] == third
    # the third part annotates exactly what the script selects, nothing cherry-picked
    scope, statements = _loads_in_scope(ONTOPIC3)
    assert {d.removeprefix("pmid:") for d in scope} == set(third) and statements >= 200


@pytest.mark.parametrize(("part", "count", "earlier_parts", "previous", "min_statements"), [
    (4, 10, (ONTOPIC, ONTOPIC2, ONTOPIC3), (3, 12), 100),
    (5, 10, (ONTOPIC, ONTOPIC2, ONTOPIC3, ONTOPIC4), (4, 10), 150),
    (6, 10, (ONTOPIC, ONTOPIC2, ONTOPIC3, ONTOPIC4, ONTOPIC5), (5, 10), 50),
])
def test_later_part_selection_follows_the_previous_and_is_annotated_as_selected(
        part, count, earlier_parts, previous, min_statements, shared_file, tmp_path, monkeypatch):
    earlier = _script("ontopic_dev_pubtator").earlier_part_pmids(PROJECT, part)
    parts = {doc_id.removeprefix("pmid:") for folder in earlier_parts for doc_id, *_ in load_scope(folder)}
    assert earlier == parts and len(earlier) == {4: 39, 5: 49, 6: 59}[part]
    selected = _selected(shared_file, tmp_path, monkeypatch, part, count)
    reserved = _script("chemprot_ontopic_pubtator").reserved_pmids(shared_file("data/pubmed").parent.parent)
    assert len(set(selected)) == count and not set(selected) & (earlier | reserved)
    # the same ranking as the previous part: this part follows the previous part's own abstracts
    previous_part, previous_count = previous
    assert _selected(shared_file, tmp_path, monkeypatch, previous_part, previous_count + count)[previous_count:] == selected
    scope, statements = _loads_in_scope({4: ONTOPIC4, 5: ONTOPIC5, 6: ONTOPIC6}[part])
    assert {d.removeprefix("pmid:") for d in scope} == set(selected) and statements >= min_statements


def test_seventh_part_takes_the_rest_of_the_sixth_parts_pool_and_is_annotated_as_selected(shared_file, tmp_path,
                                                                                          monkeypatch):
    earlier = _script("ontopic_dev_pubtator").earlier_part_pmids(PROJECT, 7)
    folders = (ONTOPIC, ONTOPIC2, ONTOPIC3, ONTOPIC4, ONTOPIC5, ONTOPIC6)
    assert earlier == {doc_id.removeprefix("pmid:") for folder in folders for doc_id, *_ in load_scope(folder)}
    assert len(earlier) == 69
    # 12 asked for, only 6 candidates left: all of them are written, in --part 6's order after its own 10
    selected = _selected(shared_file, tmp_path, monkeypatch, 7, 12)
    reserved = _script("chemprot_ontopic_pubtator").reserved_pmids(shared_file("data/pubmed").parent.parent)
    assert len(set(selected)) == 6 and not set(selected) & (earlier | reserved)
    assert _selected(shared_file, tmp_path, monkeypatch, 6, 22)[10:] == selected
    scope, statements = _loads_in_scope(ONTOPIC7)
    assert {d.removeprefix("pmid:") for d in scope} == set(selected) and statements >= 20


@pytest.mark.parametrize("part", [ONTOPIC, ONTOPIC2, ONTOPIC3, ONTOPIC4, ONTOPIC5, ONTOPIC6, ONTOPIC7],
                         ids=["ontopic", "ontopic2", "ontopic3", "ontopic4", "ontopic5", "ontopic6", "ontopic7"])
def test_no_ontopic_statement_comes_from_a_reserved_pubmed_abstract(shared_file, part):
    shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    reserved = _script("chemprot_ontopic_pubtator").reserved_pmids(shared_file("data/pubmed").parent.parent)
    assert reserved is not None and len(reserved) > 140
    documents = {doc_id for doc_id, *_ in load_scope(part)}
    assert not {d.removeprefix("pmid:") for d in documents} & reserved


def test_reserved_pmids_reads_the_snapshot_and_the_jsonl_files(tmp_path):
    pubmed = tmp_path / "data" / "pubmed"
    (pubmed / "snapshot").mkdir(parents=True)
    (pubmed / "snapshot" / "pubmed_snapshot.xml").write_text('<PMID Version="1">111</PMID>', encoding="utf-8")
    (pubmed / "abstracts.jsonl").write_text('{"pmid": "222", "title": "x"}\n{"pmid": null}\n', encoding="utf-8")
    (pubmed / "index.jsonl").write_text('{"pmid": 333}\n', encoding="utf-8")
    assert _script("chemprot_ontopic_pubtator").reserved_pmids(tmp_path) == {"111", "222", "333"}
    assert _script("chemprot_ontopic_pubtator").reserved_pmids(tmp_path / "none") is None


def test_devset_offsets_locates_an_object_inside_its_unique_anchor():
    locate = _script("devset_offsets").locate
    text = "X inhibits A. Y inhibits A and B."
    assert locate(text, "Y inhibits A", "A") == (25, 26)
    assert locate(text, "", "B") == (31, 32)
    with pytest.raises(ValueError):
        locate(text, "", "A")  # two occurrences: an anchor is needed
    with pytest.raises(ValueError):
        locate(text, "Y inhibits", "B")  # the object is not inside the anchor


def test_a_statement_is_found_by_effect_agent_words_and_half_the_object_words(tmp_path, capsys):
    written, run = tmp_path / "set", tmp_path / "run"
    written.mkdir()
    run.mkdir()
    (written / "gold.tsv").write_text(
        "pmid\tagent\teffect\tobject\tsentence_no\tnegated\thedged\n"
        "1\tStattic\tdecreases\tSTAT3 phosphorylation\t1\t0\t0\n"
        "1\tStattic\tdecreases\tmigration\t1\t0\t0\n"
        "1\tIL-6\tincreases\tSTAT3\t2\t0\t0\n", encoding="utf-8")
    relations = [  # a match (object words shared), a wrong effect, and another PMID's relation (not counted)
        {"doc_id": "pmid:1", "agent_text": "stattic", "effect": "decreases", "object_text": "Tyr705 STAT3 phosphorylation",
         "construction": "active"},
        {"doc_id": "pmid:1", "agent_text": "Stattic", "effect": "increases", "object_text": "migration",
         "construction": "active"},
        {"doc_id": "pmid:2", "agent_text": "Stattic", "effect": "decreases", "object_text": "migration",
         "construction": "active"},
        # an anaphor's relation: its agent id's mention text names the gold agent
        {"doc_id": "pmid:1", "agent_text": "Both cytokines", "agent_id": "IL6", "effect": "increases",
         "object_text": "STAT3", "construction": "active"}]
    stage_path(run, "relations").write_text("".join(json.dumps(r) + "\n" for r in relations), encoding="utf-8")
    mentions = [{"doc_id": "pmid:1", "norm_id": "IL6", "text": "IL-6"}, {"doc_id": "pmid:1", "norm_id": None, "text": "x"}]
    stage_path(run, "mentions").write_text("".join(json.dumps(m) + "\n" for m in mentions), encoding="utf-8")
    assert _script("score_written").main([str(written), str(run), "--details"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("P 0.667  R 0.667  right 2  spurious 1  missed 1  (gold 3)")
    assert "missed: 1 1 Stattic decreases 'migration'" in out
