"""The dev-set scorer: overlap matching, scope, flag agreement and text-drift warnings."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.errors import InputError
from pipeline.io import write_jsonl
from pipeline.relations.extract import extract_relations
from pipeline.evaluation.relations_devset import evaluate_dev, format_dev_report
from pipeline.stages import STAGE_FILES

TEXT = "Siltuximab inhibited STAT3 phosphorylation. Sirukumab may bind IL-6. Tocilizumab blocks IL-6R."


def _write(folder, statements, scope_end=len(TEXT), sha=None, text=TEXT):
    sha = sha or hashlib.sha1(text.encode()).hexdigest()
    (folder / "statements.tsv").write_text(
        "doc_id\tagent_id\teffect\tobject_start\tobject_end\tnegated\thedged\tobject_text\n"
        + "".join("\t".join(map(str, s)) + "\t-\n" for s in statements), encoding="utf-8")
    (folder / "scope.tsv").write_text(f"doc_id\tstart\tend\ttext_sha1\nreview\t0\t{scope_end}\t{sha}\n",
                                      encoding="utf-8")


def _run_and_dev(tmp_path, document, relations):
    """A run folder holding ``relations`` and ``document``, and an empty dev folder."""
    run = tmp_path / "run"
    write_jsonl(relations, run / STAGE_FILES["relations"])
    write_jsonl([document], run / STAGE_FILES["documents"])
    dev = tmp_path / "dev"
    dev.mkdir()
    return run, dev


def test_dev_scores(tmp_path, document_for, mentions_for):
    document = document_for(TEXT, "review")
    run, dev = _run_and_dev(tmp_path, document, extract_relations([document], mentions_for("review", TEXT)))
    stat3 = TEXT.index("STAT3")
    il6 = TEXT.index("IL-6.")
    _write(dev, [("review", "agent:siltuximab", "decreases", stat3, stat3 + 5, 0, 0),
                 ("review", "agent:sirukumab", "binds", il6, il6 + 4, 0, 0),
                 ("review", "agent:sirukumab", "decreases", il6, il6 + 4, 0, 0)],
           scope_end=TEXT.index("Tocilizumab"))
    result = evaluate_dev(run / STAGE_FILES["relations"], dev)
    overall = result.scores["all"]
    assert (overall.tp, overall.fp, overall.fn) == (2, 0, 1)  # tocilizumab's sentence is out of scope
    assert result.hedge_agreement == (1, 2) and result.negation_agreement == (2, 2)
    assert (result.strict.tp, result.strict.fp, result.strict.fn) == (1, 1, 2)
    assert not result.warnings
    assert "missed: review agent:sirukumab decreases" in format_dev_report(result, details=True)


def test_dev_warns_on_changed_text_and_names_bad_rows(tmp_path, document_for):
    run = tmp_path / "run"
    write_jsonl([], run / STAGE_FILES["relations"])
    write_jsonl([document_for(TEXT, "review")], run / STAGE_FILES["documents"])
    dev = tmp_path / "dev"
    dev.mkdir()
    _write(dev, [], sha="0" * 40)
    assert evaluate_dev(run / STAGE_FILES["relations"], dev).warnings == (
        "review: text changed since annotation; offsets may be off",)
    (dev / "statements.tsv").write_text("doc_id\tagent_id\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"statements.tsv:1: missing column\(s\) \['effect'"):
        evaluate_dev(run / STAGE_FILES["relations"], dev)


def test_axis_only_scores_only_the_review_agents_relations(tmp_path, document_for, mentions_for):
    text = "Siltuximab inhibited STAT3 phosphorylation. Bortezomib inhibited STAT3 phosphorylation."
    document = document_for(text, "review")
    relations = extract_relations([document], mentions_for("review", text))
    assert {r.axis_agent for r in relations} == {True, False}
    run, dev = _run_and_dev(tmp_path, document, relations)
    stat3 = text.index("STAT3")
    _write(dev, [("review", "agent:siltuximab", "decreases", stat3, stat3 + 5, 0, 0)], len(text), text=text)
    every = evaluate_dev(run / STAGE_FILES["relations"], dev)
    axis = evaluate_dev(run / STAGE_FILES["relations"], dev, axis_only=True)
    assert [r.agent_text for r in every.spurious] == ["Bortezomib"] and list(axis.spurious) == []
    assert every.scores["all"].tp == axis.scores["all"].tp == 1 and axis.scores["all"].precision == 1.0


def test_dev_counts_the_statements_whose_agent_the_ner_found(tmp_path, document_for, mentions_for):
    document = document_for(TEXT, "review")
    mentions = mentions_for("review", TEXT)
    run, dev = _run_and_dev(tmp_path, document, extract_relations([document], mentions))
    stat3 = TEXT.index("STAT3")
    _write(dev, [("review", "agent:siltuximab", "decreases", stat3, stat3 + 5, 0, 0),
                 ("review", "agent:olokizumab", "decreases", stat3, stat3 + 5, 0, 0)])
    assert evaluate_dev(run / STAGE_FILES["relations"], dev).agents_found == (0, 0)  # no mentions file
    write_jsonl(mentions, run / STAGE_FILES["mentions"])
    result = evaluate_dev(run / STAGE_FILES["relations"], dev)
    assert result.agents_found == (1, 2)  # olokizumab is not in the text
    assert "found as a DRUG mention: 1/2 = 0.500" in format_dev_report(result)
