"""EutilsClient against the fake E-utilities server: parameters, paging, batching, retries, rate limit."""

from __future__ import annotations

import logging
import socket
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from pubmed_fake_eutils import API_KEY, EMAIL  # registered by tests/pubmed/conftest.py

from pipeline.errors import InputError
from pipeline.pubmed.client import (EutilsClient, EutilsError, RateLimiter, RetryPolicy, _body_problem,
                                    _parse_esearch, parse_retry_after)
from pipeline.pubmed.parser import parse_pubmed_xml


def gaps(calls) -> list[float]:
    return [b.time - a.time for a, b in zip(calls, calls[1:])]


def test_esearch_parses_the_real_answer_and_sends_tool_email_and_key(eutils, make_client):
    result = make_client().esearch("biopython", retmax=20)
    assert result.count == 63
    assert len(result.ids) == 20 and result.ids[0] == "41282813"
    assert result.query_translation == '"biopython"[All Fields]'
    (call,) = eutils.calls("esearch")
    assert call.params["db"] == "pubmed" and call.params["term"] == "biopython"
    assert call.params["tool"] == "il6-evidence"
    assert call.params["email"] == EMAIL and call.params["api_key"] == API_KEY


def test_esearch_date_range_is_sent_with_both_ends(eutils, make_client):
    eutils.searches["il6"] = ["90000001"]
    make_client().esearch("il6", mindate="2010")
    params = eutils.calls("esearch")[0].params
    assert (params["datetype"], params["mindate"], params["maxdate"]) == ("pdat", "2010", "3000")
    with pytest.raises(InputError, match="maxdate.*not a date"):
        make_client().esearch("il6", maxdate="2010-01-01")


def test_search_all_pages_with_retstart(eutils, make_client):
    ids = sorted(eutils.articles)[:23]
    eutils.searches["il6 breast"] = ids
    result = make_client().search_all("il6 breast", page_size=10)
    assert result.count == 23 and list(result.ids) == ids
    assert [c.params["retstart"] for c in eutils.calls("esearch")] == ["0", "10", "20"]
    limited = make_client().search_all("il6 breast", page_size=10, limit=15)
    assert list(limited.ids) == ids[:15]


def test_empty_search_and_empty_id_list_make_no_efetch(eutils, make_client):
    client = make_client()
    result = client.esearch("no such thing at all")
    assert (result.count, result.ids) == (0, ())
    assert client.efetch([]).count(b"<PubmedArticle>") == 0
    assert eutils.calls("efetch") == []


def test_efetch_batches_of_at_most_batch_size_and_posts_long_lists(eutils, make_client):
    pmids = sorted(eutils.articles)[:45]
    client = make_client(batch_size=20, post_above=10)
    body = client.efetch(pmids)
    documents, errors = parse_pubmed_xml(body, "merged")
    assert errors == [] and [d.pmid for d in documents] == pmids
    calls = eutils.calls("efetch")
    assert [len(c.params["id"].split(",")) for c in calls] == [20, 20, 5]
    assert [c.method for c in calls] == ["POST", "POST", "GET"]
    assert all(c.params["email"] == EMAIL and c.params["tool"] for c in calls)


def test_batch_size_above_200_is_refused():
    with pytest.raises(ValueError, match="batch_size"):
        EutilsClient("http://127.0.0.1:9", email=EMAIL, batch_size=201)


def test_email_is_required():
    with pytest.raises(EutilsError, match="email"):
        EutilsClient("http://127.0.0.1:9", email="")


def test_hostile_pmid_is_rejected_before_any_request(eutils, make_client):
    with pytest.raises(InputError, match=r"\.\./\.\./x"):
        make_client().efetch(["90000001", "../../x"])
    with pytest.raises(TypeError, match="single str"):
        make_client().efetch("90000001")
    assert eutils.requests == []


def test_429_honours_retry_after(eutils, make_client, fake_module):
    eutils.inject("esearch", fake_module.Fault(status=429, headers=(("Retry-After", "1"),)))
    result = make_client().esearch("biopython")
    assert result.count == 63
    calls = eutils.calls("esearch")
    assert len(calls) == 2
    assert 1.0 <= gaps(calls)[0] < 1.8


def test_500_and_503_are_retried_with_growing_backoff(eutils, make_client, fake_module):
    eutils.inject("efetch", fake_module.Fault(status=500), fake_module.Fault(status=503),
                  fake_module.Fault(status=503))
    client = make_client(retry=RetryPolicy(max_retries=3, backoff_factor=0.15))
    body = client.efetch(["90000001"])
    assert b"90000001" in body
    spacing = gaps(eutils.calls("efetch"))
    assert len(spacing) == 3
    # backoff 0.15, 0.30, 0.60 s: each wait at least its backoff, and each longer than the one before
    assert spacing[0] >= 0.15 and spacing[1] >= 0.30 and spacing[2] >= 0.60
    assert spacing[0] < spacing[1] < spacing[2]


def test_retries_are_bounded(eutils, make_client, fake_module):
    eutils.inject("efetch", *[fake_module.Fault(status=500)] * 10)
    started = time.monotonic()
    with pytest.raises(EutilsError, match="gave up after 3 attempts.*HTTP 500"):
        make_client(retry=RetryPolicy(max_retries=2, backoff_factor=0.01)).efetch(["90000001"])
    assert len(eutils.calls("efetch")) == 3
    assert time.monotonic() - started < 2


