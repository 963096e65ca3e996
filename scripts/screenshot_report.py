"""Render report.html in headless Chromium, check the table and plots are there, save a screenshot.

Usage::

    python scripts/screenshot_report.py outputs/report.html --png outputs/report.png

Two Chromium runs: ``--dump-dom`` (the DOM after scripts ran) is parsed to check
that the evidence table has rows and that every plot is an SVG with drawn marks;
``--screenshot`` writes the PNG, which is decoded (stdlib zlib + NumPy) to check
that it is not blank. Prints what it measured; exits 1 when a check fails.
Needs Debian's ``chromium`` (``apt-get install -y chromium``); nothing is fetched,
and the page's CSP forbids any network access.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")
PLOTS = ("plot-fields", "plot-kinds", "plot-agents", "plot-network")


class DomCensus(HTMLParser):
    """The evidence table (headers, rows as cell texts, hidden rows) and the marks (rect/path) of each plot."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.hidden_rows = 0
        self.marks: dict[str, int] = {}
        self._in_table = False
        self._in_tbody = False
        self._cell: list[str] | None = None
        self._svg: str | None = None

    @property
    def evidence_rows(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[str]:
        index = self.headers.index(name)
        return [row[index] for row in self.rows if len(row) > index]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id") == "evidence-table":
            self._in_table = True
        elif tag == "tbody" and self._in_table:
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self.rows.append([])
            self.hidden_rows += "display: none" in (attributes.get("style") or "")
        elif tag in ("td", "th") and self._in_table:
            self._cell = []
        elif tag == "svg":
            self._svg = attributes.get("id")
            if self._svg:
                self.marks.setdefault(self._svg, 0)
        elif tag in ("rect", "path") and self._svg:
            self.marks[self._svg] += 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            (self.rows[-1] if tag == "td" and self._in_tbody else self.headers).append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_tbody = False
        elif tag == "svg":
            self._svg = None


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no chromium on PATH: apt-get install -y chromium")


def run_chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    command = [chromium_binary(), *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def png_pixels(path: Path) -> np.ndarray:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into an array."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    position, idat, width = 8, b"", 0
    height = bit_depth = colour = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, bit_depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    if bit_depth != 8 or colour not in (2, 6):
        raise ValueError(f"{path}: unsupported PNG (bit depth {bit_depth}, colour type {colour})")
    channels = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8)
    stride = width * channels
    rows = raw.reshape(height, stride + 1)
    out = np.zeros((height, stride), dtype=np.int32)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            current = line
        elif kind == 2:
            current = (line + previous) % 256
        else:  # Sub, Average and Paeth depend on the pixel to the left: decode pixel by pixel
            current = np.zeros(stride, dtype=np.int32)
            for x in range(stride):
                left = current[x - channels] if x >= channels else 0
                up, up_left = previous[x], previous[x - channels] if x >= channels else 0
                if kind == 1:
                    predictor = left
                elif kind == 3:
                    predictor = (left + up) // 2
                else:
                    p = left + up - up_left
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                    predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                current[x] = (line[x] + predictor) % 256
        out[y] = current
        previous = current
    return out.reshape(height, width, channels)[:, :, :3].astype(np.uint8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path)
    parser.add_argument("--png", type=Path, default=None, help="screenshot path (default: beside the report)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args(argv)
    report = args.report.resolve()
    png = (args.png or report.with_suffix(".png")).resolve()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        dom = run_chromium(["--virtual-time-budget=5000", "--dump-dom", report.as_uri()], Path(profile))
        census = DomCensus()
        census.feed(dom.stdout)
        print(f"DOM: {len(dom.stdout)} characters, evidence-table rows {census.evidence_rows}, "
              f"plot marks {dict(sorted(census.marks.items()))}")
        if census.evidence_rows == 0:
            failures.append("the evidence table has no rows")
        for plot in PLOTS:
            if census.marks.get(plot, 0) == 0:
                failures.append(f"plot {plot} is missing or empty")
        # the table's script: open the page filtered to the first row's agent and sorted by evidence count
        agent = census.column("agent")[0] if census.rows else ""
        query = urllib.parse.urlencode({"filter": agent, "sort": "evidence_count"}, quote_via=urllib.parse.quote)
        scripted = run_chromium(["--virtual-time-budget=5000", "--dump-dom", f"{report.as_uri()}#{query}"],
                                Path(profile))
        filtered = DomCensus()
        filtered.feed(scripted.stdout)
        shown = filtered.evidence_rows - filtered.hidden_rows
        counts = [int(v) for v in filtered.column("evidence_count")] if filtered.rows else []
        print(f"script: filter {agent!r} shows {shown} of {filtered.evidence_rows} rows; sorted by evidence_count: "
              f"{counts == sorted(counts)} (was {census.column('evidence_count')[:5]}..., now {counts[:5]}...)")
        if len(set(census.column("agent"))) > 1 and not 0 < shown < filtered.evidence_rows:
            failures.append("the table filter did not run")
        if counts != sorted(counts):
            failures.append("sorting by evidence_count did not reorder the table")
        shot = run_chromium([f"--screenshot={png}", f"--window-size={args.width},{args.height}", report.as_uri()],
                            Path(profile))
    if not png.exists():
        failures.append(f"no screenshot written ({shot.stderr.strip()[-300:]})")
    else:
        pixels = png_pixels(png)
        non_white = float((pixels.min(axis=2) < 245).mean())
        colours = len(np.unique(pixels.reshape(-1, 3)[::7], axis=0))
        print(f"screenshot {png}: {pixels.shape[1]}x{pixels.shape[0]}, {non_white:.1%} non-white pixels, "
              f"{colours} distinct colours (sampled)")
        if non_white < 0.02 or colours < 8:
            failures.append("the screenshot looks blank")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
