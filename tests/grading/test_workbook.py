"""The streamed workbook reads back, in a spreadsheet program's reader, as the tables it was given."""

from __future__ import annotations

import io
import itertools
import tracemalloc

import openpyxl

from generator.grading.report_tables import Table
from generator.grading.workbook import write_workbook


def read_back(tables: list[Table]) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_workbook(buffer, tables)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def test_every_table_is_a_sheet_of_text_with_a_bold_header() -> None:
    awkward = ["=HYPERLINK(1)", "<b>&amp;</b>", "  两头有空格 ", "换\n行", "控\x07制", "", "1.50"]
    tables = [
        Table("考核成绩", ["工号", "姓名", *[f"列{n}" for n in range(3, 8)]], [awkward, ["E01", "张三"]]),
        Table("未计分的文件", ["文件", "原因"], []),
    ]
    book = read_back(tables)
    assert book.sheetnames == ["考核成绩", "未计分的文件"]
    sheet = book["考核成绩"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == tables[0].headers
    assert rows[1] == ["=HYPERLINK(1)", "<b>&amp;</b>", "  两头有空格 ", "换\n行", "控制", None, "1.50"]
    assert rows[2] == ["E01", "张三", None, None, None, None, None]
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value is not None)
    assert all(cell.font.b for cell in sheet[1]) and not sheet["A2"].font.b
    assert sheet.column_dimensions["A"].width == 18
    assert [[c.value for c in row] for row in book["未计分的文件"].iter_rows()] == [["文件", "原因"]]


def test_rows_are_written_as_they_come_not_held() -> None:
    """A sheet of 20,000 rows made by a generator takes about the memory of one of 2,000."""

    def peak(rows: int) -> int:
        made = ([f"E{n:06d}", "张三", "exam-regular", "1", "2026-03-03T09:30+08:00"] for n in range(rows))
        table = Table("考核成绩", ["工号", "姓名", "考核", "第几次", "提交时间"], made)
        tracemalloc.start()
        write_workbook(_Sink(), [table])
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    assert peak(20_000) < 1.5 * peak(2_000)


class _Sink(io.RawIOBase):
    """A file that forgets what is written to it and can say where it is."""

    def __init__(self) -> None:
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def seekable(self) -> bool:
        return False


def test_many_rows_read_back_in_order() -> None:
    rows = [[f"E{n:05d}", f"学员{n}"] for n in range(3000)]
    sheet = read_back([Table("考核成绩", ["工号", "姓名"], iter(rows))])["考核成绩"]
    values = [[c.value for c in row] for row in itertools.islice(sheet.iter_rows(), 1, None)]
    assert values == rows
