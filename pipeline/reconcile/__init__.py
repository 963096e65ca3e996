"""Reconciliation: extracted relations matched one-to-one with the gold table, and the evidence table.

The public verb is :func:`reconcile_corpus` (the stage). It hands the report its results
as stage files of typed records (:class:`~pipeline.records.ReconciliationRow`,
:class:`~pipeline.records.EvidenceRow`) and ``metrics.json``.
"""

from .stage import reconcile_corpus

__all__ = ["reconcile_corpus"]
