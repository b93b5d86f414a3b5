"""Write question sheets: the import template and a bank exported in the template's layout."""

from __future__ import annotations

import io

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import drafts
from .drafts import PLACEHOLDER, TYPE_NAMES

BANK_SHEET = "题库"
GUIDE_SHEET = "填写说明"
DIFFICULTY_NAMES = {1: "易", 2: "中", 3: "难"}
WIDTHS = {"题型": 9, "题干": 48, "答案": 14, "解析": 36, "难度": 9, "标签": 16}
OPTION_WIDTH = 18
VALIDATED_ROWS = 2000
"""Rows of the template that offer the type and difficulty drop-down lists."""
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")

GUIDE = [
    "题库导入模板：填写说明",
    "在“题库”工作表中每行写一道题；第一行是表头，请不要改动表头文字。空行会被跳过。",
    "题型：单选、多选、判断、填空、排序 之一（可从下拉列表选择）。",
    "选项：单选、多选和排序题把选项依次写在 选项A、选项B…… 中，至少两个，中间不要空着；判断题和填空题不填选项。"
    "选项多于六个时，在表头右边加“选项G”“选项H”……列。",
    "答案：单选写一个字母（如 B）；多选写几个字母（AC、A、C 或 A,C 都可以）；排序题按正确顺序写字母（如 CADB）；"
    "判断题写 对 或 错（也可写 √/×、正确/错误、T/F）。",
    "填空题：题干中每个空写成 ____（至少三个下划线），也可以写成空括号（ ）。答案按空的顺序写，各空之间用“；”分隔，"
    "同一个空有几种说法时用“|”分隔，如：房号|门牌号；故障现象。",
    "解析：写清楚为什么，做错的人才能学会。没有解析的题导入后填上“（导入时无解析，请补充）”，请在题库文件中补写。",
    "难度：易、中、难（或 1、2、3），可不填。标签：几个标签之间用“、”分隔，可不填。",
    "导入：handbook import xlsx 文件名.xlsx --bank 题库编号 --module 模块编号",
    "同一个文件再导入一次不会重复添加题目；已有题库中的题目不会被改动。",
]
EXAMPLES = [
    ["单选", "业主来电投诉，客服人员首先应当做什么？", "立即解释原因", "耐心倾听并记录要点", "转给维修部门", "B"],
    ["多选", "受理报修时应当记录哪些内容？", "报修人和房号", "故障现象", "业主的收入", "AB"],
    ["判断", "业主情绪激动时，客服人员应当提高音量压过对方。", "", "", "", "错"],
    ["填空", "接到报修后应记录报修人、____和故障现象。", "", "", "", "房号|门牌号"],
    ["排序", "请排出受理投诉的顺序。", "记录要点", "倾听", "回复业主", "BAC"],
]


def put(sheet, row: int, column: int, value) -> None:
    """A cell holding text as text: a leading “=” is not a formula, control characters go."""
    if value in ("", None):
        return
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value


def answer_text(question) -> str:
    if question.type == "true_false":
        return "对" if question.answer else "错"
    if question.type == "fill_blank":
        return "；".join("|".join(accepted) for accepted in question.answer)
    ids = [question.answer] if question.type == "single" else question.answer
    order = [o.id for o in question.options]
    return "".join(drafts.letter(order.index(i)) for i in ids)


def question_row(question, letters: int) -> list:
    options = [o.text for o in getattr(question, "options", [])]
    options += [""] * (letters - len(options))
    difficulty = DIFFICULTY_NAMES.get(question.difficulty, "")
    # The import placeholder stays out of the sheet, so that a re-import counts it again.
    explanation = "" if question.explanation == PLACEHOLDER else question.explanation
    return [TYPE_NAMES[question.type], question.stem, *options, answer_text(question), explanation, difficulty]


def _header(sheet, titles: list[str]) -> None:
    for column, title in enumerate(titles, 1):
        put(sheet, 1, column, title)
        sheet.cell(1, column).font = Font(bold=True)
        sheet.cell(1, column).fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(title, OPTION_WIDTH)
    sheet.freeze_panes = "A2"


def _drop_downs(sheet, titles: list[str]) -> None:
    for title, choices in (("题型", TYPE_NAMES.values()), ("难度", DIFFICULTY_NAMES.values())):
        column = get_column_letter(titles.index(title) + 1)
        validation = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
        validation.add(f"{column}2:{column}{VALIDATED_ROWS}")
        sheet.add_data_validation(validation)


def _guide(workbook) -> None:
    sheet = workbook.create_sheet(GUIDE_SHEET)
    sheet.column_dimensions["A"].width = 120
    for row, line in enumerate(GUIDE, 1):
        put(sheet, row, 1, line)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(1, 1).font = Font(bold=True)
    start = len(GUIDE) + 2
    put(sheet, start, 1, "示例（照此格式填写在“题库”工作表中）：")
    for offset, example in enumerate([["题型", "题干", "选项A", "选项B", "选项C", "答案"], *EXAMPLES], 1):
        for column, value in enumerate(example, 1):
            put(sheet, start + offset, column, value)


def workbook_bytes(titles: list[str], questions) -> bytes:
    """A workbook whose first sheet has ``titles`` as header and one row per question."""
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = BANK_SHEET
    _header(sheet, titles)
    _drop_downs(sheet, titles)
    letters = sum(1 for t in titles if t.startswith("选项"))
    for row, question in enumerate(questions, 2):
        for column, value in enumerate([*question_row(question, letters), "、".join(question.tags)], 1):
            put(sheet, row, column, value)
    _guide(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
