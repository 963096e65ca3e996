"""The refresh-history store ``evidence.sqlite``: every run's documents, mentions, relations and evidence.

Each table carries a ``run_id``; recording a run replaces the rows of a run with
the same id and keeps every other run, so ``evidence diff`` can compare any two.
An *evidence item* is one supporting relation (its stable ``relation_id``) with
the agent x finding row (``evidence_id``) it belongs to. The file is rebuilt in
memory and written atomically; it is the one output (with ``run_manifest.json``)
that differs between two runs on the same inputs, since it accumulates runs.
The views ``latest_run`` and ``latest_documents`` / ``latest_mentions`` /
``latest_relations`` / ``latest_evidence`` show only the most recently recorded run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..io import write_bytes
from ..records import Document, EvidenceRow, Mention, Relation

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL UNIQUE,
    documents INTEGER NOT NULL, mentions INTEGER NOT NULL, relations INTEGER NOT NULL, evidence INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    run_id TEXT NOT NULL, doc_id TEXT NOT NULL, source TEXT, pmid TEXT, title TEXT, journal TEXT, year INTEGER,
    doi TEXT, text TEXT, PRIMARY KEY (run_id, doc_id));
CREATE TABLE IF NOT EXISTS mentions (
    run_id TEXT NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT,
    label TEXT, norm_id TEXT, norm_name TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS relations (
    run_id TEXT NOT NULL, relation_id TEXT NOT NULL, doc_id TEXT, agent_id TEXT, agent_text TEXT, effect TEXT,
    object_text TEXT, object_id TEXT, negated INTEGER, hedged INTEGER, model_system TEXT, phase TEXT,
    disease TEXT, cell_line TEXT, sentence_start INTEGER, sentence_end INTEGER, sentence_text TEXT,
    record_json TEXT, PRIMARY KEY (run_id, relation_id));
CREATE TABLE IF NOT EXISTS evidence (
    run_id TEXT NOT NULL, relation_id TEXT NOT NULL, evidence_id TEXT NOT NULL, agent_id TEXT, agent TEXT,
    effect TEXT, object TEXT, negated INTEGER, doc_id TEXT, pmid TEXT, sentence TEXT, gold_status TEXT,
    PRIMARY KEY (run_id, relation_id));
CREATE INDEX IF NOT EXISTS mentions_run ON mentions (run_id, doc_id);
DROP VIEW IF EXISTS latest_run;
CREATE VIEW latest_run AS SELECT * FROM runs ORDER BY seq DESC LIMIT 1;
"""

#: Columns added after the first stores were written: (table, column, SQL type); added to an older store on open.
ADDED_COLUMNS = (
    ("relations", "pmid", "TEXT"), ("relations", "evidence_grade", "TEXT"), ("relations", "negative_evidence", "INTEGER"),
    ("evidence", "relation_grade", "TEXT"), ("evidence", "evidence_grade", "TEXT"),
    ("evidence", "negative_evidence", "INTEGER"), ("evidence", "conflict", "INTEGER"), ("evidence", "conflicts_with", "TEXT"),
)

_RUN_TABLES = ("documents", "mentions", "relations", "evidence")
#: ``latest_<table>``: the rows of the most recently recorded run, so a reader need not filter by run id.
LATEST_VIEWS = tuple(f"latest_{table}" for table in _RUN_TABLES)


@dataclass(frozen=True)
class EvidenceItem:
    """One supporting relation as the history store keeps it."""

    relation_id: str
    evidence_id: str
    agent_id: str
    agent: str
    effect: str
    object: str
    negated: bool
    doc_id: str
    pmid: str
    sentence: str
    gold_status: str
    relation_grade: str = ""
    evidence_grade: str = ""
    negative_evidence: bool = False
    conflict: bool = False
    conflicts_with: str = ""


@dataclass(frozen=True)
class EvidenceDiff:
    """Evidence items present in ``new_run`` but not ``old_run`` (added) and the reverse (removed)."""

    old_run: str | None
    new_run: str
    added: tuple[EvidenceItem, ...]
    removed: tuple[EvidenceItem, ...]


def adhoc_run_id(*paths: Path) -> str:
    """A deterministic run id for a stage run alone: a digest of the files it stores."""
    digest = hashlib.sha256()
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
    return "adhoc-" + digest.hexdigest()[:12]


def _open(path: Path) -> sqlite3.Connection:
    """An in-memory copy of the store at ``path`` (or an empty store)."""
    connection = sqlite3.connect(":memory:")
    if path.exists():
        try:
            connection.deserialize(path.read_bytes())
            connection.execute("SELECT count(*) FROM runs").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InputError(str(path), f"not an evidence store ({exc})") from exc
    connection.executescript(SCHEMA)
    for table, column, kind in ADDED_COLUMNS:
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            connection.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {kind}')
    for table in _RUN_TABLES:
        connection.execute(f"DROP VIEW IF EXISTS latest_{table}")
        connection.execute(f"CREATE VIEW latest_{table} AS SELECT * FROM {table} "
                           "WHERE run_id = (SELECT run_id FROM latest_run)")
    return connection


