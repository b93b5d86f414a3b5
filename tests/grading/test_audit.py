"""`handbook audit`: each rule of the policy on a small year of hand-made records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from grading_support import ROSTER, write_record

from generator.cli import main
from generator.core.errors import HandbookError
from generator.grading.audit import audit

STAFF = [f"E{n:02d}" for n in range(1, 11)]


def breaches(project, folder: Path, today: str, rule: str) -> list[tuple[str, str]]:
    result = audit(project, folder, ROSTER, 2026, today=dt.date.fromisoformat(today))
    return [(str(b.date), b.detail) for b in result.breaches if b.rule == rule]


def supervisor_teaches(folder: Path, day: str, hours: float, instructor: str = "S01") -> None:
    write_record(folder, f"t-{day}-{instructor}", date=day, hours=hours, instructor=instructor)


def test_a_week_under_two_supervisor_hours_is_a_breach(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    supervisor_teaches(folder, "2026-01-04", 2)  # the make-up Sunday after New Year
    supervisor_teaches(folder, "2026-01-06", 2)
    supervisor_teaches(folder, "2026-01-13", 1)
    supervisor_teaches(folder, "2026-01-14", 0.5)
    supervisor_teaches(folder, "2026-01-20", 4, instructor="L01")  # the team leader's hours are not his
    supervisor_teaches(folder, "2026-01-27", 1)  # a week not over yet on the 28th
    assert breaches(project, folder, "2026-01-28", "主管每周授课") == [
        ("2026-01-12", "周主管（S01）2026-01-12—2026-01-18 授课 1.5 课时，少于每周 2 课时"),
        ("2026-01-19", "周主管（S01）2026-01-19—2026-01-25 授课 0 课时，少于每周 2 课时"),
    ]


def test_a_week_of_holidays_asks_no_class_of_the_supervisor(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    monday = dt.date(2025, 12, 29)
    while monday < dt.date(2026, 3, 2):
        if monday != dt.date(2026, 2, 16):  # Spring Festival: no working day in the week
            supervisor_teaches(folder, (monday + dt.timedelta(days=3)).isoformat(), 2)
        monday += dt.timedelta(weeks=1)
    assert breaches(project, folder, "2026-03-01", "主管每周授课") == []


def test_a_drill_session_without_the_supervisor_is_a_breach(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(folder, "d1", date="2026-03-10", programme="drill", instructor="G01", trainees=[("E01", "present")])
    write_record(folder, "d2", date="2026-05-12", programme="drill", instructor="G01", supervisor_on_site=True)
    write_record(folder, "d3", date="2026-07-14", programme="drill", instructor="G01", trainees=[("S01", "present")])
    write_record(folder, "d4", date="2026-09-08", programme="drill", instructor="G01", trainees=[("S01", "absent")])
    assert breaches(project, folder, "2026-12-30", "军体培训主管在场") == [
        ("2026-03-10", "场次 d1：主管不在现场"),
        ("2026-09-08", "场次 d4：主管不在现场"),
    ]


def test_a_quarter_without_fire_training_is_a_breach_once_it_is_over(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(folder, "f1", date="2026-02-10", programme="fire", instructor="F01")
    write_record(folder, "f3", date="2026-07-02", kind="assessment", programme="fire", instructor="F01")
    assert breaches(project, folder, "2026-09-29", "消防知识培训频次") == [
        ("2026-06-30", "2026-04-01—2026-06-30 举行 0 次，规程要求每 3 个月 1 次"),
    ]
    assert breaches(project, folder, "2026-10-01", "消防知识培训频次")[-1][0] == "2026-09-30"


def test_a_staff_member_without_fire_training_in_the_year_is_a_breach(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    for number, day in enumerate(("2026-02-10", "2026-05-12", "2026-08-11", "2026-11-10"), 1):
        rows = [(trainee, "present") for trainee in STAFF[:-1]] + [(STAFF[-1], "absent")]
        write_record(folder, f"f{number}", date=day, programme="fire", instructor="F01", trainees=rows)
    assert breaches(project, folder, "2027-01-05", "每人每年消防知识培训") == [
        ("2026-12-31", "许二（E10）全年参加 0 次，应至少 1 次"),
    ]
    result = audit(project, folder, ROSTER, 2026, today=dt.date(2026, 12, 30))
    assert "2026 年尚未结束，“每人每年至少参加消防知识培训”一项到年底再检查。" in result.notes


def test_a_monthly_assessment_after_the_first_five_working_days_is_a_breach(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(folder, "m02", date="2026-02-06", kind="assessment")  # the 5th working day of February
    write_record(folder, "m03", date="2026-03-09", kind="assessment")  # the 6th of March
    write_record(folder, "i1", date="2026-03-20", kind="assessment", programme="induction")  # not monthly
    assert breaches(project, folder, "2026-03-31", "月度考核时间") == [
        ("2026-03-09", "场次 m03 在 2026-03-09 考核，应在 2026-03 的前 5 个工作日内（2026-03-06 及以前）"),
    ]


def test_a_new_hire_assessed_after_the_tenth_working_day_is_a_breach(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    # N01 arrives 2026-09-28: the 10th working day is 2026-10-16, across the National Day holiday.
    write_record(
        folder, "i-n01", date="2026-10-19", kind="assessment", programme="induction", trainees=[("N01", "present")]
    )
    # N02 arrives 2026-03-02 and is never assessed: the 10th working day is 2026-03-16.
    assert breaches(project, folder, "2026-10-30", "新员工理论考核时间") == [
        ("2026-03-16", "陈新（N02），2026-03-02 到岗，到第 10 个工作日（2026-03-16）仍没有考核记录"),
        ("2026-10-19", "孙新（N01），2026-09-28 到岗，2026-10-19 才考核，应在第 10 个工作日（2026-10-16）"),
    ]


def test_a_new_hire_assessed_on_the_tenth_working_day_is_in_time(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(
        folder, "i-n01", date="2026-10-16", kind="assessment", programme="induction", trainees=[("N01", "present")]
    )
    write_record(
        folder, "i-n02", date="2026-03-16", kind="assessment", programme="induction", trainees=[("N02", "present")]
    )
    assert breaches(project, folder, "2026-10-30", "新员工理论考核时间") == []


def test_a_year_the_calendar_does_not_know_is_refused(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    with pytest.raises(HandbookError, match="2099 年的法定节假日安排还不知道"):
        audit(project, folder, ROSTER, 2099, today=dt.date(2099, 6, 1))


def test_audit_prints_each_breach_and_exits_one(project, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "records"
    supervisor_teaches(folder, "2026-01-06", 2)
    arguments = ["--root", str(project.root), "audit", "--records", str(folder), "--roster", str(ROSTER)]
    assert main([*arguments, "--year", "2026", "--today", "2026-01-19"]) == 1
    assert capsys.readouterr().out == (
        "2026 年培训记录检查（截至 2026-01-19）：发现 2 处不符合规程：\n"
        "\n"
        "日期        规则          说明\n"
        "2026-01-01  主管每周授课  周主管（S01）2025-12-29—2026-01-04 授课 0 课时，少于每周 2 课时\n"
        "2026-01-12  主管每周授课  周主管（S01）2026-01-12—2026-01-18 授课 0 课时，少于每周 2 课时\n"
        "注：2026 年尚未结束，“每人每年至少参加消防知识培训”一项到年底再检查。\n"
    )
    assert main([*arguments, "--year", "2026", "--today", "2026-01-04"]) == 0
    assert capsys.readouterr().out == (
        "2026 年培训记录检查：没有发现不符合规程之处。\n"
        "注：2026 年尚未结束，“每人每年至少参加消防知识培训”一项到年底再检查。\n"
    )
