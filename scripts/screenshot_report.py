"""Render report.html in headless Chromium at two widths: check its rows, plots and layout; save screenshots.

Usage::

    python scripts/screenshot_report.py outputs/report.html [--out-dir outputs] [--widths 1400 800]

For each width, a copy of the page with a small probe script is loaded with ``--dump-dom``:
the probe measures, after the page's own scripts ran, how far the page is wider than the
window (horizontal overflow, which must be 0 px: no sideways scrolling) and names the widest
elements; the DOM is parsed to check that the evidence table has rows and that every plot is
an SVG with drawn marks. The table's script is checked through the page's address (filtered
to one agent, sorted by grade). ``--screenshot`` then writes ``report-<width>.png``, decoded
(stdlib zlib + NumPy) to check that it is not blank. Prints what it measured; exits 1 when a
check fails. Needs Debian's ``chromium`` (``apt-get install -y chromium``); nothing is fetched,
and the page's CSP forbids any network access.
"""

from __future__ import annotations

import argparse
import html
import json
import re
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
#: Appended to a copy of the page: after its own scripts, write the layout measures into the DOM.
PROBE = """<script>window.addEventListener('load',function(){setTimeout(function(){
var d=document.documentElement,w=d.clientWidth,wide=[];document.querySelectorAll('body *').forEach(function(e){
var r=e.getBoundingClientRect();if(r.right>w+1&&wide.length<5)wide.push(e.tagName.toLowerCase()+(e.id?'#'+e.id:'')+
(e.className&&e.className.baseVal===undefined?'.'+e.className:'')+' '+Math.round(r.right))});
var rows=document.querySelectorAll('#evidence-table tbody tr'),shown=0;rows.forEach(function(r){
if(r.offsetParent!==null)shown++});document.body.setAttribute('data-layout',JSON.stringify({client:w,
scroll:d.scrollWidth,rows:rows.length,shown:shown,wide:wide}))},0)});</script>"""
_LAYOUT = re.compile(r'data-layout="([^"]*)"')


class DomCensus(HTMLParser):
    """The evidence table (headers, rows as cell texts, hidden rows) and the marks (rect/path) of each plot."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.row_data: list[dict[str, str]] = []
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
            self.row_data.append({k[5:]: v or "" for k, v in attrs if k.startswith("data-")})
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


def layout(report: Path, width: int, height: int, profile: Path) -> tuple[dict, DomCensus]:
    """Load a probed copy of ``report`` at ``width`` px: the probe's measures and the DOM census."""
    probed = profile / f"probe-{width}.html"
    page = report.read_text(encoding="utf-8")
    probed.write_text(page.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    dom = run_chromium([f"--window-size={width},{height}", "--virtual-time-budget=5000", "--dump-dom",
                        probed.as_uri()], profile)
    census = DomCensus()
    census.feed(dom.stdout)
    found = _LAYOUT.search(dom.stdout)
    return (json.loads(html.unescape(found.group(1))) if found else {}), census


def check_screenshot(png: Path, failures: list[str]) -> None:
    if not png.exists():
        failures.append(f"no screenshot written to {png}")
        return
    pixels = png_pixels(png)
    non_white = float((pixels.min(axis=2) < 245).mean())
    colours = len(np.unique(pixels.reshape(-1, 3)[::7], axis=0))
    print(f"screenshot {png}: {pixels.shape[1]}x{pixels.shape[0]}, {non_white:.1%} non-white pixels, "
          f"{colours} distinct colours (sampled)")
    if non_white < 0.02 or colours < 8:
        failures.append(f"the screenshot {png.name} looks blank")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path)
    parser.add_argument("--out-dir", type=Path, default=None, help="screenshot folder (default: beside the report)")
    parser.add_argument("--widths", type=int, nargs="+", default=[1400, 800])
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args(argv)
    report = args.report.resolve()
    out_dir = (args.out_dir or report.parent).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as folder:
        profile = Path(folder)
        for width in args.widths:
            measured, census = layout(report, width, args.height, profile)
            overflow = measured.get("scroll", 0) - measured.get("client", 0)
            print(f"width {width}: viewport {measured.get('client')} px, page {measured.get('scroll')} px "
                  f"(overflow {overflow} px), evidence rows {census.evidence_rows} ({measured.get('shown')} shown), "
                  f"plot marks {dict(sorted(census.marks.items()))}, widest {measured.get('wide')}")
            if not measured:
                failures.append(f"width {width}: the layout probe did not run")
            if census.evidence_rows == 0 or measured.get("shown", 0) == 0:
                failures.append(f"width {width}: the evidence table shows no rows")
            if overflow > 0:
                failures.append(f"width {width}: the page is {overflow} px wider than the window")
            for plot in PLOTS:
                if census.marks.get(plot, 0) == 0:
                    failures.append(f"width {width}: plot {plot} is missing or empty")
            png = out_dir / f"report-{width}.png"
            run_chromium([f"--screenshot={png}", f"--window-size={width},{args.height}", report.as_uri()], profile)
            check_screenshot(png, failures)
            # the evidence table itself: a copy of the page without the parts above it
            table_page = profile / f"table-{width}.html"
            table_page.write_text(report.read_text(encoding="utf-8").replace(
                "</style>", "header,#legend,#agents{display:none}</style>", 1), encoding="utf-8")
            table_png = out_dir / f"report-{width}-table.png"
            run_chromium([f"--screenshot={table_png}", f"--window-size={width},{args.height}", table_page.as_uri()],
                         profile)
            check_screenshot(table_png, failures)
        # the table's script: open the page filtered to one agent and sorted by grade
        agents = [row.get("agent", "") for row in census.row_data]
        agent = agents[0] if agents else ""
        query = urllib.parse.urlencode({"agent": agent, "sort": "grade"}, quote_via=urllib.parse.quote)
        scripted = run_chromium(["--virtual-time-budget=5000", "--dump-dom", f"{report.as_uri()}#{query}"], profile)
        filtered = DomCensus()
        filtered.feed(scripted.stdout)
        shown = filtered.evidence_rows - filtered.hidden_rows
        ranks = [int(row.get("grade", "0")) for row in filtered.row_data]
        print(f"script: agent {agent!r} shows {shown} of {filtered.evidence_rows} rows; sorted by grade: "
              f"{ranks == sorted(ranks)}")
        if len(set(agents)) > 1 and not 0 < shown < filtered.evidence_rows:
            failures.append("the agent filter did not run")
        if ranks != sorted(ranks):
            failures.append("sorting by grade did not reorder the table")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
