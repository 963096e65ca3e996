"""Measure how well gold evidence spans land in ingest's normalised review document.

Run: ``.venv/bin/python tests/gold/measure_gold_alignment.py`` (prints counts; not a test).
A finding is *exact* when the document slice, whitespace-normalised, equals its evidence text.
It also checks the gold table against ingest's Table 1 parser: each parsed non-N/A cell should
overlap a gold finding of the same row (by Table 1 order) and column.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.gold import load_gold
from pipeline.gold.align import finding_spans
from pipeline.gold.text import normalise
from pipeline.ingest.review import ingest_review

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def main() -> int:
    table = load_gold(PROJECT_DIR / "annotations")
    document, rows = ingest_review(PROJECT_DIR / "corpus" / "review.txt")
    spans = finding_spans(table.findings, document)
    exact, differing = 0, []
    for finding in table.findings:
        span = spans.get(finding.finding_id)
        if span and normalise(document.text[span[0]:span[1]]) == finding.evidence_text:
            exact += 1
        else:
            differing.append(finding.finding_id)
    print(f"findings: {len(table.findings)}  placed: {len(spans)}  exact text: {exact}  differing: {len(differing)}")
    for finding_id in differing[:20]:
        span = spans.get(finding_id)
        shown = normalise(document.text[span[0]:span[1]])[:100] if span else None
        print(f"  {finding_id}: {shown!r}")
    in_table = sorted((a for a in table.agents if a.table1_row is not None), key=lambda a: a.table1_row or 0)
    cells = covered = 0
    for row, agent in zip(rows, in_table):
        for cell in row.cells:
            if cell.column == "name" or cell.text.strip() in ("", "N/A"):
                continue
            cells += 1
            if any(f.table_row == agent.canonical_name and f.table_column == cell.column
                   and f.finding_id in spans and spans[f.finding_id][0] < cell.end and spans[f.finding_id][1] > cell.start
                   for f in table.findings):
                covered += 1
            else:
                print(f"  uncovered Table 1 cell: {agent.canonical_name} / {cell.column}")
    print(f"Table 1: parsed rows {len(rows)}  gold rows {len(in_table)}  non-N/A cells {cells}  covered {covered}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