def record_run(path: Path, run_id: str, documents: Sequence[Document], mentions: Sequence[Mention],
               relations: Sequence[Relation], evidence: Sequence[EvidenceItem]) -> None:
    """Add (or replace) run ``run_id`` in the store at ``path``, keeping every other run."""
    from ..io import to_jsonable

    connection = _open(path)
    with connection:
        for table in _RUN_TABLES:
            connection.execute(f"DELETE FROM {table} WHERE run_id = ?", (run_id,))
        connection.execute("DELETE FROM runs WHERE run_id = ?", (run_id,))
        connection.execute("INSERT INTO runs (run_id, documents, mentions, relations, evidence) VALUES (?,?,?,?,?)",
                           (run_id, len(documents), len(mentions), len(relations), len(evidence)))
        connection.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
            [(run_id, d.doc_id, d.source, d.pmid, d.title, d.journal, d.year, d.doi, d.text) for d in documents])
        connection.executemany(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?)",
            [(run_id, m.doc_id, m.start, m.end, m.text, m.label, m.norm_id, m.norm_name, m.source) for m in mentions])
        connection.executemany(
            "INSERT INTO relations (run_id, relation_id, doc_id, agent_id, agent_text, effect, object_text, "
            "object_id, negated, hedged, model_system, phase, disease, cell_line, sentence_start, sentence_end, "
            "sentence_text, record_json, pmid, evidence_grade, negative_evidence) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(run_id, r.relation_id, r.doc_id, r.agent_id, r.agent_text, r.effect, r.object_text, r.object_id,
              int(r.negated), int(r.hedged), r.model_system, r.phase, r.disease, r.cell_line, r.sentence_start,
              r.sentence_end, r.sentence_text, json.dumps(to_jsonable(r), ensure_ascii=False, sort_keys=True),
              r.pmid, r.evidence_grade, int(r.negative_evidence))
             for r in relations])
        connection.executemany(
            "INSERT INTO evidence (run_id, relation_id, evidence_id, agent_id, agent, effect, object, negated, "
            "doc_id, pmid, sentence, gold_status, relation_grade, evidence_grade, negative_evidence, conflict, "
            "conflicts_with) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(run_id, e.relation_id, e.evidence_id, e.agent_id, e.agent, e.effect, e.object, int(e.negated),
              e.doc_id, e.pmid, e.sentence, e.gold_status, e.relation_grade, e.evidence_grade,
              int(e.negative_evidence), int(e.conflict), e.conflicts_with) for e in evidence])
    data = connection.serialize()
    connection.close()
    write_bytes(data, path)
    logger.info("recorded run %s in %s", run_id, path)


def list_runs(path: Path) -> list[dict[str, Any]]:
    """Every run in the store, oldest first."""
    if not path.exists():
        return []
    connection = _open(path)
    rows = connection.execute("SELECT seq, run_id, documents, mentions, relations, evidence FROM runs ORDER BY seq")
    keys = ("seq", "run_id", "documents", "mentions", "relations", "evidence")
    out = [dict(zip(keys, row)) for row in rows]
    connection.close()
    return out


def _items(connection: sqlite3.Connection, run_id: str) -> dict[str, EvidenceItem]:
    rows = connection.execute(
        "SELECT relation_id, evidence_id, agent_id, agent, effect, object, negated, doc_id, pmid, sentence, "
        "gold_status, coalesce(relation_grade, ''), coalesce(evidence_grade, ''), coalesce(negative_evidence, 0), "
        "coalesce(conflict, 0), coalesce(conflicts_with, '') FROM evidence WHERE run_id = ? ORDER BY relation_id",
        (run_id,))
    return {row[0]: EvidenceItem(*row[:6], bool(row[6]), *row[7:13], bool(row[13]), bool(row[14]), row[15])
            for row in rows}


def diff_runs(path: Path, since: str | None = None, until: str | None = None) -> EvidenceDiff:
    """Evidence added and removed from run ``since`` to run ``until``.

    Defaults: ``until`` is the latest run, ``since`` the run before it (none: everything is added).

    Raises
    ------
    InputError
        When the store is missing or a named run is not in it.
    """
    if not path.exists():
        raise InputError(str(path), "no evidence store here; run `evidence run` first")
    runs = [r["run_id"] for r in list_runs(path)]
    if not runs:
        raise InputError(str(path), "the evidence store holds no run")
    for name in (since, until):
        if name is not None and name not in runs:
            raise InputError(str(path), f"no run {name!r} in the store (runs: {', '.join(runs)})")
    new = until or runs[-1]
    old = since if since is not None else (runs[runs.index(new) - 1] if runs.index(new) > 0 else None)
    connection = _open(path)
    new_items = _items(connection, new)
    old_items = _items(connection, old) if old else {}
    connection.close()

    def order(item: EvidenceItem) -> tuple[str, ...]:
        return item.agent_id, item.effect, item.object, item.doc_id, item.relation_id

    added = tuple(sorted((v for k, v in new_items.items() if k not in old_items), key=order))
    removed = tuple(sorted((v for k, v in old_items.items() if k not in new_items), key=order))
    return EvidenceDiff(old, new, added, removed)


def evidence_items(rows: Sequence[EvidenceRow], relations: Sequence[Relation],
                   documents: Sequence[Document]) -> list[EvidenceItem]:
    """One history-store item per supporting relation of each evidence row."""
    by_id = {r.relation_id: r for r in relations}
    pmid_of = {d.doc_id: d.pmid or "" for d in documents}
    items = []
    for row in rows:
        for relation_id in row.relation_ids.split("|"):
            relation = by_id[relation_id]
            items.append(EvidenceItem(relation_id, row.evidence_id, row.agent_id, row.agent, row.effect, row.object,
                                      row.negated, relation.doc_id, pmid_of.get(relation.doc_id, ""),
                                      relation.sentence_text, row.gold_status, relation.evidence_grade,
                                      row.evidence_grade, row.negative_evidence, row.conflict, row.conflicts_with))
    return items
