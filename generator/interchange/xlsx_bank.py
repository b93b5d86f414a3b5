"""Question banks in Excel: the shipped template, reading messy sheets, writing a bank out.

A sheet is read wherever its header row is found (Chinese or English headers, merged header
cells, a “选项” cell spanning the option columns with A B C D below it); blank rows and heading
rows such as “一、单选题” are passed over. Every bad cell is reported with its sheet, row and
column; nothing is dropped silently.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ..core.errors import CheckFailed, Problem
from ..core.workbooks import open_workbook
from .drafts import Draft, Notice, Parsed, Where
from .xlsx_cells import (
    ALTERNATIVE_SEPARATORS,
    BLANK_SEPARATORS,
    TAG_SEPARATORS,
    cell_text,
    parse_type,
    section_type,
)
from .xlsx_rows import RowError, SheetRow, draft_from_row
from .xlsx_write import GUIDE_SHEET, workbook_bytes

HEADERS = {
    "type": ("题型", "题目类型", "试题类型", "类型", "题类", "type"),
    "stem": ("题干", "题目", "试题", "题目内容", "试题内容", "问题", "题干内容", "stem", "question"),
    "answer": ("答案", "正确答案", "标准答案", "参考答案", "answer", "key"),
    "explanation": ("解析", "答案解析", "试题解析", "解释", "explanation"),
    "difficulty": ("难度", "难易程度", "难易度", "难度等级", "difficulty"),
    "tags": ("标签", "知识点", "tags", "tag"),
    "options": ("选项", "备选项", "备选答案", "options"),
}
OPTION_HEADER = re.compile(r"^(?:选项)?([a-z])(?:选项|项)?$")
NOTE_IN_HEADER = re.compile(r"\(.*?\)|【.*?】|\[.*?\]|[*:：\s]")


def header_key(value: Any) -> str | None:
    """“题干”、“正确答案（必填）”、“选项 A”、“Ａ” … → stem, answer, option:A …"""
    text = NOTE_IN_HEADER.sub("", unicodedata.normalize("NFKC", cell_text(value)).lower())
    option = OPTION_HEADER.match(text)
    if option:
        return f"option:{option.group(1).upper()}"
    return next((key for key, names in HEADERS.items() if text in names), None)


@dataclass
class Layout:
    """Where a sheet's header is and which column holds what."""

    data_start: int
    columns: dict[str, int]
    titles: dict[int, str]


def _grid(sheet, *, across: bool) -> list[list[Any]]:
    """Cell values; a merged cell's value fills its range (across columns only if ``across``)."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(merged.min_row, merged.min_col).value
        columns = range(merged.min_col, merged.max_col + 1) if across else [merged.min_col]
        for row in range(merged.min_row, merged.max_row + 1):
            for column in columns:
                rows[row - 1][column - 1] = value
    return rows


def _option_letters(keys: list[str | None], below: list[Any]) -> tuple[list[str | None], bool]:
    """Letters for a “选项” header spanning columns: from the row below, else A, B, C … in order."""
    spanned = [i for i, key in enumerate(keys) if key == "options"]
    if not spanned:
        return keys, False
    letters = [header_key(below[i]) if i < len(below) else None for i in spanned]
    two_rows = all(letter and letter.startswith("option:") for letter in letters)
    named = letters if two_rows else [f"option:{chr(ord('A') + n)}" for n in range(len(spanned))]
    for index, key in zip(spanned, named, strict=True):
        keys[index] = key
    return keys, two_rows


def find_layout(grid: list[list[Any]]) -> Layout | None:
    for index, row in enumerate(grid):
        keys = [header_key(cell) for cell in row]
        if "stem" in keys and "answer" in keys:
            below = grid[index + 1] if index + 1 < len(grid) else []
            keys, two_rows = _option_letters(keys, below)
            columns = {key: i + 1 for i, key in reversed(list(enumerate(keys))) if key}
            titles = {i + 1: cell_text(cell) for i, cell in enumerate(row)}
            return Layout(index + 2 + two_rows, columns, titles)
    return None


def read(path: Path, label: str) -> Parsed:
    """Every question of every sheet that has a header row; raise CheckFailed listing bad cells."""
    workbook = open_workbook(path, label, read_only=False)
    parsed, problems, found = Parsed(), [], False
    for sheet in workbook.worksheets:
        if sheet.title == GUIDE_SHEET:
            continue  # the template's own instructions, whose examples are not questions
        grid = _grid(sheet, across=True)
        layout = find_layout(grid)
        if layout is None:
            if any(cell_text(cell) for row in grid for cell in row):
                parsed.notes.append(Notice(Where(label, 1, field=f"工作表“{sheet.title}”"), "没有表头，整张表已跳过"))
            continue
        found = True
        problems += _read_sheet(sheet, layout, label, parsed)
    if not found:
        message = "没有找到表头：至少要有“题干”和“答案”两列（可用 handbook import --template xlsx 生成模板）"
        raise CheckFailed([Problem(label, 1, 1, "（文件）", message)])
    if problems:
        raise CheckFailed(problems)
    return parsed


def _read_sheet(sheet, layout: Layout, label: str, parsed: Parsed) -> list[Problem]:
    grid = _grid(sheet, across=False)
    default = parse_type(sheet.title) or section_type(sheet.title)
    problems = []
    for number in range(layout.data_start, len(grid) + 1):
        row = SheetRow(label, sheet.title, number, grid[number - 1], layout.columns, layout.titles)
        if row.is_blank() or row.is_header(header_key):
            continue
        heading = row.heading()
        if heading is not None:
            default = section_type(heading)
            continue
        try:
            parsed.drafts.append(Draft(draft_from_row(row, default), row.where("stem")))
        except RowError as error:
            problems.append(row.where(error.key).problem(error.message))
    return problems


# Writing ------------------------------------------------------------------------------------

TEMPLATE_LETTERS = "ABCDEF"
"""Option columns the template offers; a bank with more options gets more columns."""


def headers(letters: str) -> list[str]:
    return ["题型", "题干", *(f"选项{x}" for x in letters), "答案", "解析", "难度", "标签"]


def _letters_for(questions) -> str:
    most = max((len(getattr(q, "options", [])) for q in questions), default=0)
    return "".join(get_column_letter(i + 1) for i in range(max(most, len(TEMPLATE_LETTERS))))


def unwritable(question) -> str | None:
    """Why a sheet cannot carry this question, or None when it can (nearly always)."""
    if len(getattr(question, "options", [])) > len(string.ascii_uppercase):
        return "选项超过 26 个，表格中的答案字母只有 A～Z"
    if question.type == "fill_blank":
        answers = [a for accepted in question.answer for a in accepted]
        if any(BLANK_SEPARATORS.search(a) or ALTERNATIVE_SEPARATORS.search(a) for a in answers):
            return "填空答案中有“；”或“|”，表格中它们是分隔符"
    if any(TAG_SEPARATORS.search(tag) for tag in question.tags):
        return "标签中有“、”“，”或“；”，表格中它们是分隔符"
    return None


def write(bank) -> tuple[bytes, list[tuple[str, str]]]:
    """The bank as a workbook in the template's layout; every question type fits."""
    left_out = [(q.id, reason) for q in bank.questions if (reason := unwritable(q))]
    skipped = {question_id for question_id, _ in left_out}
    questions = [q for q in bank.questions if q.id not in skipped]
    return workbook_bytes(headers(_letters_for(questions)), questions), left_out


def template() -> bytes:
    """The empty template that ``handbook import --template xlsx`` writes."""
    return workbook_bytes(headers(TEMPLATE_LETTERS), [])
