"""Check the gold table against its schema and against the review it was curated from.

:func:`validate_gold` runs every check and returns all problems found, each
located as ``file:row:column``; an empty list means the table is sound.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..io import regular_file
from .parse import ParsedRow, parse_table
from .records import GoldIssue
from .schema import AGENT_COLUMNS, AGENTS_FILE, FINDING_COLUMNS, FINDINGS_FILE, agent_columns, agent_id_for
from .text import NormalisedText, cited_references, normalise, table1_region, trial_ids

logger = logging.getLogger(__name__)

# Two findings are the same fact when these agree (the id and free-text note do not count).
DUPLICATE_KEY = ("agent_id", "effect", "object", "disease", "cell_line", "model_system", "combination", "negated",
                 "evidence_start", "evidence_end")


def validate_gold(directory: str | os.PathLike[str], review_path: str | os.PathLike[str], *,
                  target_classes: tuple[str, ...] | None = None) -> list[GoldIssue]:
    """Validate ``agents.tsv`` and ``findings.tsv`` in ``directory`` against the raw review.

    ``target_classes``: the project's classes its agents may target (default: the IL-6 project's).

    Parameters
    ----------
    directory
        Folder holding the two TSV files.
    review_path
        The raw review text the evidence offsets point into.

    Returns
    -------
    list of GoldIssue
        Every problem found (cell and header problems first, then cross-checks); empty when the
        table passes.
    """
    raw = _review_text(Path(review_path))
    agent_rows, finding_rows, issues = table_issues(Path(directory), raw, target_classes=target_classes)
    logger.info("validated %d agents and %d findings: %d issue(s)", len(agent_rows), len(finding_rows), len(issues))
    return issues


def table_issues(folder: Path, raw: str | None = None, *, target_classes: tuple[str, ...] | None = None,
                 ) -> tuple[list[ParsedRow], list[ParsedRow], list[GoldIssue]]:
    """Parse both files of ``folder`` and check them: the rows of each and every problem found.

    Without ``raw`` (the review text) only the checks of the table itself run: the ones
    :func:`~pipeline.gold.load_gold` applies before reconciliation. ``target_classes``: the
    project's classes its agents may target (default: the IL-6 project's).
    """
    agent_rows, issues = parse_table(folder / AGENTS_FILE, agent_columns(target_classes) if target_classes
                                     else AGENT_COLUMNS)
    finding_rows, finding_issues = parse_table(folder / FINDINGS_FILE, FINDING_COLUMNS)
    issues += finding_issues
    agents_file = str(folder / AGENTS_FILE)
    # An agent row with a bad cell is reported once; its findings are still checked against its names.
    names_by_agent: dict[str, tuple[str, ...]] = {}
    for row in agent_rows:
        if "agent_id" in row.values:
            names = (row.values.get("canonical_name"), *row.values.get("aliases", ()))
            names_by_agent.setdefault(row.values["agent_id"], tuple(n for n in names if n))
    agent_rows = [row for row in agent_rows if row.complete]
    finding_rows = [row for row in finding_rows if row.complete]
    review = NormalisedText.of(raw) if raw is not None else None
    issues += _check_agents(agents_file, agent_rows, review)
    table1_names = {row.values["canonical_name"] for row in agent_rows if row.values["table1_row"]}
    issues += _check_findings(str(folder / FINDINGS_FILE), finding_rows, raw, names_by_agent, table1_names)
    return agent_rows, finding_rows, issues


def _review_text(path: Path) -> str:
    try:
        return regular_file(path, "review file").read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None


def _check_agents(file: str, rows: list[ParsedRow], review: NormalisedText | None) -> Iterable[GoldIssue]:
    first_row_of_id: dict[str, int] = {}
    owner_of_name: dict[str, tuple[str, int]] = {}
    row_of_table1: dict[int, int] = {}
    for parsed in rows:
        v, row = parsed.values, parsed.row
        expected_id = agent_id_for(v["canonical_name"])
        if v["agent_id"] != expected_id:
            yield GoldIssue(file, row, "agent_id",
                            f"{v['agent_id']!r} does not match canonical name {v['canonical_name']!r} "
                            f"(expected {expected_id!r})")
        if v["agent_id"] in first_row_of_id:
            yield GoldIssue(file, row, "agent_id",
                            f"duplicate agent {v['agent_id']!r} (first on row {first_row_of_id[v['agent_id']]})")
        first_row_of_id.setdefault(v["agent_id"], row)
        seen_names: set[str] = set()
        for column, names in (("canonical_name", (v["canonical_name"],)), ("aliases", v["aliases"])):
            for name in names:
                if review is not None and not review.contains(name):
                    yield GoldIssue(file, row, column, f"{name!r} does not occur in the review")
                key = normalise(name).casefold()
                owner = owner_of_name.get(key)
                if owner is None:
                    owner_of_name[key] = (v["agent_id"], row)
                elif owner[0] != v["agent_id"]:
                    yield GoldIssue(file, row, column,
                                    f"alias {name!r} is shared with {owner[0]!r} (row {owner[1]})")
                elif column == "aliases" and normalise(name) in seen_names:
                    yield GoldIssue(file, row, column, f"alias {name!r} is listed twice for {v['agent_id']!r}")
                seen_names.add(normalise(name))
        if (v["table1_group"] is None) != (v["table1_row"] is None):
            yield GoldIssue(file, row, "table1_row", "table1_group and table1_row must be both set or both empty")
        if v["table1_row"] is not None:
            if v["table1_row"] in row_of_table1:
                yield GoldIssue(file, row, "table1_row",
                                f"Table 1 row {v['table1_row']} already given to row {row_of_table1[v['table1_row']]}")
            row_of_table1.setdefault(v["table1_row"], row)


def _check_findings(file: str, rows: list[ParsedRow], raw: str | None, names_by_agent: dict[str, tuple[str, ...]],
                    table1_names: set[str]) -> Iterable[GoldIssue]:
    """Each finding's own checks, and with ``raw`` (the review text) those against the review."""
    cited = cited_references(raw) if raw is not None else frozenset()
    trials = trial_ids(raw) if raw is not None else frozenset()
    try:
        table_start, table_end = table1_region(raw) if raw is not None else (-1, -1)
    except ValueError:
        table_start = table_end = -1
    first_row_of_id: dict[str, int] = {}
    first_row_of_key: dict[tuple, tuple[str, int]] = {}
    for parsed in rows:
        v, row = parsed.values, parsed.row
        fid = v["finding_id"]
        if fid in first_row_of_id:
            yield GoldIssue(file, row, "finding_id",
                            f"duplicate finding id {fid!r} (first on row {first_row_of_id[fid]})")
        first_row_of_id.setdefault(fid, row)
        key = tuple(v[name].casefold() if isinstance(v[name], str) else v[name] for name in DUPLICATE_KEY)
        if key in first_row_of_key:
            other, other_row = first_row_of_key[key]
            yield GoldIssue(file, row, "finding_id",
                            f"duplicate finding: {fid} states the same fact as {other} (row {other_row})")
        first_row_of_key.setdefault(key, (fid, row))
        names = names_by_agent.get(v["agent_id"])
        if names is None:
            yield GoldIssue(file, row, "agent_id", f"unknown agent {v['agent_id']!r} (not in {AGENTS_FILE})")
        yield from _check_table_cell(file, row, v, table1_names)
        if raw is None:
            continue
        for number in v["references"]:
            if number not in cited:
                yield GoldIssue(file, row, "references", f"reference [{number}] is not cited in the review")
        for trial in v["trial_ids"]:
            if trial not in trials:
                yield GoldIssue(file, row, "trial_ids", f"trial {trial} is not printed in the review")
        span_issues = list(_check_spans(file, row, v, raw, names or (), (table_start, table_end)))
        yield from span_issues
        if not span_issues and v["section"] == "body":
            evidence = normalise(raw[v["evidence_start"]:v["evidence_end"]]).casefold()
            for column in ("object", "disease", "cell_line"):
                if v[column] is not None and normalise(v[column]).casefold() not in evidence:
                    yield GoldIssue(file, row, column, f"{v[column]!r} does not occur in the evidence span")


