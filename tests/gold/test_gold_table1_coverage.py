"""Every Table 1 row is an agent of the gold table, and every non-N/A Table 1 cell has a finding.

``NON_EMPTY_CELLS`` is read off the review's Table 1 by hand: for each of the 24 rows, the
columns (of structure, preclinical, clinical, mechanism) whose cell is not "N/A".
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.gold import load_gold
from pipeline.gold.text import normalise, table1_region

ANNOTATIONS = Path(__file__).resolve().parent.parent.parent / "annotations"
ALL = ("structure", "preclinical", "clinical", "mechanism")
NO_CLINICAL = ("structure", "preclinical", "mechanism")
STRUCTURE_MECHANISM = ("structure", "mechanism")
NON_EMPTY_CELLS: dict[str, tuple[str, ...]] = {
    "Siltuximab": ALL, "Sirukumab": ("structure", "clinical", "mechanism"),
    "Olokizumab": ("structure", "clinical", "mechanism"), "mAb 1339": NO_CLINICAL, "Clazakizumab": ALL,
    "PF-04236921": STRUCTURE_MECHANISM, "MEDI 5117": STRUCTURE_MECHANISM, "C326": STRUCTURE_MECHANISM,
    "6a": NO_CLINICAL, "Tocilizumab": ALL, "Sarilumab": NO_CLINICAL, "ALX-0061": ("structure", "clinical", "mechanism"),
    "NRI": NO_CLINICAL, "SANT-7": NO_CLINICAL, "ERBF": NO_CLINICAL, "ERBA": NO_CLINICAL, "B-R3": STRUCTURE_MECHANISM,
    "B-P4": NO_CLINICAL, "Madindoline A": NO_CLINICAL, "SC144": NO_CLINICAL, "Raloxifene": ALL, "Bazedoxifene": ALL,
    "LMT-28": NO_CLINICAL, "sgp130Fc": NO_CLINICAL,
}
GROUP_SIZES = {"IL-6": 9, "IL-6R": 7, "gp130": 7, "IL-6/sIL-6R complex": 1}


def test_every_table1_row_is_an_agent() -> None:
    table = load_gold(ANNOTATIONS)
    in_table = {agent.canonical_name: agent for agent in table.agents if agent.table1_row is not None}
    assert set(in_table) == set(NON_EMPTY_CELLS)
    assert sorted(agent.table1_row for agent in in_table.values()) == list(range(1, 25))
    assert Counter(agent.table1_group for agent in in_table.values()) == GROUP_SIZES


def test_every_non_na_table1_cell_has_a_finding() -> None:
    table = load_gold(ANNOTATIONS)
    covered = {(f.table_row, f.table_column) for f in table.findings if f.section == "table1"}
    missing = [(row, column) for row, columns in NON_EMPTY_CELLS.items() for column in columns
               if (row, column) not in covered]
    assert missing == []
    assert len(covered) == sum(len(columns) for columns in NON_EMPTY_CELLS.values())


def test_table1_evidence_lies_in_table1(review_text: str) -> None:
    start, end = table1_region(review_text)
    table = load_gold(ANNOTATIONS)
    cells = [f for f in table.findings if f.section == "table1"]
    assert cells
    for finding in cells:
        assert start <= finding.evidence_start < finding.evidence_end <= end, finding.finding_id
        assert "N/A" not in normalise(review_text[finding.evidence_start:finding.evidence_end])


def test_body_only_agents_from_the_issue_are_present() -> None:
    ids = {agent.agent_id for agent in load_gold(ANNOTATIONS).agents}
    assert {"agent:mr16-1", "agent:elsilimomab", "agent:madindoline-a", "agent:sgp130fc", "agent:mab-1339"} <= ids
