"""``handbook links``: a session's feedback-form link, its QR code, and the record form that carries it."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.collect import qr
from generator.collect.links import feedback_link
from generator.core.errors import HandbookError
from generator.core.record_layout import FORM_TITLE
from generator.grading.record_form import head_cells

REPO = Path(__file__).resolve().parents[2]
BASE = "http://192.168.1.23:8080/"
LINK = "http://192.168.1.23:8080/quizzes/feedback/?session=2026-12-03-regular&instructor=E0007"


def links(session: str, out: Path) -> int:
    return main(
        ["--root", str(REPO), "links", "--session", session, "--instructor", "E0007", "--base", BASE, "--out", str(out)]
    )


def test_the_link_names_the_session_and_the_instructor():
    assert feedback_link(BASE, "2026-12-03-regular", "E0007") == LINK
    assert feedback_link("http://pc:8080", "第1场 晚班", "E7") == (
        "http://pc:8080/quizzes/feedback/?session=%E7%AC%AC1%E5%9C%BA+%E6%99%9A%E7%8F%AD&instructor=E7"
    )
    for wrong in ("192.168.1.23:8080", "ftp://pc/", "http://pc/?a=1"):
        with pytest.raises(HandbookError, match="--base 应为网址"):
            feedback_link(wrong, "s", "i")


def test_links_prints_the_link_and_writes_the_code_and_the_record_form(tmp_path: Path, capsys):
    code = links("2026-12-03-regular", tmp_path)
    printed = capsys.readouterr().out
    assert code == 0
    assert f"培训效果考核表链接：{LINK}" in printed
    png = tmp_path / "培训效果考核表-2026-12-03-regular.png"
    assert png.read_bytes() == qr.png(LINK)
    book = openpyxl.load_workbook(tmp_path / "培训记录表-2026-12-03-regular.xlsx")
    sheet = book.active
    assert sheet.cell(1, 1).value == FORM_TITLE
    cells = head_cells()
    assert sheet.cell(*cells["session_id"]).value == "2026-12-03-regular"
    assert sheet.cell(*cells["instructor"]).value == "E0007"
    assert sheet.cell(*cells["date"]).value in (None, "")
    [image] = sheet._images
    signatures = next(cell.row for cell in sheet["A"] if cell.value == "讲师签字：")
    assert image.anchor._from.row > signatures  # under the signatures, where the page has room
    assert image.width == image.height
    assert sheet.max_column == 6  # the form keeps its width, so it prints at full size
    texts = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "学员扫码填写培训效果考核表" in texts
    assert LINK in texts
    assert io.BytesIO(image._data()).read(8) == b"\x89PNG\r\n\x1a\n"


def test_links_refuses_an_empty_session(tmp_path: Path, capsys):
    code = links(" ", tmp_path)
    assert code == 1
    assert "--session 不能为空" in capsys.readouterr().err
