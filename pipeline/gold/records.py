"""Typed, immutable rows of the gold table (``annotations/agents.tsv`` and ``findings.tsv``).

Offsets are character offsets into the raw review text (``corpus/review.txt``
read as UTF-8), end-exclusive: ``raw[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GoldAgent:
    """One IL-6 / IL-6R / gp130 blocking agent named by the review."""

    agent_id: str
    canonical_name: str
    aliases: tuple[str, ...]
    developers: tuple[str, ...]
    target_class: str
    structure: str
    modality: str
    drugbank_id: str | None
    table1_group: str | None
    table1_row: int | None
    note: str = ""


@dataclass(frozen=True)
class GoldFinding:
    """One atomic fact the review states about an agent.

    ``evidence_start``/``evidence_end`` delimit the sentence, clause or Table 1
    cell stating it; ``agent_start``/``agent_end`` the mention of the agent it
    is anchored to (inside the evidence for body findings, in the row's name
    cell for Table 1 findings).
    """

    finding_id: str
    agent_id: str
    kind: str
    effect: str
    object: str
    disease: str | None
    cell_line: str | None
    model_system: str
    phase: str | None
    references: tuple[int, ...]
    trial_ids: tuple[str, ...]
    combination: tuple[str, ...]
    negated: bool
    hedged: bool
    section: str
    table_row: str | None
    table_column: str | None
    evidence_start: int
    evidence_end: int
    agent_start: int
    agent_end: int
    evidence_text: str
    note: str = ""


@dataclass(frozen=True)
class GoldTable:
    """The whole gold table: agents keyed by id, findings in file order."""

    agents: tuple[GoldAgent, ...]
    findings: tuple[GoldFinding, ...]

    def agent(self, agent_id: str) -> GoldAgent:
        for agent in self.agents:
            if agent.agent_id == agent_id:
                return agent
        raise KeyError(f"no gold agent {agent_id!r}")


@dataclass(frozen=True)
class GoldIssue:
    """One defect found by the validator, located as ``file:row:column``.

    ``row`` is the one-based line number in the file (the header is line 1);
    0 means the file as a whole.
    """

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"
