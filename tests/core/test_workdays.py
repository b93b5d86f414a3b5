"""Working days: the statutory calendar, the office's override files and provisional mode."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.core.errors import CheckFailed
from generator.core.workdays import OVERRIDE, PROVISIONAL, STATUTORY, UnknownYear, WorkCalendar

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "curriculum" / "calendar" / "template.yaml"
D = dt.date.fromisoformat

OVERRIDE_2027 = """\
year: 2027
source: 测试用的节假日安排
holidays:
  - {date: 2027-01-01, name: 元旦}
  - {from: 2027-02-06, to: 2027-02-12, name: 春节}
workdays:
  - {date: 2027-02-13, name: 春节调休上班}
"""


def calendar_with(tmp_path: Path, files: dict[str, str], *, provisional: bool = False) -> WorkCalendar:
    folder = tmp_path / "calendar"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return WorkCalendar(folder, provisional=provisional)


def test_statutory_holidays_are_off_and_make_up_weekends_on(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {})
    assert not work.is_working_day(D("2026-10-01"))  # National Day, a Thursday
    assert work.is_working_day(D("2026-10-10"))  # make-up Saturday
    assert not work.is_working_day(D("2026-10-11"))  # an ordinary Sunday
    assert work.is_working_day(D("2026-02-28"))  # make-up Saturday of the Spring Festival
    assert work.note(D("2026-10-10")) == "国庆节调休上班"
    assert work.year(2026).kind == STATUTORY


def test_counting_starts_the_day_after_and_crosses_the_holiday(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {})
    days = [work.nth_working_day_after(D("2026-09-28"), n) for n in range(1, 11)]
    assert days[:5] == [D("2026-09-29"), D("2026-09-30"), D("2026-10-08"), D("2026-10-09"), D("2026-10-10")]
    assert days[-1] == D("2026-10-16")


def test_a_deadline_on_a_day_off_moves_to_the_last_working_day_before(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {})
    assert work.on_or_before(D("2026-10-25")) == D("2026-10-23")  # Sunday → Friday
    assert work.on_or_before(D("2026-10-07")) == D("2026-09-30")  # across the whole holiday
    assert work.on_or_before(D("2026-10-10")) == D("2026-10-10")  # a make-up Saturday is a working day


def test_a_year_nobody_knows_is_refused_with_directions(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {})
    with pytest.raises(UnknownYear) as refused:
        work.is_working_day(D("2027-03-01"))
    message = str(refused.value)
    assert message.startswith("2027 年的法定节假日和调休安排还不知道")
    assert "curriculum/calendar/2027.yaml" in message
    assert "curriculum/calendar/template.yaml" in message
    assert "--provisional" in message


def test_provisional_mode_rests_on_weekends_only_and_says_so(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {}, provisional=True)
    assert work.is_working_day(D("2027-01-01"))  # a Friday: New Year unknown, so worked
    assert not work.is_working_day(D("2027-01-02"))
    assert work.year(2027).kind == PROVISIONAL
    assert work.is_provisional()
    assert not calendar_with(tmp_path, {}, provisional=True).is_provisional()


def test_a_known_year_stays_statutory_in_provisional_mode(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {}, provisional=True)
    assert not work.is_working_day(D("2026-10-01"))
    assert not work.is_provisional()


def test_an_override_file_supplies_an_unknown_year(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {"2027.yaml": OVERRIDE_2027})
    assert not work.is_working_day(D("2027-01-01"))
    assert not work.is_working_day(D("2027-02-08"))
    assert work.is_working_day(D("2027-02-13"))  # Saturday, made a working day
    assert work.note(D("2027-02-13")) == "春节调休上班"
    assert work.year(2027).kind == OVERRIDE
    assert not work.is_provisional()


def test_an_override_file_wins_over_the_package(tmp_path: Path) -> None:
    text = "year: 2026\nsource: 更正\nholidays:\n  - {date: 2026-10-09, name: 本处更正}\n"
    work = calendar_with(tmp_path, {"2026.yaml": text})
    assert not work.is_working_day(D("2026-10-09"))
    assert work.is_working_day(D("2026-10-01"))  # the file is the whole truth for its year


BAD_2027 = """\
year: 2026
source: 有错的文件
holidays:
  - {date: 2026-12-31, name: 跨年}
  - {from: 2027-05-05, to: 2027-05-01, name: 倒过来}
  - {name: 没有日期}
  - {date: 2027-10-01, name: 国庆节}
workdays:
  - {date: 2027-02-10, name: 周三调休}
  - {date: 2027-10-02, name: 和放假日重复}
"""


def test_mistakes_in_an_override_file_are_located_in_chinese(tmp_path: Path) -> None:
    work = calendar_with(tmp_path, {"2027.yaml": BAD_2027})
    with pytest.raises(CheckFailed) as failed:
        work.is_working_day(D("2027-03-01"))
    assert [str(p) for p in failed.value.problems] == [
        "curriculum/calendar/2027.yaml:1:7: year: 年份应与文件名一致，为 2027，实际为：2026",
        "curriculum/calendar/2027.yaml:4:5: holidays.0: 日期应在 2027 年之内",
        "curriculum/calendar/2027.yaml:5:5: holidays.1: from 和 to 须同时写，且 from 不晚于 to",
        "curriculum/calendar/2027.yaml:6:5: holidays.2: 应写 date（单独一天），或同时写 from 和 to（连续几天）",
        "curriculum/calendar/2027.yaml:9:5: workdays.0: 调休上班日应是周六或周日（周一至周五本来就上班）",
    ]


def test_a_day_both_off_and_on_is_reported(tmp_path: Path) -> None:
    text = "year: 2027\nsource: 测试\nholidays:\n  - {date: 2027-10-02, name: 国庆节}\nworkdays:\n"
    text += "  - {date: 2027-10-02, name: 调休}\n"
    with pytest.raises(CheckFailed) as failed:
        calendar_with(tmp_path, {"2027.yaml": text}).is_working_day(D("2027-03-01"))
    assert [str(p) for p in failed.value.problems] == [
        "curriculum/calendar/2027.yaml:6:5: workdays.0: 2027-10-02 同时写在放假日和调休上班日中"
    ]


def test_a_wrong_type_is_reported_with_its_field(tmp_path: Path) -> None:
    text = "year: 2027\nsource: 测试\nholidays:\n  - {date: 十月一日, name: 国庆节}\n"
    with pytest.raises(CheckFailed) as failed:
        calendar_with(tmp_path, {"2027.yaml": text}).is_working_day(D("2027-03-01"))
    assert [str(p) for p in failed.value.problems] == [
        "curriculum/calendar/2027.yaml:4:12: holidays.0.date: 应为日期（如 2026-09-28），实际为：'十月一日'"
    ]


def test_the_template_is_a_valid_example_and_catches_a_careless_copy(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    shutil.copy(TEMPLATE, folder / "2000.yaml")
    assert WorkCalendar(folder).year(2000).kind == OVERRIDE
    copied = TEMPLATE.read_text(encoding="utf-8").replace("year: 2000", "year: 2027")
    (folder / "2027.yaml").write_text(copied, encoding="utf-8")
    with pytest.raises(CheckFailed) as failed:
        WorkCalendar(folder).year(2027)
    assert {p.message for p in failed.value.problems} == {"日期应在 2027 年之内"}
