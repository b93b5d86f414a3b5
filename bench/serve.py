"""From an edit to the page in the browser: ``handbook serve`` against a bare ``mkdocs serve``.

    python bench/serve.py [--rounds N] [--copies K]

Starts, each on a copy of the shipped curriculum of its own, ``handbook serve`` and a bare
``mkdocs serve`` of the same generated pages (mkdocs.yml with the same navigation, as in
bench/build.py). Then, in turn for N rounds, edits a module (for handbook, its source in
curriculum/; for bare MkDocs, the generated page in build/docs, which is what it builds from)
and polls the served page until the edit shows. Kept per server: the median time from edit to
page (wall, what the editor waits) and the median CPU time the server spent meanwhile (from
/proc, which other work on a shared machine disturbs least), and the ratios. Target: ≤ 0.6×.
Also counts the builds each server ran per edit (from its log): handbook should run one.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from build import BARE_CONFIG, BARE_DOCS, EDITED, copy_project, enlarge, prepare

REPO = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = "modules/regular-complaint-handling/"
POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@dataclass
class Server:
    name: str
    command: list[str]
    root: Path
    edited: Path
    """The file an edit changes: the module's source, or for bare MkDocs the generated page."""
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{PAGE}"

    def start(self) -> None:
        self.log = self.root / f"{self.name}.log"
        handle = self.log.open("w", encoding="utf-8")
        command = [*self.command, f"127.0.0.1:{self.port}"]
        unbuffered = {**os.environ, "PYTHONUNBUFFERED": "1"}  # the log is read while the server runs
        self.process = subprocess.Popen(command, cwd=self.root, stdout=handle, stderr=subprocess.STDOUT, env=unbuffered)
        wait_until(lambda: fetch(self.url) != "")
        time.sleep(3)  # the server settles: any build its start caused is over

    def builds(self) -> int:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log else ""
        return len(re.findall(r"Documentation built in|预览已更新", text))

    def edit_to_page(self, number: int) -> tuple[float, float]:
        """Wall seconds from the edit until the page shows it, and the server's CPU seconds."""
        marker = f"本段用于计时，第{number}次修改"
        text = self.edited.read_text(encoding="utf-8").split("\n\n本段用于计时")[0].rstrip("\n")
        cpu, started = cpu_seconds(self.process.pid), time.perf_counter()
        self.edited.write_text(f"{text}\n\n{marker}。\n", encoding="utf-8")
        wait_until(lambda: marker in fetch(self.url))
        wall = time.perf_counter() - started
        time.sleep(2)  # let a second build, if the edit causes one, happen now and be counted
        return wall, cpu_seconds(self.process.pid) - cpu

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


def wait_until(condition) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the server did not show the page in time")
        time.sleep(POLL_SECONDS)


def servers(scratch: Path, copies: int) -> tuple[Server, Server]:
    ours = copy_project(scratch / "handbook")
    enlarge(ours, copies)
    theirs = copy_project(scratch / "bare")
    enlarge(theirs, copies)
    prepare(theirs)
    handbook = Server(
        "handbook",
        [sys.executable, "-m", "generator", "--root", str(ours.root), "serve", "--address"],
        ours.root,
        ours.root / EDITED,
    )
    bare = Server(
        "bare",
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(theirs.root / BARE_CONFIG), "-a"],
        theirs.root,
        theirs.root / BARE_DOCS / "modules" / "regular-complaint-handling.md",
    )
    return handbook, bare


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=5, help="edits per server, in turn")
    options.add_argument("--copies", type=int, default=1, help="make every module and its bank this many times")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        handbook, bare = servers(Path(scratch), arguments.copies)
        try:
            for server in (handbook, bare):
                server.start()
            before = {s.name: s.builds() for s in (handbook, bare)}
            measured: dict[str, list[tuple[float, float]]] = {"handbook": [], "bare": []}
            for number in range(arguments.rounds):
                order = (handbook, bare) if number % 2 == 0 else (bare, handbook)
                for server in order:
                    measured[server.name].append(server.edit_to_page(number))
            builds = {s.name: (s.builds() - before[s.name]) / arguments.rounds for s in (handbook, bare)}
        finally:
            for server in (handbook, bare):
                server.stop()
    print(f"{arguments.rounds} edits per server, medians")
    print(f"{'':<20}{'edit→page s':>13}{'cpu s':>9}{'builds/edit':>13}")
    for name, label in (("handbook", "handbook serve"), ("bare", "bare mkdocs serve")):
        wall = statistics.median(w for w, _ in measured[name])
        cpu = statistics.median(c for _, c in measured[name])
        print(f"{label:<20}{wall:>13.2f}{cpu:>9.2f}{builds[name]:>13.1f}")
    wall_ratio = statistics.median(measured["handbook"][i][0] / measured["bare"][i][0] for i in range(arguments.rounds))
    cpu_ratio = statistics.median(measured["handbook"][i][1] / measured["bare"][i][1] for i in range(arguments.rounds))
    print(f"ratio handbook / bare: edit→page {wall_ratio:.2f}×, cpu {cpu_ratio:.2f}×   (target ≤ 0.6×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
