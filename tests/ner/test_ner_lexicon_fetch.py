"""``evidence lexicon fetch`` against a fake server on 127.0.0.1 serving the shared copies."""

from __future__ import annotations

import json
import zipfile

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.lexicon_build import CELL_LINE_FILES, HGNC_FILE, build_cache
from pipeline.evaluation.lexicon_fetch import Fetcher, FetchError, Source, fetch_sources, read_sources, sha256_of

from .fake_lexicon_server import FakeLexiconServer

SHARED_FILES = [HGNC_FILE, *CELL_LINE_FILES.values(),
                "drugbank_vocabulary/drugbank_vocabulary__MediGraph-8c5ac30.csv.gz"]


def _fetcher():
    return Fetcher(min_interval=0.0, timeout=5.0, max_retries=3, sleep=lambda _s: None)


@pytest.fixture()
def server(shared_file):
    files = {f"/files/{name}": shared_file(f"data/lexicons/{name}") for name in SHARED_FILES}
    with FakeLexiconServer(files) as fake:
        yield fake


def _sources(server):
    return [Source(name.split("/")[-1], f"{server.url}/files/{name}", name) for name in SHARED_FILES]


def test_fetch_resumes_after_a_cut_and_records_checksums(server, shared_file, tmp_path):
    cut = f"/files/{CELL_LINE_FILES['depmap']}"
    server.faults[cut].extend(["cut", "503"])
    result = fetch_sources(tmp_path, sources=_sources(server), fetcher=_fetcher())
    assert set(result.values()) == {"fetched"}
    for name in SHARED_FILES:
        assert (tmp_path / name).read_bytes() == shared_file(f"data/lexicons/{name}").read_bytes()
    ranges = [r for path, r in server.requests if path == cut]
    assert ranges[0] is None and ranges[-1] is not None and ranges[-1].startswith("bytes=")  # resumed, not restarted
    manifest = json.loads((tmp_path / "fetch_manifest.json").read_text())
    assert manifest["depmap__Model.csv"]["sha256"] == sha256_of(tmp_path / CELL_LINE_FILES["depmap"])
    # Everything is present and matches the manifest: a second run downloads nothing.
    before = len(server.requests)
    assert set(fetch_sources(tmp_path, sources=_sources(server), fetcher=_fetcher()).values()) == {"kept"}
    assert len(server.requests) == before
    # `lexicon build` reads the fetched folder.
    counts = build_cache(tmp_path, cache_dir=tmp_path / "cache")
    assert counts["hgnc_rows"] > 1000 and counts["cell_line_rows"] > 1000 and counts["drug_rows"] > 1000


def test_a_pinned_checksum_that_differs_names_the_file(server, tmp_path):
    name = CELL_LINE_FILES["sdrf"]
    source = Source("sdrf", f"{server.url}/files/{name}", name, sha256="0" * 64)
    with pytest.raises(FetchError, match=r"sdrf_cellline_metadata_db__cl-annotations-db\.tsv: sha256 .* pinned"):
        fetch_sources(tmp_path, sources=[source], fetcher=_fetcher())
    assert not (tmp_path / name).exists()


def test_zip_member_is_extracted(tmp_path):
    archive = tmp_path / "UNIIs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("UNII_Names_01Jun2025.txt", "Name\tTYPE\tUNII\tDisplay Name\r\nHKI-272\tcd\tJJH94R3PWB\tNERATINIB\r\n")
        zipped.writestr("UNII_Records.txt", "x")
    with FakeLexiconServer({"/UNIIs.zip": archive}) as fake:
        out = tmp_path / "out"
        fetch_sources(out, sources=[Source("unii", f"{fake.url}/UNIIs.zip", "unii/UNII_Names.txt", "UNII_Names*.txt")],
                      fetcher=_fetcher())
    assert (out / "unii/UNII_Names.txt").read_text().splitlines()[1].startswith("HKI-272")


def test_server_errors_and_unknown_sources_are_named(tmp_path):
    with FakeLexiconServer({}) as fake:
        with pytest.raises(FetchError, match=r"/missing\.tsv: HTTP 404"):
            fetch_sources(tmp_path, sources=[Source("x", f"{fake.url}/missing.tsv", "x.tsv")], fetcher=_fetcher())
    with pytest.raises(FetchError, match=r"unknown source\(s\) \['nope'\]"):
        fetch_sources(tmp_path, sources=[], only=("nope",), fetcher=_fetcher())


def test_default_sources_table_is_well_formed_and_bad_rows_are_named(tmp_path):
    names = {s.name for s in read_sources()}
    assert {"hgnc", "ncbi_gene_human", "unii", "drugbank_vocabulary", "cellosaurus_sdrf"} <= names
    bad = tmp_path / "sources.tsv"
    bad.write_text("name\turl\tdest\nx\thttp://127.0.0.1/x\t../outside\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sources\.tsv:2: dest '\.\./outside'"):
        read_sources(bad)
