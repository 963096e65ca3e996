"""Fixtures for the PubMed tests: the fake E-utilities server and fast client settings."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _load_fake_module():
    # Registered under this name so that test modules can ``from pubmed_fake_eutils import ...``
    # (pytest runs with --import-mode=importlib, so tests/pubmed is not on sys.path).
    name = "pubmed_fake_eutils"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "fake_eutils.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


fake_eutils = _load_fake_module()


@pytest.fixture(scope="session")
def fake_module():
    """The fake server module (``Fault``, ``FakeEutils``)."""
    return fake_eutils


@pytest.fixture
def eutils(shared_file: Callable[[str], Path]) -> Iterator[object]:
    """A started fake E-utilities server on 127.0.0.1 (port 0), stopped after the test."""
    shared_file("data/pubmed/eutils_examples/biopython_Tests_Entrez_esearch1.xml")
    shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    server = fake_eutils.FakeEutils.from_shared(shared_file("data").parent).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def make_client(eutils):
    """Build an ``EutilsClient`` against the fake server with a tiny backoff and short timeout."""
    from pipeline.pubmed.client import EutilsClient, RetryPolicy

    def build(**overrides):
        settings = {"email": fake_eutils.EMAIL, "api_key": fake_eutils.API_KEY, "timeout": 2.0,
                    "retry": RetryPolicy(max_retries=3, backoff_factor=0.05, max_backoff=2.0)}
        settings.update(overrides)
        return EutilsClient(eutils.url, **settings)

    return build
