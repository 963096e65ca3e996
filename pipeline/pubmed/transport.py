"""One HTTP exchange of the E-utilities client: rate limit, redirects, deadline and a bounded body.

Rules, each against a fault seen in practice:

- A redirect is followed only to the same scheme, host and port as the request (NCBI moves
  pages within its own site); any other ``Location`` is an error naming it, so ``email``
  and ``api_key`` are never sent to another host (a 307 re-POSTs them).
- Every hop waits for the rate limiter: a redirect loop cannot exceed the request rate.
- Each request has an overall deadline besides the per-read timeout: a body trickled one
  byte at a time (each read within the timeout) ends at the deadline. The body is read
  with ``read1`` (whatever the socket has, at most a chunk), so the deadline is checked
  between reads however slowly bytes come.
- ``Content-Length`` is read with the ASCII-digit rule (:mod:`pipeline.textcheck`).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from ..errors import PipelineError
from ..textcheck import is_ascii_int

READ_CHUNK = 1 << 16
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SECONDS = re.compile(r"[0-9]{1,9}(\.[0-9]{1,6})?")


class EutilsError(PipelineError):
    """E-utilities failed: a permanent HTTP error, an error document, or retries exhausted."""


class ResponseTooLargeError(EutilsError):
    """A response body was larger than the client's ``max_response_bytes``; it is not retried."""


class RateLimiter:
    """Keeps at least ``min_interval`` seconds between the starts of consecutive calls."""

    def __init__(self, min_interval: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            if self._last is not None:
                delay = self._last + self.min_interval - now
                if delay > 0:
                    self._sleep(delay)
                    now = self._clock()
            self._last = now


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (ASCII delta-seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def origin(url: str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` of ``url``, the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number
        port = -1
    return scheme, (parts.hostname or "").lower(), port if port is not None else _DEFAULT_PORTS.get(scheme)


def send(session: requests.Session, method: str, url: str, params: dict[str, str], *, endpoint: str,
         timeout: float, deadline: float, limiter: RateLimiter, mask: Callable[[str], str]) -> requests.Response:
    """Send one request, following same-origin redirects (each hop rate-limited), by ``deadline``
    (a ``time.monotonic()`` value).

    Raises
    ------
    EutilsError
        For a redirect to another scheme, host or port (naming the location, secrets masked),
        too many redirects, or the deadline passed.
    requests.RequestException
        For connection errors and timeouts (the caller retries them).
    """
    start = origin(url)
    for _hop in range(MAX_REDIRECTS + 1):
        limiter.wait()
        read_timeout = _remaining(deadline, endpoint)
        if method == "POST":
            response = session.post(url, data=params, timeout=min(timeout, read_timeout), stream=True,
                                    allow_redirects=False)
        else:
            response = session.get(url, params=params, timeout=min(timeout, read_timeout), stream=True,
                                   allow_redirects=False)
        location = response.headers.get("Location")
        if response.status_code not in _REDIRECTS or location is None:
            return response
        response.close()
        target = urljoin(url, location)
        if origin(target) != start:
            raise EutilsError(f"{endpoint}: HTTP {response.status_code} redirect to {mask(target)}, another "
                              "scheme, host or port than the request's; not followed")
        url = target
        if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
            method = "GET"
        if method == "GET":
            params = {}  # the Location carries the query it wants
    raise EutilsError(f"{endpoint}: more than {MAX_REDIRECTS} redirects")


def read_body(response: requests.Response, *, endpoint: str, limit: int, deadline: float) -> bytes:
    """The (decoded) body of ``response``, refused past ``limit`` bytes or past ``deadline``.

    Raises
    ------
    ResponseTooLargeError
        When the body is announced or found larger than ``limit``.
    EutilsError
        For a ``Content-Length`` that is not ASCII digits, or a body not complete by the deadline.
    requests.RequestException
        For a connection broken or timed out mid-body (the caller retries it).
    """
    try:
        announced = response.headers.get("Content-Length")
        if announced is not None:
            if not is_ascii_int(announced.strip()):
                raise EutilsError(f"{endpoint}: Content-Length is not a number: {announced[:40]!r}")
            if int(announced.strip()) > limit:
                raise ResponseTooLargeError(f"{endpoint}: response announces {int(announced)} bytes, over the "
                                            f"limit of {limit} bytes (not read; raise --max-response-bytes)")
        chunks: list[bytes] = []
        size = 0
        raw = response.raw
        while True:
            _remaining(deadline, endpoint)
            try:
                chunk = raw.read1(READ_CHUNK, decode_content=True)
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise requests.exceptions.ChunkedEncodingError(f"body cut short: {type(exc).__name__}") from None
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise ResponseTooLargeError(f"{endpoint}: response is over the limit of {limit} bytes "
                                            "(reading stopped; raise --max-response-bytes)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        response.close()


def _remaining(deadline: float, endpoint: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise DeadlineError(f"{endpoint}: no complete answer within the request deadline (raise --deadline)")
    return left


class DeadlineError(EutilsError):
    """A request (all its redirects and its body) did not finish within the client's deadline."""
