"""`--refresh`: the result store gives the files of a full run, recomputing exactly what changed.

Each test compares the NER and relations files of a refresh with those of a full run
(no store) over the same documents, byte for byte, and checks from the stages' counts
which documents were computed and which reused.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import signal

import pytest

from pipeline.context import RunContext
from pipeline.ingest.corpus import segment_document
from pipeline.io import write_jsonl
from pipeline.records import Document
from pipeline.store import ResultStore, StoreError, fingerprint, prune_store, result_key
from shared_fixtures import run_stage, stage_file
from pipeline.stages import STAGE_FILES

SENTENCES = (
    "Tocilizumab inhibited IL-6-induced STAT3 phosphorylation in MCF-7 cells.",
    "Siltuximab reduced tumour growth of MDA-MB-231 xenografts in mice.",
    "Bazedoxifene blocked gp130 signalling and suppressed proliferation of breast cancer cells.",
    "We found no association with survival.",
)
OUTPUTS = ("mentions", "relations", "relations_errors")


def _document(n: int, extra: str = "") -> Document:
    text = f"IL-6 blockade study {n}. {SENTENCES[n % 4]} {SENTENCES[(n + 1) % 4]}{extra}"
    return segment_document(Document(doc_id=f"pmid:{100 + n}", source="pubmed", title=f"Study {n}", text=text,
                                     pmid=str(100 + n)))


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return [_document(n) for n in range(30)]


def _run(folder, documents, *, refresh: bool = True, **options) -> dict[str, dict[str, int]]:
    """NER then relations on ``documents`` in ``folder``; the counts of each stage."""
    folder.mkdir(exist_ok=True)
    write_jsonl(documents, stage_file(folder, "documents"))
    write_jsonl([], stage_file(folder, "table1"))
    context = RunContext(out_dir=folder, refresh=refresh, chunk_size=4, **options)
    return {name: run_stage(name, context) for name in ("ner", "relations")}


def _outputs(folder) -> dict[str, bytes]:
    return {key: stage_file(folder, key).read_bytes() for key in OUTPUTS}


@pytest.fixture(scope="module")
def full_run(corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("full")
    counts = _run(folder, corpus, refresh=False)
    assert "reused" not in counts["ner"] and not stage_file(folder, "result_store").exists()
    assert counts["relations"]["relations"] > 0
    return _outputs(folder)


def _reuse(counts: dict[str, dict[str, int]]) -> dict[str, tuple[int, int]]:
    return {stage: (c["reused"], c["computed"]) for stage, c in counts.items()}


def test_a_refresh_adding_documents_computes_only_those_and_equals_a_full_run(corpus, full_run, tmp_path):
    first = _run(tmp_path, corpus[:24])
    assert _reuse(first) == {"ner": (0, 24), "relations": (0, 24)}
    second = _run(tmp_path, corpus, workers=2)
    assert _reuse(second) == {"ner": (24, 6), "relations": (24, 6)}
    assert _outputs(tmp_path) == full_run
    assert second["ner"]["mentions"] == sum(1 for _ in stage_file(tmp_path, "mentions").open())
    third = _run(tmp_path, corpus)  # nothing new: nothing computed, no NER pipeline needed
    assert _reuse(third) == {"ner": (30, 0), "relations": (30, 0)}
    assert _outputs(tmp_path) == full_run
    plain = _run(tmp_path / "plain", corpus, refresh=False)
    for counts in (second, third):  # the stages' counts too, whether documents came one by one or in batches
        assert {stage: {k: v for k, v in c.items() if k not in ("reused", "computed")}
                for stage, c in counts.items()} == plain


def test_a_changed_document_is_recomputed_alone(corpus, tmp_path):
    _run(tmp_path, corpus)
    changed = list(corpus)
    changed[7] = _document(7, " Tocilizumab reduced IL-6 levels.")
    counts = _run(tmp_path, changed)
    assert _reuse(counts) == {"ner": (29, 1), "relations": (29, 1)}
    expected = _run(tmp_path / "full", changed, refresh=False)
    assert _outputs(tmp_path) == _outputs(tmp_path / "full")
    assert counts["relations"]["relations"] == expected["relations"]["relations"]


def test_a_changed_lexicon_recomputes_ner_and_only_the_relations_whose_mentions_changed(
        corpus, full_run, tmp_path, monkeypatch):
    import pipeline.ner.lexicon as ner_lexicon

    lexicons = tmp_path / "lexicon-cache"
    lexicons.mkdir()
    monkeypatch.setattr(ner_lexicon, "DEFAULT_CACHE_DIR", lexicons)  # what the NER fingerprint reads
    run = tmp_path / "run"
    _run(run, corpus)
    (lexicons / "drugs.tsv").write_text("term\tid\n", encoding="utf-8")
    counts = _run(run, corpus)
    # a lexicon no document's mentions depend on: every NER result recomputed, the same mentions, so
    # every relations result reused
    assert _reuse(counts) == {"ner": (0, 30), "relations": (30, 0)}
    assert _outputs(run) == full_run
    (lexicons / "matchers-0123.pickle").write_bytes(b"derived from the tables")  # a cache of a cache: ignored
    assert _reuse(_run(run, corpus)) == {"ner": (30, 0), "relations": (30, 0)}


def test_a_changed_relations_table_recomputes_relations_and_reuses_ner(corpus, full_run, tmp_path, monkeypatch):
    import pipeline.relations.stage as relations_stage

    data = tmp_path / "data"
    shutil.copytree(relations_stage.DATA_DIR, data)
    monkeypatch.setattr(relations_stage, "DATA_DIR", data)  # what the relations fingerprint reads
    run = tmp_path / "run"
    _run(run, corpus)
    assert _reuse(_run(run, corpus)) == {"ner": (30, 0), "relations": (30, 0)}  # a copy: the same bytes
    with (data / "relations" / "hedge_cues.tsv").open("a", encoding="utf-8") as handle:
        handle.write("# an edit\n")
    assert _reuse(_run(run, corpus)) == {"ner": (30, 0), "relations": (0, 30)}
    (data / "lexicon" / "agents.tsv").write_text("changed\n", encoding="utf-8")  # NER's table, not relations'
    assert _reuse(_run(run, corpus))["relations"] == (30, 0)
    assert _outputs(run) == full_run


def test_grade_tables_and_a_project_agents_table_change_the_fingerprints_of_the_stages_they_shape(
        tmp_path, monkeypatch):
    # issue 19: relations carry evidence grades (data/evidence), and a project file may name its own
    # agents table for NER; the relations stage uses no parser, but its model is counted as well
    import pipeline.ner.stage as ner_stage
    import pipeline.relations.stage as relations_stage

    data = tmp_path / "data"
    shutil.copytree(relations_stage.DATA_DIR, data)
    monkeypatch.setattr(relations_stage, "DATA_DIR", data)
    monkeypatch.setattr(ner_stage, "DATA_DIR", data)
    table = tmp_path / "agents.tsv"
    table.write_text("term\tid\n", encoding="utf-8")
    before = (ner_stage.result_fingerprint("fast"), ner_stage.result_fingerprint("fast", str(table)),
              relations_stage.result_fingerprint("project"))
    assert before[0] != before[1]
    with (data / "evidence" / "grade_rules.tsv").open("a", encoding="utf-8") as handle:
        handle.write("# an edit\n")
    graded = (ner_stage.result_fingerprint("fast"), ner_stage.result_fingerprint("fast", str(table)),
              relations_stage.result_fingerprint("project"))
    assert graded[:2] == before[:2] and graded[2] != before[2]
    table.write_text("term\tid\nnewmab\tagent:newmab\n", encoding="utf-8")
    assert ner_stage.result_fingerprint("fast", str(table)) != graded[1]
    assert ner_stage.result_fingerprint("fast") == graded[0]
    model = next((data / "models").rglob("*.*"))
    model.write_bytes(model.read_bytes() + b"\0")
    assert relations_stage.result_fingerprint("project") != graded[2]
    assert ner_stage.result_fingerprint("fast") == graded[0]


def test_the_fingerprint_follows_contents_not_times(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "a.tsv").write_text("x\n", encoding="utf-8")
    first = fingerprint([folder])
    os.utime(folder / "a.tsv", (1, 1))
    assert fingerprint([folder]) == first
    (folder / "a.tsv").write_text("y\n", encoding="utf-8")
    edited = fingerprint([folder])
    assert edited != first
    (folder / "b.tsv").write_text("", encoding="utf-8")
    assert fingerprint([folder]) != edited
    assert fingerprint([folder], exclude=[folder / "b.tsv"]) == edited
    assert fingerprint([folder], skip_names=["b.*"]) == edited
    assert fingerprint([folder], settings=["profile=fast"]) != fingerprint([folder], settings=["profile=accurate"])
    assert result_key(first, "ab", "c") != result_key(first, "a", "bc")


def _killed_writer(path) -> None:
    store = ResultStore(path, "ner")
    store.put_many([(b"kept", b"committed")])
    store.commit()
    store.put_many([(b"lost", b"never committed")])
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_writer_killed_mid_transaction_leaves_its_committed_results(tmp_path):
    path = tmp_path / STAGE_FILES["result_store"]
    process = multiprocessing.get_context("fork").Process(target=_killed_writer, args=(path,))
    process.start()
    process.join()
    assert process.exitcode == -signal.SIGKILL
    with ResultStore(path, "ner") as store:
        assert store.get_many([b"kept", b"lost"]) == [b"committed", None]


def test_prune_drops_what_the_latest_refresh_did_not_use(corpus, full_run, tmp_path):
    _run(tmp_path, corpus)
    _run(tmp_path, corpus[:20])
    pruned = prune_store(stage_file(tmp_path, "result_store"))
    # the 10 dropped documents' results per stage (and the batches that held them) go, the rest stay
    assert pruned["removed"] >= 20 and pruned["kept"] >= 40
    assert prune_store(stage_file(tmp_path, "result_store")) == {"kept": pruned["kept"], "removed": 0}
    assert _reuse(_run(tmp_path, corpus)) == {"ner": (20, 10), "relations": (20, 10)}
    assert _outputs(tmp_path) == full_run
    with pytest.raises(ValueError, match="keep_runs must be >= 1, got 0"):
        prune_store(stage_file(tmp_path, "result_store"), keep_runs=0)


def test_a_damaged_store_is_named(corpus, tmp_path):
    tmp_path.mkdir(exist_ok=True)
    stage_file(tmp_path, "result_store").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="result_store.sqlite: not a readable result store"):
        _run(tmp_path, corpus)


def test_a_refresh_on_dask_equals_a_full_run(corpus, full_run, tmp_path):
    _run(tmp_path, corpus[::2])
    counts = _run(tmp_path, corpus, executor="dask", workers=2)
    assert _reuse(counts) == {"ner": (15, 15), "relations": (15, 15)}
    assert _outputs(tmp_path) == full_run


def test_relations_workers_report_bad_lines_as_one_worker_does(corpus, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _run(one, corpus, refresh=False)
    lines = stage_file(one, "mentions").read_text(encoding="utf-8").splitlines()
    broken = [lines[0].replace('"start": ', '"start": 1'), "{not json", *lines[1:], lines[0]]
    for folder in (one, two):
        folder.mkdir(exist_ok=True)
        if folder is two:
            for key in ("documents", "table1"):
                shutil.copy(stage_file(one, key), stage_file(two, key))
        stage_file(folder, "mentions").write_text("\n".join(broken) + "\n", encoding="utf-8")
        context = RunContext(out_dir=folder, chunk_size=3)
        run_stage("relations", dataclasses.replace(context, workers=2 if folder is two else 1))
    assert _outputs(one)["relations"] == _outputs(two)["relations"]
    errors = stage_file(one, "relations_errors").read_text(encoding="utf-8")
    assert errors.replace(str(one), str(two)) == stage_file(two, "relations_errors").read_text(encoding="utf-8")
    assert "mentions.jsonl:2: not valid JSON" in errors and "is out of order" in errors
    assert "does not match the text" in errors


def test_relations_name_a_mention_line_that_is_not_utf8(corpus, tmp_path):
    _run(tmp_path, corpus[:3], refresh=False)
    path = stage_file(tmp_path, "mentions")
    lines = path.read_bytes().splitlines(keepends=True)
    bad_in_run = lines[1].replace(b'"text": "', b'"text": "\xff', 1)  # its document's id readable, its text not
    bad_alone = b"\xfe not a record\n"
    path.write_bytes(lines[0] + bad_in_run + bad_alone + b"".join(lines[2:]))
    counts = run_stage("relations", RunContext(out_dir=tmp_path))
    errors = [line for line in stage_file(tmp_path, "relations_errors").read_text(encoding="utf-8").splitlines()]
    assert counts["input_errors"] == 2
    assert any('"line": 2' in e and "not UTF-8 text" in e for e in errors)
    assert any('"line": 3' in e and "not UTF-8 text (byte 0 of the line)" in e for e in errors)
