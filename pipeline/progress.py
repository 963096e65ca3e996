"""Progress bars for the per-document stages: shown on a terminal, never in logs or pipes.

:func:`progress` wraps an iterable in a ``tqdm`` bar on standard error when standard
error is a terminal and the run is not quiet (``evidence -q``, run option
``progress=off``); otherwise it returns the iterable itself, so output files and
captured logs never hold bar text. Stage counts are logged whatever the bars do.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from .context import RunContext

T = TypeVar("T")


def bars_enabled(context: RunContext | None) -> bool:
    """Whether a bar is drawn: standard error is a terminal and the run is not quiet."""
    quiet = context is not None and context.option("progress") == "off"
    return not quiet and sys.stderr.isatty()


def progress(items: Iterable[T], *, desc: str, context: RunContext | None, unit: str = "doc") -> Iterator[T] | Iterable[T]:
    """``items`` with a progress bar (see the module docstring)."""
    if not bars_enabled(context):
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False)
