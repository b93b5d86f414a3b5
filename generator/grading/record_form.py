"""The training record form （培训记录表） as an ``.xlsx`` sheet: blank, or filled in.

The layout (``generator.core.record_layout``) is shared with the reader of filled forms and with the
printable page of the site.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.record_layout import (
    ATTENDANCE_WORDS,
    BLANK_ROWS,
    COLUMNS,
    FORM_TITLE,
    HEAD_FIELDS,
    HINTS,
    KIND_WORDS,
    NO,
    SIGNATURES,
    YES,
)
from ..core.sheet_print import a4_landscape, fit_rows, keep_together

SHEET_TITLE = "培训记录表"

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = (14, 16, 11, 26, 26, 14)


@dataclass
class FilledForm:
    """What a filled form shows: head values, trainee rows, and the lines under the signatures."""

    head: dict[str, object]
    rows: list[list[object]]
    extra_columns: list[str]
    footer: list[list[str]]
    code: Picture | None = None
    """A QR code under the signatures: the session's feedback-form link, for trainees to scan."""


@dataclass(frozen=True)
class Picture:
    """A square PNG image with a caption above it and its text beside it."""

    png: bytes
    caption: str
    text: str


def put(sheet: Worksheet, row: int, column: int, value: object, *, bold: bool = False):
    """Write a cell; text is always text, so a name typed as ``=…`` cannot become a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if bold:
        cell.font = Font(bold=True)
    return cell


def _title(sheet: Worksheet) -> None:
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(WIDTHS))
    cell = put(sheet, 1, 1, FORM_TITLE)
    cell.font = Font(bold=True, size=16)
    cell.alignment = Alignment(horizontal="center")
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width


def head_cells() -> dict[str, tuple[int, int]]:
    """Where each head field's value goes: two label–value pairs per row, from row 2."""
    cells = {}
    for index, key in enumerate(HEAD_FIELDS):
        row, pair = divmod(index, 2)
        cells[key] = (2 + row, 2 + pair * 3)
    return cells


def _head(sheet: Worksheet, values: dict[str, object]) -> int:
    """The head; returns the row of the trainee table."""
    for key, (row, column) in head_cells().items():
        put(sheet, row, column - 1, HEAD_FIELDS[key], bold=True).border = BOX
        sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + 1)
        put(sheet, row, column, values.get(key, "")).border = BOX
    return max(row for row, _ in head_cells().values()) + 2


def _table(sheet: Worksheet, first: int, rows: Iterable[list[object]], extra: list[str]) -> int:
    headers = [*COLUMNS.values(), *extra]
    for column, header in enumerate(headers, 1):
        put(sheet, first, column, header, bold=True).border = BOX
    row = first
    for row, values in enumerate(rows, first + 1):
        for column in range(1, len(headers) + 1):
            value = values[column - 1] if column <= len(values) else ""
            put(sheet, row, column, value).border = BOX
    return row + 2


def _signatures(sheet: Worksheet, row: int) -> int:
    for offset, label in enumerate(SIGNATURES):
        put(sheet, row, 1 + offset * 2, label, bold=True)
    return row + 2


def _choice(sheet: Worksheet, words: Iterable[str], cells: str) -> None:
    rule = DataValidation(type="list", formula1=f'"{",".join(words)}"', allow_blank=True)
    rule.add(cells)
    sheet.add_data_validation(rule)


def _validations(sheet: Worksheet, table_row: int, last_row: int) -> None:
    """Drop-down lists where a value must be one of a few words."""
    column = openpyxl.utils.get_column_letter(list(COLUMNS).index("attendance") + 1)
    _choice(sheet, ATTENDANCE_WORDS.values(), f"{column}{table_row + 1}:{column}{last_row}")
    cells = head_cells()
    for key, words in (("kind", KIND_WORDS.values()), ("supervisor_on_site", (YES, NO))):
        row, column_number = cells[key]
        _choice(sheet, words, f"{openpyxl.utils.get_column_letter(column_number)}{row}")


