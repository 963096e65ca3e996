"""Typed errors raised at the pipeline's boundaries; each names the bad item."""

from __future__ import annotations


class PipelineError(Exception):
    """Base class for every error this package raises on purpose."""


class InputError(PipelineError):
    """An input file, record or identifier is malformed.

    Parameters
    ----------
    source
        The file, PMID or other identifier of the bad item.
    message
        What is wrong with it.
    line
        One-based line number inside ``source`` when known.
    """

    def __init__(self, source: str, message: str, *, line: int | None = None) -> None:
        self.source = str(source)
        self.line = line
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {message}")


class RecordDecodeError(PipelineError):
    """A line of a JSONL stage file is not valid JSON or does not fit its record type.

    Raised where the file and line are not known (a worker decoding lines); the caller
    that knows them reports an :class:`InputError`. The message is the only argument,
    so the error pickles between processes.
    """


class UsageError(PipelineError, ValueError):
    """A run setting or option has a value the pipeline does not know (the message names it and the choices)."""


class MissingStageInputError(PipelineError):
    """A stage was run alone but the previous stage's output file is absent."""
