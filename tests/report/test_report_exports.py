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

IDENTICAL = ("report.html", "annotated.bioc.xml", "annotated.pubtator", "documents.parquet", "mentions.parquet",
             "relations.parquet", "evidence_table.csv", "evidence_table.parquet", "reconciliation.csv",
             "metrics.json")


def _run(fx, out: Path, run_id: str) -> Path:
    fx.write_run(out)
    context = RunContext(out_dir=out, gold_dir=fx.GOLD_DIR, options=(("run_id", run_id),))
    run_stage("reconcile", context)
    run_stage("report", context)
    return out


def test_bioc_export_parses_and_offsets_give_the_mention_text(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    with (out / "annotated.bioc.xml").open(encoding="utf-8") as handle:
        collection = bioc.biocxml.load(handle)
    assert [d.id for d in collection.documents] == ["review", "pmid:1"]
    review = collection.documents[0]
    assert len(review.relations) == 5
    types = {a.infons["type"] for a in review.passages[0].annotations}
    assert {"DRUG", "TARGET", "CELL_LINE", "EffectObject"} <= types
    for document in read_bioc(out / "annotated.bioc.xml"):  # the project's reader checks every offset
        for mention in document.mentions:
            assert document.document.text[mention.start:mention.end] == mention.text
    node_ids = {a.id for a in review.passages[0].annotations}
    assert all(node.refid in node_ids for rel in review.relations for node in rel.nodes)


def test_pubtator_export_reads_back_with_the_same_mentions(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    documents = read_pubtator(out / "annotated.pubtator")
    assert [d.doc_id for d in documents] == ["review", "1"]
    expected = fx.mentions(fx.documents())
    assert sum(len(d.mentions) for d in documents) == len(expected)
    assert {m.text for d in documents for m in d.mentions} == {m.text for m in expected}


def test_parquet_and_sqlite_load_with_pandas(fx, tmp_path: Path) -> None:
    out = _run(fx, tmp_path, "r1")
    relations = pd.read_parquet(out / "relations.parquet")
    assert len(relations) == 7 and "relation_id" in relations.columns
    assert len(pd.read_parquet(out / "mentions.parquet")) == len(fx.mentions(fx.documents()))
    with sqlite3.connect(out / "evidence.sqlite") as connection:
        assert pd.read_sql("SELECT count(*) AS n FROM evidence", connection)["n"][0] == 7


def test_same_inputs_give_identical_files_except_the_history_store(fx, tmp_path: Path) -> None:
    first = _run(fx, tmp_path / "a", "20990101T000000Z-aaaaaaaa")
    second = _run(fx, tmp_path / "b", "20990102T000000Z-bbbbbbbb")
    for name in IDENTICAL:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
