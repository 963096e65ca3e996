"""The relations stage: files in, files out, bad input reported, gold table never read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.context import RunContext
from pipeline.errors import InputError
from pipeline.io import read_jsonl, to_jsonable, write_jsonl
from pipeline.records import Document, Mention, Relation
from pipeline.errors import UsageError
from pipeline.relations import lexicon
from shared_fixtures import run_stage
from pipeline.stages import STAGE_FILES

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline" / "relations"


def _write_run(folder: Path, document_for, mentions_for) -> None:
    text = ("Siltuximab inhibited STAT3 phosphorylation. Tumor growth was not inhibited by tocilizumab. "
            "Sirukumab may bind IL-6.")
    body = document_for(text, "review")
    other = document_for("Raloxifene inhibited gp130 signaling.", "pmid:1")
    write_jsonl([body, other], folder / STAGE_FILES["documents"])
    mentions = mentions_for("review", text) + mentions_for("pmid:1", other.text)
    write_jsonl(mentions, folder / STAGE_FILES["mentions"])
    write_jsonl([], folder / STAGE_FILES["table1"])


def _rewrite_lines(path: Path, edit) -> list[str]:
    """Replace the lines of ``path`` by ``edit(lines)``; return the new lines."""
    lines = edit(path.read_text(encoding="utf-8").splitlines())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def test_stage_writes_sorted_relations(tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    relations = read_jsonl(tmp_path / STAGE_FILES["relations"], Relation)
    assert counts["relations"] == len(relations) == 4
    assert counts["negated"] == 1 and counts["hedged"] == 1 and counts["input_errors"] == 0
    # documents.jsonl order (review, then pmid:1); within a document, by sentence and object
    order = {"review": 0, "pmid:1": 1}
    keys = [(order[r.doc_id], r.sentence_start, r.object_start) for r in relations]
    assert keys == sorted(keys) and {k[0] for k in keys} == {0, 1}
    run_stage("relations", RunContext(out_dir=tmp_path))
    assert read_jsonl(tmp_path / STAGE_FILES["relations"], Relation) == relations


def test_bad_lines_are_reported_and_the_rest_processed(tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    mentions_path = tmp_path / STAGE_FILES["mentions"]

    def break_two(lines: list[str]) -> list[str]:
        broken = json.loads(lines[0])
        broken["text"] = "Xiltuximab"
        return [json.dumps(broken), "{not json"] + lines[1:]

    _rewrite_lines(mentions_path, break_two)
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    errors = [json.loads(x) for x in (tmp_path / STAGE_FILES["relations_errors"]).read_text().splitlines()]
    messages = " | ".join(e["message"] for e in errors)
    assert counts["input_errors"] == 2
    assert "mentions.jsonl:2: not valid JSON" in messages
    assert "review: mention 'Xiltuximab' at 0:10 does not match the text" in messages
    assert counts["relations"] == 3  # siltuximab's statement is lost with its mention; the others remain


def test_gold_annotations_do_not_change_the_output(tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    run_stage("relations", RunContext(out_dir=tmp_path, gold_dir=Path(__file__).resolve().parents[2] / "annotations"))
    with_gold = (tmp_path / STAGE_FILES["relations"]).read_bytes()
    run_stage("relations", RunContext(out_dir=tmp_path, gold_dir=tmp_path / "no-such-annotations"))
    assert (tmp_path / STAGE_FILES["relations"]).read_bytes() == with_gold


def test_extraction_modules_never_mention_the_gold_folder():
    evaluation_only = {"devset.py", "commands.py"}
    for module in PACKAGE.glob("*.py"):
        if module.name not in evaluation_only:
            source = module.read_text(encoding="utf-8")
            assert not re.search(r"annotations/|gold_dir|DEFAULT_GOLD_DIR|pipeline\.gold", source), module.name


def test_cue_tables_load_and_a_bad_table_names_its_line(tmp_path):
    assert lexicon.find_trigger("inhibited").review_effect == "decreases"
    assert lexicon.find_trigger("down-regulation").review_effect == "decreases"
    assert lexicon.find_trigger("phosphorylation") is None
    assert {c.value for c in lexicon.negation_cues()} == {"before", "after", "clause", "self", "none"}
    bad = tmp_path / "t.tsv"
    bad.write_text("cue\tnumber\nit\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t.tsv:2: expected 2 fields, got 1"):
        lexicon._read_table("t.tsv", ("cue", "number"), path=bad)


def test_relation_records_round_trip(tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    run_stage("relations", RunContext(out_dir=tmp_path))
    relations = read_jsonl(tmp_path / STAGE_FILES["relations"], Relation)
    assert [to_jsonable(r) for r in relations] == [json.loads(x) for x in
                                                    (tmp_path / STAGE_FILES["relations"]).read_text().splitlines()]


def test_unknown_and_out_of_order_mentions_are_named_by_file_and_line(tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    mentions_path = tmp_path / STAGE_FILES["mentions"]

    def stray_and_late(lines: list[str]) -> list[str]:
        stray = json.loads(lines[0])
        stray["doc_id"] = "pmid:404"
        late = lines[0]  # a review mention after pmid:1's: its document was already passed
        return [json.dumps(stray)] + lines + [late]

    lines = _rewrite_lines(mentions_path, stray_and_late)
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    errors = [json.loads(x) for x in (tmp_path / STAGE_FILES["relations_errors"]).read_text().splitlines()]
    assert [(e["source"], e["line"]) for e in errors] == [(str(mentions_path), 1), (str(mentions_path), len(lines))]
    assert "names an unknown document 'pmid:404'" in errors[0]["message"]
    assert "of document 'review' is out of order" in errors[1]["message"]
    assert counts["input_errors"] == 2 and counts["relations"] == 4  # everything else still processed


def test_documents_without_mentions_keep_their_place(tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    (tmp_path / STAGE_FILES["mentions"]).write_text("", encoding="utf-8")
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    assert counts == {"relations": 0, "documents": 0, "negated": 0, "hedged": 0, "input_errors": 0}


def test_mentions_of_an_unreadable_document_are_reported_and_later_documents_processed(
        tmp_path, document_for, mentions_for):
    _write_run(tmp_path, document_for, mentions_for)
    documents_path = tmp_path / STAGE_FILES["documents"]

    def break_first(lines: list[str]) -> list[str]:
        broken = json.loads(lines[0])
        broken["sentences"] = "not a list of spans"
        return [json.dumps(broken), lines[1]]

    _rewrite_lines(documents_path, break_first)
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    errors = [json.loads(x) for x in (tmp_path / STAGE_FILES["relations_errors"]).read_text().splitlines()]
    assert errors[0]["source"] == str(documents_path) and errors[0]["line"] == 1
    assert "does not fit Document" in errors[0]["message"]
    unreadable = [e for e in errors[1:] if "which could not be read" in e["message"]]
    assert unreadable and len(unreadable) == len(errors) - 1
    relations = read_jsonl(tmp_path / STAGE_FILES["relations"], Relation)
    assert counts["relations"] == len(relations) == 1 and relations[0].doc_id == "pmid:1"


def test_an_unknown_agent_scope_stops_the_stage_even_when_no_document_names_an_agent(tmp_path, document_for):
    write_jsonl([document_for("Nothing to see here.", "pmid:1")], tmp_path / STAGE_FILES["documents"])
    write_jsonl([], tmp_path / STAGE_FILES["mentions"])
    write_jsonl([], tmp_path / STAGE_FILES["table1"])
    with pytest.raises(UsageError, match="relation_agents='everything' is not one of"):
        run_stage("relations", RunContext(out_dir=tmp_path, options=(("relation_agents", "everything"),)))
    # the stage itself checks the scope too, before routing a single line (the context's check bypassed)
    unchecked = RunContext(out_dir=tmp_path)
    object.__setattr__(unchecked, "options", (("relation_agents", "everything"),))
    with pytest.raises(UsageError, match="unknown agent scope 'everything'"):
        run_stage("relations", unchecked)


def test_only_documents_that_name_an_agent_go_to_extraction(tmp_path, document_for, mentions_for, monkeypatch):
    import pipeline.relations.work as work

    _write_run(tmp_path, document_for, mentions_for)
    quiet = document_for("Nothing here binds IL-6.", "pmid:2")
    write_jsonl([*read_jsonl(tmp_path / STAGE_FILES["documents"], Document), quiet], tmp_path / STAGE_FILES["documents"])
    quiet_mentions = mentions_for("pmid:2", quiet.text)
    assert [m.text for m in quiet_mentions] == ["IL-6"]
    write_jsonl([*read_jsonl(tmp_path / STAGE_FILES["mentions"], Mention), *quiet_mentions], tmp_path / STAGE_FILES["mentions"])
    sent: list[str] = []
    real = work.extract_relations

    def recording(documents, mentions, rows, **options):
        sent.extend(document.doc_id for document in documents)
        return real(documents, mentions, rows, **options)

    monkeypatch.setattr(work, "extract_relations", recording)
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    assert sent == ["review", "pmid:1"]  # pmid:2 names IL-6 but no agent
    assert counts["relations"] == len(read_jsonl(tmp_path / STAGE_FILES["relations"], Relation)) > 0


def test_pubmed_relations_carry_their_pmid_and_every_relation_a_grade(tmp_path, document_for, mentions_for):
    import dataclasses

    from pipeline.grades import grades

    _write_run(tmp_path, document_for, mentions_for)
    documents = read_jsonl(tmp_path / STAGE_FILES["documents"], Document)
    write_jsonl([documents[0], dataclasses.replace(documents[1], pmid="1")], tmp_path / STAGE_FILES["documents"])
    run_stage("relations", RunContext(out_dir=tmp_path))
    relations = read_jsonl(tmp_path / STAGE_FILES["relations"], Relation)
    assert {r.pmid for r in relations if r.doc_id == "pmid:1"} == {"1"}
    assert {r.pmid for r in relations if r.doc_id == "review"} == {None}
    assert all(r.evidence_grade in grades() for r in relations)
    assert [r.negative_evidence for r in relations if r.negated] == [True]


def test_the_fast_profile_reads_the_project_agents_only_and_an_option_overrides_it(tmp_path, document_for,
                                                                                    mentions_for):
    text = "Bortezomib inhibited STAT3 phosphorylation. Siltuximab inhibited tumor growth."
    write_jsonl([document_for(text, "pmid:1")], tmp_path / STAGE_FILES["documents"])
    write_jsonl(mentions_for("pmid:1", text), tmp_path / STAGE_FILES["mentions"])
    write_jsonl([], tmp_path / STAGE_FILES["table1"])

    def agents(**settings) -> list[str]:
        run_stage("relations", RunContext(out_dir=tmp_path, **settings))
        return sorted(r.agent_id for r in read_jsonl(tmp_path / STAGE_FILES["relations"], Relation))

    assert RunContext().profile == "default" and RunContext().agent_scope == "all"
    assert agents() == ["DB00188", "agent:siltuximab"]  # every recognised agent
    assert agents(profile="fast") == ["agent:siltuximab"]  # the review's agents only
    assert agents(profile="fast", options=(("relation_agents", "all"),)) == agents()
    assert agents(options=(("relation_agents", "project"),)) == agents(profile="fast")
