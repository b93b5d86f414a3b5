"""The grader never stops for one file: FIFOs, link loops, links out of the folder, names with
control characters or bytes that are not UTF-8, ids with escape sequences, damaged workbooks,
GBK files from Chinese Windows. Each is refused with its reason, and the rest is graded.

Every test runs under ``bounded``: a reader that blocked (on a FIFO) or walked a whole disk fails
the test instead of hanging it.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from grading_support import NOW, ROSTER, fingerprint, write_record
from hostile import bounded

from generator.cli import main
from generator.core.errors import CheckFailed, HandbookError
from generator.core.loader import load_curriculum
from generator.core.roster import load_roster
from generator.core.workbooks import DAMAGED
from generator.grading import grade, run_grading, write_reports
from generator.grading.pipeline import UNSHOWABLE_NAME
from generator.grading.records import load_records
from generator.grading.results import NOT_A_RESULT

NOT_REGULAR = "不是普通文件（可能是管道、设备或套接字），未读取"
SECONDS = 60


def rejected(grades) -> list[tuple[str, str]]:
    return [(Path(r.file).name, r.reason) for r in grades.rejected]


def test_a_fifo_is_rejected_unread_and_the_rest_graded(project, results) -> None:
    results.exam("e01.json", trainee="E01")
    os.mkfifo(results.folder / "pipe.json")
    with bounded(SECONDS):
        grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [a.trainee_id for a in grades.attempts] == ["E01"]
    assert rejected(grades) == [("pipe.json", NOT_REGULAR)]


def test_a_photo_among_the_results_is_named_not_graded_and_the_rest_graded(project, results) -> None:
    """A photo of a paper answer sheet is not passed over in silence: the supervisor would think
    it graded. Files nobody would take for results (desktop.ini) are still passed over."""
    results.exam("e01.json", trainee="E01")
    (results.folder / "答卷照片.JPG").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    (results.folder / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [a.trainee_id for a in grades.attempts] == ["E01"]
    assert rejected(grades) == [("答卷照片.JPG", NOT_A_RESULT)]
    assert NOT_A_RESULT.startswith("不是考核结果文件（照片、扫描件、文档和表格不能自动评分），未评分；")


def test_a_fifo_given_by_name_is_rejected_too(project, results) -> None:
    results.exam("e01.json", trainee="E01")
    os.mkfifo(results.folder.parent / "given.json")
    with bounded(SECONDS):
        grades = grade(project, [results.folder.parent / "given.json", results.folder], ROSTER, now=NOW)
    assert rejected(grades) == [("given.json", NOT_REGULAR)]
    assert len(grades.attempts) == 1


def test_a_link_loop_counts_each_file_once(project, results) -> None:
    results.exam("e01.json", trainee="E01")
    (results.folder / "again").symlink_to(".")
    (results.folder / "sub").mkdir()
    (results.folder / "sub" / "back").symlink_to("..")
    (results.folder / "sub" / "e01-link.json").symlink_to("../e01.json")
    with bounded(SECONDS):
        grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [a.trainee_id for a in grades.attempts] == ["E01"]
    assert grades.rejected == []
    assert grades.files == 1


def test_a_file_under_two_names_counts_once(project, results) -> None:
    """Two hard links to one file, and a link to the same file: one file, graded once."""
    first = results.exam("e01.json", trainee="E01")
    (results.folder / "sub").mkdir()
    os.link(first, results.folder / "sub" / "e01-again.json")
    (results.folder / "sub" / "e01-link.json").symlink_to("e01-again.json")
    results.exam("e02.json", trainee="E02")
    with bounded(SECONDS):
        grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert [Path(a.file).name for a in grades.attempts] == ["e01.json", "e02.json"]
    assert grades.rejected == []
    assert grades.files == 2


def test_links_out_of_the_folder_are_not_followed(project, results, tmp_path: Path) -> None:
    results.exam("e01.json", trainee="E01")
    outside = tmp_path / "elsewhere.json"
    outside.write_text("{}", encoding="utf-8")
    (results.folder / "disk").symlink_to("/")
    (results.folder / "out.json").symlink_to(outside)
    (results.folder / "dangling.json").symlink_to(tmp_path / "gone.json")
    (results.folder / "self.json").symlink_to("self.json")
    with bounded(SECONDS):
        grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert len(grades.attempts) == 1
    assert rejected(grades) == [
        ("dangling.json", "是指向文件夹以外的链接，未读取"),
        ("out.json", "是指向文件夹以外的链接，未读取"),
        ("self.json", "是循环的链接"),
    ]


def test_names_with_control_characters_or_bytes_not_utf8_are_rejected_shown_escaped(
    project, results, tmp_path: Path, capsys
) -> None:
    good = results.exam("e01.json", trainee="E01")
    (results.folder / "e02\x1b[2J.json").write_bytes(good.read_bytes())
    os.rename(results.exam("e03.json", trainee="E03"), os.fsencode(results.folder) + b"/e03-\xff.json")
    with bounded(SECONDS):
        out_folder = str(tmp_path / "out")
        arguments = [str(results.folder), "--roster", str(ROSTER), "--out", out_folder, "--now", NOW.isoformat()]
        code = main(["--root", str(project.root), "grade", *arguments])
    out, err = capsys.readouterr()
    assert code == 0
    assert "\x1b" not in out + err
    assert f"results/e02\\x1b[2J.json：{UNSHOWABLE_NAME}" in out
    assert f"results/e03-\\xff.json：{UNSHOWABLE_NAME}" in out
    book = openpyxl.load_workbook(tmp_path / "out" / "grades.xlsx", read_only=True)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert f"{results.folder}/e02\\x1b[2J.json" in cells


def test_ids_with_escape_sequences_are_rejected_shown_escaped(project, results) -> None:
    results.exam("e01.json", trainee="E01\x1b]0;pwned\x07")
    results.exam("e02.json", trainee="E02")
    grades = grade(project, [results.folder], ROSTER, now=NOW)
    assert rejected(grades) == [("e01.json", "花名册中没有工号“E01\\x1b]0;pwned\\x07”")]
    assert len(grades.attempts) == 1


def test_more_files_than_the_policy_allows_is_refused_before_reading(project, results) -> None:
    policy = project.curriculum / "policy.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("max_result_files: 200000", "max_result_files: 3"), encoding="utf-8"
    )
    for number in range(4):
        results.exam(f"e{number}.json", trainee="E01")
    with pytest.raises(HandbookError) as refused:
        grade(project, [results.folder], ROSTER, now=NOW)
    assert str(refused.value) == (
        f"结果文件夹 {results.folder}里的文件超过 3 个，未读取；请只放要处理的文件，或分几批处理"
        "（上限见 curriculum/policy.yaml 的 grading 一节）"
    )


def gbk_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("gb18030"))
    return path


def test_a_gbk_roster_and_a_gbk_record_from_excel_are_read(project, results, tmp_path: Path) -> None:
    staff = [
        ["工号", "姓名", "岗位", "班组"],
        ["S01", "周主管", "客服主管", "一班"],
        ["E01", "张三", "客服人员", "一班"],
    ]
    roster = gbk_csv(tmp_path / "花名册.csv", staff)
    folder = tmp_path / "records"
    folder.mkdir()
    record = [
        ["培训记录表"],
        ["场次编号", "C1", "", "日期", "2026-03-06"],
        ["培训类别", "常规培训", "", "讲师工号", "S01"],
        ["课时", "2"],
        [],
        ["工号", "姓名", "出勤", "课堂纪律", "考核表填写"],
        ["E01", "张三", "缺席", "", ""],
    ]
    gbk_csv(folder / "记录.csv", record)
    results.exam("e01.json", trainee="E01")
    graded = run_grading(project, [results.folder], roster, folder, now=NOW)
    assert [m.name for m in graded.roster.staff] == ["周主管", "张三"]
    assert [(r.session_id, r.trainees[0].attendance) for r in graded.grades.sessions] == [("C1", "absent")]
    assert len(graded.grades.attempts) == 1


def test_a_file_in_neither_utf8_nor_gb18030_is_refused_with_its_name(project, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes("工号,姓名\n".encode() + b"E01,\xff\xfe\xfd\n")
    found = load_curriculum(project)
    with pytest.raises(CheckFailed) as refused:
        load_roster(roster, found.roles, "roster.csv")
    assert (
        str(refused.value)
        == "roster.csv:2:1: （文件）: 无法识别文件编码：既不是 UTF-8 也不是 GB18030（GBK）；请另存为 UTF-8"
    )


JUNK_WORKBOOKS = {
    "empty.xlsx": b"",
    "junk.xlsx": bytes(range(256)) * 20,
    "text.xlsx": "工号,姓名\nE01,张三\n".encode(),
}


@pytest.mark.parametrize("name", sorted(JUNK_WORKBOOKS))
def test_a_junk_workbook_roster_is_refused_with_its_name(project, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(JUNK_WORKBOOKS[name])
    found = load_curriculum(project)
    with pytest.raises(CheckFailed) as refused:
        load_roster(path, found.roles, name)
    assert str(refused.value) == f"{name}:1:1: （文件）: {DAMAGED}"


def workbook_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_truncated_workbook_is_refused(project, tmp_path: Path) -> None:
    whole = workbook_bytes([["工号", "姓名", "角色"], ["E01", "张三", "cs_staff"]])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    found = load_curriculum(project)
    with pytest.raises(CheckFailed) as refused:
        load_roster(path, found.roles, "cut.xlsx")
    assert str(refused.value) == f"cut.xlsx:1:1: （文件）: {DAMAGED}"


def test_a_hand_kept_workbook_roster_skips_its_title_and_rows_of_spaces(project, tmp_path: Path) -> None:
    """A title merged over the columns, a row that looks empty but holds spaces, and a cleared
    cell of spaces: the rows of spaces are skipped, the cleared field is missing, named by its line."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["XX物业管理处客服部花名册"])
    sheet.merge_cells("A1:D1")
    sheet.append(["工号", "姓名", "岗位", "班组"])
    sheet.append(["S01", "周主管", "客服主管", "一班"])
    sheet.append([" ", None, "  ", ""])
    sheet.append(["E01", "张三", "客服人员", "一班"])
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    found = load_curriculum(project)
    assert [m.name for m in load_roster(path, found.roles, "花名册.xlsx").staff] == ["周主管", "张三"]
    sheet.append(["E02", " ", "客服人员", "一班"])
    book.save(path)
    with pytest.raises(CheckFailed) as refused:
        load_roster(path, found.roles, "花名册.xlsx")
    assert str(refused.value) == "花名册.xlsx:6:2: name: 缺少必填字段"


