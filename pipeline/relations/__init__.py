"""Agent–effect relation extraction.

The public verb is :func:`extract_relations` (documents, mentions, Table 1 rows ->
Relation records); ``stage.run_stage`` wires it to the stage files.
"""

from .extract import extract_relations

__all__ = ["extract_relations"]
