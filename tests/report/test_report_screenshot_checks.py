"""The checks of scripts/screenshot_report.py that need no browser: the DOM census and the PNG decoder."""

from __future__ import annotations

import importlib.util
import struct
import zlib
from pathlib import Path

import numpy as np

from pipeline.context import PROJECT_DIR, RunContext
from shared_fixtures import run_stage
from pipeline.stages import STAGE_FILES

SCRIPT = PROJECT_DIR / "scripts" / "screenshot_report.py"


def _script():
    spec = importlib.util.spec_from_file_location("screenshot_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _png(pixels: np.ndarray, filters: list[int]) -> bytes:
    """Encode RGB ``pixels`` with the given per-row PNG filter (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth)."""
    height, width, _ = pixels.shape
    rows = pixels.reshape(height, width * 3).astype(np.int32)
    raw = b""
    for y, kind in enumerate(filters):
        line, up = rows[y], rows[y - 1] if y else np.zeros_like(rows[0])
        encoded = []
        for x in range(line.size):
            left = line[x - 3] if x >= 3 else 0
            up_left = up[x - 3] if x >= 3 else 0
            p = left + up[x] - up_left
            paeth = (left if abs(p - left) <= abs(p - up[x]) and abs(p - left) <= abs(p - up_left)
                     else up[x] if abs(p - up[x]) <= abs(p - up_left) else up_left)
            predictor = (0, left, up[x], (left + up[x]) // 2, paeth)[kind]
            encoded.append((line[x] - predictor) % 256)
        raw += bytes([kind]) + bytes(encoded)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_png_decoder_undoes_every_filter(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(5, 4, 3), dtype=np.uint8)
    path = tmp_path / "tiny.png"
    path.write_bytes(_png(pixels, [0, 1, 2, 3, 4]))
    assert np.array_equal(_script().png_pixels(path), pixels)


def test_dom_census_counts_table_rows_and_plot_marks(fx, tmp_path: Path) -> None:
    fx.write_run(tmp_path)
    context = RunContext(out_dir=tmp_path, gold_dir=fx.GOLD_DIR)
    run_stage("reconcile", context)
    run_stage("report", context)
    census = _script().DomCensus()
    census.feed((tmp_path / STAGE_FILES["report"]).read_text(encoding="utf-8"))
    assert census.evidence_rows == (tmp_path / STAGE_FILES["evidence_csv"]).read_text(encoding="utf-8").count("\nev:")
    assert all(census.marks.get(plot, 0) > 0 for plot in _script().PLOTS)
