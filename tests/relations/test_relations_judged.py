"""The judged-sample scorer: which judged relations a run keeps, precision over them, bad rows named."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.relations_judged import format_judged, score_judged
from pipeline.io import write_jsonl
from pipeline.stages import STAGE_FILES

from .conftest import find_mentions, make_document

TEXT = "Bortezomib inhibited STAT3 phosphorylation. Cisplatin reduced tumor growth."
HEADER = "doc_id\tagent_start\tobject_start\teffect\tnegated\tconstruction\tcorrect\n"


def _relations(tmp_path):
    from pipeline.relations.extract import extract_relations

    relations = extract_relations([make_document(TEXT)], find_mentions("doc", TEXT))
    write_jsonl(relations, tmp_path / STAGE_FILES["relations"])
    return relations


def test_a_run_is_scored_on_the_judged_relations_it_keeps(tmp_path):
    found = _relations(tmp_path)
    assert [(r.agent_text, r.object_text) for r in found] == [
        ("Bortezomib", "STAT3 phosphorylation"), ("Cisplatin", "tumor growth")]
    first, second = found
    rows = [(first, 1), (second, 0), (first, 1)]
    (tmp_path / "judged.tsv").write_text(HEADER + "".join(
        f"doc\t{r.agent_start}\t{r.object_start}\t{r.effect}\t0\tactive\t{ok}\n" for r, ok in rows)
        # a judged relation the run no longer extracts (another effect)
        + f"doc\t{second.agent_start}\t{second.object_start}\tincreases\t0\tactive\t0\n", encoding="utf-8")
    result = score_judged(tmp_path / STAGE_FILES["relations"], tmp_path / "judged.tsv")
    assert (result.correct, result.wrong, result.kept_correct, result.kept_wrong) == (2, 2, 2, 1)
    assert result.precision == pytest.approx(2 / 3)
    assert "precision over the kept judged relations 0.667" in format_judged(result, tmp_path / "judged.tsv")


@pytest.mark.parametrize("row, message", [
    ("doc\tx\t5\tdecreases\t0\tactive\t1\n", r"judged\.tsv:2: agent_start: expected a whole number of ASCII digits, got str 'x'"),
    ("doc\t0\t5\tdecreases\t0\tactive\tyes\n", r"judged\.tsv:2: correct must be 0 or 1, got 'yes'"),
])
def test_a_bad_judgment_row_names_file_line_and_field(tmp_path, row, message):
    _relations(tmp_path)
    (tmp_path / "judged.tsv").write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        score_judged(tmp_path / STAGE_FILES["relations"], tmp_path / "judged.tsv")
