"""Gives the reconcile tests the hand-built fixture run of ``fixture_run.py``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

FIXTURE_FILE = Path(__file__).resolve().parent / "fixture_run.py"


def load_fixture_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reconcile_fixture_run", FIXTURE_FILE)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fx() -> ModuleType:
    return load_fixture_module()
