"""`handbook grade` as a supervisor runs it: what it prints, the files it writes, and where."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import openpyxl.utils
import pytest
from grading_support import ROSTER, Results, fingerprint, write_record

from generator.cli import main
from generator.core.sheet_print import text_units
from generator.models.grades import Grades

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "grading"
NOW = "2026-04-30T18:00:00+08:00"


@pytest.fixture
def office(project, results: Results, tmp_path: Path, monkeypatch) -> Path:
    """A supervisor's folder: results, records and roster, with relative paths as typed."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROSTER, tmp_path / "roster.yaml")
    write_record(
        tmp_path / "records",
        "r0305",
        topics=["complaint_handling"],
        trainees=[("E01", "present"), ("E02", "absent"), ("E03", "present", "接听私人电话"), ("E04", "excused")],
    )
    for trainee in ("E01", "E03", "E04", "E05"):
        results.exam(f"{trainee}.json", trainee=trainee)
    results.exam("E02-1.json", trainee="E02", right=0, day="2026-03-03")
    results.exam("E02-2.json", trainee="E02", right=2, day="2026-03-10")
    results.exam("N01.json", trainee="E06", quiz="exam-induction", right=1)
    results.survey("s/E01.json", "E01", "r0305", votes=(True, True, True, True, False))
    results.survey("s/E03.json", "E03", "r0305", votes=(False, True, False, True, False), comments="<b>太快</b>")
    results.write("broken.json", {"schema": "handbook.result/1"})
    return tmp_path


def run(project, *arguments: str) -> int:
    return main(["--root", str(project.root), "grade", *arguments])


