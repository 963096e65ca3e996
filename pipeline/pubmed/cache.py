"""The local PubMed cache: one efetch XML file per PMID plus a manifest.

``corpus/pubmed/<pmid>.xml`` holds that article as a one-article
``PubmedArticleSet`` (so the same parser reads the cache, a snapshot and a live
answer); ``corpus/pubmed/manifest.jsonl`` has one :class:`CacheEntry` per PMID.
Every file is written atomically, so the cache never holds a partial file, and
the manifest is rewritten after each batch, so a failure loses at most the
batch in flight.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError
from ..io import read_jsonl, remove_stale_temp_files, write_bytes, write_jsonl
from .client import EutilsClient, EutilsError
from .parser import PMID_PATTERN, article_pmid, iter_articles, parse_xml_root, validate_pmid

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.jsonl"
NOT_FOUND_NAME = "not_found.jsonl"
_HEADER = b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n'
_FOOTER = b"\n</PubmedArticleSet>\n"


@dataclass(frozen=True)
class CacheEntry:
    """Where one cached PMID came from: when, its file's sha256, and the query that found it."""

    pmid: str
    fetched_at: str
    sha256: str
    query: str | None = None


@dataclass(frozen=True)
class NotFound:
    """A PMID that PubMed's efetch answer did not contain (deleted or never assigned)."""

    pmid: str
    checked_at: str
    query: str | None = None


@dataclass(frozen=True)
class FetchReport:
    """What :func:`fetch_to_cache` did.

    ``missing`` were asked for but absent from PubMed's answer (a re-run skips them
    as ``known_missing`` unless refreshed); ``failed`` were not fetched because a
    batch failed (``error`` says why), and a re-run asks for them again.
    """

    requested: int
    cached: tuple[str, ...]
    fetched: tuple[str, ...]
    missing: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    error: str | None = None
    known_missing: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def cache_path(cache_dir: Path, pmid: str) -> Path:
    """``cache_dir/<pmid>.xml``; ``pmid`` is validated first, so it cannot leave ``cache_dir``."""
    return Path(cache_dir) / f"{validate_pmid(pmid)}.xml"


def read_manifest(cache_dir: Path) -> dict[str, CacheEntry]:
    """The manifest as ``{pmid: entry}`` (empty when there is none yet)."""
    path = Path(cache_dir) / MANIFEST_NAME
    if not path.exists():
        return {}
    return {entry.pmid: entry for entry in read_jsonl(path, CacheEntry)}


def read_not_found(cache_dir: Path) -> dict[str, NotFound]:
    """PMIDs PubMed did not return before, as ``{pmid: record}``."""
    path = Path(cache_dir) / NOT_FOUND_NAME
    if not path.exists():
        return {}
    return {record.pmid: record for record in read_jsonl(path, NotFound)}


def cached_pmids(cache_dir: Path) -> set[str]:
    """PMIDs that have a file in the cache."""
    directory = Path(cache_dir)
    if not directory.is_dir():
        return set()
    return {p.stem for p in directory.glob("*.xml")
            if p.is_file() and not p.name.startswith(".") and PMID_PATTERN.fullmatch(p.stem)}


def split_articles(data: bytes, source: str) -> dict[str, bytes]:
    """Each article of an efetch answer as its own one-article ``PubmedArticleSet`` document.

    Raises
    ------
    InputError
        Naming ``source`` when the answer is not well-formed XML.
    """
    root = parse_xml_root(data, source)
    articles: dict[str, bytes] = {}
    for position, article in enumerate(iter_articles(root), start=1):
        raw = article_pmid(article)
        try:
            pmid = validate_pmid(raw or "", f"{source}#article{position}")
        except InputError as exc:
            logger.warning("skipping an article: %s", exc)
            continue
        alone = copy.copy(article)
        alone.tail = None
        body = ET.tostring(alone, encoding="utf-8", xml_declaration=False)
        # ElementTree writes a carriage return as is and a parser would read it back as "\n".
        articles[pmid] = _HEADER + body.replace(b"\r", b"&#13;") + _FOOTER
    return articles


