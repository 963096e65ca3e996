"""Timing and memory readings shared by the benchmark scripts."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

K = TypeVar("K")


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds (this process plus finished children) of one measured call.

    ``own_cpu`` is this process's share alone: with worker processes, what the parent spent.
    """

    wall: float
    cpu: float
    own_cpu: float = 0.0

    def rates(self, count: int) -> dict[str, float]:
        """``per_s``: abstracts per wall second; ``per_cpu_s``: per CPU second (a per-core rate
        that a busy shared machine does not deflate)."""
        return {"wall_s": round(self.wall, 3), "cpu_s": round(self.cpu, 3), "own_cpu_s": round(self.own_cpu, 3),
                "per_s": rate(count, self.wall), "per_cpu_s": rate(count, self.cpu)}


def best_of(repeat: int, function: Callable[..., Any], by: str = "cpu",
            fresh: Callable[[], Any] | None = None) -> tuple[Timing, Any]:
    """The fastest of ``repeat`` timed calls (least ``by``: ``"cpu"`` or ``"wall"`` seconds).

    Neighbours on a shared machine only ever slow a call down. With ``fresh``, each pass
    first builds a new object, untimed (a tokenizer or pipeline that has cached none of
    the texts), and times ``function(that object)``.
    """
    def one_pass() -> tuple[Timing, Any]:
        if fresh is None:
            return timed(function)
        state = fresh()
        return timed(lambda: function(state))

    runs = [one_pass() for _ in range(max(1, repeat))]
    return min(runs, key=lambda run: getattr(run[0], by))


def best_of_each(repeat: int, functions: dict[K, Callable[[], Any]], by: str = "cpu") -> dict[K, tuple[Timing, Any]]:
    """:func:`best_of` for several functions that take turns (A, B, A, B, ...).

    The host's speed drifts over minutes; taking turns lets a slow spell fall on each alike,
    where A, A, A, B, B, B would charge it to one of them.
    """
    best: dict[K, tuple[Timing, Any]] = {}
    for _ in range(max(1, repeat)):
        for key, function in functions.items():
            run = timed(function)
            if key not in best or getattr(run[0], by) < getattr(best[key][0], by):
                best[key] = run
    return best


def timed(function: Callable[[], Any]) -> tuple[Timing, Any]:
    before, started = os.times(), time.perf_counter()
    result = function()
    wall, after = time.perf_counter() - started, os.times()
    own = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system"))
    children = sum(getattr(after, f) - getattr(before, f) for f in ("children_user", "children_system"))
    return Timing(wall, own + children, own), result


def _status_mb(field: str) -> float | None:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return None


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM), in MB.

    Not ``ru_maxrss``: Linux carries that across fork and exec, so a fresh child
    would report its parent's peak.
    """
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")
