"""The files a supervisor gets: the 培训计划表 (.xlsx), the calendar (.ics) and the commands."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from ical.calendar_stream import IcsCalendarStream
from printed import expected_pages, pages
from schedule_helpers import FIXTURES, OVERRIDE_2027, D, context_of, shipped_copy

from generator.cli import main
from generator.core.project import Project
from generator.planning.ical import calendar_bytes
from generator.planning.induction import Newcomer, induction_plan
from generator.planning.plan_form import FormContext, blank_form_bytes, plan_form_bytes
from generator.planning.plans import month_plan, year_plan

REPO = Path(__file__).resolve().parents[2]
ROSTER = FIXTURES / "schedule" / "roster.yaml"
HEADER = ("日期", "时间", "课题", "培训类别", "讲师", "对象", "课时", "地点", "备注")


@pytest.fixture(scope="module")
def context():
    return context_of(Project(REPO))


def form_of(context) -> FormContext:
    return FormContext(context.policy, context.roles, context.settings.day)


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_plan_form_is_laid_out_for_printing(context) -> None:
    plan = month_plan(context, 2026, 12)
    sheet = workbook(plan_form_bytes(plan, form_of(context))).active
    assert sheet.title == "培训计划表"
    assert sheet["A1"].value == "培训计划表"
    assert sheet["A2"].value == "单位：本管理处　　计划期间：2026年12月　　（规程 7.1）"
    assert tuple(c.value for c in sheet[3]) == HEADER
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None and r[1] is not None]
    assert len(rows) == len(plan.entries)
    first = rows[0]
    assert (first[0].date(), first[1], first[2], first[3], first[4], first[6]) == (
        D("2026-12-01"),
        "周二 14:00–15:30",
        "服务意识（业主识别）、客服人员岗位职责",
        "常规培训",
        "客服主管",
        2,
    )
    texts = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert any(t.startswith("拟订（客服主管）：") for t in texts)
    assert any(t.startswith("批准（管理处主任）：") for t in texts)
    assert "本计划截止：拟订2026年12月培训计划，报管理处主任，2026年11月25日（周三）前" in texts
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")  # 9 is A4 in OOXML
    assert 50 <= int(setup.scale) <= 100  # a fixed scale, so that the page breaks fall where the form put them
    assert "冲突与调整：" in " ".join(texts)
    assert sheet.print_title_rows == "$3:$3"


def test_same_inputs_give_the_same_bytes_whatever_the_clock(context) -> None:
    plan = month_plan(context, 2026, 12)
    data = plan_form_bytes(plan, form_of(context))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in archive.infolist()} == {(2026, 12, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(\w+)[^>]*>([^<]*)<", core) == [
        ("created", "2026-12-01T00:00:00Z"),
        ("modified", "2026-12-01T00:00:00Z"),
    ]
    assert plan_form_bytes(month_plan(context, 2026, 12), form_of(context)) == data
    ics = calendar_bytes(plan, context.policy, context.roles, context.settings.day)
    assert calendar_bytes(month_plan(context, 2026, 12), context.policy, context.roles, context.settings.day) == ics


def test_the_blank_form_has_empty_ruled_rows(context) -> None:
    sheet = workbook(blank_form_bytes(form_of(context), "本管理处", rows=5)).active
    assert tuple(c.value for c in sheet[3]) == HEADER
    assert [c.value for c in sheet[4]] == [None] * len(HEADER)
    assert sheet.cell(4, 1).border.left.style == "thin"
    assert sheet["A2"].value == "单位：本管理处　　计划期间：＿＿＿＿年＿＿月　　（规程 7.1）"


def parse(data: bytes):
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


def test_the_calendar_parses_strictly_with_local_times_and_stable_uids(context) -> None:
    december = month_plan(context, 2026, 12)
    data = calendar_bytes(december, context.policy, context.roles, context.settings.day)
    calendar = parse(data)
    assert len(calendar.events) == len(december.entries)
    assert [tz.tz_id for tz in calendar.timezones] == ["Asia/Shanghai"]
    timed = [e for e in calendar.events if hasattr(e.dtstart, "hour")]
    assert {str(e.dtstart.tzinfo) for e in timed} == {"Asia/Shanghai"}
    all_day = [e for e in calendar.events if not hasattr(e.dtstart, "hour")]
    assert {e.summary for e in all_day} >= {"拟订2027年度培训计划，报管理处主任", "审核2027年度培训计划"}
    text = data.decode()
    assert re.findall(r"^DTSTAMP:(.*)$", text, re.M) == ["20261130T160000Z\r"] * len(december.entries)
    assert all(until.endswith("Z") for until in re.findall(r"UNTIL=([0-9TZ]+)", text))
    year = year_plan(context, 2026)
    year_uids = {e.uid for e in parse(calendar_bytes(year, context.policy, context.roles, context.settings.day)).events}
    assert {e.uid for e in calendar.events} <= year_uids  # re-importing the year updates December's events
    assert len(year_uids) == len(year.entries)


def test_the_induction_example(context) -> None:
    plan = induction_plan(context, Newcomer(D("2026-09-28"), "test"), "岗前培训计划")
    classes = [e for e in plan.entries if e.kind == "induction"]
    days = sorted({e.day for e in classes})
    assert days == [D("2026-09-29"), D("2026-09-30"), D("2026-10-08"), D("2026-10-09"), D("2026-10-10")]
    assert plan.entries[-1].day == D("2026-10-16")
    assert plan.entries[-1].title == "岗前培训理论考核"
    hours: dict[str, float] = {}
    for entry in classes:
        hours[entry.instructors[0]] = hours.get(entry.instructors[0], 0) + entry.hours
    induction = context.policy.programme("induction")
    assert sum(hours.values()) == induction.class_hours
    for instructor in induction.instructors:
        assert hours[instructor.role] >= instructor.hours if instructor.at_least else hours[instructor.role] == 8 * 3
    theory_days = {e.day for e in classes if e.instructors == ("cs_supervisor",)}
    assert max(theory_days) <= days[context.policy.induction_rules.theory_within_working_days - 1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_handbook_induction_prints_the_days_and_writes_both_files(tmp_path: Path, capsys) -> None:
    code, out, err = run(
        capsys, "--root", str(REPO), "induction", "--arrival", "2026-09-28", "--name", "张三", "--out", str(tmp_path)
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "张三岗前培训计划",
        "到岗：2026年9月28日（周一）",
        "  9月29日（周二） 09:00–10:30  公司简介与部门简介  2 课时  客服主管  第 1 天",
    ]
    assert "  10月10日（周六） 09:00–16:30  岗位实习  8 课时  岗位教练  第 5 天；国庆节调休上班" in lines
    assert "  10月16日（周五） 09:00–10:00  岗前培训理论考核  客服主管  到岗后第 10 个工作日；合格后正式上岗" in lines
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "岗前培训计划-2026-09-28-张三.ics",
        "岗前培训计划-2026-09-28-张三.xlsx",
    ]
    sheet = workbook((tmp_path / "岗前培训计划-2026-09-28-张三.xlsx").read_bytes()).active
    assert {r[5] for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]} == {"张三"}


def test_handbook_schedule_writes_the_month(tmp_path: Path, capsys) -> None:
    code, out, err = run(
        capsys, "--root", str(REPO), "schedule", "--month", "2026-12", "--roster", str(ROSTER), "--out", str(tmp_path)
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "2026年12月培训计划：培训 15 项，岗前培训 9 项，考核 3 项，结果分析 1 项，计划 4 项。"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["培训计划-2026-12.ics", "培训计划-2026-12.xlsx"]
    ics = (tmp_path / "培训计划-2026-12.ics").read_text(encoding="utf-8")
    assert "褚新人" in ics and "王主管" in ics


def test_handbook_schedule_refuses_a_year_nobody_knows(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "--root", str(REPO), "schedule", "--year", "2027", "--out", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.startswith("错误：2027 年的法定节假日和调休安排还不知道")
    assert list(tmp_path.iterdir()) == []


def test_provisional_marks_every_page_and_event(tmp_path: Path, capsys) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = run(
        capsys, "--root", str(REPO), "schedule", "--year", "2027", "--provisional", "--out", str(out_dir)
    )
    assert code == 0
    assert "注意：部分年份的节假日尚未公布，日期按只有周六、周日休息暂排，均为暂定。" in out.splitlines()
    calendar = parse((out_dir / "年度培训计划-2027-暂定.ics").read_bytes())
    assert calendar.events and all(e.summary.startswith("【暂定】") for e in calendar.events)
    sheet = workbook((out_dir / "年度培训计划-2027-暂定.xlsx").read_bytes()).active
    assert "2027年度（暂定）" in sheet["A2"].value
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None and r[1] is not None]
    assert rows and all(r[8].startswith("暂定") for r in rows)


def test_an_override_file_makes_the_year_plannable(tmp_path: Path, capsys) -> None:
    project = shipped_copy(tmp_path)
    (project.curriculum / "calendar" / "2027.yaml").write_text(OVERRIDE_2027, encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project.root), "schedule", "--year", "2027", "--out", str(tmp_path))
    assert (code, err) == (0, "")
    assert (tmp_path / "年度培训计划-2027.xlsx").is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "错误：请用 --month（如 2026-12）或 --year（如 2027）指定要排哪个月或哪一年，二者选一。\n"),
        (["--month", "2026-13"], "错误：--month 的月份应在 1 到 12 之间，实际为：2026-13\n"),
        (
            ["--year", "2026", "--focus-from", "x.json"],
            "错误：--focus-from 只用于月度计划（--month）：重点按上次考核结果逐月调整。\n",
        ),
    ],
)
def test_bad_requests_exit_one_with_a_message(tmp_path: Path, capsys, arguments: list[str], message: str) -> None:
    assert run(capsys, "--root", str(REPO), "schedule", *arguments, "--out", str(tmp_path)) == (1, "", message)


@pytest.mark.parametrize("inside", ["site/plans", "site_templates/assets", "curriculum"])
def test_plans_with_names_are_never_written_into_the_site(tmp_path: Path, capsys, inside: str) -> None:
    project = shipped_copy(tmp_path)
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    code, _, err = run(
        capsys, "--root", str(project.root), "schedule", "--month", "2026-12", "--out", str(project.root / inside)
    )
    assert code == 1
    assert "会随手册网站发布；输出含员工姓名，不能放在这里" in err
    assert sorted(p.relative_to(project.root) for p in project.root.rglob("*")) == before


def december_with_focus(capsys, grades: Path, out: Path):
    return run(
        capsys, "--root", str(REPO), "schedule", "--month", "2026-12", "--focus-from", str(grades), "--out", str(out)
    )


def test_focus_from_a_grades_file(tmp_path: Path, capsys) -> None:
    grades = FIXTURES / "schedule" / "grades.json"
    code, out, _ = december_with_focus(capsys, grades, tmp_path)
    assert code == 0
    assert sum(line.startswith("提示：") for line in out.splitlines()) == 4
    sheet = workbook((tmp_path / "培训计划-2026-12.xlsx").read_bytes()).active
    texts = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    focus = "案例分析研讨（错误率 42%）、业户投诉处理流程及回复（错误率 30%）、各类灭火器的使用（错误率 25%）"
    assert f"本期重点（依据上次考核结果）：{focus}" in texts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"schema": "handbook.result/1"}',
            "不是成绩汇总文件（schema 应为 handbook.grades/1，实际为：handbook.result/1）",
        ),
        ('{"schema": "handbook.grades/1",\n "weak_topics": [}', ":2:18: 不是有效的 JSON"),
        ('{"schema": "handbook.grades/1"}', "缺少 weak_topics 列表"),
    ],
)
def test_an_unusable_grades_file_is_refused(tmp_path: Path, capsys, content: str, message: str) -> None:
    grades = tmp_path / "grades.json"
    grades.write_text(content, encoding="utf-8")
    code, _, err = december_with_focus(capsys, grades, tmp_path)
    assert code == 1
    assert message in err


@pytest.mark.parametrize("args", [["--month", "2026-12"], ["--year", "2026"]])
def test_the_plan_form_prints_with_the_signatures_beside_the_last_rows(tmp_path: Path, args: list[str]) -> None:
    """As an office prints it: LibreOffice makes the PDF; its pages are those the form's breaks
    promise, the table header heads every page, and the last page holds the last rows of the
    table together with both signature lines."""
    assert main(["--root", str(REPO), "schedule", *args, "--roster", str(ROSTER), "--out", str(tmp_path)]) == 0
    form = next(tmp_path.glob("*.xlsx"))
    texts = pages(form, tmp_path / "pdf")
    assert len(texts) == expected_pages(form)
    assert all("课题" in text and "备注" in text for text in texts)
    signed = [n for n, text in enumerate(texts) if "拟订（客服主管）" in text and "批准（管理处主任）" in text]
    assert len(signed) == 1
    assert "12月31日" in texts[signed[0]]  # the last day's rows stand with the signatures
    if args[0] == "--month":
        assert signed == [len(texts) - 1]  # and nothing follows them
    else:
        # The year's long list follows, as an appendix, on the pages after the signatures.
        assert any("附：冲突与调整明细" in text for text in texts[signed[0] :])


def test_the_blank_form_prints_on_one_page(tmp_path: Path, context) -> None:
    path = tmp_path / "培训计划表.xlsx"
    path.write_bytes(blank_form_bytes(form_of(context), "本管理处"))
    texts = pages(path, tmp_path / "pdf")
    assert len(texts) == 1 and "批准（管理处主任）" in texts[0]
