"""Slow clients, path tricks, listings and prying: each refused with its status, none stops the server."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from generator.core.project import Project

from collect_support import Limits, Results, copy_built, running

QUICK = Limits(head_seconds=1.0, body_seconds=1.0)
WAIT = 10.0


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes; bounded by the socket's timeout."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def test_a_client_that_never_finishes_its_request_is_cut_off(project: Project, tmp_path: Path):
    with running(project, tmp_path / "out", limits=QUICK) as collector:
        slow = socket.create_connection(("127.0.0.1", collector.port), timeout=WAIT)
        idle = socket.create_connection(("127.0.0.1", collector.port), timeout=WAIT)
        slow.sendall(b"GET /quizzes/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        assert collector.get("/api/hello").status == 200  # others are served meanwhile
        started = time.monotonic()
        assert _read_until_closed(slow) == b""
        assert _read_until_closed(idle) == b""
        assert time.monotonic() - started < WAIT / 2
        slow.close()
        idle.close()
        assert collector.get("/api/hello").status == 200
        assert "秒内没有发来完整的请求" in collector.log()


def test_a_hand_in_whose_body_stalls_is_refused(project: Project, results: Results, tmp_path: Path):
    with running(project, tmp_path / "out", limits=QUICK) as collector:
        with socket.create_connection(("127.0.0.1", collector.port), timeout=WAIT) as slow:
            head = f"POST /api/results HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Handbook-Pin: {collector.pin}\r\n"
            slow.sendall(f"{head}Content-Type: application/json\r\nContent-Length: 400\r\n\r\n{{".encode())
            answer = _read_until_closed(slow)
        assert answer.startswith(b"HTTP/1.1 408")
        assert "上传太慢" in answer.decode("utf-8")
        assert collector.hand_in(results.exam_data("E01")).status == 201


def test_path_tricks_are_refused(project: Project, tmp_path: Path):
    copy = copy_built(project, tmp_path / "copy")
    (copy.site / "escape").symlink_to(copy.root / "quizzes")
    tricks = [
        "/../mkdocs.yml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2fmkdocs.yml",
        "/.git/config",
        "/assets/%5c..%5cmkdocs.yml",
        "/quizzes/%00",
        "/C:/Windows/win.ini",
        "/escape/exam-regular.yaml",
    ]
    with running(copy, tmp_path / "out") as collector:
        for path in tricks:
            reply = collector.get(path)
            assert (path, reply.status) == (path, 400)
            assert reply.json["reason"]
        log = collector.log()
    assert log.count("拒绝 400") == len(tricks)


def test_folders_are_never_listed_and_results_never_served(project: Project, results: Results, tmp_path: Path):
    with running(project, tmp_path / "out") as collector:
        assert collector.hand_in(results.exam_data("E01")).status == 201
        for path in ("/assets/", "/assets", "/results/00001-exam-regular-E01.json", "/collect.sqlite3", "/collect.log"):
            reply = collector.get(path)
            assert (path, reply.status) == (path, 404)
            assert b"E01" not in reply.body
        redirect = collector.get("/quizzes")
        assert (redirect.status, redirect.headers["location"]) == (301, "/quizzes/")
        elsewhere = collector.get("//quizzes")  # not to a host named "quizzes"
        assert (elsewhere.status, elsewhere.headers["location"]) == (301, "/quizzes/")
        assert collector.request("PUT", "/api/results", b"{}").status == 405
        assert collector.request("DELETE", "/quizzes/").status == 405


def test_the_supervisors_pages_are_for_this_pc_only(project: Project, results: Results, tmp_path: Path):
    with running(project, tmp_path / "out") as collector:
        assert collector.hand_in(results.exam_data("E01")).status == 201
        assert collector.hand_in(results.exam_data("X99")).status == 400
        assert collector.get("/favicon.ico").status == 404  # logged, but no business of the supervisor's page
        status = collector.get("/supervisor/status").json
        for path in ("/supervisor/", "/supervisor/status", "/supervisor/projector"):
            assert collector.get(path).status == 200
            pried = collector.get(path, headers={"Host": f"rebound.example:{collector.port}"})
            assert (path, pried.status) == (path, 403)
            assert "张三" not in pried.body.decode("utf-8")
        pries = collector.get("/supervisor/status").json["refused"]
    assert (status["results"], status["people"], status["roster"]) == (1, 1, 16)
    row = next(row for row in status["rows"] if row["id"] == "E01")
    assert row["name"] == "张三"
    assert [(h["number"], h["quiz"]) for h in row["handed"]] == [(1, "常规培训月度考核（示例）")]
    assert all(not row["handed"] for row in status["rows"] if row["id"] != "E01")
    [refused] = status["refused"]
    assert (refused["who"], refused["status"]) == ("某人（X99）", 400)
    assert "花名册中没有工号“X99”" in refused["reason"]
    assert [r["status"] for r in pries] == [403, 403, 403, 400]  # prying is shown to the supervisor


def test_quiz_pages_load_the_collectors_script_and_other_pages_do_not(project: Project, tmp_path: Path):
    with running(project, tmp_path / "out") as collector:
        exam = collector.get("/quizzes/exam-regular/").body.decode("utf-8")
        home = collector.get("/").body.decode("utf-8")
        script = collector.get("/api/collect.js")
    assert '<script src="/api/collect.js"' in exam
    assert exam.index("/api/collect.js") < exam.index("assets/handbook.js")
    assert "/api/collect.js" not in home
    assert script.status == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/api/collect.js" not in (project.site / "quizzes" / "exam-regular" / "index.html").read_text("utf-8")
