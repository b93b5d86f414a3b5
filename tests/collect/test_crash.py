"""The collector killed (SIGKILL) in the middle of a stream of hand-ins, then started again:
every hand-in that got its 201 is there, and no partial file is."""

from __future__ import annotations

import http.client
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.collect.pin import PIN_HEADER
from generator.core.project import Project
from generator.grading import grade

from collect_support import ROSTER, CollectorProcess, Results

HAND_INS = 240
KILL_AFTER = 60
CLIENTS = 12
START_SECONDS = 60
TRAINEES = [f"E{n:02d}" for n in range(1, 11)]


def _hand_in(port: int, pin: str, number: int, body: bytes) -> tuple[int, int | None]:
    """(hand-in number, receipt number if it got a 201); each from an address of its own."""
    source = f"127.0.{number // 200 + 1}.{number % 200 + 2}"
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
        connection.request("POST", "/api/results", body, {PIN_HEADER: pin, "Content-Type": "application/json"})
        response = connection.getresponse()
        reply = json.loads(response.read())
        return number, reply["receipt"]["number"] if response.status == 201 else None
    except (OSError, http.client.HTTPException, ValueError):
        return number, None


def test_every_acknowledged_hand_in_survives_a_kill(project: Project, results: Results, tmp_path: Path):
    out, log = tmp_path / "out", tmp_path / "collector.log"
    bodies = [
        json.dumps(results.exam_data(TRAINEES[n % len(TRAINEES)], day=f"2026-03-{n // len(TRAINEES) + 1:02d}"))
        for n in range(HAND_INS)
    ]
    collector = CollectorProcess(project, out, ROSTER, log, START_SECONDS)
    acknowledged: dict[int, int] = {}
    lock = threading.Lock()

    def send(number: int) -> None:
        number, receipt = _hand_in(collector.port, collector.pin, number, bodies[number].encode())
        with lock:
            if receipt is not None:
                acknowledged[number] = receipt
                if len(acknowledged) == KILL_AFTER:
                    collector.kill()

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(send, range(HAND_INS)))
    assert KILL_AFTER <= len(acknowledged) < HAND_INS, "the kill came after the stream"

    restarted = CollectorProcess(project, out, ROSTER, log, START_SECONDS)
    try:
        files = sorted((out / "results").iterdir())
        assert [f.name for f in files if not f.name.endswith(".json")] == []  # no temporary file left over
        kept = {int(f.name[:5]): f.read_bytes() for f in files}
        for number, receipt in acknowledged.items():
            assert json.loads(kept[receipt]) == json.loads(bodies[number])
        assert all(json.loads(data)["schema"] == "handbook.result/1" for data in kept.values())
    finally:
        restarted.stop()
    grades = grade(project, [out / "results"], ROSTER)
    assert grades.rejected == []
    assert len(grades.attempts) == len(kept) >= len(acknowledged)
    assert os.stat(out).st_mode & 0o077 == 0
