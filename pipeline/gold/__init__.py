"""The hand-curated gold table: typed records, a loader and a validator.

Only reconciliation and evaluation may import this package; extraction
(NER, relations) never reads ``annotations/``.
"""

from __future__ import annotations

from .align import finding_spans, raw_to_document_span
from .loader import load_gold
from .records import GoldAgent, GoldFinding, GoldIssue, GoldTable
from .validator import validate_gold

__all__ = ["GoldAgent", "GoldFinding", "GoldIssue", "GoldTable", "finding_spans", "load_gold",
           "raw_to_document_span", "validate_gold"]
