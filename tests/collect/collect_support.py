"""Helpers of the collector's tests: a collector running in this process on a free loopback port,
and a plain HTTP client (the standard library's) that can speak from any 127.x address."""

from __future__ import annotations

import http.client
import json
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS / "grading"))

from grading_support import ROSTER, Results, exam_project  # noqa: E402

from generator.collect.command import Request, banner, prepare, server  # noqa: E402
from generator.collect.pin import PIN_HEADER, Limits  # noqa: E402
from generator.collect.server import Collector  # noqa: E402
from generator.core.project import Project  # noqa: E402

STARTUP_SECONDS = 20
CLIENT_SECONDS = 20

__all__ = ["ROSTER", "Collector", "Limits", "Results", "Running", "built_exam_project", "running"]


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
