"""Helpers of the collector's tests: a collector running in this process on a free loopback port,
and a plain HTTP client (the standard library's) that can speak from any 127.x address."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS / "grading"))

from grading_support import ROSTER, Results, exam_project  # noqa: E402

from generator.collect.command import Request, banner, prepare, server  # noqa: E402
from generator.collect.pin import PIN_HEADER, Limits  # noqa: E402
from generator.collect.server import Collector  # noqa: E402
from generator.core.project import Project  # noqa: E402

STARTUP_SECONDS = 20
CLIENT_SECONDS = 20

__all__ = ["ROSTER", "Collector", "CollectorProcess", "Limits", "Results", "Running", "built_exam_project", "running"]


def built_exam_project(target: Path) -> Project:
    """The grader's test curriculum (two exams) with its site built, as ``collect`` would build it."""
    from generator.site.build import build

    project = exam_project(target)
    build(project)
    return project


def copy_built(project: Project, target: Path) -> Project:
    """A copy of a built project, so that a test may change its site without touching the others'."""
    shutil.copytree(project.root, target)
    return Project(target)


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Running:
    """A collector serving on 127.0.0.1 at ``port``, and what it printed on starting."""

    collector: Collector
    port: int
    said: list[str] = field(default_factory=list)

    @property
    def pin(self) -> str:
        return self.collector.store.pin

    def connection(self, source: str = "127.0.0.1") -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=CLIENT_SECONDS, source_address=(source, 0))

    def request(self, method: str, path: str, body: bytes | None = None, headers=None, source="127.0.0.1") -> Reply:
        connection = self.connection(source)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.read(), dict(response.getheaders()))
        finally:
            connection.close()

    def get(self, path: str, **options) -> Reply:
        return self.request("GET", path, **options)

    def hand_in(self, result: dict | bytes, pin: str | None = None, source: str = "127.0.0.1", headers=None) -> Reply:
        body = result if isinstance(result, bytes) else json.dumps(result, ensure_ascii=False).encode("utf-8")
        sent = {"Content-Type": "application/json", PIN_HEADER: self.pin if pin is None else pin, **(headers or {})}
        return self.request("POST", "/api/results", body, sent, source)

    def log(self) -> str:
        for handler in self.collector.log.handlers:
            handler.flush()
        return (self.collector.store.folder / "collect.log").read_text(encoding="utf-8")


@contextmanager
def running(
    project: Project, out: Path, *, roster: Path | None = ROSTER, limits: Limits | None = None
) -> Iterator[Running]:
    """``handbook collect`` on a free port of 127.0.0.1, in a thread; stopped and closed afterwards."""
    collector = prepare(project, Request(out, roster, 0, limits=limits or Limits()))
    said = banner(collector, lan=False)
    instance = server(collector)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [collector.socket]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the collector did not start"
        time.sleep(0.02)
    try:
        yield Running(collector, collector.port, said)
    finally:
        instance.should_exit = True
        thread.join(STARTUP_SECONDS)
        collector.socket.close()
        collector.store.close()
        assert not thread.is_alive()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CollectorProcess:
    """``handbook collect`` as a process of its own, on a free port of 127.0.0.1: it can be killed
    outright, and its CPU time and peak memory read (Linux). Its output goes to ``log``."""

    def __init__(self, project: Project, out: Path, roster: Path, log: Path, start_seconds: float) -> None:
        self.port = free_port()
        self.seconds = start_seconds
        command = [sys.executable, "-m", "generator", "--root", str(project.root), "collect", "--out", str(out)]
        command += ["--roster", str(roster), "--port", str(self.port)]
        self.log = log.open("ab")
        self.process = subprocess.Popen(command, cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + start_seconds
        while not self.ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the collector did not start:\n{log.read_text('utf-8')}")
            time.sleep(0.1)
        said = log.read_text("utf-8").splitlines()
        self.pin = next(line for line in reversed(said) if "考场口令：" in line)[-6:]

    def ready(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            connection.request("GET", "/api/hello")
            return connection.getresponse().status == 200
        except OSError:
            return False

    def cpu_seconds(self) -> float:
        """User and system time of the collector so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_memory_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(self.seconds)
        self.log.close()

    def stop(self) -> None:
        """Ctrl+C, as the supervisor ends a run; killed if it does not end in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(self.seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(self.seconds)
        self.log.close()
