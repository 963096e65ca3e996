"""The result store: each document's NER and relations results, reused by ``evidence run --refresh``.

A result is stored under a key that hashes everything it was computed from: the
document's line in ``documents.jsonl`` (for relations also its mention lines and Table 1
rows) and the stage's *fingerprint*, a hash of the contents of every file that shapes
the stage's output (its code, the shared modules, its data tables, the compiled
lexicons, a model) plus the package versions and run options it depends on. Nothing
in the fingerprint is a hand-kept version number: editing a lexicon changes its bytes,
hence the NER fingerprint, hence every NER key; the relations keys of a document then
change only where its mentions changed. A stale entry is never read (no key reaches it)
and goes with ``evidence store prune``.

The store is one SQLite file in the run folder (``result_store.sqlite``, named by the
stage table). SQLite commits atomically, so a process killed mid-write leaves the
results of its last commit and nothing half-written; a result is only ever a pure
function of its key, so a later run may reuse any committed entry. Only the parent
process of a stage opens the store; workers never see it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.metadata
import logging
import platform
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .context import PACKAGE_DIR
from .errors import PipelineError

logger = logging.getLogger(__name__)

#: Top-level modules that shape no stage's per-document result (the command line, the
#: stage table, the manifest, the map over workers), left out of fingerprints so that
#: editing them does not throw the store away.
NOT_RESULT_SHAPING = frozenset({"__main__.py", "cli.py", "stages.py", "manifest.py", "parallel.py", "store.py"})
#: Packages whose versions shape NER and relations results.
RESULT_PACKAGES = ("spacy", "scispacy")
_SKIPPED_PARTS = frozenset({"__pycache__"})
#: Keys per SQL statement, under SQLite's limit on bound parameters (32,766).
MAX_KEYS_PER_QUERY = 10_000


class StoreError(PipelineError):
    """The result store cannot be opened or read (not a store, or damaged); names the file."""


def shared_sources() -> list[Path]:
    """The shared top-level modules of ``pipeline/`` that every stage's results depend on."""
    return sorted(p for p in PACKAGE_DIR.glob("*.py") if p.name not in NOT_RESULT_SHAPING)


def _files(source: Path, exclude: frozenset[Path], skip_names: Sequence[str]) -> Iterable[Path]:
    if source in exclude or any(fnmatch.fnmatch(source.name, pattern) for pattern in skip_names):
        return
    if source.is_dir():
        for child in sorted(source.iterdir()):
            if child.name not in _SKIPPED_PARTS and child.suffix != ".pyc":
                yield from _files(child, exclude, skip_names)
    elif source.is_file():
        yield source


def fingerprint(sources: Iterable[Path], *, exclude: Iterable[Path] = (), skip_names: Sequence[str] = (),
                settings: Sequence[str] = ()) -> str:
    """A hex digest of the contents of every file under ``sources`` (files or folders), and ``settings``.

    Each file contributes its path relative to the project (or its name outside it) and
    its bytes, so a renamed, added, removed or edited file changes the digest; a source
    that does not exist contributes its absence. ``exclude`` (paths) and ``skip_names`` (file
    name patterns) leave out what shapes no result or is derived from files already counted
    (a cache that a run writes would otherwise change the fingerprint it was read under). The Python version and
    :data:`RESULT_PACKAGES`' versions are always included.
    """
    skip = frozenset(Path(p).resolve() for p in exclude)
    digest = hashlib.sha256()
    for setting in [platform.python_version(), *(_version(name) for name in RESULT_PACKAGES), *settings]:
        digest.update(f"setting\0{setting}\0".encode())
    for source in sources:
        source = Path(source).resolve()
        digest.update(f"source\0{_label(source)}\0{source.exists()}\0".encode())
        for path in _files(source, skip, skip_names):
            digest.update(f"file\0{_label(path)}\0".encode())
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return f"{name}={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{name}=absent"


def _label(path: Path) -> str:
    project = PACKAGE_DIR.parent
    return str(path.relative_to(project)) if path.is_relative_to(project) else path.name


def result_key(stage_fingerprint: str, *parts: str | bytes) -> bytes:
    """The store key of a result computed by a stage with ``stage_fingerprint`` from ``parts`` (text or bytes)."""
    digest = hashlib.sha256(stage_fingerprint.encode())
    for part in parts:
        encoded = part if isinstance(part, bytes) else part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "little"))  # lengths keep ("ab", "c") apart from ("a", "bc")
        digest.update(encoded)
    return digest.digest()


