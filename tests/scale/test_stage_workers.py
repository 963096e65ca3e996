"""NER + relations over a baseline file: identical output with 1 or 2 local processes and on Dask."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from pipeline.ingest.corpus import segment_document
from pipeline.io import json_line
from pipeline.ner.work import EncodedMentions, recognize_chunk, recognize_lines
from pipeline.parallel import map_chunks
from pipeline.pubmed.baseline import BaselineReader
from pipeline.records import Document
from pipeline.relations.work import extract_chunk

BENCHMARK_ANNOTATE = Path(__file__).resolve().parents[2] / "benchmarks" / "annotate.py"

SENTENCES = (
    "Tocilizumab inhibited IL-6-induced STAT3 phosphorylation in MCF-7 cells.",
    "Siltuximab reduced tumour growth of MDA-MB-231 xenografts in mice.",
    "Bazedoxifene blocked gp130 signalling and suppressed proliferation of breast cancer cells.",
    "We found no association with survival.",
)


def write_baseline(path, count: int):
    body = "".join(
        f"<PubmedArticle><MedlineCitation><PMID Version=\"1\">{2000 + n}</PMID><Article>"
        f"<ArticleTitle>IL-6 blockade study {n}.</ArticleTitle><Abstract><AbstractText>"
        f"{SENTENCES[n % 4]} {SENTENCES[(n + 1) % 4]}</AbstractText></Abstract></Article>"
        f"</MedlineCitation></PubmedArticle>"
        for n in range(count))
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(f'<?xml version="1.0"?>\n<PubmedArticleSet>{body}</PubmedArticleSet>')
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    path = write_baseline(tmp_path_factory.mktemp("baseline") / "pubmed24n0001.xml.gz", 40)
    return [segment_document(d) for d in BaselineReader(path)]


def annotate(documents, **options):
    """NER, then relations, each through map_chunks with ``options``: per document, (mentions, relations)."""
    mentions = list(map_chunks(recognize_chunk, documents, chunk_size=6, **options))
    extracted = map_chunks(extract_chunk, [(d, m, []) for d, m in zip(documents, mentions)], chunk_size=6, **options)
    return [(found, relations) for found, (relations, _) in zip(mentions, extracted)]


@pytest.fixture(scope="module")
def one_worker(documents):
    return annotate(documents, workers=1)


def test_one_worker_finds_mentions_and_relations_with_checked_offsets(documents, one_worker):
    assert len(one_worker) == len(documents)
    texts = {d.doc_id: d.text for d in documents}
    mentions = [m for found, _ in one_worker for m in found]
    relations = [r for _, found in one_worker for r in found]
    assert mentions and relations
    for m in mentions:
        assert texts[m.doc_id][m.start:m.end] == m.text
    for r in relations:
        assert texts[r.doc_id][r.agent_start:r.agent_end] == r.agent_text
    assert {r.agent_id for r in relations} & {"agent:tocilizumab", "agent:siltuximab", "agent:bazedoxifene"}


def test_two_local_processes_give_identical_output(documents, one_worker):
    assert annotate(documents, workers=2) == one_worker


def test_dask_local_cluster_gives_identical_output(documents, one_worker):
    assert annotate(documents, workers=2, executor="dask") == one_worker


def test_chunk_functions_keep_one_result_per_document(documents, one_worker, monkeypatch):
    work = functools.partial(recognize_chunk, profile="fast")
    assert work(documents[:5]) == [found for found, _ in one_worker[:5]]
    twice = sorted(one_worker[0][0] * 2, key=lambda m: (m.start, m.end, m.label))
    assert work([documents[0], documents[0]]) == [twice, []]  # a repeated id: one sorted list, as in one call
    import pipeline.relations.work as work_module

    real = work_module.extract_relations

    def failing(docs, mentions, rows, **options):
        if docs[0].doc_id == documents[1].doc_id:
            raise ValueError("offsets out of range")
        return real(docs, mentions, rows, **options)

    monkeypatch.setattr(work_module, "extract_relations", failing)
    results = extract_chunk([(d, found, []) for d, (found, _) in zip(documents[:3], one_worker[:3])])
    assert results[0] == (one_worker[0][1], None) and results[2] == (one_worker[2][1], None)
    assert results[1] == ([], "relation extraction failed: offsets out of range")


def test_new_words_do_not_stay_in_the_vocabulary(documents, one_worker):
    from pipeline.ner.work import worker_nlp

    nlp = worker_nlp("fast")
    before = len(nlp.vocab.strings)
    unseen = [Document(doc_id=f"pmid:{9000 + n}", source="pubmed", title="",
                       text=f"Zorbluximab{n} inhibited qwertokinase{n} in XYZ-{n} cells.") for n in range(30)]
    recognize_chunk(unseen)
    assert len(nlp.vocab.strings) == before
    assert recognize_chunk(documents[:3]) == [found for found, _ in one_worker[:3]]


def test_benchmark_annotate_lines_encode_what_the_stage_work_functions_return(documents, one_worker):
    spec = importlib.util.spec_from_file_location("benchmark_annotate", BENCHMARK_ANNOTATE)
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    annotate_lines = benchmark.annotate_lines
    expected = [json_line({"doc_id": d.doc_id, "mentions": found, "relations": relations})
                for d, (found, relations) in zip(documents, one_worker)]
    assert list(map_chunks(annotate_lines, documents, workers=1, chunk_size=6)) == expected
    first = json.loads(expected[0])
    assert first["doc_id"] == documents[0].doc_id and first["mentions"][0]["text"] == one_worker[0][0][0].text


def test_recognize_lines_encode_each_documents_mentions(documents, one_worker):
    lines = [(n, json_line(d)) for n, d in enumerate(documents[:4], start=1)]
    results = recognize_lines(lines)
    assert [r.text for r in results] == ["".join(json_line(m) + "\n" for m in found) for found, _ in one_worker[:4]]
    assert [r.labels for r in results] == [tuple(m.label for m in found) for found, _ in one_worker[:4]]
    assert all(r.error is None for r in results)
    broken = recognize_lines(lines[:2] + [(3, "{")] + lines[3:])
    assert broken == [EncodedMentions(line=3, error="not valid JSON (Expecting property name enclosed in double "
                                                    "quotes)")]
