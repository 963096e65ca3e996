"""Shared test fixtures: where ../shared lives, and a helper that fails loudly when a file is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("EVIDENCE_SHARED_DIR", PROJECT_DIR.parent / "shared"))
REVIEW_PATH = PROJECT_DIR / "corpus" / "review.txt"


def shared_path(relative: str) -> Path:
    """Return ``../shared/<relative>``; fail the test (never skip) naming the file if it is missing."""
    path = SHARED_DIR / relative
    if not path.exists():
        pytest.fail(f"required shared file is missing: {path} (set EVIDENCE_SHARED_DIR or place ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def review_text() -> str:
    return REVIEW_PATH.read_text(encoding="utf-8")