# A run records the keys it used (reused or stored) as one blob when it finishes, rather than
# marking each reused row: a per-row write made a refresh's lookups several times dearer.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (stage TEXT NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL,
                                    PRIMARY KEY (stage, key));
CREATE TABLE IF NOT EXISTS runs (generation INTEGER PRIMARY KEY AUTOINCREMENT, stage TEXT NOT NULL,
                                 used BLOB NOT NULL);
"""
KEY_BYTES = 32  # a sha256 digest (result_key)
MMAP_BYTES = 1 << 30
#: Results stored with :meth:`ResultStore.put` are committed every this many, so a killed
#: refresh keeps most of its work.
COMMIT_EVERY = 512


class ResultStore:
    """Stored per-document results of one run folder, by stage and key.

    Writes become durable at :meth:`commit` and :meth:`close`; :meth:`close` also records
    the keys this run used, which :func:`prune_store` keeps. A run killed before closing
    records none: its results stay readable, and a prune may drop them (they are computed
    again when needed), never a wrong one.
    """

    def __init__(self, path: Path, stage: str) -> None:
        self.path = Path(path)
        self.stage = stage
        self._used: list[bytes] = []
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            # WAL: a killed writer's last transaction is rolled back on the next open; NORMAL
            # sync is safe against a killed process (not against a power cut, which loses only results).
            self._db.execute("PRAGMA page_size=16384")  # a new store: most results fit a page
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            # a refresh reads most of the store once: map it rather than copy it page by page
            self._db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._db.execute("PRAGMA cache_size=-65536")  # 64 MiB: a batch of writes stays in memory until commit
            self._db.executescript(_SCHEMA)
            self._db.execute("BEGIN")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a readable result store ({exc})") from None
        self.reused = 0
        self.stored = 0
        self._pending: list[tuple[bytes, bytes]] = []

    def get_many(self, keys: Sequence[bytes]) -> list[bytes | None]:
        """The stored value of each key, or None."""
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), MAX_KEYS_PER_QUERY):
            part = keys[start:start + MAX_KEYS_PER_QUERY]
            marks = ",".join("?" * len(part))
            found.update(self._db.execute(f"SELECT key, value FROM results WHERE stage = ? AND key IN ({marks})",
                                          (self.stage, *part)).fetchall())
        self._used.extend(found)
        self.reused += len(found)
        return [found.get(key) for key in keys]

    def put_many(self, entries: Iterable[tuple[bytes, bytes]]) -> None:
        """Store ``(key, value)`` pairs (replacing an equal key's value, which is the same result)."""
        rows = [(self.stage, key, value) for key, value in entries]
        self._db.executemany("INSERT OR REPLACE INTO results (stage, key, value) VALUES (?, ?, ?)", rows)
        self._used.extend(key for _, key, _ in rows)
        self.stored += len(rows)

    def put(self, key: bytes, value: bytes) -> None:
        """Store one result, committing every :data:`COMMIT_EVERY` results so a killed refresh keeps
        most of its work; :meth:`flush` (and :meth:`close`) store the rest."""
        self._pending.append((key, value))
        if len(self._pending) >= COMMIT_EVERY:
            self.flush()
            self.commit()

    def flush(self) -> None:
        """Store the results :meth:`put` holds back."""
        self.put_many(self._pending)
        self._pending.clear()

    def get_batch(self, key: bytes) -> bytes | None:
        """The combined value of a batch stored whole under ``key`` (see :class:`BatchRecorder`), else None.

        One lookup, and one value to read and write, for the whole batch; the batch's
        documents count as reused, and their own results stay marked as used.
        """
        row = self._db.execute("SELECT value FROM results WHERE stage = ? AND key = ?", (self.stage, key)).fetchone()
        if row is None:
            return None
        value = row[0]
        count = int.from_bytes(value[:4], "little")
        self._used.append(key)
        self._used.append(value[4:4 + KEY_BYTES * count])
        self.reused += count
        return value[4 + KEY_BYTES * count:]

    def put_batch(self, key: bytes, item_keys: Sequence[bytes], value: bytes) -> None:
        """Store a batch's combined ``value`` under ``key``, with the keys of its documents' own results."""
        stored = len(item_keys).to_bytes(4, "little") + b"".join(item_keys) + value
        self._db.execute("INSERT OR REPLACE INTO results (stage, key, value) VALUES (?, ?, ?)",
                         (self.stage, key, stored))
        self._used.append(key)

    def commit(self) -> None:
        """Make everything written so far durable and start a new transaction."""
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")

    def close(self) -> None:
        """Store what :meth:`put` holds back, record the keys this run used, commit, close."""
        self.flush()
        self._db.execute("INSERT INTO runs (stage, used) VALUES (?, ?)", (self.stage, b"".join(self._used)))
        self._db.execute("COMMIT")
        self._db.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.close()
        else:  # what was committed stays; the open transaction is dropped, like a killed process's
            self._db.close()


def batch_key(stage_fingerprint: str, parts: Sequence[bytes]) -> bytes:
    """The key of a whole batch of documents from its bytes: ``parts`` holds one byte string per document.

    Each part is what a document's own key hashes (its lines as read), with no NUL byte
    (a JSON line holds none), so parts are joined by NUL with one C-level join per batch.
    """
    return hashlib.sha256(f"{stage_fingerprint}\0batch\0".encode() + b"\0".join(parts)).digest()


class BatchRecorder:
    """Stores a batch whole once every result of it is known (computed or reused one by one).

    A refresh cuts its documents into batches by content (:func:`pipeline.parallel.map_chunks_reusing`
    with a ``boundary``): a batch no document of which changed is read back whole by
    :meth:`ResultStore.get_batch`; any other batch is looked up document by document, and
    recorded here to be stored whole for the next refresh. ``combine`` turns the batch's
    results, in order, into one stored value; a result given as None (one that may not be
    stored) leaves the batch unstored.
    """

    def __init__(self, store: ResultStore, combine: Callable[[list[Any]], bytes]) -> None:
        self._store = store
        self._combine = combine
        self._open: dict[Any, tuple[list[Any], int]] = {}

    def expect(self, key: bytes, ids: Sequence[Any], item_keys: Sequence[bytes]) -> None:
        """A batch (``key``) looked up one by one: its items' ids (as :meth:`done` will name them) and own keys."""
        if len(ids) > 1:
            record = [key, list(item_keys), [None] * len(ids), len(ids), True]
            for index, item_id in enumerate(ids):
                self._open[item_id] = (record, index)

    def done(self, item_id: Any, result: Any | None) -> None:
        """The result of one item (None: not to be stored)."""
        entry = self._open.pop(item_id, None)
        if entry is None:
            return
        record, index = entry
        record[2][index] = result
        record[3] -= 1
        record[4] = record[4] and result is not None
        if record[3] == 0 and record[4]:
            self._store.put_batch(record[0], record[1], self._combine(record[2]))


def prune_store(path: Path, keep_runs: int = 1) -> dict[str, int]:
    """Delete every entry no stage used in its latest ``keep_runs`` finished runs; return what was kept and removed.

    A refresh records every key it reuses or stores, so after a refresh ``keep_runs=1`` keeps
    exactly the results of the documents now in the corpus under the current lexicons,
    models and code. A stage with no finished run keeps its entries.
    """
    if keep_runs < 1:
        raise ValueError(f"keep_runs must be >= 1, got {keep_runs}")
    if not Path(path).is_file():
        raise StoreError(f"{path}: no result store here (written by `evidence run --refresh`)")
    try:
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("BEGIN")
            db.execute("CREATE TEMP TABLE keep (stage TEXT NOT NULL, key BLOB NOT NULL, PRIMARY KEY (stage, key))")
            stages = [stage for (stage,) in db.execute("SELECT DISTINCT stage FROM runs")]
            for stage in stages:
                for (used,) in db.execute("SELECT used FROM runs WHERE stage = ? ORDER BY generation DESC LIMIT ?",
                                          (stage, keep_runs)).fetchall():
                    db.executemany("INSERT OR IGNORE INTO keep VALUES (?, ?)",
                                   ((stage, used[at:at + KEY_BYTES]) for at in range(0, len(used), KEY_BYTES)))
                db.execute("DELETE FROM runs WHERE stage = ? AND generation NOT IN (SELECT generation FROM runs "
                           "WHERE stage = ? ORDER BY generation DESC LIMIT ?)", (stage, stage, keep_runs))
            marks = ",".join("?" * len(stages))
            removed = db.execute(f"DELETE FROM results WHERE stage IN ({marks}) AND NOT EXISTS (SELECT 1 FROM keep "
                                 "WHERE keep.stage = results.stage AND keep.key = results.key)", stages).rowcount
            kept = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            db.execute("COMMIT")
            db.execute("VACUUM")
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a readable result store ({exc})") from None
    return {"kept": kept, "removed": removed}
