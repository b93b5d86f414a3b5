"""ruff is part of the one test command, so a lint failure fails the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_check_is_clean() -> None:
    run = ruff("check", ".")
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format_is_clean() -> None:
    run = ruff("format", "--check", ".")
    assert run.returncode == 0, run.stdout + run.stderr
