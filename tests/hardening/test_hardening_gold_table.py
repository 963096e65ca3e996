"""`gold validate` and reconcile read the gold table through one loader: what the first rejects, the second does too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, EXIT_OK, main
from pipeline.errors import InputError
from pipeline.gold import load_gold, validate_gold

PROJECT_DIR = Path(__file__).resolve().parents[2]
GOLD = PROJECT_DIR / "annotations"
REVIEW = PROJECT_DIR / "corpus" / "review.txt"


@pytest.fixture
def gold_copy(tmp_path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    for name in ("agents.tsv", "findings.tsv"):
        shutil.copy(GOLD / name, folder / name)
    return folder


def _findings(folder: Path) -> list[str]:
    return (folder / "findings.tsv").read_text(encoding="utf-8").splitlines(keepends=True)


def _duplicate_finding_id(folder: Path) -> None:
    lines = _findings(folder)
    second_id = lines[2].split("\t", 1)[0]
    lines[3] = second_id + "\t" + lines[3].split("\t", 1)[1]
    (folder / "findings.tsv").write_text("".join(lines), encoding="utf-8")


def _cp1252_byte(folder: Path) -> None:
    data = (folder / "findings.tsv").read_bytes()
    at = data.index(b"\n", data.index(b"\n") + 1) - 2  # in the first data row's note
    (folder / "findings.tsv").write_bytes(data[:at] + b"\x92" + data[at:])


def _unicode_digit_offset(folder: Path) -> None:
    lines = _findings(folder)
    cells = lines[1].split("\t")
    cells[17] = "\u0663" + cells[17][1:]  # evidence_start with an Arabic-Indic digit
    lines[1] = "\t".join(cells)
    (folder / "findings.tsv").write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("damage, says", [(_duplicate_finding_id, "duplicate finding id"),
                                          (_cp1252_byte, "not UTF-8"),
                                          (_unicode_digit_offset, "not a non-negative integer")])
def test_validator_and_reconcile_loader_refuse_the_same_table(gold_copy, damage, says):
    damage(gold_copy)
    issues = validate_gold(gold_copy, REVIEW)
    assert any(says in issue.message for issue in issues), issues
    with pytest.raises(InputError, match=says):
        load_gold(gold_copy)


def test_gold_validate_reports_a_cp1252_byte_with_file_and_line(gold_copy, capsys):
    _cp1252_byte(gold_copy)
    assert main(["gold", "validate", str(gold_copy)]) != EXIT_OK
    out = capsys.readouterr().out
    assert "findings.tsv:2" in out and "not UTF-8" in out


def test_reconcile_refuses_a_table_with_a_duplicate_finding_id(gold_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--out", str(out), "--pubmed-cache", str(tmp_path / "none"), "--gold", str(gold_copy)]) \
        == EXIT_OK
    _duplicate_finding_id(gold_copy)
    assert main(["reconcile", "--out", str(out), "--gold", str(gold_copy)]) == EXIT_FAILED
    assert "duplicate finding id" in capsys.readouterr().err


def test_the_shipped_gold_table_passes_both(capsys):
    assert validate_gold(GOLD, REVIEW) == []
    table = load_gold(GOLD)
    assert table.findings and table.agents
