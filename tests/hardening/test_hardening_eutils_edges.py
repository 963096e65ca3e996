"""The E-utilities client against a misbehaving server on 127.0.0.1: redirects, trickled bodies, odd headers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from pipeline.cli import EXIT_FAILED, main
from pipeline.pubmed.client import DeadlineError, EutilsClient, EutilsError, RetryPolicy

EMAIL = "curator@example.org"
API_KEY = "k3y-not-real-0123456789"
ARTICLE_SET = (b'<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>90000001</PMID>'
               b'<Article><ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle>'
               b'</PubmedArticleSet>\n')


class _Server:
    """Answers by path: /redirect-to?<url>, /loop, /same (a redirect to /ok), /ok, /trickle, /odd-length."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802
                self._answer(b"")

            def do_POST(self) -> None:  # noqa: N802
                self._answer(self.rfile.read(int(self.headers.get("Content-Length", "0"))))

            def _answer(self, body: bytes) -> None:
                owner.requests.append((self.command, self.path, body))
                path = urlsplit(self.path).path
                if path.startswith("/redirect"):
                    self._redirect(owner.target)
                elif path.startswith("/loop"):
                    self._redirect(f"/loop/efetch.fcgi?n={len(owner.requests)}")
                elif path.startswith("/same"):
                    self._redirect("/ok/efetch.fcgi?db=pubmed&id=90000001")
                elif path.startswith("/trickle"):
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(ARTICLE_SET)))
                    self.end_headers()
                    for byte in ARTICLE_SET:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.05)
                elif path.startswith("/odd-length"):
                    self.send_response(200)
                    self.send_header("Content-Length", "1\u00b2".encode("utf-8").decode("latin-1"))
                    self.end_headers()
                    self.wfile.write(ARTICLE_SET)
                    self.close_connection = True
                else:
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(ARTICLE_SET)))
                    self.end_headers()
                    self.wfile.write(ARTICLE_SET)

            def _redirect(self, location: str) -> None:
                self.send_response(307)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.target = ""
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers() -> Iterator[tuple[_Server, _Server]]:
    first, other = _Server(), _Server()
    try:
        yield first, other
    finally:
        first.stop()
        other.stop()


def _client(url: str, **overrides) -> EutilsClient:
    settings = {"email": EMAIL, "api_key": API_KEY, "timeout": 5.0,
                "retry": RetryPolicy(max_retries=2, backoff_factor=0.01, max_backoff=0.1)}
    settings.update(overrides)
    return EutilsClient(url, **settings)


@pytest.mark.parametrize("target", ["http://127.0.0.1:{other}/steal", "https://127.0.0.1:{port}/steal",
                                    "http://localhost:{port}/steal", "//127.0.0.1:{other}/steal"])
@pytest.mark.parametrize("ids", [["90000001"], [str(n) for n in range(10000001, 10000151)]])  # GET, then POST
def test_a_redirect_to_another_origin_is_an_error_and_sends_no_credentials(servers, target, ids):
    first, other = servers
    port = first.httpd.server_address[1]
    first.target = target.format(other=other.httpd.server_address[1], port=port)
    client = _client(f"{first.url}/redirect")
    with pytest.raises(EutilsError, match=r"efetch: HTTP 307 redirect to .*steal.*not followed") as caught:
        client.efetch(ids)
    assert other.requests == []
    assert EMAIL not in str(caught.value) and API_KEY not in str(caught.value)


def test_a_same_origin_redirect_is_followed(servers):
    first, _ = servers
    assert b"<PMID>90000001</PMID>" in _client(f"{first.url}/same").efetch(["90000001"])
    assert [path.split("?")[0] for _, path, _ in first.requests] == ["/same/efetch.fcgi", "/ok/efetch.fcgi"]


def test_every_redirect_hop_waits_for_the_rate_limiter(servers):
    first, _ = servers
    waits: list[float] = []
    client = _client(f"{first.url}/loop", sleep=waits.append, retry=RetryPolicy(max_retries=0))
    with pytest.raises(EutilsError, match="more than 5 redirects"):
        client.efetch(["90000001"])
    hops = len(first.requests)
    assert hops == 6
    # the first request does not wait; every hop after it does (the clock does not move while sleeps are recorded)
    assert len(waits) >= hops - 1 and all(w > 0 for w in waits)


def test_a_trickled_body_ends_at_the_deadline(servers):
    first, _ = servers
    client = _client(f"{first.url}/trickle", timeout=1.0, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(DeadlineError, match="efetch: no complete answer within the request deadline"):
        client.efetch(["90000001"])
    assert time.monotonic() - started < 5


def test_the_deadline_defaults_to_a_few_timeouts():
    assert _client("http://127.0.0.1:9", timeout=2.0).deadline == 8.0
    with pytest.raises(ValueError, match="deadline"):
        _client("http://127.0.0.1:9", deadline=float("nan"))


def test_a_content_length_in_another_script_is_a_named_error(servers):
    first, _ = servers
    with pytest.raises(EutilsError, match="Content-Length is not a number"):
        _client(f"{first.url}/odd-length").efetch(["90000001"])


def test_fetch_command_reports_a_cross_host_redirect_without_a_traceback(servers, tmp_path, capsys):
    first, other = servers
    first.target = f"{other.url}/steal"
    pmids = tmp_path / "pmids.txt"
    pmids.write_text("90000001\n")
    code = main(["pubmed", "fetch", "--pmids", str(pmids), "--cache-dir", str(tmp_path / "cache"),
                 "--email", EMAIL, "--api-key", API_KEY, "--eutils-url", f"{first.url}/redirect"])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED and "redirect" in err and "Traceback" not in err
    assert API_KEY not in err and other.requests == []
