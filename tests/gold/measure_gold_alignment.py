"""Measure how well gold evidence spans land in ingest's normalised review document.

Run: ``.venv/bin/python tests/gold/measure_gold_alignment.py`` (prints counts; not a test).
A finding is *exact* when the document slice, whitespace-normalised, equals its evidence text.
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
    document, _rows = ingest_review(PROJECT_DIR / "corpus" / "review.txt")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
