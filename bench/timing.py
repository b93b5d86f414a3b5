"""Timing shared by the bench scripts: the median of repeated runs, in seconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(step: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
