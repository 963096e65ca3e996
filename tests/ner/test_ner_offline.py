"""NER never touches the network and never imports the drug package's downloading finder."""

from __future__ import annotations

import socket
import sys

from pipeline.ner.factory import build_nlp
from pipeline.ner.recognize import recognize_mentions
from pipeline.records import Document


def test_pipeline_runs_with_sockets_disabled(monkeypatch, tmp_path):
    def refuse(*_args, **_kwargs):
        raise AssertionError("NER tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import pipeline.ner.resources as resources

    resources.get_matchers.cache_clear()  # rebuild the lexicons under the guard
    nlp = build_nlp(cache_dir=tmp_path / "no-cache")
    mentions = recognize_mentions([Document("d", "test", "", "Tocilizumab and paclitaxel in MCF-7 cells.")], nlp)
    assert {(m.text, m.norm_id) for m in mentions} >= {("Tocilizumab", "agent:tocilizumab"),
                                                       ("paclitaxel", "DB01229"), ("MCF-7", "CVCL_0031")}
    assert not any(name.startswith("drug_named_entity_recognition") for name in sys.modules), \
        "the drug package's finder (with its download helpers) was imported"