def test_grade_prints_a_summary_and_writes_every_output(project, office: Path, capsys, update_golden) -> None:
    arguments = ["results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW]
    assert run(project, *arguments) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / "summary.txt"
    if update_golden:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    written = sorted(p.relative_to(office / "out").as_posix() for p in (office / "out").rglob("*") if p.is_file())
    expected = ["grades.json", "grades.xlsx", "records/r0305.xlsx", "report.html", "report.md", "成绩单.html"]
    assert written == [".handbook-output", *expected]


def test_grades_json_keeps_its_contract(project, office: Path) -> None:
    run(project, "results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW)
    data = json.loads((office / "out" / "grades.json").read_text(encoding="utf-8"))
    assert data["schema"] == "handbook.grades/1"
    assert next(iter(data)) == "schema"
    assert Grades.model_validate(data).model_dump(mode="json", by_alias=True) == data
    assert set(data["attempts"][0]) >= {
        "trainee_id",
        "quiz_id",
        "sitting",
        "score",
        "passed",
        "points_deducted",
        "action",
    }
    assert set(data["cohorts"][0]) >= {"quiz_id", "sitting", "pass_rate", "target", "met"}
    assert set(data["trainees"][0]) >= {"trainee_id", "attendance_points_deducted", "assessment_points_deducted"}
    assert set(data["instructors"][0]) >= {"instructor_id", "session_id", "shares", "met", "strike", "action"}
    assert set(data["weak_topics"][0]) >= {"programme", "topic", "topic_name", "wrong_share"}
    assert data["rejected"] == [
        {"file": "results/broken.json", "reason": data["rejected"][0]["reason"]},
    ]
    e02 = [(a["sitting"], a["points_deducted"], a["action"]) for a in data["attempts"] if a["trainee_id"] == "E02"]
    assert e02 == [(1, 3, "one_to_one_retraining"), (2, 6, "one_to_one_retraining")]
    induction = [(a["points_deducted"], a["action"]) for a in data["attempts"] if a["quiz_id"] == "exam-induction"]
    assert induction == [(0, "retrain_induction")]
    points = {
        t["trainee_id"]: (t["attendance_points_deducted"], t["assessment_points_deducted"]) for t in data["trainees"]
    }
    assert points == {"E01": (0, 0), "E02": (2, 9), "E03": (1, 0), "E04": (0, 0), "E05": (0, 0), "E06": (0, 0)}


def test_the_report_matches_its_golden_file(project, office: Path, update_golden: bool) -> None:
    run(project, "results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW)
    report = (office / "out" / "report.md").read_text(encoding="utf-8")
    golden = GOLDEN / "report.md"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(report, encoding="utf-8")
    assert report == golden.read_text(encoding="utf-8")


def test_text_typed_by_trainees_cannot_inject_markup_or_formulas(project, results, tmp_path: Path, capsys) -> None:
    roster = tmp_path / "roster.yaml"
    text = ROSTER.read_text(encoding="utf-8")
    roster.write_text(
        text.replace("name: 张三", 'name: "<img src=x onerror=alert(1)>"').replace(
            "name: 李四", 'name: "=HYPERLINK(1)"'
        )
    )
    results.names.update({"E01": "<img src=x onerror=alert(1)>", "E02": "=HYPERLINK(1)"})
    results.exam("a.json", trainee="E01")
    results.exam("b.json", trainee="E02")
    results.write("<script>.json", {"schema": "x"})
    out = tmp_path / "out"
    assert run(project, str(results.folder), "--roster", str(roster), "--out", str(out), "--now", NOW) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "<img" not in markdown and "<script>" not in markdown
    book = openpyxl.load_workbook(out / "grades.xlsx")
    cells = [cell for row in book["考核成绩"].iter_rows() for cell in row if cell.value == "=HYPERLINK(1)"]
    assert [cell.data_type for cell in cells] == ["s"]


@pytest.mark.parametrize("inside", ["site", "build/docs", "site/reports", "site_templates/assets", "curriculum/x"])
def test_grades_never_go_into_the_site(project, results, inside: str, capsys) -> None:
    results.exam("a.json", trainee="E01")
    out = project.root / inside
    assert run(project, str(results.folder), "--roster", str(ROSTER), "--out", str(out), "--now", NOW) == 1
    assert "会随手册网站发布；输出含学员姓名和成绩，不能放在这里" in capsys.readouterr().err
    assert not (out / "grades.json").exists()


def test_inputs_are_untouched_by_the_command(project, office: Path) -> None:
    before = fingerprint(office)
    run(project, "results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW)
    # Not inputs: the outputs, and the parses of the curriculum kept for the next run.
    made = ("out/", "project/build/cache/")
    after = {k: v for k, v in fingerprint(office).items() if not k.startswith(made)}
    assert after == before


def test_a_bad_now_is_refused_by_the_option_parser(project, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(project, "r", "--roster", "r.yaml", "--out", "o", "--now", "yesterday")
    assert exit_.value.code == 2
    assert "应为时间，如 2026-12-03T18:00:00+08:00，实际为：yesterday" in capsys.readouterr().err


def test_the_workbook_keeps_numbers_as_numbers_and_dates_as_dates(project, office: Path) -> None:
    """Read back as a supervisor's spreadsheet reads it: scores, counts and rates sum and sort,
    submission times and dates are dates (in office time), exams are named by their title."""
    run(project, "results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW)
    book = openpyxl.load_workbook(office / "out" / "grades.xlsx")
    attempts = book["考核成绩"]
    header = [cell.value for cell in attempts[1]]
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in attempts.iter_rows(min_row=2)]
    first = next(row for row in rows if row["工号"] == "E02" and row["第几次"] == 1)
    assert isinstance(first["得分"], int | float) and isinstance(first["扣分"], int)
    assert first["提交时间"] == dt.datetime(2026, 3, 3, 9, 30)  # as written in office time
    assert first["考核"] == "常规培训月度考核（示例）"
    assert attempts.cell(2, header.index("提交时间") + 1).number_format == "yyyy-mm-dd hh:mm"
    cohorts = book["考核合格率"]
    values = [cell.value for cell in cohorts[2]]
    assert all(isinstance(v, int | float) for v in values[1:6])
    instructors = book["讲师评价"]
    assert isinstance(instructors.cell(2, 4).value, dt.datetime)  # the session's date
    assert instructors.cell(2, 4).number_format == "yyyy-mm-dd"


def test_the_sheet_of_every_attempt_shows_its_texts_whole_and_prints_on_a4(project, office: Path) -> None:
    """The README sends supervisors to 考核成绩: its exams and actions are not cut off by the next
    column, and it prints like the other sheets (A4 landscape, page numbers, header on each page)."""
    run(project, "results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW)
    sheet = openpyxl.load_workbook(office / "out" / "grades.xlsx")["考核成绩"]
    header = [cell.value for cell in sheet[1]]
    for column, text in (("考核", "常规培训月度考核（示例）"), ("处理", "一对一单独培训（业余时间）")):
        letter = openpyxl.utils.get_column_letter(header.index(column) + 1)
        assert sheet.column_dimensions[letter].width >= text_units(text)
        assert text in [cell.value for cell in sheet[letter]]
    assert (int(sheet.page_setup.paperSize), sheet.page_setup.orientation) == (9, "landscape")
    assert "&P" in sheet.oddFooter.center.text and sheet.print_title_rows == "$1:$1"


def test_a_slip_per_trainee_and_exam_with_the_missed_topics_and_never_the_key(project, office: Path) -> None:
    run(project, "results", "--roster", "roster.yaml", "--records", "records", "--out", "out", "--now", NOW)
    page = (office / "out" / "成绩单.html").read_text(encoding="utf-8")
    slips = page.split('<section class="slip">')[1:]
    assert len(slips) == 6  # E01, E02, E03, E04, E05 on the monthly exam; E06 on the induction exam
    assert "break-after: page" in page
    second = next(s for s in slips if "（工号 E02）" in s)
    assert "第 2 次" in second and "不合格" in second and "此前各次" in second and "第 1 次 0 分" in second
    assert "扣考勤分</th><td>6" in second  # the second failed sitting
    assert ("答错的题所属课题" in second and "（1 题）" in second) or "（2 题）" in second
    for answer in ("确认", "登记"):  # words of the bank's keys: a slip lists topics, not answers
        assert answer not in second
