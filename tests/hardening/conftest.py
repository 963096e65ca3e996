"""Fixtures for the hardening tests: the PubMed fake server of tests/pubmed."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE.parent.parent
FAKE_MODULE = "pubmed_fake_eutils"


def load_fake_module():
    """``tests/pubmed/fake_eutils.py`` under the name its own conftest uses."""
    if FAKE_MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(FAKE_MODULE, PROJECT_DIR / "tests" / "pubmed" / "fake_eutils.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[FAKE_MODULE] = module
        spec.loader.exec_module(module)
    return sys.modules[FAKE_MODULE]


fake_eutils = load_fake_module()


@pytest.fixture
def eutils_server(shared_file: Callable[[str], Path]) -> Iterator[object]:
    """The fake E-utilities server of tests/pubmed, started on 127.0.0.1."""
    shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    server = fake_eutils.FakeEutils.from_shared(shared_file("data").parent).start()
    try:
        yield server
    finally:
        server.stop()

