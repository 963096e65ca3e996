"""A fake NCBI E-utilities server on 127.0.0.1 for tests and measurements.

It serves the real wire formats of ``../shared/data/pubmed/eutils_examples/``:
the example esearch answer verbatim for the term ``biopython``, generated
``eSearchResult`` pages for configured terms, and efetch ``PubmedArticleSet``
answers assembled from the raw bytes of real articles (split out of the example
files and the snapshot with a regular expression, independently of the code
under test), plus two articles written here (``WRITTEN_ARTICLES``, PMIDs 90000001 and 90000002,
beyond any real PMID). Tests fetch those two by name: the snapshot is reserved for blind
evaluation, so no test names a snapshot PMID. Faults are injected per endpoint and consumed in order.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PREFIX = "/entrez/eutils"
EMAIL = "curator@example.org"
API_KEY = "k3y-not-real-0123456789"
_ARTICLE = re.compile(rb"<PubmedArticle>.*?</PubmedArticle>", re.S)
_PMID = re.compile(rb"<PMID[^>]*>([0-9]+)</PMID>")
_EFETCH_HEAD = (b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
                b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
                b"<PubmedArticleSet>\n")
# Two articles written for the tests, in the snapshot's layout (PMID, title, abstract).
_WRITTEN = (("90000001", "Drug A lowers marker B in cultured cells.",
             "Drug A reduced marker B in cell line C. The effect was reversed by agent D."),
            ("90000002", "Agent D raises marker B.", "Agent D increased marker B in cell line C."))
WRITTEN_ARTICLES = {pmid: (f"<PubmedArticle>\n  <MedlineCitation>\n    <PMID Version=\"1\">{pmid}</PMID>\n"
                           f"    <Article>\n      <ArticleTitle>{title}</ArticleTitle>\n      <Abstract>\n"
                           f"        <AbstractText>{text}</AbstractText>\n      </Abstract>\n    </Article>\n"
                           f"  </MedlineCitation>\n</PubmedArticle>").encode()
                    for pmid, title, text in _WRITTEN}
_ESEARCH_HEAD = (b'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch '
                 b'20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n')


@dataclass(frozen=True)
class Fault:
    """One injected misbehaviour.

    ``status`` answers with that HTTP status (and ``headers``); ``stall`` sleeps that
    many seconds and sends nothing; ``truncate`` answers 200 with a well-framed body
    cut in the middle of the XML; ``short`` announces more bytes than it sends and
    closes the connection.
    """

    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    stall: float = 0.0
    truncate: bool = False
    short: bool = False


PASS = Fault()  # a normal answer, to queue a fault behind some good answers


@dataclass
class Request:
    time: float
    method: str
    endpoint: str
    params: dict[str, str]
    fault: Fault | None = None


@dataclass
class FakeEutils:
    """The server's state: articles by PMID, search results by term, faults, and a request log."""

    articles: dict[str, bytes]
    esearch_examples: dict[str, bytes] = field(default_factory=dict)
    searches: dict[str, list[str]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    faults: dict[str, deque[Fault]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    @classmethod
    def from_shared(cls, shared_dir: Path) -> FakeEutils:
        pubmed = Path(shared_dir) / "data" / "pubmed"
        sources = [pubmed / "eutils_examples" / "biopython_Tests_Entrez_pubmed1.xml",
                   pubmed / "eutils_examples" / "biopython_Tests_Entrez_pubmed2.xml",
                   pubmed / "snapshot" / "pubmed_snapshot.xml"]
        articles: dict[str, bytes] = dict(WRITTEN_ARTICLES)
        for path in sources:
            for match in _ARTICLE.finditer(path.read_bytes()):
                pmid = _PMID.search(match.group(0)).group(1).decode()
                articles.setdefault(pmid, match.group(0))
        example = (pubmed / "eutils_examples" / "biopython_Tests_Entrez_esearch1.xml").read_bytes()
        return cls(articles=articles, esearch_examples={"biopython": example})

    # -- control ---------------------------------------------------------------------------------

    def start(self) -> FakeEutils:
        state = self

        class Handler(_Handler):
            fake = state

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server is not None, "server not started"
        return f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"

    def inject(self, endpoint: str, *faults: Fault) -> None:
        with self.lock:
            self.faults.setdefault(endpoint, deque()).extend(faults)

    def calls(self, endpoint: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.endpoint == endpoint]

    def fetched_ids(self) -> list[str]:
        """Every PMID asked for by an efetch that got a normal answer."""
        ids: list[str] = []
        for request in self.calls("efetch"):
            if request.fault is None:
                ids.extend(i for i in request.params.get("id", "").split(",") if i)
        return ids

    # -- answers ---------------------------------------------------------------------------------

    def efetch_body(self, ids: list[str]) -> bytes:
        return _EFETCH_HEAD + b"\n".join(self.articles[i] for i in ids if i in self.articles) + b"\n</PubmedArticleSet>\n"

    def esearch_body(self, params: dict[str, str]) -> bytes:
        term = params.get("term", "")
        if term in self.esearch_examples:
            return self.esearch_examples[term]
        ids = self.searches.get(term, [])
        start, size = int(params.get("retstart", "0")), int(params.get("retmax", "20"))
        page = ids[start:start + size]
        id_list = ("<IdList>\n" + "".join(f"<Id>{i}</Id>\n" for i in page) + "</IdList>") if page else "<IdList/>"
        errors = "" if ids else f"<ErrorList><PhraseNotFound>{term}</PhraseNotFound></ErrorList>"
        body = (f"<eSearchResult><Count>{len(ids)}</Count><RetMax>{len(page)}</RetMax><RetStart>{start}</RetStart>"
                f"{id_list}<TranslationSet/>{errors}<QueryTranslation>{term}</QueryTranslation></eSearchResult>\n")
        return _ESEARCH_HEAD + body.encode()


class _Handler(BaseHTTPRequestHandler):
    fake: FakeEutils
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the access log
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(urlsplit(self.path).query)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        self._answer(self.rfile.read(length).decode())

    def _answer(self, query: str) -> None:
        path = urlsplit(self.path).path
        endpoint = path.rsplit("/", 1)[-1].removesuffix(".fcgi")
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        fake = self.fake
        with fake.lock:
            queue = fake.faults.get(endpoint)
            fault = queue.popleft() if queue else None
            fault = None if fault == PASS else fault
            fake.requests.append(Request(time.monotonic(), self.command, endpoint, params, fault))
        if not path.startswith(PREFIX) or endpoint not in ("esearch", "efetch"):
            self._send(404, b"not found", "text/plain")
            return
        if fault is not None and fault.stall:
            time.sleep(fault.stall)
            self.close_connection = True
            return
        if fault is not None and fault.status is not None:
            self._send(fault.status, b"fault", "text/plain", fault.headers)
            return
        if endpoint == "efetch":
            ids = [i for i in params.get("id", "").split(",") if i]
            body = fake.efetch_body(ids) if ids else b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>"
        else:
            body = fake.esearch_body(params)
        if fault is not None and fault.truncate:
            body = body[: len(body) // 2]
        if fault is not None and fault.short:
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self._send(200, body, "text/xml; charset=UTF-8")

    def _send(self, status: int, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
