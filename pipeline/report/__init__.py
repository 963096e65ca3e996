"""The curator's report and the exports: HTML report, history store, BioC XML, PubTator, Parquet.

The public verb is :func:`write_report` (the stage); the page itself is rendered by
:func:`pipeline.report.html.render_report`.
"""

from .stage import write_report

__all__ = ["write_report"]