def fetch_to_cache(client: EutilsClient, pmids: Iterable[str], cache_dir: Path, *, refresh: bool = False,
                   query: str | None = None, progress: bool = False) -> FetchReport:
    """Fetch the PMIDs that are not cached yet (all of them with ``refresh``) into ``cache_dir``.

    PMIDs that PubMed did not return before (recorded in ``not_found.jsonl``) are
    not asked for again unless ``refresh`` is set.

    Parameters
    ----------
    client
        The E-utilities client (it batches, rate-limits and retries).
    pmids
        PMIDs to have in the cache; validated before any request or path is built.
    cache_dir
        The cache folder (created if needed).
    refresh
        Fetch every PMID again, even if cached or known to be missing.
    query
        The search that produced ``pmids``, recorded in the manifest.
    progress
        Show a tqdm progress bar when more than one batch is fetched.

    Raises
    ------
    InputError
        Naming the first PMID that is not digits-only (nothing is fetched then).
    """
    wanted = tuple(dict.fromkeys(validate_pmid(str(p).strip()) for p in pmids))
    cache_dir = Path(cache_dir)
    remove_stale_temp_files(cache_dir)  # left by a fetch killed mid-write; their targets were never replaced
    present = cached_pmids(cache_dir)
    not_found = read_not_found(cache_dir)
    cached = tuple(p for p in wanted if p in present and not refresh)
    known_missing = tuple(p for p in wanted if p in not_found and p not in present and not refresh)
    todo = [p for p in wanted if refresh or (p not in present and p not in not_found)]
    logger.info("%d PMIDs requested: %d cached, %d known missing, %d to fetch",
                len(wanted), len(cached), len(known_missing), len(todo))
    if not todo:
        _reconciled_manifest(cache_dir, present, query)
        return FetchReport(len(wanted), cached, (), known_missing=known_missing)
    manifest = _reconciled_manifest(cache_dir, present, query)
    fetched: list[str] = []
    missing: list[str] = []
    bar = _progress_bar(len(todo), enabled=progress and len(todo) > client.batch_size)
    try:
        for batch, body in client.efetch_batches(todo):
            articles = split_articles(body, f"efetch {batch[0]}..{batch[-1]}")
            for pmid in batch:
                data = articles.get(pmid)
                if data is None:
                    missing.append(pmid)
                    not_found[pmid] = NotFound(pmid, _now(), query)
                    continue
                write_bytes(data, cache_path(cache_dir, pmid))
                manifest[pmid] = CacheEntry(pmid, _now(), hashlib.sha256(data).hexdigest(), query)
                not_found.pop(pmid, None)
                fetched.append(pmid)
            _write_records(manifest, cache_dir / MANIFEST_NAME)
            _write_records(not_found, cache_dir / NOT_FOUND_NAME)
            bar.update(len(batch))
    except (EutilsError, InputError) as exc:
        done = set(fetched) | set(missing)
        failed = tuple(p for p in todo if p not in done)
        logger.error("fetch stopped: %s (%d PMIDs not fetched)", exc, len(failed))
        return FetchReport(len(wanted), cached, tuple(fetched), tuple(missing), failed, str(exc), known_missing)
    finally:
        bar.close()
    if missing:
        logger.warning("%d PMIDs not in PubMed's answer: %s", len(missing), ", ".join(missing[:20]))
    return FetchReport(len(wanted), cached, tuple(fetched), tuple(missing), known_missing=known_missing)


def _reconciled_manifest(cache_dir: Path, present: set[str], query: str | None) -> dict[str, CacheEntry]:
    """The manifest made to match the files: a fetch killed between writing a batch's files and
    the manifest leaves files without a line, which get one now (dated by the file); lines
    whose file is gone are dropped, so that PMID is fetched again."""
    manifest = read_manifest(cache_dir)
    unlisted = sorted(present - set(manifest), key=int)
    gone = sorted(set(manifest) - present, key=int)
    for pmid in unlisted:
        path = cache_path(cache_dir, pmid)
        stamp = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
        manifest[pmid] = CacheEntry(pmid, stamp, hashlib.sha256(path.read_bytes()).hexdigest(), query)
    for pmid in gone:
        del manifest[pmid]
    if unlisted or gone:
        logger.warning("manifest repaired: %d cached files had no line, %d lines had no file", len(unlisted), len(gone))
        _write_records(manifest, cache_dir / MANIFEST_NAME)
    return manifest


def _write_records(records: dict[str, CacheEntry] | dict[str, NotFound], path: Path) -> None:
    if records or path.exists():
        write_jsonl(sorted(records.values(), key=lambda r: int(r.pmid)), path)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _progress_bar(total: int, *, enabled: bool):  # noqa: ANN202 - tqdm or a stand-in
    from tqdm import tqdm

    return tqdm(total=total, unit="pmid", desc="efetch", disable=not enabled)
