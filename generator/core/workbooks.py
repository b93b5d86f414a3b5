"""One way to read an Excel workbook someone handed us: a damaged or hostile file is refused with
its name, never a ``BadZipFile``/``KeyError`` traceback, and never exhausts memory or time.

An ``.xlsx`` is a zip of XML files. Before openpyxl sees it, the zip is opened and measured: its
unpacked size is bounded (a zip bomb), and so is the area of its merged ranges, which openpyxl
turns into one object per covered cell (one range over a whole sheet is 17 billion cells from a
5 KB file). Reading is then bounded in cells. Whatever openpyxl still raises while reading a
foreign file is a refusal: its parser reports damage with many exception types.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CheckFailed, Problem
from .text_files import Unreadable, read_bytes, size_text

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

# openpyxl is imported where a workbook is read: the many commands that import this module
# without reading one (building the site, checking the curriculum) do not load it.

MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
"""Largest workbook read as it is on disk."""
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""Largest total of a workbook's files once unzipped."""
MAX_MERGED_CELLS = 1_000_000
"""Cells covered by merged ranges, at most, over the whole workbook."""
MAX_CELLS = 5_000_000
"""Cells read, at most, from one sheet (a year's records of a large office is far fewer)."""
MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z0-9:$]+)"')
DAMAGED = "无法作为 Excel 工作簿打开（文件可能已损坏，或不是 .xlsx）；只支持 .xlsx，.xls 请先在 Excel 中另存为 .xlsx"


class WorkbookRefused(Exception):
    """A workbook not read; the message says why in Chinese, without the file's name."""


def _refused(label: str, reason: str) -> CheckFailed:
    return CheckFailed([Problem(label, 1, 1, "（文件）", reason)])


def _measured(data: bytes) -> None:
    """Raise WorkbookRefused when the zip is not one, unpacks too large or merges too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookRefused(DAMAGED) from None
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise WorkbookRefused(f"解压后超过 {size_text(MAX_UNPACKED_BYTES)}，不像是正常的工作簿，未读取")
        merged = 0
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                merged += _merged_cells(archive, member)
                if merged > MAX_MERGED_CELLS:
                    message = f"合并单元格过多（超过 {MAX_MERGED_CELLS} 格）；请取消整行、整列或整表的合并后再试"
                    raise WorkbookRefused(message)


def _merged_cells(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    try:
        xml = archive.read(member)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise WorkbookRefused(DAMAGED) from None
    from openpyxl.utils.cell import range_boundaries

    total = 0
    for match in MERGE_REF.finditer(xml):
        try:
            low_col, low_row, high_col, high_row = range_boundaries(match[1].decode("ascii").replace("$", ""))
        except (ValueError, TypeError):
            raise WorkbookRefused(f"合并单元格范围“{match[1].decode('ascii')}”无法识别") from None
        if low_col is None or low_row is None or high_col is None or high_row is None:
            raise WorkbookRefused("合并单元格的范围是整行或整列；请取消合并后再试")
        total += (high_col - low_col + 1) * (high_row - low_row + 1)
    return total


def open_workbook(path: Path, label: str, *, read_only: bool, limit: int = MAX_WORKBOOK_BYTES) -> Workbook:
    """The workbook at ``path``, measured first; raise CheckFailed naming ``label`` if refused.

    With ``read_only`` cells are read lazily and a damaged sheet may still fail later: read its
    rows with ``sheet_rows``, which refuses in the same way."""
    from openpyxl import load_workbook

    try:
        data = read_bytes(path, limit)
        _measured(data)
        return load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except (Unreadable, WorkbookRefused) as reason:
        raise _refused(label, str(reason)) from None
    except Exception:  # openpyxl reports a damaged part with whatever its parser raised
        raise _refused(label, DAMAGED) from None


def _cells(book: Workbook, index: int) -> Iterator[list[Any]]:
    count = 0
    for row in book.worksheets[index].iter_rows(values_only=True):
        count += len(row)
        if count > MAX_CELLS:
            raise WorkbookRefused(f"工作表超过 {MAX_CELLS} 个单元格，未读取；请删去多余的行和列")
        yield list(row)


def sheet_rows(path: Path, label: str, *, index: int = 0, limit: int = MAX_WORKBOOK_BYTES) -> list[list[Any]]:
    """The values of one sheet, row by row; raise CheckFailed naming ``label`` when the workbook
    or the sheet cannot be read."""
    book = open_workbook(path, label, read_only=True, limit=limit)
    try:
        if index >= len(book.worksheets):
            raise WorkbookRefused("工作簿中没有工作表")
        return list(_cells(book, index))
    except WorkbookRefused as reason:
        raise _refused(label, str(reason)) from None
    except Exception:  # damage found only while reading the rows
        raise _refused(label, DAMAGED) from None
    finally:
        book.close()