def test_retry_after_beyond_the_cap_stops_at_once(eutils, make_client, fake_module):
    eutils.inject("esearch", fake_module.Fault(status=429, headers=(("Retry-After", "3600"),)))
    with pytest.raises(EutilsError, match="asked to wait 3600s"):
        make_client().esearch("biopython")
    assert len(eutils.calls("esearch")) == 1


def test_client_errors_are_not_retried(eutils, make_client, fake_module):
    eutils.inject("esearch", fake_module.Fault(status=400))
    with pytest.raises(EutilsError, match="HTTP 400.*not retried"):
        make_client().esearch("biopython")
    assert len(eutils.calls("esearch")) == 1


def test_stalled_response_times_out_and_is_retried(eutils, make_client, fake_module):
    eutils.inject("efetch", fake_module.Fault(stall=1.5))
    started = time.monotonic()
    body = make_client(timeout=0.3).efetch(["90000001"])
    elapsed = time.monotonic() - started
    assert b"90000001" in body
    assert len(eutils.calls("efetch")) == 2
    assert 0.3 <= elapsed < 1.4


def test_truncated_xml_body_is_retried(eutils, make_client, fake_module):
    eutils.inject("efetch", fake_module.Fault(truncate=True))
    body = make_client().efetch(["90000001", "90000002"])
    documents, errors = parse_pubmed_xml(body, "answer")
    assert errors == [] and len(documents) == 2
    assert len(eutils.calls("efetch")) == 2


def test_body_shorter_than_content_length_is_retried(eutils, make_client, fake_module):
    eutils.inject("esearch", fake_module.Fault(short=True))
    assert make_client().esearch("biopython").count == 63
    assert len(eutils.calls("esearch")) == 2


def test_connection_refused_is_retried_then_reported_without_secrets(caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = EutilsClient(f"http://127.0.0.1:{port}/eutils", email=EMAIL, api_key=API_KEY, timeout=1.0,
                          retry=RetryPolicy(max_retries=2, backoff_factor=0.01))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(EutilsError, match="gave up after 3 attempts.*ConnectionError") as raised:
        client.esearch("il6")
    assert caplog.text.count("retry") == 2
    for secret in (EMAIL, API_KEY, "curator%40example.org"):
        assert secret not in str(raised.value)
        assert secret not in caplog.text
    assert "***" in str(raised.value)
    assert API_KEY not in repr(client)


def test_rate_limit_without_key_is_at_most_3_per_second(eutils, make_client):
    client = make_client(api_key=None)
    released: list[float] = []
    limiter_wait = client.limiter.wait

    def recorded_wait() -> None:
        limiter_wait()
        released.append(time.monotonic())

    client.limiter.wait = recorded_wait
    for _ in range(5):
        client.esearch("biopython")
    times = [c.time for c in eutils.calls("esearch")]
    # any four consecutive requests span at least one second, as the server sees them
    assert all(b - a >= 1.0 for a, b in zip(times, times[3:]))
    # each single gap is checked where the client controls it (when the limiter lets a request go):
    # at the server, one request's arrival can lag behind by more than the limiter's 5% margin on a
    # loaded machine, which made this check fail in CI while the client kept its spacing
    assert len(released) == 5
    assert all(b - a >= 1 / 3 for a, b in zip(released, released[1:]))


def test_rate_limit_with_key_is_at_most_10_per_second(eutils, make_client):
    client = make_client()
    for _ in range(12):
        client.esearch("biopython")
    times = [c.time for c in eutils.calls("esearch")]
    assert all(b - a >= 1.0 for a, b in zip(times, times[10:]))
    assert all("api_key" in c.params for c in eutils.calls("esearch"))


def test_rate_limiter_spaces_calls_on_a_fake_clock():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(0.5, clock=lambda: now[0], sleep=sleep)
    limiter.wait()
    limiter.wait()
    now[0] += 2.0
    limiter.wait()
    assert slept == [0.5]


def test_parse_retry_after_seconds_and_http_date():
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now=now) == 0.0


def test_backoff_is_exponential_and_capped():
    policy = RetryPolicy(backoff_factor=0.5, max_backoff=3.0)
    assert [policy.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_error_documents_are_permanent_and_cut_bodies_retryable():
    with pytest.raises(EutilsError, match="E-utilities error: Empty id list"):
        _body_problem(b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>", "efetch", "PubmedArticleSet")
    with pytest.raises(EutilsError, match="expected <PubmedArticleSet>, got <html>"):
        _body_problem(b"<html><body>maintenance</body></html>", "efetch", "PubmedArticleSet")
    assert "malformed XML body" in _body_problem(b"<PubmedArticleSet><PubmedArt", "efetch", "PubmedArticleSet")
    assert _body_problem(b"<PubmedArticleSet/>", "efetch", "PubmedArticleSet") is None
    with pytest.raises(EutilsError, match="esearch: E-utilities error: Invalid query"):
        _parse_esearch(b"<eSearchResult><ERROR>Invalid query</ERROR></eSearchResult>", "((")
