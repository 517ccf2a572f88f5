"""Timing for the benchmarks that report milliseconds."""

from __future__ import annotations

import statistics
import time
from typing import Callable

REPEAT = 5


def milliseconds(action: Callable[[], object], repeat: int = REPEAT) -> float:
    """The median wall time of ``repeat`` calls of ``action``, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)
