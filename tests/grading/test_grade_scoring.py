"""Scoring rules of the policy (6.0), each on a small hand-made case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grading_support import NOW, OFFICE, ROSTER, Results, write_record

from generator.core.handbook import load_checked
from generator.core.project import Project
from generator.grading import grade
from generator.grading.report_tables import verdict
from generator.grading.summary import summary


def graded(project: Project, results: Results, records: Path | None = None, now: dt.datetime = NOW):
    return grade(project, [results.folder], ROSTER, records, now=now)


def test_an_exam_is_rescored_from_its_answers_and_its_own_score_is_ignored(project, results) -> None:
    results.exam("e01.json", trainee="E01", right=0, score=100)
    [attempt] = graded(project, results).attempts
    assert (attempt.score, attempt.passed, attempt.sitting) == (0.0, False, 1)


def test_the_pass_mark_is_reached_exactly_and_missed_by_one_question(project, results) -> None:
    results.exam("pass.json", trainee="E01", right=4)  # 4 of 5 = 80
    results.exam("fail.json", trainee="E02", right=3)  # 3 of 5 = 60
    attempts = {a.trainee_id: a for a in graded(project, results).attempts}
    assert (attempts["E01"].score, attempts["E01"].passed) == (80.0, True)
    assert (attempts["E02"].score, attempts["E02"].passed) == (60.0, False)


def test_a_changed_pass_mark_in_the_policy_changes_the_verdict(project, results) -> None:
    policy = project.curriculum / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 85"), "utf-8")
    results.exam("e01.json", trainee="E01", right=4)
    [attempt] = graded(project, results).attempts
    assert (attempt.score, attempt.passed, attempt.points_deducted) == (80.0, False, 3)


def test_fill_in_answers_are_compared_as_the_browser_compares_them(project, results) -> None:
    data = results.exam_data(trainee="E01")
    data["answers"][3]["response"] = [" １１９。"]  # full-width digits, a space and a full stop
    results.write("wide.json", data)
    data = results.exam_data(trainee="E02")
    data["answers"][3]["response"] = ["一一九"]  # the second accepted answer
    results.write("words.json", data)
    assert [a.score for a in graded(project, results).attempts] == [100.0, 100.0]


def test_failed_sittings_climb_the_ladder_then_the_deadline_then_dismissal_review(project, results) -> None:
    days = ["2026-03-03", "2026-03-10", "2026-03-17", "2026-04-10", "2026-04-17"]
    for number, day in enumerate(days, 1):
        # File names in reverse order: the sittings follow submitted_at, not the file names.
        results.exam(f"{9 - number}.json", trainee="E01", right=1, day=day)
    attempts = graded(project, results).attempts
    summary = [(a.sitting, a.points_deducted, a.action, a.deadline) for a in attempts]
    deadline = dt.date(2026, 4, 16)  # 30 days after the third sitting
    assert summary == [
        (1, 3, "one_to_one_retraining", None),
        (2, 6, "one_to_one_retraining", None),
        (3, 10, "deadline_to_master", deadline),
        (4, 0, "deadline_to_master", deadline),
        (5, 0, "dismissal_review", None),
    ]


def test_a_pass_ends_the_deductions(project, results) -> None:
    results.exam("1.json", trainee="E01", right=0, day="2026-03-03")
    results.exam("2.json", trainee="E01", right=5, day="2026-03-10")
    grades = graded(project, results)
    assert [(a.passed, a.points_deducted, a.action) for a in grades.attempts] == [
        (False, 3, "one_to_one_retraining"),
        (True, 0, "none"),
    ]
    assert [(t.trainee_id, t.assessment_points_deducted) for t in grades.trainees] == [("E01", 3)]


def test_a_third_fail_left_past_its_deadline_is_flagged_for_the_director(project, results) -> None:
    for day in ("2026-03-03", "2026-03-10", "2026-03-17"):
        results.exam(f"{day}.json", trainee="E02", right=0, day=day)
    before = graded(project, results, now=dt.datetime(2026, 4, 16, 18, tzinfo=OFFICE))
    after = graded(project, results, now=dt.datetime(2026, 4, 17, 9, tzinfo=OFFICE))
    assert before.overdue == []
    [case] = after.overdue
    assert (case.trainee_id, case.quiz_id, case.deadline, case.action) == (
        "E02",
        "exam-regular",
        dt.date(2026, 4, 16),
        "dismissal_review",
    )


def test_a_failed_induction_exam_means_retraining_and_no_deduction(project, results) -> None:
    for day in ("2026-10-16", "2026-10-20", "2026-10-23", "2026-10-28"):
        results.exam(f"{day}.json", trainee="N01", quiz="exam-induction", right=1, day=day)
    attempts = graded(project, results).attempts
    assert {(a.points_deducted, a.action) for a in attempts} == {(0, "retrain_induction")}
    assert [a.score for a in attempts] == [50.0] * 4


def test_cohort_pass_rates_are_cumulative_against_90_95_100(project, results) -> None:
    # Ten trainees: nine pass the first sitting (90 %), the tenth fails twice and passes the third.
    for number in range(1, 10):
        results.exam(f"E{number:02d}.json", trainee=f"E{number:02d}")
    results.exam("E10-1.json", trainee="E10", right=0, day="2026-03-03")
    results.exam("E10-2.json", trainee="E10", right=0, day="2026-03-10")
    results.exam("E10-3.json", trainee="E10", right=5, day="2026-03-17")
    rows = [(c.sitting, c.cohort, c.passed, c.pass_rate, c.target, c.met) for c in graded(project, results).cohorts]
    assert rows == [(1, 10, 9, 90.0, 90.0, True), (2, 10, 9, 90.0, 95.0, False), (3, 10, 10, 100.0, 100.0, True)]


def test_weak_topics_are_worst_first_and_fall_back_to_the_module_topic(project, results) -> None:
    # Everyone gets q05 (reception etiquette) wrong; one trainee also q01, which has no topic of
    # its own and counts for its module's first topic (complaint handling).
    for trainee in ("E01", "E02"):
        data = results.exam_data(trainee=trainee)
        data["answers"][4]["response"] = ["b", "a", "c"]
        results.write(f"{trainee}.json", data)
    data = results.exam_data(trainee="E03")
    data["answers"][0]["response"] = "c"
    results.write("E03.json", data)
    topics = [(w.topic, w.topic_name, w.answers, w.wrong, w.wrong_share) for w in graded(project, results).weak_topics]
    assert topics == [
        ("reception_etiquette", "客服接待流程及礼仪", 3, 2, 66.7),
        ("complaint_handling", "业户投诉处理流程及回复", 3, 1, 33.3),
        ("emergency_handling", "突发事件的处理", 3, 0, 0.0),
        ("service_awareness", "服务意识（业主识别）", 6, 0, 0.0),
    ]
    assert {w.programme for w in graded(project, results).weak_topics} == {"regular"}


def test_attendance_points_come_from_the_records(project, results, tmp_path: Path) -> None:
    records = tmp_path / "records"
    write_record(
        records,
        "r1",
        trainees=[
            ("E01", "absent"),
            ("E02", "excused"),
            ("E03", "present", "上课玩手机"),
            ("E04", "present", "", "空白"),
        ],
    )
    write_record(records, "r2", date="2026-03-12", trainees=[("E01", "缺席", "", "未填写")])
    grades = graded(project, results, records)
    totals = {t.trainee_id: t.attendance_points_deducted for t in grades.trainees}
    assert totals == {"E01": 5, "E02": 0, "E03": 1, "E04": 1}
    e01 = next(t for t in grades.trainees if t.trainee_id == "E01")
    assert [(d.session_id, d.deduction, d.points) for d in e01.attendance] == [
        ("r1", "unexcused_absence", 2),
        ("r2", "unexcused_absence", 2),
        ("r2", "feedback_form", 1),
    ]


def _session(results: Results, session: str, day: str, votes_of: dict[str, tuple], instructor: str = "S01") -> None:
    for trainee, votes in votes_of.items():
        results.survey(f"{session}/{trainee}.json", trainee, session, instructor=instructor, votes=votes, day=day)


ALL_GOOD = (True, True, True, True, False)


def test_instructor_shares_meet_the_targets_exactly_at_the_boundary(project, results) -> None:
    # 10 forms: 8 interactive (80 %), 7 coverage (70 %): both exactly on target.
    votes = {f"E{n:02d}": (True, True, n <= 8, n <= 7, False) for n in range(1, 11)}
    _session(results, "s1", "2026-03-05", votes)
    [row] = graded(project, results).instructors
    assert row.shares == {"understood": 100.0, "practical": 100.0, "interactive": 80.0, "coverage": 70.0, "gap": 0.0}
    assert (row.responses, row.met, row.missed, row.strike, row.action) == (10, True, [], 0, "none")


def test_every_missed_session_is_a_strike_with_the_policys_consequence(project, results) -> None:
    staff = [f"E{n:02d}" for n in range(1, 11)]
    _session(results, "s4", "2026-04-02", dict.fromkeys(staff, ALL_GOOD))  # met: no strike
    _session(results, "s1", "2026-03-05", {**dict.fromkeys(staff, ALL_GOOD), "E01": (False, True, True, True, False)})
    _session(results, "s2", "2026-03-12", {**dict.fromkeys(staff, ALL_GOOD), "E02": (True, False, True, True, False)})
    _session(results, "s3", "2026-03-19", {**dict.fromkeys(staff, ALL_GOOD), "E03": (True, True, True, True, True)})
    _session(results, "s5", "2026-04-09", {**dict.fromkeys(staff, ALL_GOOD), "E04": (False, True, True, True, False)})
    rows = [(r.session_id, r.missed, r.strike, r.action) for r in graded(project, results).instructors]
    assert rows == [
        ("s1", ["understood"], 1, "replan_and_rerun"),
        ("s2", ["practical"], 2, "instructor_takes_training"),
        ("s3", ["gap"], 3, "loses_right_to_train"),
        ("s4", [], 0, "none"),
        ("s5", ["understood"], 4, "loses_right_to_train"),
    ]


def test_strikes_follow_the_session_dates_of_the_records(project, results, tmp_path: Path) -> None:
    records = tmp_path / "records"
    write_record(records, "late", date="2026-03-20")
    write_record(records, "early", date="2026-03-06")
    bad = (False, True, True, True, False)
    # The forms of "late" were handed in first; the record puts "early" first.
    _session(results, "late", "2026-03-01", {"E01": bad})
    _session(results, "early", "2026-03-07", {"E01": bad})
    rows = [(r.session_id, str(r.date), r.strike) for r in graded(project, results, records).instructors]
    assert rows == [("early", "2026-03-06", 1), ("late", "2026-03-20", 2)]


def test_strikes_are_counted_per_instructor(project, results) -> None:
    bad = (True, True, True, False, False)
    _session(results, "a", "2026-03-05", {"E01": bad}, instructor="S01")
    _session(results, "b", "2026-03-06", {"E01": bad}, instructor="F01")
    rows = [(r.instructor_id, r.instructor_name, r.strike) for r in graded(project, results).instructors]
    assert rows == [("F01", "吴安全", 1), ("S01", "周主管", 1)]


def test_a_trainees_second_form_for_a_session_is_not_counted(project, results) -> None:
    results.survey("first.json", "E01", "s1", votes=ALL_GOOD, day="2026-03-05")
    later = results.survey_data("E01", "s1", votes=(False, False, False, False, True), day="2026-03-06")
    results.write("second.json", later)
    grades = graded(project, results)
    assert [(r.responses, r.met) for r in grades.instructors] == [(1, True)]
    [rejection] = grades.rejected
    assert Path(rejection.file).name == "second.json"
    assert rejection.reason == f"该学员已交过本场次的考核表（{results.folder.as_posix()}/first.json），只计第一份"


def test_grades_suggest_revising_the_plan_when_a_target_is_missed(project, results) -> None:
    results.exam("e01.json", trainee="E01")
    assert graded(project, results).revision_reasons == []
    results.exam("e02.json", trainee="E02", right=0)
    grades = graded(project, results)
    # Named by the exam's title; the second and third sittings are still to come: pending, not missed.
    assert grades.revision_reasons == ["常规培训月度考核（示例）：第 1 次考核后累计合格率 50%，未达到 90%"]
    assert [(c.sitting, c.met, c.pending) for c in grades.cohorts] == [
        (1, False, False),
        (2, False, True),
        (3, False, True),
    ]
    assert verdict(grades) == "有 1 项未达标，请考虑修订培训计划。另有 2 项待补考，补考结果出来后再判断。"
    # The retake is held and failed again: the second sitting is missed, the third still pending.
    results.exam("e02-2.json", trainee="E02", right=0, day="2026-03-10")
    grades = graded(project, results)
    assert [(c.sitting, c.met, c.pending) for c in grades.cohorts] == [
        (1, False, False),
        (2, False, False),
        (3, False, True),
    ]


def test_nothing_graded_claims_nothing(project, results) -> None:
    results.write("broken.json", {"schema": "handbook.result/1"})
    grades = graded(project, results)
    assert verdict(grades) == "本次未评出任何考核，无从判断各项目标是否达到。"
    assert "各项目标均已达到" not in summary(grades, load_checked(project).policy)


def test_times_are_told_in_office_time_whatever_the_file_wrote(project, results) -> None:
    results.exam("e01.json", trainee="E01", started_at="2026-03-03T01:00:00Z", submitted_at="2026-03-03T01:30:00Z")
    attempt = graded(project, results).attempts[0]
    assert attempt.submitted_at.isoformat() == "2026-03-03T09:30:00+08:00"


def test_a_malformed_quiz_version_is_explained(project, results) -> None:
    results.exam("e01.json", trainee="E01", quiz_version="ABC")
    reason = graded(project, results).rejected[0].reason
    assert "应为 16 位小写十六进制数字（0–9、a–f），即考核页面发布时的版本号，实际为：ABC" in reason


def test_the_titles_of_the_exams_graded_come_in_the_banks_order_whatever_the_files_order(project, results) -> None:
    """grades.json is the same from run to run: its titles do not follow a set's order, which
    changes with Python's string hashing."""
    results.exam("a.json", trainee="E01", quiz="exam-regular")
    results.exam("b.json", trainee="E02", quiz="exam-induction")
    banks = [b.bank.id for b in load_checked(project).banks if b.bank.mode == "exam"]
    assert len(banks) == 2
    assert list(graded(project, results).exam_titles) == banks
