"""Fixtures for the hardening tests: the PubMed fake server (reused from tests/pubmed) made slow on demand."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


@dataclass
class SlowEutils(fake_eutils.FakeEutils):
    """The fake server, answering each efetch after ``delay`` seconds (time to kill a client mid-fetch)."""

    delay: float = 0.0

    def efetch_body(self, ids: list[str]) -> bytes:
        time.sleep(self.delay)
        return super().efetch_body(ids)


@pytest.fixture
def eutils_server(shared_file: Callable[[str], Path]) -> Iterator[object]:
    """The fake E-utilities server of tests/pubmed, started on 127.0.0.1."""
    shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    server = fake_eutils.FakeEutils.from_shared(shared_file("data").parent).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def slow_eutils(shared_file: Callable[[str], Path]) -> Iterator[SlowEutils]:
    shared_file("data/pubmed/snapshot/pubmed_snapshot.xml")
    base = fake_eutils.FakeEutils.from_shared(shared_file("data").parent)
    server = SlowEutils(articles=base.articles, esearch_examples=base.esearch_examples).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def secrets_env() -> dict[str, str]:
    """An environment for subprocesses that carries the fake server's email and API key."""
    env = dict(os.environ)
    env["EVIDENCE_EMAIL"] = fake_eutils.EMAIL
    env["NCBI_API_KEY"] = fake_eutils.API_KEY
    env["PYTHONPATH"] = str(PROJECT_DIR)
    return env
