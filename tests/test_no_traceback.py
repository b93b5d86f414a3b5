"""The command line on the nastiest inputs, each run as a real process: a clear refusal in Chinese
(or the graded rest), never a Python traceback, never a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.core.workbooks import DAMAGED

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SECONDS = 120
ALIAS_BOMB = 'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def run(project: Path, *arguments: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=SECONDS,
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A copy of the mini handbook with the grader's exam banks, and an office folder beside it."""
    import shutil

    root = tmp_path / "handbook"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for bank in (FIXTURES / "grading" / "quizzes").glob("*.yaml"):
        shutil.copy(bank, root / "quizzes" / bank.name)
    return root


def test_check_on_an_alias_bomb(office: Path) -> None:
    (office / "curriculum" / "glossary" / "terms.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    code, _, err = run(office, "check")
    assert code == 1
    assert "curriculum/glossary/terms.yaml:1:12: （文件）: 别名（*）展开过多或引用了自身" in err


def test_check_on_a_module_of_random_bytes(office: Path) -> None:
    (office / "curriculum" / "modules" / "regular" / "regular-sample.md").write_bytes(bytes(range(256)) * 4)
    code, _, err = run(office, "check")
    assert code == 1
    assert "curriculum/modules/regular/regular-sample.md:2:1: （文件）: 无法识别文件编码" in err


def test_grade_with_a_junk_workbook_for_a_roster(office: Path, tmp_path: Path) -> None:
    (tmp_path / "roster.xlsx").write_bytes(b"PK\x03\x04" + bytes(300))
    (tmp_path / "results").mkdir()
    code, _, err = run(
        office,
        "grade",
        str(tmp_path / "results"),
        "--roster",
        str(tmp_path / "roster.xlsx"),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 1
    assert f"roster.xlsx:1:1: （文件）: {DAMAGED}" in err
    assert not (tmp_path / "out").exists()


def test_grade_on_a_folder_of_everything_bad_grades_the_rest(office: Path, tmp_path: Path) -> None:
    results = tmp_path / "results"
    results.mkdir()
    os.mkfifo(results / "pipe.json")
    (results / "loop").symlink_to(".")
    (results / "disk").symlink_to("/")
    (results / "bad\x1b[31m.json").write_text("{}", encoding="utf-8")
    (results / "junk.json").write_bytes(bytes(range(256)))
    (results / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (results / "big.json").write_bytes(b" " * 300_000)
    roster = tmp_path / "roster.csv"
    roster.write_bytes("工号,姓名,岗位\r\nE01,张三,客服人员\r\n".encode("gb18030"))
    code, out, err = run(office, "grade", str(results), "--roster", str(roster), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "\x1b" not in out
    assert "未计分的文件（5 个）" in out
    assert json.loads((tmp_path / "out" / "grades.json").read_text(encoding="utf-8"))["files"] == 5


def test_grade_refuses_to_write_personal_data_into_the_sites_sources(office: Path, tmp_path: Path) -> None:
    (tmp_path / "results").mkdir()
    roster = tmp_path / "roster.csv"
    roster.write_text("工号,姓名,岗位\nE01,张三,客服人员\n", encoding="utf-8")
    out = office / "site_templates" / "assets" / "grades"
    code, _, err = run(office, "grade", str(tmp_path / "results"), "--roster", str(roster), "--out", str(out))
    assert code == 1
    assert "会随手册网站发布；输出含学员姓名和成绩，不能放在这里" in err
    assert not out.exists()


def test_export_refuses_to_write_keys_into_the_sites_sources(office: Path) -> None:
    target = office / "site_templates" / "assets" / "keys.gift.txt"
    code, _, err = run(office, "export", "gift", "regular-sample", "-o", str(target))
    assert code == 1
    assert "会随手册网站发布；输出含题目答案，不能放在这里" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["schedule", "--year", "0", "--provisional"], "错误：--year 的年份应在 2000 到 2100 年之间，实际为：0"),
        (
            ["schedule", "--year", "10000", "--provisional"],
            "错误：--year 的年份应在 2000 到 2100 年之间，实际为：10000",
        ),
        (
            ["induction", "--arrival", "1900-03-01", "--provisional"],
            "错误：--arrival 的年份应在 2000 到 2100 年之间，实际为：1900",
        ),
    ],
)
def test_plans_for_years_nobody_means(office: Path, tmp_path: Path, arguments: list[str], message: str) -> None:
    code, _, err = run(office, *arguments, "--out", str(tmp_path / "plans"))
    assert code == 1
    assert message in err


def test_schedule_with_deeply_nested_focus_json(tmp_path: Path) -> None:
    import shutil

    office = tmp_path / "shipped"
    for folder in ("curriculum", "quizzes", "site_templates"):
        shutil.copytree(REPO / folder, office / folder)
    shutil.copy(REPO / "mkdocs.yml", office / "mkdocs.yml")
    focus = tmp_path / "grades.json"
    focus.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(
        office,
        "schedule",
        "--month",
        "2026-12",
        "--provisional",
        "--focus-from",
        str(focus),
        "--out",
        str(tmp_path / "p"),
    )
    assert code == 1
    assert "嵌套层数过多，不是成绩汇总文件" in err


def test_import_of_a_workbook_merged_over_a_whole_sheet(office: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["题干", "答案"])
    plain = io.BytesIO()
    book.save(plain)
    bomb = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
                data = data.replace(b"</worksheet>", merge + b"</worksheet>")
            target.writestr(item, data)
    (tmp_path / "bomb.xlsx").write_bytes(bomb.getvalue())
    code, _, err = run(office, "import", "xlsx", str(tmp_path / "bomb.xlsx"), "--bank", "regular-sample")
    assert code == 1
    assert "合并单元格过多" in err