CODE_PIXELS = 240
"""The QR code's side on the screen; printed on A4 with the form, it is about three and a half centimetres."""
ROW_PIXELS = 15 * 4 // 3
"""A row of the default height, 15 points, in screen pixels (96 to the inch): to tell which rows
the picture covers."""
TEXT_COLUMN = 3
CODE_TEXT_SIZE = 9


def _picture(sheet: Worksheet, picture: Picture, row: int) -> int:
    """The picture under the signatures: its caption above it and its text beside it, in small
    print. Returns the last row it covers, so that the printed page includes it.

    openpyxl places images through Pillow, which is only loaded when a form has one."""
    from openpyxl.drawing.image import Image

    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
    put(sheet, row, 1, picture.caption, bold=True)
    image = Image(io.BytesIO(picture.png))
    image.width = image.height = CODE_PIXELS
    sheet.add_image(image, f"A{row + 1}")
    sheet.merge_cells(start_row=row + 1, start_column=TEXT_COLUMN, end_row=row + 2, end_column=len(WIDTHS))
    text = put(sheet, row + 1, TEXT_COLUMN, picture.text)
    text.font = Font(size=CODE_TEXT_SIZE)
    text.alignment = Alignment(wrap_text=True, vertical="top")
    return row + 1 + -(-CODE_PIXELS // ROW_PIXELS)


FONT_SIZE = 11  # points: the workbook's default font
EMPTY_ROW_HEIGHT = 18  # points: an empty trainee row, room to write a name by hand


def _print_setup(sheet: Worksheet, table_row: int, last_table_row: int, last_text_row: int, last_row: int) -> None:
    """Rows as tall as their wrapped texts, A4 portrait (the form's blank rows fill one such
    page), the table header on every page, and the signatures on the page of the last trainees
    (see core/sheet_print.py). Rows after ``last_text_row`` hold the QR code's picture and keep
    the default height its placing counts on."""
    fit_rows(sheet, 2, last_text_row, FONT_SIZE)
    for row in range(table_row + 1, last_table_row + 1):
        if all(cell.value in (None, "") for cell in sheet[row]):
            sheet.row_dimensions[row].height = EMPTY_ROW_HEIGHT
    scale = a4_landscape(sheet, columns=sheet.max_column, title_row=table_row, last_row=last_row, landscape=False)
    keep_together(sheet, head_last=table_row, table=(table_row + 1, last_table_row), tail_last=last_row, scale=scale)


def _workbook(form: FilledForm) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    _title(sheet)
    table_row = _head(sheet, form.head)
    after = _table(sheet, table_row, form.rows, form.extra_columns)
    _validations(sheet, table_row, max(after - 2, table_row + 1))  # a record with no one on it still has one row
    row = _signatures(sheet, after)
    for line in form.footer:
        for column, value in enumerate(line, 1):
            put(sheet, row, column, value, bold=column == 1 and value.endswith("："))
        row += 1
    text_last = max(row - 1, after)
    last = _picture(sheet, form.code, row) if form.code is not None else text_last
    _print_setup(sheet, table_row, after - 2, text_last, max(last, text_last))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def blank_record_form(head: dict[str, object] | None = None, code: Picture | None = None) -> bytes:
    """The blank form: the head to fill in (or partly filled in), hints in the first row, empty
    rows for trainees; ``code`` puts a session's feedback-form QR code beside the head."""
    hint: list[object] = ["", "", HINTS["attendance"], HINTS["discipline"], HINTS["form"]]
    rows: list[list[object]] = [hint] + [[] for _ in range(BLANK_ROWS)]
    return _workbook(FilledForm(head=head or {}, rows=rows, extra_columns=[], footer=[], code=code))


def filled_record_form(form: FilledForm) -> bytes:
    return _workbook(form)
