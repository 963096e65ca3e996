"""Resource limits on PubMed answers, and the NCBI email / API key kept out of logs, files and manifests."""

from __future__ import annotations

import functools
import json
import logging
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, quote_plus

import pytest

from pipeline.cli import main
from pipeline.context import RunContext
from pipeline.manifest import build_manifest, collect_inputs, utc_now
from pipeline.pubmed.client import EutilsClient, EutilsError, ResponseTooLargeError, RetryPolicy

import pubmed_fake_eutils as fake_eutils  # registered by tests/hardening/conftest.py

EMAIL = fake_eutils.EMAIL
API_KEY = fake_eutils.API_KEY
SECRET_FORMS = sorted({form for secret in (EMAIL, API_KEY) for form in (secret, quote(secret, safe=""),
                                                                         quote_plus(secret))})


@functools.cache
def _gzip_bomb() -> bytes:
    """200 MB of zeros as a gzip stream of about 200 KB, built a megabyte at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip framing
    block = b"0" * 1_000_000
    return b"".join([*(compressor.compress(block) for _ in range(200)), compressor.flush()])


class _Hostile(BaseHTTPRequestHandler):
    """``/endless`` streams without a Content-Length until the client hangs up; ``/gzip`` sends the
    bomb above; ``/echo`` answers 400 with the request line (query string, email and key included)
    in its body; ``/huge`` announces a body of 10 GB."""

    protocol_version = "HTTP/1.0"
    sent: list[int] = []

    def log_message(self, *_args) -> None:
        return

    def do_GET(self) -> None:  # noqa: N802
        if "/endless/" in self.path:
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            chunk = b"<PubmedArticleSet>" + b"x" * 65536
            try:
                for _ in range(10_000):  # 650 MB at most, far beyond any limit used here
                    self.wfile.write(chunk)
                    type(self).sent.append(len(chunk))
            except OSError:
                return
        elif "/gzip/" in self.path:
            body = _gzip_bomb()
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif "/echo/" in self.path:
            body = f"bad request: {self.requestline}".encode()
            self.send_response(400)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 1024**3))
            self.end_headers()
            self.wfile.write(b"<PubmedArticleSet>")


@pytest.fixture
def hostile_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    _Hostile.sent = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _client(url: str, **overrides) -> EutilsClient:
    settings = {"email": EMAIL, "api_key": API_KEY, "timeout": 5.0,
                "retry": RetryPolicy(max_retries=2, backoff_factor=0.01, max_backoff=0.1), "sleep": lambda _s: None}
    settings.update(overrides)
    return EutilsClient(url, **settings)


def test_an_endless_response_is_cut_at_the_limit_and_not_retried(hostile_server):
    client = _client(f"{hostile_server}/endless", max_response_bytes=1_000_000)
    with pytest.raises(ResponseTooLargeError, match=r"efetch: response is over the limit of 1000000 bytes"):
        client.efetch(["90000001"])
    # The client stopped reading at the limit: the server could send little more than socket buffers hold.
    assert sum(_Hostile.sent) < 50_000_000


def test_a_compressed_answer_is_limited_by_its_decompressed_size(hostile_server):
    client = _client(f"{hostile_server}/gzip", max_response_bytes=5_000_000)
    with pytest.raises(ResponseTooLargeError, match=r"over the limit of 5000000 bytes"):
        client.efetch(["90000001"])


def test_an_announced_oversized_response_is_refused_unread(hostile_server):
    client = _client(f"{hostile_server}/huge", max_response_bytes=1_000_000)
    with pytest.raises(ResponseTooLargeError, match=r"announces 10737418240 bytes, over the limit of 1000000"):
        client.efetch(["90000001"])


def test_fetch_command_refuses_an_oversized_answer_and_writes_nothing(eutils_server, tmp_path, capsys):
    cache = tmp_path / "cache"
    code = main(["pubmed", "fetch", "--pmids", str(_pmid_file(tmp_path)), "--eutils-url", eutils_server.url,
                 "--email", EMAIL, "--api-key", API_KEY, "--cache-dir", str(cache), "--max-response-bytes", "2000"])
    err = capsys.readouterr().err
    assert code == 1
    assert "over the limit of 2000 bytes" in err and "--max-response-bytes" in err
    assert len(eutils_server.calls("efetch")) == 1
    assert not cache.exists() or not list(cache.glob("*.xml"))


def test_out_of_range_batch_size_is_a_named_error_not_a_traceback(tmp_path, capsys):
    code = main(["pubmed", "fetch", "--pmids", str(_pmid_file(tmp_path)), "--email", EMAIL, "--batch-size", "500",
                 "--cache-dir", str(tmp_path / "cache")])
    assert code == 1
    assert "options: batch_size must be 1..200, got 500" in capsys.readouterr().err


def _pmid_file(tmp_path):
    path = tmp_path / "pmids.txt"
    path.write_text("90000001\n90000002\n12091962\n")
    return path


def _assert_no_secret(text: str, where: str) -> None:
    for form in SECRET_FORMS:
        assert form not in text, f"{form!r} appears in {where}"


def test_secrets_stay_out_of_logs_output_cache_files_and_manifest(eutils_server, tmp_path, capsys, caplog,
                                                                  monkeypatch):
    """A fetch through faults (429, 500, a cut body, a short body) with every logger at DEBUG (urllib3
    logs each request URL there), then a run manifest over the cache."""
    fault = fake_eutils.Fault
    eutils_server.inject("efetch", fault(status=429, headers=(("Retry-After", "0"),)), fault(status=500),
                         fault(truncate=True), fault(short=True))
    monkeypatch.setattr(RetryPolicy, "backoff", lambda _self, _n: 0.01)
    monkeypatch.setenv("EVIDENCE_EMAIL", EMAIL)
    monkeypatch.setenv("NCBI_API_KEY", API_KEY)
    cache = tmp_path / "cache"
    pmids = _pmid_file(tmp_path)
    pmids.write_text("90000001\n90000002\n12091962\n1\n")  # PMID 1 is absent from the server: not_found.jsonl
    with caplog.at_level(logging.DEBUG):
        code = main(["-v", "pubmed", "fetch", "--pmids", str(pmids), "--eutils-url", eutils_server.url,
                     "--cache-dir", str(cache), "--max-retries", "5", "--timeout", "2"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert sum("retry" in r.getMessage() for r in caplog.records) == 4  # the faults really were met
    # The request lines of this client and of urllib3 were logged, masked.
    assert any("***" in r.getMessage() and r.name == "pipeline.pubmed.client" for r in caplog.records)
    assert any("***" in r.getMessage() and r.name.startswith("urllib3") for r in caplog.records)
    _assert_no_secret(caplog.text + "\n".join(r.getMessage() for r in caplog.records), "the log")
    _assert_no_secret(out.out + out.err, "the command's output")
    files = sorted(cache.iterdir())
    assert {p.name for p in files} >= {"manifest.jsonl", "not_found.jsonl", "90000001.xml"}
    for path in files:
        _assert_no_secret(path.read_text(encoding="utf-8"), str(path))
    context = RunContext(out_dir=tmp_path / "out", pubmed_cache=cache, options=(("run_id", "r1"),))
    inputs = collect_inputs(context)
    assert any(name.endswith("90000001.xml") for name in inputs)
    manifest = build_manifest(run_id="r1", started=utc_now(), finished=utc_now(), context=context, inputs=inputs,
                              counts={}, errors=[])
    _assert_no_secret(json.dumps(manifest), "the run manifest")


def test_an_error_body_echoing_the_request_is_masked(hostile_server):
    client = _client(f"{hostile_server}/echo")
    with pytest.raises(EutilsError) as raised:
        client.esearch("interleukin-6")
    message = str(raised.value)
    assert "HTTP 400" in message and "email=***" in message
    _assert_no_secret(message, "the error message")
    _assert_no_secret(repr(client), "repr(client)")
