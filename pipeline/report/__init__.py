"""The curator's report and the exports: report.html, evidence.sqlite, BioC XML, PubTator, Parquet.

The public verb is :func:`~pipeline.report.html.render_report`; ``stage.run_stage``
reads the stage files and writes every output.
"""

from .html import ReportData, render_report

__all__ = ["ReportData", "render_report"]
