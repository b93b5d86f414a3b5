"""Timing shared by the bench scripts: the median of repeated runs, in seconds, and commands run
as on an installed copy."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def median_seconds(step: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def as_installed(compiled: Path) -> None:
    """Every command the bench starts from now on runs as on an installed copy, whose modules
    Python compiled once and keeps compiled. A development machine may set
    PYTHONDONTWRITEBYTECODE, which would have every run compile the handbook's modules from
    source again (0.04 s for ``check``, more for ``build``) while the libraries' are kept compiled
    since their install. The compiled files go to ``compiled`` (PYTHONPYCACHEPREFIX), not into
    the checkout."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(compiled)
