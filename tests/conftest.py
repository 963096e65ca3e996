"""Shared test fixtures: where ../shared lives, a helper that fails loudly when a file is absent, and ``fx``.

``fx`` is the helper module ``tests/shared_fixtures.py`` (also importable as ``shared_fixtures``).

Tests that need a file from ``../shared`` take the ``shared_file`` fixture and call it with the
path relative to ``shared/``: a missing file fails the test with its name, it never skips.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import shared_fixtures

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("EVIDENCE_SHARED_DIR", PROJECT_DIR.parent / "shared"))
REVIEW_PATH = PROJECT_DIR / "corpus" / "review.txt"


def _shared_path(relative: str) -> Path:
    path = SHARED_DIR / relative
    if not path.exists():
        pytest.fail(f"required shared file is missing: {path} "
                    "(place ../shared beside the repository or set EVIDENCE_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def shared_file() -> Callable[[str], Path]:
    """``shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")`` -> that path, or a failed test."""
    return _shared_path


@pytest.fixture(scope="session")
def fx():  # noqa: ANN201 - the module
    """The shared helpers and the hand-built fixture run (``tests/shared_fixtures.py``)."""
    return shared_fixtures


@pytest.fixture(scope="session")
def review_text() -> str:
    return REVIEW_PATH.read_text(encoding="utf-8")


# Property-based tests run a small budget by default; `make fuzz` runs the same tests with 10,000
# cases each (EVIDENCE_HYPOTHESIS_PROFILE=fuzz).
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - hypothesis is a test extra
    pass
else:
    settings.register_profile("default", max_examples=60, deadline=None)
    settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("EVIDENCE_HYPOTHESIS_PROFILE", "default"))
