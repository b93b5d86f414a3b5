"""`handbook serve`: one build for each edit, and the edit on the served page."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from pathlib import Path

from generator.core.project import Project
from generator.site.serve import preview_server

SETTLE_SECONDS = 3
"""Long enough for the watcher (it polls every half second) to see a second change if the build
had caused one."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def listening(address: str) -> bool:
    """Whether the server has bound its socket yet: ``serve()`` binds it in the thread."""
    host, _, port = address.rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    return True


def wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the preview did not show the edit in time"
        time.sleep(0.2)


def test_an_edit_is_built_once_and_served(mini: Project, tmp_path: Path) -> None:
    address = f"127.0.0.1:{free_port()}"
    server, preview = preview_server(mini, address, tmp_path / "preview")
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        url = f"http://{address}/modules/fire-sample/"
        wait_for(lambda: listening(address), seconds=30)
        assert "要点一" in page(url) and preview.builds == 1
        module = mini.curriculum / "modules" / "fire" / "fire-sample.md"
        module.write_text(module.read_text(encoding="utf-8").replace("要点一。", "要点一，预览中改过。"), "utf-8")
        wait_for(lambda: "预览中改过" in page(url))
        time.sleep(SETTLE_SECONDS)
        assert preview.builds == 2  # the pages the build rewrote in build/docs caused no second build
    finally:
        server.shutdown()
        thread.join(timeout=10)
