"""Where the tests find Chromium and axe-core, how Chromium is started, and what happens when
either is missing: outside CI the tests that need it are skipped, loudly; in CI (CI=true) they
fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(os.environ.get("HANDBOOK_AXE", REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"))
# As root and without a network, chromium needs these to start quietly and quickly.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(path: Path, what: str) -> None:
    if path.is_file():
        return
    message = f"{what} not found at {path}; .ci/run installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
