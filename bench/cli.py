"""How long the commands that should answer at once take: ``handbook --help`` and ``handbook check``.

    python bench/cli.py [--rounds N]

Runs, in turn for N rounds, an empty Python (the baseline: what any command costs before it does
anything), ``handbook --help`` and ``handbook check`` on the shipped curriculum, each as a fresh
process the way a person types it. Prints for each the median wall time and the median CPU time
of the process (user + system, which other work on a shared machine disturbs least), and their
ratio to the empty Python of the same rounds. The targets: --help within 0.1 s, check within 0.3 s.
Two more rows show the floor of ``check``: importing pydantic, and building our models with it.

The commands run as on an installed copy, our modules compiled once (``timing.as_installed``);
the first round, which compiles them, is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import as_installed

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"handbook --help": 0.1, "handbook check": 0.3}
MODELS = [f"generator.models.{name}" for name in ("content", "policy", "office", "schedule")]


def commands() -> dict[str, list[str]]:
    handbook = [sys.executable, "-m", "generator"]
    return {
        "empty python (base)": [sys.executable, "-c", "pass"],
        "handbook --help": [*handbook, "--help"],
        "handbook check": [*handbook, "--root", str(REPO), "check"],
        # What any check that validates with pydantic pays before reading a file: pydantic's
        # BaseModel imported, then our models of the curriculum built.
        "pydantic imported": [sys.executable, "-c", "from pydantic import BaseModel"],
        "models built": [sys.executable, "-c", f"import {', '.join(MODELS)}"],
    }


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=15, help="rounds; each runs every command once, in turn")
    rounds = options.parse_args().rounds
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands()}
    with tempfile.TemporaryDirectory() as compiled:
        as_installed(Path(compiled))
        for command in commands().values():
            run(command)  # compiles what a first run compiles; not counted
        for _ in range(rounds):
            for name, command in commands().items():
                runs[name].append(run(command))
    base_wall = statistics.median(w for w, _ in runs["empty python (base)"])
    base_cpu = statistics.median(c for _, c in runs["empty python (base)"])
    print(f"{rounds} rounds, medians")
    print(f"{'command':<22}{'wall s':>9}{'× base':>8}{'cpu s':>9}{'× base':>8}{'target s':>10}")
    for name, measured in runs.items():
        wall, cpu = statistics.median(w for w, _ in measured), statistics.median(c for _, c in measured)
        target = f"{TARGETS[name]:.2f}" if name in TARGETS else ""
        print(f"{name:<22}{wall:>9.3f}{wall / base_wall:>8.1f}{cpu:>9.3f}{cpu / base_cpu:>8.1f}{target:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