def _check_table_cell(file: str, row: int, v: dict, table1_names: set[str]) -> Iterable[GoldIssue]:
    in_table = v["section"] == "table1"
    if in_table and (v["table_row"] is None or v["table_column"] is None):
        yield GoldIssue(file, row, "table_row", "a table1 finding needs table_row and table_column")
    if not in_table and (v["table_row"] is not None or v["table_column"] is not None):
        yield GoldIssue(file, row, "table_row", "a body finding must leave table_row and table_column empty")
    if in_table and v["table_row"] is not None and v["table_row"] not in table1_names:
        yield GoldIssue(file, row, "table_row", f"{v['table_row']!r} is not the name of a Table 1 agent")


def _check_spans(file: str, row: int, v: dict, raw: str, names: tuple[str, ...],
                 table: tuple[int, int]) -> Iterable[GoldIssue]:
    start, end = v["evidence_start"], v["evidence_end"]
    if not 0 <= start < end <= len(raw):
        yield GoldIssue(file, row, "evidence_start",
                        f"evidence span {start}-{end} is off the text (review has {len(raw)} characters)")
        return
    if normalise(raw[start:end]) != normalise(v["evidence_text"]):
        yield GoldIssue(file, row, "evidence_text",
                        f"review[{start}:{end}] is {normalise(raw[start:end])[:80]!r}, not the evidence text")
    a_start, a_end = v["agent_start"], v["agent_end"]
    if not 0 <= a_start < a_end <= len(raw):
        yield GoldIssue(file, row, "agent_start", f"agent span {a_start}-{a_end} is off the text")
        return
    mention = normalise(raw[a_start:a_end]).casefold()
    if names and mention not in {normalise(name).casefold() for name in names}:
        yield GoldIssue(file, row, "agent_start",
                        f"review[{a_start}:{a_end}] is {raw[a_start:a_end]!r}, not {v['agent_id']!r} or an alias")
    if v["section"] == "body":
        evidence = normalise(raw[start:end]).casefold()
        if not (start <= a_start and a_end <= end) or not any(normalise(n).casefold() in evidence for n in names):
            yield GoldIssue(file, row, "evidence_start",
                            f"evidence span {start}-{end} does not contain {v['agent_id']!r} or any of its aliases")
    else:
        if table[0] < 0:
            yield GoldIssue(file, row, "section", "a table1 finding, but the review has no Table 1")
        elif not (table[0] <= start and end <= table[1]):
            yield GoldIssue(file, row, "evidence_start", f"table1 evidence span {start}-{end} is outside Table 1")
        if not (table[0] <= a_start and a_end <= end):
            yield GoldIssue(file, row, "agent_start",
                            f"agent span {a_start}-{a_end} must lie in Table 1 at or before its cell")
