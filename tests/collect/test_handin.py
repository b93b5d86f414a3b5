"""Hand-ins over real sockets: what is taken, what is refused and why, and that the grader agrees."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.project import Project
from generator.core.published import check_code
from generator.core.text_files import size_text
from generator.grading import grade

from collect_support import ROSTER, Results, running


def test_a_result_is_kept_as_a_file_that_the_grader_scores(project: Project, results: Results, tmp_path: Path):
    out = tmp_path / "out"
    with running(project, out) as collector:
        reply = collector.hand_in(results.exam_data("E01", right=4))
        assert reply.status == 201
        receipt = reply.json["receipt"]
        assert receipt["number"] == 1
        assert receipt["code"] == check_code(json.dumps(results.exam_data("E01", right=4), ensure_ascii=False).encode())
        assert receipt["received_at"].endswith("+08:00")
    files = sorted((out / "results").glob("*.json"))
    assert [f.name for f in files] == ["00001-exam-regular-E01.json"]
    assert json.loads(files[0].read_bytes()) == results.exam_data("E01", right=4)
    grades = grade(project, [out / "results"], ROSTER)
    assert grades.rejected == []
    assert [(a.trainee_id, a.quiz_id, a.score) for a in grades.attempts] == [("E01", "exam-regular", 80)]


def test_the_start_tells_where_to_go_the_pin_and_a_qr_code(project: Project, tmp_path: Path):
    with running(project, tmp_path / "out") as collector:
        said = "\n".join(collector.said)
    assert f"学员用手机打开：http://127.0.0.1:{collector.port}/quizzes/" in said
    assert f"考场口令：{collector.pin}" in said
    assert "▄▄▄▄▄" in said  # the QR code's finder patterns, drawn in block characters
    assert f"http://127.0.0.1:{collector.port}/supervisor/" in said
    assert len(collector.pin) == 6
    assert collector.pin.isdigit()


def test_every_refusal_has_its_status_and_the_graders_reason(project: Project, results: Results, tmp_path: Path):
    bad_name = results.exam_data("E02")
    bad_name["trainee"]["name"] = "别人"
    cases = {
        "not json": (b"{", 400, "不是有效的 JSON 文件"),
        "schema": (json.dumps({"schema": "handbook.result/1"}).encode(), 400, "不符合结果文件格式"),
        "unknown quiz": (results.exam_data("E01", quiz="exam-nonesuch"), 400, "未知的考核“exam-nonesuch”"),
        "unknown trainee": (results.exam_data("X99"), 400, "花名册中没有工号“X99”"),
        "wrong name": (bad_name, 400, "与花名册中工号 E02 的姓名“李四”不符"),
        "old version": (results.exam_data("E03", quiz_version="0" * 16), 400, "从未发布过这一版本"),
        "future": (results.exam_data("E04", day="2099-01-01"), 400, "时间在将来"),
    }
    with running(project, tmp_path / "out") as collector:
        for name, (body, status, reason) in cases.items():
            reply = collector.hand_in(body)
            assert (name, reply.status) == (name, status)
            assert reason in reply.json["reason"], name
        log = collector.log()
        assert collector.collector.store.count() == 0
    assert log.count("拒绝 400") == len(cases)
    assert list((tmp_path / "out" / "results").iterdir()) == []


def test_a_wrong_pin_is_refused_and_guessing_is_stopped(project: Project, results: Results, tmp_path: Path):
    from collect_support import Limits

    with running(project, tmp_path / "out", limits=Limits(wrong_pins=3)) as collector:
        wrong = "000000" if collector.pin != "000000" else "111111"
        statuses = [collector.hand_in(results.exam_data("E01"), pin=wrong).status for _ in range(3)]
        assert statuses == [403, 403, 403]
        locked = collector.hand_in(results.exam_data("E01"))  # even the right one, for a while
        assert locked.status == 429
        assert "口令错误次数过多" in locked.json["reason"]
        assert collector.hand_in(results.exam_data("E01"), source="127.0.0.2").status == 201  # another phone
        assert collector.hand_in(results.exam_data("E02"), pin="", source="127.0.0.4").status == 403
        assert "拒绝 403" in collector.log()


def test_the_same_result_twice_is_taken_once(project: Project, results: Results, tmp_path: Path):
    with running(project, tmp_path / "out") as collector:
        first = collector.hand_in(results.exam_data("E01"))
        again = collector.hand_in(results.exam_data("E01"))
        assert (first.status, again.status) == (201, 409)
        assert again.json["receipt"] == first.json["receipt"]
        assert "已经交过" in again.json["reason"]
        other = collector.hand_in(results.exam_data("E01", right=1))  # same time, other answers
        assert other.status == 409
        assert "receipt" not in other.json
        assert "无法确定考核次序" in other.json["reason"]
        later = collector.hand_in(results.exam_data("E01", right=1, clock="11:00"))  # a retake
        assert later.status == 201
        form = collector.hand_in(results.survey_data("E02", "2026-03-05-a"))
        second_form = collector.hand_in(results.survey_data("E02", "2026-03-05-a", comments="补充"))
        assert (form.status, second_form.status) == (201, 409)
        assert "只计第一份" in second_form.json["reason"]
    grades = grade(project, [tmp_path / "out" / "results"], ROSTER)
    assert grades.rejected == []
    assert len(grades.attempts) == 2


def test_an_oversized_result_is_refused_unread(project: Project, results: Results, tmp_path: Path):
    limit = results_limit(project)
    padded = results.exam_data("E01", padding="x" * limit)
    with running(project, tmp_path / "out") as collector:
        reply = collector.hand_in(padded)
        assert reply.status == 413
        assert f"超过 {size_text(limit)} 的上限" in reply.json["reason"]
        chunked = collector.connection()
        chunked.putrequest("POST", "/api/results")
        chunked.putheader("X-Handbook-Pin", collector.pin)
        chunked.putheader("Transfer-Encoding", "chunked")
        chunked.endheaders()
        piece = b"x" * 65536
        try:
            for _ in range(limit // len(piece) + 2):
                chunked.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            chunked.send(b"0\r\n\r\n")
        except OSError:
            pass  # the server may answer and close before the last piece
        assert chunked.getresponse().status == 413
        chunked.close()
        assert collector.hand_in(results.exam_data("E01")).status == 201


def results_limit(project: Project) -> int:
    from generator.core.handbook import load_checked

    return load_checked(project).policy.grading.max_result_file_bytes


def test_a_flood_from_one_address_is_slowed_and_others_still_get_through(
    project: Project, results: Results, tmp_path: Path
):
    from collect_support import Limits

    limits = Limits(requests_burst=30, requests_per_second=0.001)  # no refill while the test runs, however slow
    with running(project, tmp_path / "out", limits=limits) as collector:
        statuses = [collector.get("/api/hello").status for _ in range(40)]
        assert statuses[:30] == [200] * 30
        assert set(statuses[30:]) == {429}
        assert collector.hand_in(results.exam_data("E01"), source="127.0.0.3").status == 201
        assert "请求过于频繁" in collector.log()


def test_hand_ins_from_one_address_have_their_own_budget(project: Project, results: Results, tmp_path: Path):
    from collect_support import Limits

    with running(project, tmp_path / "out", limits=Limits(handins_burst=2, handins_per_second=0.001)) as collector:
        statuses = [collector.hand_in(results.exam_data(f"E0{i}")).status for i in (1, 2, 3)]
        assert statuses == [201, 201, 429]
        assert "提交过于频繁" in collector.log()
