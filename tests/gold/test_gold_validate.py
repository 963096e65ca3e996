"""The gold-table validator: passes on the shipped table, and names each kind of defect.

Defect tests break a tiny self-written table (``data/mini``) in ``tmp_path`` and
assert the specific ``file:row:column: message`` the validator gives.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.gold import GoldFinding, load_gold, validate_gold
from pipeline.gold.text import cited_references, normalise

HERE = Path(__file__).resolve().parent
MINI = HERE / "data" / "mini"
PROJECT_DIR = HERE.parent.parent
ANNOTATIONS = PROJECT_DIR / "annotations"
REVIEW = PROJECT_DIR / "corpus" / "review.txt"


def _read(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, rows: list[list[str]]) -> None:
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")


def _set_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set ``column`` of the row whose first cell is ``key``; return that row's line number."""
    rows = _read(path)
    index = rows[0].index(column)
    for line_number, row in enumerate(rows[1:], start=2):
        if row[0] == key:
            row[index] = value
            _write(path, rows)
            return line_number
    raise AssertionError(f"no row {key!r} in {path}")


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """A writable copy of the tiny valid table and its review."""
    target = tmp_path / "gold"
    shutil.copytree(MINI, target)
    return target


def _issues(folder: Path) -> list[str]:
    return [str(issue) for issue in validate_gold(folder, folder / "review.txt")]


def test_mini_fixture_is_valid(broken: Path) -> None:
    assert _issues(broken) == []


def test_shipped_table_passes() -> None:
    issues = validate_gold(ANNOTATIONS, REVIEW)
    assert [str(issue) for issue in issues] == []
    table = load_gold(ANNOTATIONS)
    assert len(table.findings) >= 300
    assert all(isinstance(finding, GoldFinding) for finding in table.findings)


def test_shipped_offsets_slice_the_raw_review(review_text: str) -> None:
    table = load_gold(ANNOTATIONS)
    ids = {agent.agent_id: agent for agent in table.agents}
    for finding in table.findings:
        assert normalise(review_text[finding.evidence_start:finding.evidence_end]) == finding.evidence_text, \
            finding.finding_id
        mention = normalise(review_text[finding.agent_start:finding.agent_end]).casefold()
        agent = ids[finding.agent_id]
        assert mention in {name.casefold() for name in (agent.canonical_name, *agent.aliases)}, finding.finding_id


def test_missing_column(broken: Path) -> None:
    rows = _read(broken / "agents.tsv")
    index = rows[0].index("modality")
    _write(broken / "agents.tsv", [row[:index] + row[index + 1:] for row in rows])
    assert f"{broken / 'agents.tsv'}:1:modality: missing column 'modality'" in _issues(broken)


def test_bad_modality(broken: Path) -> None:
    row = _set_cell(broken / "agents.tsv", "agent:betanib", "modality", "pill")
    issues = _issues(broken)
    assert any(issue.startswith(f"{broken / 'agents.tsv'}:{row}:modality: 'pill' is not one of monoclonal antibody")
               for issue in issues), issues


def test_alias_not_in_text(broken: Path) -> None:
    row = _set_cell(broken / "agents.tsv", "agent:alphamab", "aliases", "AB-1|Alfix")
    assert f"{broken / 'agents.tsv'}:{row}:aliases: 'Alfix' does not occur in the review" in _issues(broken)


def test_alias_shared_by_two_agents(broken: Path) -> None:
    row = _set_cell(broken / "agents.tsv", "agent:betanib", "aliases", "Alphix")
    expected = f"{broken / 'agents.tsv'}:{row}:aliases: alias 'Alphix' is shared with 'agent:alphamab' (row 2)"
    assert expected in _issues(broken)


def test_span_off_the_text(broken: Path) -> None:
    row = _set_cell(broken / "findings.tsv", "F003", "evidence_end", "99999")
    issues = _issues(broken)
    assert any(issue.startswith(f"{broken / 'findings.tsv'}:{row}:evidence_start: evidence span 118-99999 is off the text")
               for issue in issues), issues


def test_evidence_text_mismatch(broken: Path) -> None:
    row = _set_cell(broken / "findings.tsv", "F003", "evidence_text", "Betanib reduced tumor growth.")
    issues = _issues(broken)
    assert any(issue.startswith(f"{broken / 'findings.tsv'}:{row}:evidence_text: review[118:170] is")
               for issue in issues), issues


