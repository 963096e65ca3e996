"""The reconcile stage on the fixture run: its files, the no-gold case, byte-identical reruns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.context import RunContext
from pipeline.errors import InputError
from pipeline.reconcile.evidence import EVIDENCE_COLUMNS
from shared_fixtures import run_stage
from pipeline.stages import STAGE_FILES

OUTPUTS = (STAGE_FILES["reconciliation"], STAGE_FILES["evidence_csv"], STAGE_FILES["evidence_parquet"], STAGE_FILES["evidence_table"],
           STAGE_FILES["metrics"])


def _stage(fx, out: Path, gold: Path | None = None) -> dict[str, int]:
    fx.write_run(out)
    return run_stage("reconcile", RunContext(out_dir=out, gold_dir=gold or fx.GOLD_DIR))


def test_stage_writes_every_file_and_counts(fx, tmp_path: Path) -> None:
    counts = _stage(fx, tmp_path)
    assert counts == {"relations": 7, "gold_findings": 4, "matched": 3, "relations_matched": 3,
                      "evidence_rows": counts["evidence_rows"], "conflict_rows": 2}
    for name in OUTPUTS:
        assert (tmp_path / name).stat().st_size > 0, name
    with (tmp_path / STAGE_FILES["reconciliation"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows if r["record"] == "gold"] == ["F001", "F002", "F003", "F004"]
    assert sum(r["record"] == "relation" for r in rows) == 7
    f001 = next(r for r in rows if r["id"] == "F001")
    assert f001["matched_ids"] and f001["other_candidate_ids"] and f001["matched_ids"] != f001["other_candidate_ids"]


def test_evidence_table_schema_and_parquet_equals_csv(fx, tmp_path: Path) -> None:
    _stage(fx, tmp_path)
    frame = pd.read_csv(tmp_path / STAGE_FILES["evidence_csv"], keep_default_na=False, dtype=str)
    parquet = pd.read_parquet(tmp_path / STAGE_FILES["evidence_parquet"])
    assert tuple(frame.columns) == EVIDENCE_COLUMNS == tuple(parquet.columns)
    assert len(frame) == len(parquet)
    assert list(frame["evidence_id"]) == list(parquet["evidence_id"])
    assert parquet["evidence_count"].sum() == 7, "every relation supports exactly one row"
    silt = parquet[(parquet.agent_id == "agent:siltuximab") & (parquet.object == "IL-6 signaling")]
    assert len(silt) == 1 and silt.iloc[0]["evidence_count"] == 1
    # an agent NER gave no id stays apart, keyed by its written name
    assert list(parquet[parquet.agent == "CNTO 328"]["agent_id"]) == ["text:cnto 328"]
    pub = parquet[parquet.agent_id == "agent:sarilumab"].iloc[0]
    assert pub["gold_status"] == "new-evidence" and list(pub["pmids"]) == ["1"] == frame.loc[pub.name, "pmids"].split("|")
    toc = parquet[(parquet.agent_id == "agent:tocilizumab") & (parquet.effect == "decreases")].iloc[0]
    assert toc["target_class"] == "IL-6R" and toc["drugbank_id"] == "DB06273" and list(toc["gold_finding_ids"]) == ["F002"]


def test_no_gold_table_is_reported_not_fatal(fx, tmp_path: Path) -> None:
    empty = tmp_path / "no_gold"
    empty.mkdir()
    out = tmp_path / "out"
    counts = _stage(fx, out, gold=empty)
    assert counts["gold_findings"] == 0 and counts["matched"] == 0
    metrics = json.loads((out / STAGE_FILES["metrics"]).read_text(encoding="utf-8"))
    assert metrics["reconciliation"] == {"gold_available": False, "note": "no gold table",
                                         "relation_status": {"new-evidence": 2, "no-gold": 5}}


def test_a_malformed_gold_table_names_its_file(fx, tmp_path: Path) -> None:
    bad = tmp_path / "bad_gold"
    bad.mkdir()
    (bad / "agents.tsv").write_text((fx.GOLD_DIR / "agents.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "findings.tsv").write_text("finding_id\tagent_id\nF001\tagent:x\n", encoding="utf-8")
    with pytest.raises(InputError, match="findings.tsv"):
        _stage(fx, tmp_path / "out", gold=bad)


def test_two_runs_on_the_same_inputs_write_identical_bytes(fx, tmp_path: Path) -> None:
    _stage(fx, tmp_path / "a")
    _stage(fx, tmp_path / "b")
    for name in OUTPUTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
