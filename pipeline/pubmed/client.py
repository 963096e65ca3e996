"""A small, polite NCBI E-utilities client: esearch and efetch for PubMed.

Every request carries ``tool`` and ``email`` (and ``api_key`` when given), waits
for the rate limit (3 requests/s, 10 with a key), has a timeout, and is retried
a bounded number of times with exponential backoff on HTTP 429/5xx, connection
errors, timeouts and truncated bodies, honouring ``Retry-After``. The email and
key never appear in a log line or an error message.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import requests

from ..errors import InputError
from ..textcheck import is_ascii_int
from .masking import mask_in_url_logs, mask_secrets
from .parser import parse_xml_root, validate_pmid
from .transport import (DeadlineError, EutilsError, RateLimiter, ResponseTooLargeError, parse_retry_after,
                        read_body, send)

__all__ = ["EutilsClient", "EutilsError", "ResponseTooLargeError", "DeadlineError", "RateLimiter", "RetryPolicy",
           "SearchResult", "parse_retry_after", "validate_date"]

logger = logging.getLogger(__name__)

NCBI_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
DEFAULT_TOOL = "il6-evidence"
MAX_EFETCH_BATCH = 200
# NCBI: esearch returns at most the first 9,999 ids of a result without the history server.
MAX_ESEARCH_IDS = 9999
DEFAULT_TIMEOUT = 30.0
# A request (redirects and body) gets this many read timeouts in all, unless a deadline is given.
DEADLINE_TIMEOUTS = 4
# An efetch answer of 200 abstracts is a few MB; anything far larger is refused unread.
DEFAULT_MAX_RESPONSE_BYTES = 50_000_000
REQUESTS_PER_SECOND = 3.0
REQUESTS_PER_SECOND_WITH_KEY = 10.0
# A small margin over 1/rate so that network jitter never puts one request too many
# into a one-second window as seen by the server.
RATE_MARGIN = 1.05
_DATE = re.compile(r"[0-9]{4}(/[0-9]{2}(/[0-9]{2})?)?")
_PERMANENT_REQUEST_ERRORS = (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                             requests.exceptions.InvalidSchema)


@dataclass(frozen=True)
class RetryPolicy:
    """How failed requests are retried.

    ``max_retries`` extra attempts follow the first; the n-th retry waits
    ``backoff_factor * 2 ** (n - 1)`` seconds, or the server's ``Retry-After``
    if longer. A wait longer than ``max_backoff`` is not made: a computed backoff
    is capped at it and a longer ``Retry-After`` ends the retries.
    """

    max_retries: int = 4
    backoff_factor: float = 0.5
    max_backoff: float = 60.0
    statuses: frozenset[int] = field(default=frozenset({429, 500, 502, 503, 504}))

    def backoff(self, retry_number: int) -> float:
        return min(self.max_backoff, self.backoff_factor * 2 ** (retry_number - 1))


@dataclass(frozen=True)
class SearchResult:
    """One esearch answer: the total ``count`` and the ``ids`` of this page (or all pages)."""

    term: str
    count: int
    ids: tuple[str, ...]
    retstart: int
    retmax: int
    query_translation: str | None = None


def validate_date(value: str | None, name: str) -> str | None:
    """Check an E-utilities date (``YYYY``, ``YYYY/MM`` or ``YYYY/MM/DD``)."""
    if value is None:
        return None
    if not _DATE.fullmatch(value):
        raise InputError(name, f"not a date YYYY[/MM[/DD]]: {value!r}")
    return value


class EutilsClient:
    """esearch / efetch against ``{base_url}/esearch.fcgi`` and ``{base_url}/efetch.fcgi``.

    Parameters
    ----------
    base_url
        The E-utilities root (NCBI's by default; a mirror or a test server can stand in).
    tool, email
        Sent with every request, as NCBI asks. ``email`` is required.
    api_key
        Optional NCBI key; raises the rate limit from 3 to 10 requests per second.
    timeout
        Seconds for connecting and for each read, on every request.
    deadline
        Seconds for a whole request (its redirects and its body); by default
        ``DEADLINE_TIMEOUTS * timeout``. Passing it is an error, not retried.
    session
        A ``requests.Session`` to use (a new one by default).
    retry
        The bounded retry policy.
    batch_size
        PMIDs per efetch request (at most 200).
    post_above
        efetch sends its ids by POST when a batch has more ids than this.
    max_response_bytes
        A response body larger than this (announced or received) is refused with
        :class:`ResponseTooLargeError` and not retried; the body is read in chunks
        and reading stops at the limit, so memory stays bounded.
    """

    def __init__(self, base_url: str = NCBI_EUTILS_URL, *, tool: str = DEFAULT_TOOL, email: str,
                 api_key: str | None = None, timeout: float = DEFAULT_TIMEOUT, deadline: float | None = None,
                 session: requests.Session | None = None, retry: RetryPolicy | None = None,
                 batch_size: int = MAX_EFETCH_BATCH, post_above: int = 100,
                 max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not email or "@" not in email:
            raise EutilsError("NCBI asks every E-utilities request to carry a contact email "
                              "(--email or EVIDENCE_EMAIL)")
        if not tool:
            raise EutilsError("tool must be a non-empty name")
        if not 1 <= batch_size <= MAX_EFETCH_BATCH:
            raise ValueError(f"batch_size must be 1..{MAX_EFETCH_BATCH}, got {batch_size}")
        if not 0 < timeout < float("inf"):
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout}")
        deadline = DEADLINE_TIMEOUTS * timeout if deadline is None else deadline
        if not 0 < deadline < float("inf"):
            raise ValueError(f"deadline must be a positive number of seconds, got {deadline}")
        if max_response_bytes <= 0:
            raise ValueError(f"max_response_bytes must be positive, got {max_response_bytes}")
        self.base_url = base_url.rstrip("/")
        self.tool = tool
        self._email = email
        self._api_key = api_key or None
        self.timeout = timeout
        self.deadline = deadline
        self.retry = retry or RetryPolicy()
        self.batch_size = batch_size
        self.post_above = post_above
        self.max_response_bytes = max_response_bytes
        self._sleep = sleep
        rate = REQUESTS_PER_SECOND_WITH_KEY if self._api_key else REQUESTS_PER_SECOND
        self.limiter = RateLimiter(RATE_MARGIN / rate, sleep=sleep)
        self.session = session or requests.Session()
        mask_in_url_logs(self._email, self._api_key)

    def __repr__(self) -> str:
        return f"EutilsClient({self.base_url!r}, tool={self.tool!r}, api_key={'set' if self._api_key else None})"

    # -- public verbs -------------------------------------------------------------------------

    def esearch(self, term: str, *, mindate: str | None = None, maxdate: str | None = None,
                datetype: str = "pdat", retmax: int = 20, retstart: int = 0) -> SearchResult:
        """One page of PubMed ids matching ``term`` (optionally within a publication-date range)."""
        if not term or not term.strip():
            raise InputError("query", "empty search term")
        if not 0 <= retmax <= 10000 or retstart < 0:
            raise InputError("retmax", f"retmax must be 0..10000 and retstart >= 0, got {retmax}, {retstart}")
        params: dict[str, str] = {"db": "pubmed", "term": term, "retmax": str(retmax),
                                  "retstart": str(retstart), "retmode": "xml"}
        mindate, maxdate = validate_date(mindate, "mindate"), validate_date(maxdate, "maxdate")
        if mindate or maxdate:
            # NCBI ignores a date range unless both ends are given.
            params.update(datetype=datetype, mindate=mindate or "1000", maxdate=maxdate or "3000")
        body = self._request("esearch", params)
        return _parse_esearch(body, term)

    def search_all(self, term: str, *, mindate: str | None = None, maxdate: str | None = None,
                   limit: int = 1000, page_size: int = 500) -> SearchResult:
        """Every id matching ``term`` up to ``limit``, paging through esearch."""
        limit = min(limit, MAX_ESEARCH_IDS)
        ids: list[str] = []
        first: SearchResult | None = None
        while True:
            want = min(page_size, limit - len(ids))
            page = self.esearch(term, mindate=mindate, maxdate=maxdate, retmax=want, retstart=len(ids))
            first = first or page
            ids.extend(page.ids)
            if not page.ids or len(ids) >= min(page.count, limit):
                break
        if first.count > limit:
            logger.warning("query matches %d records; keeping the first %d", first.count, len(ids))
        return SearchResult(term, first.count, tuple(dict.fromkeys(ids)), 0, len(ids), first.query_translation)

    def efetch_batches(self, pmids: Sequence[str]) -> Iterator[tuple[tuple[str, ...], bytes]]:
        """Yield ``(batch, xml)`` for consecutive batches of at most ``batch_size`` PMIDs."""
        ids = _checked_ids(pmids)
        for start in range(0, len(ids), self.batch_size):
            batch = ids[start:start + self.batch_size]
            params = {"db": "pubmed", "id": ",".join(batch), "retmode": "xml"}
            method = "POST" if len(batch) > self.post_above else "GET"
            yield batch, self._request("efetch", params, method=method, expect_root="PubmedArticleSet")

    def efetch(self, pmids: Sequence[str]) -> bytes:
        """PubMed XML for ``pmids`` as one ``PubmedArticleSet`` (fetched in batches of at most 200)."""
        bodies = [body for _batch, body in self.efetch_batches(pmids)]
        if not bodies:
            return b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet></PubmedArticleSet>\n'
        if len(bodies) == 1:
            return bodies[0]
        return _merge_article_sets(bodies)

    # -- transport ----------------------------------------------------------------------------

    def _request(self, endpoint: str, params: dict[str, str], *, method: str = "GET",
                 expect_root: str | None = None) -> bytes:
        url = f"{self.base_url}/{endpoint}.fcgi"
        params = {**params, "tool": self.tool, "email": self._email}
        if self._api_key:
            params["api_key"] = self._api_key
        attempts = self.retry.max_retries + 1
        for attempt in range(1, attempts + 1):
            retry_after: float | None = None
            deadline = time.monotonic() + self.deadline
            try:
                response = send(self.session, method, url, params, endpoint=endpoint, timeout=self.timeout,
                                deadline=deadline, limiter=self.limiter, mask=self._mask)
                body = read_body(response, endpoint=endpoint, limit=self.max_response_bytes, deadline=deadline)
            except _PERMANENT_REQUEST_ERRORS as exc:
                raise EutilsError(f"{endpoint}: bad request: {self._mask(str(exc))}") from None
            except requests.RequestException as exc:
                reason = f"{type(exc).__name__}: {self._mask(str(exc))}"
            else:
                if response.status_code in self.retry.statuses:
                    reason = f"HTTP {response.status_code}"
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                elif response.status_code >= 400:
                    text = body[:200].decode("utf-8", errors="replace")
                    raise EutilsError(f"{endpoint}: HTTP {response.status_code} {response.reason} "
                                      f"(not retried): {self._mask(text)}")
                else:
                    problem = _body_problem(body, endpoint, expect_root)
                    if problem is None:
                        logger.debug("%s %s: %d bytes", method, self._masked_url(url, params), len(body))
                        return body
                    reason = problem
            if attempt == attempts:
                break
            delay = self.retry.backoff(attempt)
            if retry_after is not None:
                if retry_after > self.retry.max_backoff:
                    raise EutilsError(f"{endpoint}: {reason}; server asked to wait {retry_after:.0f}s, "
                                      f"more than the {self.retry.max_backoff:.0f}s allowed")
                delay = max(delay, retry_after)
            logger.warning("%s: %s; retry %d/%d in %.2fs", endpoint, reason, attempt, self.retry.max_retries, delay)
            self._sleep(delay)
        raise EutilsError(f"{endpoint}: gave up after {attempts} attempts; last error: {reason}")

    def _mask(self, text: str) -> str:
        return mask_secrets(text, (self._api_key, self._email))

    def _masked_url(self, url: str, params: dict[str, str]) -> str:
        shown = {k: ("***" if k in ("email", "api_key") else v) for k, v in params.items()}
        if len(shown.get("id", "")) > 60:
            shown["id"] = shown["id"][:60] + "..."
        return url + "?" + "&".join(f"{k}={v}" for k, v in shown.items())


def _checked_ids(pmids: Sequence[str]) -> tuple[str, ...]:
    if isinstance(pmids, (str, bytes)):
        raise TypeError(f"expected a sequence of PMIDs, got a single {type(pmids).__name__}: {pmids!r}")
    return tuple(dict.fromkeys(validate_pmid(str(p).strip()) for p in pmids))


def _body_problem(body: bytes, endpoint: str, expect_root: str | None) -> str | None:
    """None if ``body`` is a complete XML document; a retryable reason if it is cut short.

    An E-utilities error document is permanent and raises :class:`EutilsError`.
    """
    try:
        root = parse_xml_root(body, endpoint)
    except InputError as exc:
        return f"incomplete or malformed XML body ({len(body)} bytes; {exc})"
    # esearch errors are read with the rest of the answer by _parse_esearch.
    error = root.findtext("ERROR") if root.tag != "ERROR" else root.text
    if root.tag != "eSearchResult" and error and error.strip():
        raise EutilsError(f"{endpoint}: E-utilities error: {error.strip()}")
    if expect_root is not None and root.tag != expect_root:
        raise EutilsError(f"{endpoint}: expected <{expect_root}>, got <{root.tag}>")
    return None


def _parse_esearch(body: bytes, term: str) -> SearchResult:
    root = parse_xml_root(body, "esearch")
    if root.tag != "eSearchResult":
        raise EutilsError(f"esearch: expected <eSearchResult>, got <{root.tag}>")
    error = root.findtext("ERROR")
    if error and error.strip():
        raise EutilsError(f"esearch: E-utilities error: {error.strip()}")
    for node in root.iterfind("ErrorList/*"):
        logger.warning("esearch %s: %s", node.tag, (node.text or "").strip())

    def number(tag: str, default: int = 0) -> int:
        text = (root.findtext(tag) or "").strip()
        if not text:
            return default
        if not is_ascii_int(text):
            raise EutilsError(f"esearch: <{tag}> is not a number: {text[:40]!r}")
        return int(text)

    ids = []
    for node in root.iterfind("IdList/Id"):
        value = (node.text or "").strip()
        try:
            ids.append(validate_pmid(value, "esearch IdList"))
        except InputError as exc:
            raise EutilsError(str(exc)) from None
    translation = root.findtext("QueryTranslation")
    return SearchResult(term, number("Count"), tuple(ids), number("RetStart"), number("RetMax", len(ids)),
                        translation.strip() if translation else None)


_SET_OPEN = re.compile(rb"<PubmedArticleSet(\s[^>]*)?>")
_SET_CLOSE = b"</PubmedArticleSet>"


def _merge_article_sets(bodies: list[bytes]) -> bytes:
    """Join the article lists of several (already validated) efetch answers into one set."""
    parts = [b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>']
    for body in bodies:
        opening = _SET_OPEN.search(body)
        closing = body.rfind(_SET_CLOSE)
        if opening is None or closing < 0:
            if re.search(rb"<PubmedArticleSet\s*/>", body):
                continue
            raise EutilsError("efetch: an answer has no <PubmedArticleSet> element to merge")
        parts.append(body[opening.end():closing])
    parts.append(b"</PubmedArticleSet>\n")
    return b"".join(parts)