def merged_over_the_whole_sheet(rows: list[list[object]]) -> bytes:
    """A small workbook whose sheet claims one merged range over every cell of the sheet."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>", b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>'
                )
            target.writestr(item, data)
    return buffer.getvalue()


def test_a_merged_range_over_a_whole_sheet_is_refused_at_once(project, tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    path.write_bytes(merged_over_the_whole_sheet([["工号", "姓名", "角色"], ["E01", "张三", "cs_staff"]]))
    assert path.stat().st_size < 10_000
    found = load_curriculum(project)
    with bounded(SECONDS), pytest.raises(CheckFailed) as refused:
        load_roster(path, found.roles, "merged.xlsx")
    assert str(refused.value) == (
        "merged.xlsx:1:1: （文件）: 合并单元格过多（超过 1000000 格）；请取消整行、整列或整表的合并后再试"
    )


def test_damaged_records_are_listed_with_the_others_mistakes(project, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(folder, "r1", trainees=[("E01", "present")])
    (folder / "junk.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "dup.yaml").write_text("session_id: d1\nsession_id: d2\n", encoding="utf-8")
    found = load_curriculum(project)
    with bounded(SECONDS), pytest.raises(CheckFailed) as refused:
        load_records(folder, found.policy, load_roster(ROSTER, found.roles))
    label = folder.as_posix()
    assert str(refused.value).splitlines() == [
        f"{label}/dup.yaml:2:1: （文件）: 键“session_id”重复：同一层里每个键只能写一次",
        f"{label}/junk.xlsx:1:1: （文件）: {DAMAGED}",
        f"{label}/pipe.yaml:1:1: （文件）: {NOT_REGULAR}",
    ]


def test_a_record_with_no_one_on_it_is_graded_and_its_form_written(project, results, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    write_record(folder, "empty", trainees=[])
    results.exam("e01.json", trainee="E01")
    graded = run_grading(project, [results.folder], ROSTER, folder, now=NOW)
    written = write_reports(graded, project, tmp_path / "out")
    assert (tmp_path / "out" / "records" / "empty.xlsx") in written
    assert len(graded.grades.attempts) == 1


def test_inputs_are_untouched_whatever_they_hold(project, results, tmp_path: Path) -> None:
    results.exam("e01.json", trainee="E01")
    (results.folder / "junk.json").write_bytes(bytes(range(256)))
    before = fingerprint(results.folder)
    grade(project, [results.folder], ROSTER, now=NOW)
    assert fingerprint(results.folder) == before


@pytest.mark.parametrize(("files", "size"), [(1, 10**9), (2, 10**9), (10**6, 1)])
def test_files_read_ahead_in_batches_grade_as_one_by_one(project, results, monkeypatch, files, size) -> None:
    """Reading ahead (a batch of files, or of bytes, at a time) changes no grade, no rejection
    and no order, whatever the batch: exams, a retake, a bad file, a FIFO, one too large."""
    from generator.grading import pipeline

    results.exam("e01.json", trainee="E01")
    results.exam("e02.json", trainee="E02", right=1)
    results.exam("sub/e02b.json", trainee="E02", clock="10:30")
    (results.folder / "bad.json").write_text("{不是 JSON", encoding="utf-8")
    (results.folder / "big.json").write_bytes(b" " * (1024 * 1024))
    os.mkfifo(results.folder / "pipe.json")
    with bounded(SECONDS):
        whole = grade(project, [results.folder], ROSTER, now=NOW).model_dump_json()
        monkeypatch.setattr(pipeline, "READ_AHEAD_FILES", files)
        monkeypatch.setattr(pipeline, "READ_AHEAD_BYTES", size)
        assert grade(project, [results.folder], ROSTER, now=NOW).model_dump_json() == whole
    assert '"rejected":[{"file"' in whole and "文件过大" in whole and NOT_REGULAR in whole
