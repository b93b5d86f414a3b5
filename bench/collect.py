"""How quickly the exam room's collector acknowledges hand-ins that arrive all at once, and that none is lost.

    python bench/collect.py [--clients N] [--rounds N]

Builds a copy of the shipped handbook, starts ``handbook collect`` on it as its own process on a
free port of 127.0.0.1, with a generated roster, then in each round lets N clients (default 100, each a
thread speaking from an address of its own in 127.0.0.0/8, like phones in an exam room) hand in
one monthly exam each at the same moment. Every reply must be a 201; afterwards every result
must be in the collector's folder and graded by ``handbook grade``'s own code.

Printed: per round and overall the median (p50), p99 and slowest time from sending to the 201,
and the collector's peak memory (VmHWM). For a ratio measured in the same run, the same results
are also written one after another straight to disk with ``write_atomic(durable=True)``, which
is what keeping them durably costs at the least: a hand-in's p50 is set against that.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench"), str(REPO), str(REPO / "tests" / "collect")]

from generator.collect.pin import PIN_HEADER  # noqa: E402
from generator.core.handbook import load_checked  # noqa: E402
from generator.core.project import Project  # noqa: E402
from generator.core.published import bank_version, right_response  # noqa: E402
from generator.core.writer import write_atomic  # noqa: E402
from generator.grading import grade  # noqa: E402
from generator.site.build import build  # noqa: E402

from collect_support import CollectorProcess  # noqa: E402  (tests/collect: the collector as a process)

EXAM = "exam-monthly-written"
START_SECONDS = 180
REPLY_SECONDS = 60


def trainees(count: int) -> list[tuple[str, str]]:
    surnames, given = "赵钱孙李周吴郑王冯陈", "伟芳娜敏静丽强磊军洋"
    return [
        (f"B{n:04d}", surnames[n % len(surnames)] + given[n // len(surnames) % len(given)] + str(n))
        for n in range(count)
    ]


def write_roster(path: Path, people: list[tuple[str, str]]) -> None:
    lines = ["staff:"] + [
        f"  - {{id: {i}, name: {n}, role: cs_staff, team: 一班, arrival: 2024-03-04}}" for i, n in people
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def results(project: Project, people: list[tuple[str, str]], round_number: int) -> list[bytes]:
    """One exam per trainee, all right, each round an hour apart so that none is a copy of another."""
    bank = next(b.bank for b in load_checked(project).banks if b.bank.id == EXAM)
    answers = [{"question_id": q.id, "response": right_response(q)} for q in bank.questions]
    made = []
    for trainee_id, name in people:
        result = {
            "schema": "handbook.result/1",
            "quiz_id": bank.id,
            "quiz_version": bank_version(bank),
            "mode": "exam",
            "trainee": {"id": trainee_id, "name": name},
            "started_at": f"2026-03-03T{8 + round_number:02d}:00:00+08:00",
            "submitted_at": f"2026-03-03T{8 + round_number:02d}:40:00+08:00",
            "answers": answers,
        }
        made.append(json.dumps(result, ensure_ascii=False, indent=2).encode("utf-8"))
    return made


def hand_in_all(port: int, pin: str, bodies: list[bytes]) -> list[tuple[int, float]]:
    """Every body handed in by its own client thread, all released at once: (status, seconds) each."""
    replies: list[tuple[int, float]] = [(0, 0.0)] * len(bodies)
    start = threading.Barrier(len(bodies))

    def client(index: int) -> None:
        source = f"127.0.{index // 250 + 1}.{index % 250 + 2}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REPLY_SECONDS, source_address=(source, 0))
        connection.connect()
        headers = {PIN_HEADER: pin, "Content-Type": "application/json"}
        start.wait(REPLY_SECONDS)
        began = time.perf_counter()
        try:
            connection.request("POST", "/api/results", bodies[index], headers)
            response = connection.getresponse()
            response.read()
            replies[index] = (response.status, time.perf_counter() - began)
        except OSError:
            replies[index] = (-1, time.perf_counter() - began)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REPLY_SECONDS * 2)
    return replies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def durable_writes(bodies: list[bytes], folder: Path) -> list[float]:
    times = []
    for number, body in enumerate(bodies):
        began = time.perf_counter()
        write_atomic(folder / f"{number:05d}.json", body, durable=True)
        times.append(time.perf_counter() - began)
    return times


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--clients", type=int, default=100)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    from build import copy_project  # bench/build.py; imported here, where no sorter can take it for a package

    with tempfile.TemporaryDirectory(prefix="bench-collect-") as temporary:
        work = Path(temporary)
        project = copy_project(work / "handbook")
        people = trainees(args.clients)
        roster = work / "roster.yaml"
        write_roster(roster, people)
        print("生成网站……")
        build(project)  # beforehand, so that the collector's peak memory is that of collecting
        print(f"启动收卷程序，{args.clients} 个客户端 × {args.rounds} 轮")
        collector = CollectorProcess(project, work / "out", roster, work / "collector.log", START_SECONDS)
        latencies: list[float] = []
        baseline: list[float] = []
        try:
            for round_number in range(1, args.rounds + 1):
                bodies = results(project, people, round_number)
                cpu = collector.cpu_seconds()
                replies = hand_in_all(collector.port, collector.pin, bodies)
                cpu_per_hand_in = (collector.cpu_seconds() - cpu) / len(bodies)
                statuses = sorted({status for status, _ in replies})
                seconds = [s for _, s in replies]
                latencies += seconds
                baseline += durable_writes(bodies, work / f"baseline-{round_number}")
                print(
                    f"第 {round_number} 轮：状态 {statuses}，p50 {statistics.median(seconds) * 1000:.0f} ms，"
                    f"p99 {percentile(seconds, 0.99) * 1000:.0f} ms，最慢 {max(seconds) * 1000:.0f} ms；"
                    f"收卷程序每份用 CPU {cpu_per_hand_in * 1000:.1f} ms"
                )
                if statuses != [201]:
                    raise SystemExit(f"not every hand-in was acknowledged: {statuses}")
            peak = collector.peak_memory_kib()
        finally:
            collector.stop()
        files = sorted((work / "out" / "results").glob("*.json"))
        grades = grade(project, [work / "out" / "results"], roster)
        expected = args.clients * args.rounds
        lost = expected - len(files)
        graded, refused = len(grades.attempts), len(grades.rejected)
        print(f"共 {expected} 份：收到 {len(files)} 个结果文件，丢失 {lost}；评分 {graded} 次，拒收 {refused}")
        median, durable = statistics.median(latencies), statistics.median(baseline)
        print(
            f"全部：p50 {median * 1000:.0f} ms，p99 {percentile(latencies, 0.99) * 1000:.0f} ms，"
            f"最慢 {max(latencies) * 1000:.0f} ms；收卷程序内存峰值 {peak / 1024:.0f} MiB"
        )
        print(
            f"对照（同一轮次直接落盘一份的中位数）：{durable * 1000:.1f} ms；交卷 p50 是它的 {median / durable:.1f} 倍"
        )
        if lost or grades.rejected or len(grades.attempts) != expected:
            raise SystemExit("results were lost or refused")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
