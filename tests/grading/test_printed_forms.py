"""The grader's workbooks printed as an office prints them (LibreOffice to PDF): the 培训记录表
keeps its signatures on the page of the last trainees, and the grade workbook's report sheets
print whole on A4 landscape."""

from __future__ import annotations

from pathlib import Path

from grading_support import NOW, ROSTER, Results, write_record
from printed import expected_pages, pages

from generator.cli import main
from generator.core.record_layout import SIGNATURES
from generator.grading.record_form import FilledForm, blank_record_form, filled_record_form


def graded_folder(project, results: Results, tmp_path: Path, trainees: int) -> Path:
    """A session of many trainees with a long remark each, graded into tmp_path/out."""
    rows = [
        (f"E{n:02d}", "present", "上课期间多次接听私人电话，经提醒后仍未改正，影响他人听课") for n in range(1, trainees)
    ]
    write_record(tmp_path / "records", "r0305", topics=["complaint_handling"], trainees=rows)
    results.exam("e01.json", trainee="E01")
    results.exam("e02.json", trainee="E02", right=0)
    out = tmp_path / "out"
    arguments = [
        str(results.folder),
        "--roster",
        str(ROSTER),
        "--records",
        str(tmp_path / "records"),
        "--out",
        str(out),
    ]
    assert main(["--root", str(project.root), "grade", *arguments, "--now", NOW.isoformat()]) == 0
    return out


def test_the_filled_record_form_keeps_its_signatures_with_the_last_trainees(project, results, tmp_path) -> None:
    out = graded_folder(project, results, tmp_path, trainees=11)
    form = out / "records" / "r0305.xlsx"
    texts = pages(form, tmp_path / "pdf")
    assert len(texts) == expected_pages(form)
    assert all(label.rstrip("：") in texts[-1] for label in SIGNATURES) and "E10" in texts[-1]


def test_a_long_record_form_breaks_between_rows_and_signs_beside_the_last(tmp_path) -> None:
    """Forty trainees with long remarks: several pages, each remark whole, and the signatures
    on the last page together with the last trainees, not alone under a repeated header."""
    remark = "上课期间多次接听私人电话，经提醒后仍未改正，影响他人听课；已当场提醒并记录在案"
    rows = [[f"T{n:02d}", f"学员{n}", "出席", remark, "", "1"] for n in range(1, 41)]
    path = tmp_path / "r.xlsx"
    path.write_bytes(
        filled_record_form(FilledForm(head={"session_id": "r1"}, rows=rows, extra_columns=["本场扣分"], footer=[]))
    )
    texts = pages(path, tmp_path / "pdf")
    assert len(texts) == expected_pages(path) > 1
    assert all(label.rstrip("：") in texts[-1] for label in SIGNATURES) and "T40" in texts[-1]
    assert not any("讲师签字" in text for text in texts[:-1])
    printed = "".join(texts).replace("\n", "").replace(" ", "")
    assert printed.count("记录在案") == len(rows)  # every long remark printed whole


def test_the_blank_record_form_prints_on_one_page(tmp_path) -> None:
    path = tmp_path / "培训记录表.xlsx"
    path.write_bytes(blank_record_form())
    texts = pages(path, tmp_path / "pdf")
    assert len(texts) == 1 and all(label.rstrip("：") in texts[0] for label in SIGNATURES)


def test_the_grade_workbooks_report_sheets_print_whole(project, results, tmp_path) -> None:
    out = graded_folder(project, results, tmp_path, trainees=3)
    texts = pages(out / "grades.xlsx", tmp_path / "pdf")
    instructors = next(text for text in texts if "讲师工号" in text)
    assert "处理" in instructors and "第几次未达标" in instructors  # all thirteen columns on one page
    rates = next(text for text in texts if "累计合格率" in text)
    assert "达标" in rates and "第几次考核后" in rates


SIGNATURE_LINE = """[...document.querySelectorAll('.slip .sign')].map(line =>
  [...line.children].map(part => {
    const text = document.createRange();
    text.selectNodeContents(part);  // one rectangle per line the text takes
    const lines = new Set([...text.getClientRects()].map(r => Math.round(r.top))).size;
    return [lines, Math.round(part.getBoundingClientRect().top)];
  }))"""


def test_a_slip_keeps_each_signature_blank_whole_on_a_phone_and_one_line_on_a4(
    project, results, tmp_path, browser
) -> None:
    """On a 360-px phone the three blanks (学员签字, 客服主管签字, 日期) stack, each on one line; on
    A4 (174 mm between the margins, about 658 px) they share one line."""
    slips = graded_folder(project, results, tmp_path, trainees=3) / "成绩单.html"
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    phone.goto(slips.as_uri())
    lines = phone.evaluate(SIGNATURE_LINE)
    phone.close()
    a4 = browser.new_page(viewport={"width": 658, "height": 930})
    a4.emulate_media(media="print")
    a4.goto(slips.as_uri())
    printed = a4.evaluate(SIGNATURE_LINE)
    a4.close()
    assert len(lines) == 2  # E01 and E02 sat the exam
    for parts in lines:
        assert [count for count, _ in parts] == [1, 1, 1]  # no blank broken over two lines
    for parts in printed:
        assert len({top for _, top in parts}) == 1, parts
