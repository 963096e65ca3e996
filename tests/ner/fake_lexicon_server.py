"""A fake download server on 127.0.0.1 for ``evidence lexicon fetch``: serves files, honours Range, injects faults.

``files`` maps a URL path to the bytes' file (the shared copies, read at test time). A fault queued for a
path is used by its next request: ``"cut"`` announces the whole body but sends half and closes the
connection; ``"503"`` answers 503 with ``Retry-After: 0``.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class FakeLexiconServer:
    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files
        self.faults: dict[str, deque[str]] = defaultdict(deque)
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> FakeLexiconServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the access log
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                owner.requests.append((self.path, self.headers.get("Range")))
                if self.path not in owner.files:
                    self.send_error(404)
                    return
                fault = owner.faults[self.path].popleft() if owner.faults[self.path] else None
                if fault == "503":
                    self.send_response(503)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = owner.files[self.path].read_bytes()
                start = 0
                wanted = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
                if wanted:
                    start = int(wanted.group(1))
                    if start >= len(body):
                        self.send_response(416)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                if fault == "cut":
                    self.wfile.write(body[start:start + (len(body) - start) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body[start:])

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"
