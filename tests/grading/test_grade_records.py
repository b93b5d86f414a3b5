"""Training records （培训记录表）: YAML, the .xlsx form and its CSV export, the blank and the
grader's filled forms, and located Chinese errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from grading_support import NOW, ROSTER, TESTS, fingerprint, write_record

from generator.cli import main
from generator.core.errors import CheckFailed
from generator.core.loader import load_curriculum
from generator.core.roster import load_roster
from generator.grading import run_grading, write_reports
from generator.grading.record_form import blank_record_form
from generator.grading.records import load_records

REPO = TESTS.parent


def records_of(project, folder: Path):
    found = load_curriculum(project)
    return load_records(folder, found.policy, load_roster(ROSTER, found.roles))


def fill_blank_form(path: Path, head: dict[str, object], rows: list[list[object]]) -> None:
    """Fill the blank form the way a supervisor does: next to each printed label, then row by row."""
    book = openpyxl.load_workbook(io.BytesIO(blank_record_form()))
    sheet = book.active
    labels = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    for label, value in head.items():
        cell = labels[label]
        sheet.cell(row=cell.row, column=cell.column + 1, value=value)
    table = labels["工号"].row
    for offset, values in enumerate(rows, 2):  # the first row under the headers holds the hints
        for column, value in enumerate(values, 1):
            sheet.cell(row=table + offset, column=column, value=value)
    book.save(path)


def test_a_yaml_record_takes_the_forms_chinese_words(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "r1.yaml").write_text(
        "session_id: 2026-03-05-常规\ndate: 2026/3/5\nkind: 考核\nprogramme: 常规培训\n"
        "topics: 业户投诉处理流程及回复、service_awareness\ninstructor: S01\nhours: 1.5\nsupervisor_on_site: 是\n"
        "trainees:\n  - {id: E01, attendance: 出席}\n  - {id: E02, attendance: 请假}\n"
        "  - {id: E03, attendance: 缺席}\n",
        encoding="utf-8",
    )
    [record] = records_of(project, folder)
    assert (record.date, record.kind, record.programme, record.topics, record.supervisor_on_site) == (
        dt.date(2026, 3, 5),
        "assessment",
        "regular",
        ["complaint_handling", "service_awareness"],
        True,
    )
    assert [(row.id, row.attendance) for row in record.trainees] == [
        ("E01", "present"),
        ("E02", "excused"),
        ("E03", "absent"),
    ]


def test_the_blank_xlsx_form_filled_in_is_read_as_a_record(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    head = {"场次编号": "S-0305", "日期": dt.datetime(2026, 3, 5), "类型": "培训", "培训类别": "消防知识培训"}
    head |= {"课题": "各类灭火器的使用", "课时": 2, "讲师工号": "F01", "主管在场": "否", "地点": "三楼会议室"}
    rows = [["E01", "张三", "出席"], ["E02", "李四", "缺席"], [], ["E03", "王五", "出席", "迟到早退", "未填写"]]
    fill_blank_form(folder / "0305.xlsx", head, rows)
    (folder / "~$0305.xlsx").write_bytes(b"Excel's lock file, not a record")
    [record] = records_of(project, folder)
    assert (record.session_id, record.date, record.programme, record.topics, record.hours) == (
        "S-0305",
        dt.date(2026, 3, 5),
        "fire",
        ["extinguishers"],
        2,
    )
    assert (record.instructor, record.supervisor_on_site, record.venue) == ("F01", False, "三楼会议室")
    rows_read = [(r.id, r.attendance, r.discipline, r.form) for r in record.trainees]
    assert rows_read == [
        ("E01", "present", "", ""),
        ("E02", "absent", "", ""),
        ("E03", "present", "迟到早退", "未填写"),
    ]


def test_the_forms_csv_export_is_read_too(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    lines = [
        ["培训记录表"],
        ["场次编号", "C1", "", "日期", "2026-03-06"],
        ["培训类别", "regular", "", "讲师工号", "L01"],
        ["课时", "2"],
        [],
        ["工号", "姓名", "出勤", "课堂纪律", "考核表填写"],
        ["E01", "张三", "请假", "", ""],
        ["讲师签字：", "", "主管签字："],
        ["E09", "不是表格的一行", "", "", ""],
    ]
    with (folder / "c1.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(lines)
    [record] = records_of(project, folder)
    assert (record.session_id, record.instructor, record.hours) == ("C1", "L01", 2)
    assert [(r.id, r.attendance) for r in record.trainees] == [("E01", "excused")]


def test_mistakes_in_an_xlsx_record_are_reported_at_their_cell(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    head = {"场次编号": "X1", "日期": "三月五日", "培训类别": "常规培训", "课时": 2, "讲师工号": "S01"}
    fill_blank_form(folder / "x1.xlsx", head, [["E01", "张三", "迟到"], ["Z99", "无名"]])
    with pytest.raises(CheckFailed) as failure:
        records_of(project, folder)
    assert [str(p) for p in failure.value.problems] == [
        f"{(folder / 'x1.xlsx').as_posix()}:2:5: 日期: 应为日期（如 2026-09-28），实际为：'三月五日'",
        f"{(folder / 'x1.xlsx').as_posix()}:11:3: 出勤: 应为 'present', 'excused' or 'absent' 之一，实际为：'迟到'",
    ]


def test_cross_checks_name_the_yaml_line(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(folder, "a", programme="drill", topics=["fitness", "swimming"], trainees=[("Z99", "present")])
    write_record(folder, "b", session_id="a", instructor="NOBODY", programme="knitting")
    with pytest.raises(CheckFailed) as failure:
        records_of(project, folder)
    text = [str(p).replace(folder.as_posix() + "/", "") for p in failure.value.problems]
    assert text == [
        "a.yaml:8:3: topics.1: “军体培训”中没有课题“swimming”",
        "a.yaml:10:7: trainees.0.id: 花名册中没有工号“Z99”",
        "b.yaml:1:13: session_id: 场次编号“a”与 a.yaml 重复",
        "b.yaml:3:12: programme: 未知培训类别“knitting”，应为 induction（岗前培训）、regular（常规培训）、"
        "drill（军体培训）、fire（消防知识培训） 之一",
        "b.yaml:4:13: instructor: 花名册中没有工号“NOBODY”",
    ]


def test_a_bad_record_stops_grade_with_exit_code_one_and_writes_nothing(project, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "records"
    write_record(folder, "a", hours="两小时")
    out = tmp_path / "out"
    arguments = ["grade", str(tmp_path / "results"), "--roster", str(ROSTER), "--records", str(folder)]
    code = main(["--root", str(project.root), *arguments, "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert (code, err) == (
        1,
        [f"{(folder / 'a.yaml').as_posix()}:5:8: hours: 应为数字，实际为：'两小时'", "检查未通过：共 1 处错误。"],
    )
    assert not out.exists()


def test_the_graders_filled_form_reads_back_as_the_same_record(project, results, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(
        folder,
        "s1",
        topics=["complaint_handling"],
        supervisor_on_site=True,
        venue="会议室",
        trainees=[("E01", "present"), ("E02", "absent", "", "未交"), ("E03", "excused"), ("E04", "present", "=1+1")],
    )
    for trainee in ("E01", "E04"):
        results.survey(f"{trainee}.json", trainee, "s1", votes=(True, True, True, False, False))
    graded = run_grading(project, [results.folder], ROSTER, folder, now=NOW)
    out = tmp_path / "out"
    write_reports(graded, project, out)
    filled = out / "records" / "s1.xlsx"
    again = tmp_path / "again"
    again.mkdir()
    again.joinpath("s1.xlsx").write_bytes(filled.read_bytes())

    def unnamed(records):
        return [
            r.model_copy(update={"trainees": [t.model_copy(update={"name": ""}) for t in r.trainees]}) for r in records
        ]

    assert unnamed(records_of(project, again)) == records_of(project, folder)
    assert [t.name for t in records_of(project, again)[0].trainees] == ["张三", "李四", "王五", "赵六"]
    sheet = openpyxl.load_workbook(filled).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert cells["=1+1"].data_type == "s"  # typed text stays text
    points = [row[5].value for row in sheet.iter_rows(min_row=cells["工号"].row + 1, max_row=cells["工号"].row + 4)]
    assert points == [0, 3, 0, 1]
    assert sheet.cell(row=cells["知识覆盖面认同率"].row, column=2).value == "0%"
    verdict = sheet.cell(row=cells["讲师考评："].row, column=2).value
    assert verdict == "未达标（该讲师第 1 次）"


def test_forms_command_writes_both_blank_forms(tmp_path: Path, capsys) -> None:
    out = tmp_path / "forms"
    assert main(["--root", str(REPO), "forms", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"空白表格已写入 {out}：培训计划表.xlsx、培训记录表.xlsx\n"
    sheet = openpyxl.load_workbook(out / "培训记录表.xlsx").active
    assert sheet["A1"].value == "培训记录表"
    assert [c.value for c in sheet[9]][:5] == ["工号", "姓名", "出勤", "课堂纪律", "考核表填写"]
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    plan = openpyxl.load_workbook(out / "培训计划表.xlsx").active
    assert plan["A1"].value == "培训计划表"


def test_the_blank_form_reads_as_no_record_rows(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    fill_blank_form(folder / "b.xlsx", {"场次编号": "B", "日期": "2026-03-05", "培训类别": "drill", "课时": 1}, [])
    before = fingerprint(folder)
    with pytest.raises(CheckFailed) as failure:
        records_of(project, folder)
    assert [(p.line, p.field, p.message) for p in failure.value.problems] == [(5, "讲师工号", "缺少必填字段")]
    assert fingerprint(folder) == before
