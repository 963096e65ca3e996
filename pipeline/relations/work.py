"""The relations stage's work function for :func:`pipeline.parallel.map_chunks`.

A top-level function of this module, so local processes and Dask workers can import it by name.
"""

from __future__ import annotations

from ..errors import PipelineError
from ..context import DEFAULT_AGENT_SCOPE
from ..records import Document, Mention, Relation, TableRow
from .extract import extract_relations


def extract_chunk(items: list[tuple[Document, list[Mention], list[TableRow]]],
                  agent_scope: str = DEFAULT_AGENT_SCOPE) -> list[tuple[list[Relation], str | None]]:
    """Per document, its relations and the error message if extraction failed.

    Each document is extracted alone, so one bad document does not stop the others
    of its chunk; the failure comes back as a message for an
    :class:`~pipeline.errors.InputError` naming the document.
    """
    results: list[tuple[list[Relation], str | None]] = []
    for document, mentions, rows in items:
        try:
            results.append((extract_relations([document], mentions, rows, agent_scope=agent_scope), None))
        except (PipelineError, ValueError, IndexError) as exc:
            results.append(([], f"relation extraction failed: {exc}"))
    return results
