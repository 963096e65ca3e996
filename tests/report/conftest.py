"""The report tests reuse the reconcile tests' hand-built run (tests/reconcile/fixture_run.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

FIXTURE_FILE = Path(__file__).resolve().parent.parent / "reconcile" / "fixture_run.py"


@pytest.fixture(scope="session")
def fx() -> ModuleType:
    spec = importlib.util.spec_from_file_location("report_fixture_run", FIXTURE_FILE)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module
