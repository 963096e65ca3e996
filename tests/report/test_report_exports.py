"""BioC XML, PubTator, Parquet and SQLite exports load with their usual readers; reruns are byte-identical."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import bioc
import pandas as pd

from pipeline.context import RunContext
from pipeline.corpora.bioc_reader import read_bioc
from pipeline.corpora.pubtator import read_pubtator
from shared_fixtures import run_stage
from pipeline.stages import STAGE_FILES

IDENTICAL = (STAGE_FILES["report"], STAGE_FILES["bioc"], STAGE_FILES["pubtator"], STAGE_FILES["documents_parquet"], STAGE_FILES["mentions_parquet"],
             STAGE_FILES["relations_parquet"], STAGE_FILES["evidence_csv"], STAGE_FILES["evidence_parquet"], STAGE_FILES["reconciliation"],
             STAGE_FILES["metrics"])


def _run(fx, out: Path, run_id: str) -> Path:
    fx.write_run(out)
    context = RunContext(out_dir=out, gold_dir=fx.GOLD_DIR, options=(("run_id", run_id),))
    run_stage("reconcile", context)
    run_stage("report", context)
    return out


def test_bioc_export_parses_and_offsets_give_the_mention_text(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    with (out / STAGE_FILES["bioc"]).open(encoding="utf-8") as handle:
        collection = bioc.biocxml.load(handle)
    assert [d.id for d in collection.documents] == ["review", "pmid:1"]
    review = collection.documents[0]
    assert len(review.relations) == 5
    types = {a.infons["type"] for a in review.passages[0].annotations}
    assert {"DRUG", "TARGET", "CELL_LINE", "EffectObject"} <= types
    for document in read_bioc(out / STAGE_FILES["bioc"]):  # the project's reader checks every offset
        for mention in document.mentions:
            assert document.document.text[mention.start:mention.end] == mention.text
    node_ids = {a.id for a in review.passages[0].annotations}
    assert all(node.refid in node_ids for rel in review.relations for node in rel.nodes)


def test_pubtator_export_reads_back_with_the_same_mentions(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    documents = read_pubtator(out / STAGE_FILES["pubtator"])
    assert [d.doc_id for d in documents] == ["review", "1"]
    expected = fx.mentions(fx.documents())
    assert sum(len(d.mentions) for d in documents) == len(expected)
    assert {m.text for d in documents for m in d.mentions} == {m.text for m in expected}


def test_parquet_and_sqlite_load_with_pandas(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    relations = pd.read_parquet(out / STAGE_FILES["relations_parquet"])
    assert len(relations) == 7 and "relation_id" in relations.columns
    assert len(pd.read_parquet(out / STAGE_FILES["mentions_parquet"])) == len(fx.mentions(fx.documents()))
    with sqlite3.connect(out / STAGE_FILES["history"]) as connection:
        assert pd.read_sql("SELECT count(*) AS n FROM evidence", connection)["n"][0] == 7


def test_same_inputs_give_identical_files_except_the_history_store(fx, tmp_path: Path) -> None:
    first = _run(fx, tmp_path / "a", "20990101T000000Z-aaaaaaaa")
    second = _run(fx, tmp_path / "b", "20990102T000000Z-bbbbbbbb")
    for name in IDENTICAL:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_pubtator_has_relation_lines_with_grade_and_conflict(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    lines = [line.split("\t") for line in (out / STAGE_FILES["pubtator"]).read_text(encoding="utf-8").splitlines()]
    relation_lines = [f for f in lines if len(f) == 7]
    assert len(relation_lines) == 7  # one per relation
    toc = [f for f in relation_lines if f[2] == "agent:tocilizumab"]
    assert {f[1] for f in toc} == {"decreases", "increases"} and all(f[6] == "conflict=true" for f in toc)
    assert ["1", "binds", "agent:sarilumab", "IL6R", "negated=false", "evidence_grade=unspecified",
            "conflict=false"] in relation_lines
    assert all(f[5].startswith("evidence_grade=") for f in relation_lines)


def test_parquet_keeps_nested_fields_as_lists_and_structs(fx, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = _run(fx, tmp_path, "r1")
    documents = pq.read_table(out / STAGE_FILES["documents_parquet"]).schema
    assert str(documents.field("sentences").type).startswith("list<element: struct<")
    relations = pq.read_table(out / STAGE_FILES["relations_parquet"])
    assert {"pmid", "evidence_grade", "negative_evidence"} <= set(relations.column_names)
    evidence = pq.read_table(out / STAGE_FILES["evidence_parquet"]).schema
    assert str(evidence.field("relation_ids").type) == "list<element: string>"
    assert str(evidence.field("conflict").type) == "bool"


def test_sqlite_latest_views_show_only_the_newest_run(fx, tmp_path: Path) -> None:
    _run(fx, tmp_path, "20990101T000000Z-aaaaaaaa")
    _run(fx, tmp_path, "20990102T000000Z-bbbbbbbb")
    with sqlite3.connect(tmp_path / STAGE_FILES["history"]) as connection:
        assert pd.read_sql("SELECT count(*) AS n FROM evidence", connection)["n"][0] == 14
        latest = pd.read_sql("SELECT * FROM latest_evidence", connection)
        assert len(latest) == 7 and set(latest["run_id"]) == {"20990102T000000Z-bbbbbbbb"}
        assert {"evidence_grade", "conflict", "conflicts_with"} <= set(latest.columns)
        assert latest["conflict"].sum() == 2
        for view in ("latest_documents", "latest_mentions", "latest_relations"):
            assert pd.read_sql(f"SELECT DISTINCT run_id FROM {view}", connection)["run_id"].tolist() == [
                "20990102T000000Z-bbbbbbbb"]


def test_a_store_written_before_the_grade_columns_gains_them(fx, tmp_path: Path) -> None:
    store = tmp_path / STAGE_FILES["history"]
    with sqlite3.connect(store) as connection:  # the schema of earlier versions
        connection.executescript(
            "CREATE TABLE runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL UNIQUE, documents INTEGER "
            "NOT NULL, mentions INTEGER NOT NULL, relations INTEGER NOT NULL, evidence INTEGER NOT NULL);"
            "CREATE TABLE evidence (run_id TEXT NOT NULL, relation_id TEXT NOT NULL, evidence_id TEXT NOT NULL, "
            "agent_id TEXT, agent TEXT, effect TEXT, object TEXT, negated INTEGER, doc_id TEXT, pmid TEXT, "
            "sentence TEXT, gold_status TEXT, PRIMARY KEY (run_id, relation_id));"
            "INSERT INTO runs (run_id, documents, mentions, relations, evidence) VALUES ('old', 0, 0, 0, 1);"
            "INSERT INTO evidence VALUES ('old', 'rel:1', 'ev:1', 'a', 'A', 'binds', 'x', 0, 'review', '', 's', '');")
    connection.close()
    _run(fx, tmp_path, "new")
    with sqlite3.connect(store) as connection:
        rows = connection.execute("SELECT run_id, count(*), sum(conflict) FROM evidence GROUP BY run_id "
                                  "ORDER BY run_id").fetchall()
    connection.close()
    assert rows == [("new", 7, 2), ("old", 1, None)]