def test_span_not_containing_the_agent(broken: Path) -> None:
    path = broken / "findings.tsv"
    _set_cell(path, "F003", "agent_start", "20")
    row = _set_cell(path, "F003", "agent_end", "28")
    issues = _issues(broken)
    assert f"{path}:{row}:agent_start: review[20:28] is 'Alphamab', not 'agent:betanib' or an alias" in issues
    assert f"{path}:{row}:evidence_start: evidence span 118-170 does not contain 'agent:betanib' or any of its aliases" \
        in issues


def test_duplicate_finding(broken: Path) -> None:
    path = broken / "findings.tsv"
    rows = _read(path)
    copy = list(rows[2])
    copy[0] = "F005"
    rows.append(copy)
    _write(path, rows)
    expected = f"{path}:{len(rows)}:finding_id: duplicate finding: F005 states the same fact as F002 (row 3)"
    assert expected in _issues(broken)


def test_duplicate_finding_id(broken: Path) -> None:
    path = broken / "findings.tsv"
    rows = _read(path)
    rows[3][0] = "F001"
    _write(path, rows)
    assert f"{path}:4:finding_id: duplicate finding id 'F001' (first on row 2)" in _issues(broken)


def test_reference_not_cited(broken: Path) -> None:
    row = _set_cell(broken / "findings.tsv", "F003", "references", "2|7")
    assert f"{broken / 'findings.tsv'}:{row}:references: reference [7] is not cited in the review" in _issues(broken)


def test_object_not_in_evidence(broken: Path) -> None:
    row = _set_cell(broken / "findings.tsv", "F003", "object", "metastasis")
    assert f"{broken / 'findings.tsv'}:{row}:object: 'metastasis' does not occur in the evidence span" \
        in _issues(broken)


def test_unknown_agent_and_bad_boolean(broken: Path) -> None:
    path = broken / "findings.tsv"
    _set_cell(path, "F003", "negated", "yes")
    row = _set_cell(path, "F002", "agent_id", "agent:gammanib")
    issues = _issues(broken)
    assert f"{path}:{row}:agent_id: unknown agent 'agent:gammanib' (not in agents.tsv)" in issues
    assert f"{path}:4:negated: 'yes' is not true or false" in issues


def test_agent_id_must_follow_the_convention(broken: Path) -> None:
    row = _set_cell(broken / "agents.tsv", "agent:betanib", "canonical_name", "Alphix")
    issues = _issues(broken)
    assert any(issue.startswith(f"{broken / 'agents.tsv'}:{row}:agent_id: 'agent:betanib' does not match")
               for issue in issues), issues


def test_table1_finding_outside_table(broken: Path) -> None:
    path = broken / "findings.tsv"
    _set_cell(path, "F004", "evidence_start", "20")
    _set_cell(path, "F004", "evidence_end", "117")
    row = _set_cell(path, "F004", "evidence_text", normalise((broken / "review.txt").read_text()[20:117]))
    assert f"{path}:{row}:evidence_start: table1 evidence span 20-117 is outside Table 1" in _issues(broken)


def test_loader_raises_naming_file_row_and_column(broken: Path) -> None:
    _set_cell(broken / "findings.tsv", "F002", "model_system", "petri")
    with pytest.raises(InputError, match=r"findings\.tsv:3: column model_system: 'petri' is not one of in_vitro"):
        load_gold(broken)


def test_cli_exit_codes(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = str(broken / "review.txt")
    assert main(["gold", "validate", str(broken), "--review", review]) == 0
    assert "gold table OK: 2 agents, 4 findings" in capsys.readouterr().out
    _set_cell(broken / "agents.tsv", "agent:betanib", "modality", "pill")
    assert main(["gold", "validate", str(broken), "--review", review]) == 1
    out = capsys.readouterr().out
    assert ":modality: 'pill' is not one of" in out and "1 problem(s)" in out


def test_cited_references_expand_ranges() -> None:
    assert cited_references("as shown [1-\n3, 7] and (12); not 2(3H) nor [x]") == frozenset({1, 2, 3, 7, 12})


def test_normalise_joins_wrapped_compounds() -> None:
    assert normalise("IL-\n6R and IL-6–\ninduced IL-6/\nIL-6R  \n x") == "IL-6R and IL-6–induced IL-6/IL-6R x"
