"""Printing a worksheet the way an office prints it: A4 landscape, every text wrapped inside its
cell with a row height that shows all of it, and the signature lines on the same page as the
last rows of the table.

Spreadsheet programs do not grow a row for wrapped text on their own when a file is opened (and
never for merged cells), so the height of every row is worked out here from its texts and the
widths of its columns; the page breaks follow from those heights. The estimate is generous: a
row a little too tall costs a few millimetres of paper, a row too short hides a line.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from ..models.grades import PERCENT_SCALE

POINTS_PER_INCH = 72
A4_SHORT_SIDE = 595.3  # points: the page's height in landscape
A4_LONG_SIDE = 841.9  # points: the page's width in landscape
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_FOOTER = 0.4, 0.5, 0.75, 0.3  # inches
WIDE_UNITS = 2.0
"""Column-width units a full-width character takes (a column's width counts narrow digits)."""
NARROW_UNITS = 1.15
"""Column-width units of a narrow character, with a little room to spare."""
UNIT_POINTS = 5.6
"""Points per column-width unit on paper: the width of a digit of Calibri, the default font of
a workbook, as Excel and LibreOffice (with the metric-compatible Carlito) draw it."""
CELL_PADDING_UNITS = 1.0
"""Width lost to a cell's inner margins."""
LINE_SPACING = 1.5
"""A line's height over the font size (CJK fonts leave generous room between lines)."""
ROW_PADDING = 4.0
"""Points above and below the text of a row."""
DEFAULT_WIDTH = 8.43
"""A column's width when none is set."""
SAFETY = 0.92
"""Share of a page's height the breaks fill: what the estimate might miss stays on the page."""


class _CharacterUnits(dict[str, float]):
    """Column-width units per character, each worked out once: the printable sheets of a big
    run measure the texts of thousands of rows, in a few thousand distinct characters."""

    def __missing__(self, character: str) -> float:
        units = self[character] = WIDE_UNITS if unicodedata.east_asian_width(character) in "WF" else NARROW_UNITS
        return units


CHARACTER_UNITS = _CharacterUnits()


def text_units(text: str) -> float:
    """How many column-width units a line of text takes."""
    return sum(map(CHARACTER_UNITS.__getitem__, text))


def lines_needed(text: str, width: float) -> int:
    """Lines a text wraps to in a cell ``width`` units wide (its own line breaks kept)."""
    usable = max(width - CELL_PADDING_UNITS, WIDE_UNITS)
    return sum(max(1, math.ceil(text_units(line) / usable)) for line in str(text).split("\n"))


def row_height(texts: Sequence[tuple[str, float]], size: float) -> float:
    """Height in points of a row whose cells hold these (text, width) pairs at this font size."""
    lines = max((lines_needed(text, width) for text, width in texts if text), default=1)
    return lines * size * LINE_SPACING + ROW_PADDING


def fit_rows(sheet: Worksheet, first: int, last: int, size: float) -> None:
    """Give every row from ``first`` to ``last`` the height its wrapped texts need; a merged
    cell counts the width of all the columns it spans."""
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    spans = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            columns = range(merged.min_col, merged.max_col + 1)
            spans[(row, merged.min_col)] = sum(widths.get(get_column_letter(c), DEFAULT_WIDTH) for c in columns)
    for row in range(first, last + 1):
        texts = []
        for cell in sheet[row]:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            width = spans.get((row, cell.column), widths.get(cell.column_letter, DEFAULT_WIDTH))
            texts.append((display(cell.value), width))
        sheet.row_dimensions[row].height = row_height(texts, size)


def display(value: object) -> str:
    """A cell's value as it is printed, near enough to measure it (dates print short)."""
    if hasattr(value, "strftime"):
        return "00月00日"
    return str(value)


def page_height(landscape: bool = True) -> float:
    """Points of an A4 page that rows may fill."""
    return (A4_SHORT_SIDE if landscape else A4_LONG_SIDE) - (MARGIN_TOP + MARGIN_BOTTOM) * POINTS_PER_INCH


def scale_for(sheet: Worksheet, columns: int, landscape: bool = True) -> int:
    """The print scale, in percent, at which the columns fit the page's width."""
    widths = [sheet.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH for c in range(1, columns + 1)]
    return scale_for_widths(widths, landscape)


def scale_for_widths(widths: Sequence[float], landscape: bool = True) -> int:
    """The print scale, in percent, at which columns this wide fit the page's width."""
    total = sum(widths) * UNIT_POINTS + len(widths) * CELL_PADDING_UNITS * UNIT_POINTS
    usable = (A4_LONG_SIDE if landscape else A4_SHORT_SIDE) - 2 * MARGIN_SIDE * POINTS_PER_INCH
    return min(PERCENT_SCALE, math.floor(usable / total * PERCENT_SCALE))


def heights(sheet: Worksheet, first: int, last: int) -> list[float]:
    default = sheet.sheet_format.defaultRowHeight or 15
    return [sheet.row_dimensions[r].height or default for r in range(first, last + 1)]


def room(sheet: Worksheet, scale: int) -> float:
    """Points of row height one page holds at this scale, less what the estimate might miss."""
    landscape = sheet.page_setup.orientation != sheet.ORIENTATION_PORTRAIT
    return page_height(landscape) * SAFETY * PERCENT_SCALE / scale


def tail_fits(sheet: Worksheet, *, head_last: int, table: tuple[int, int], tail_last: int, scale: int) -> bool:
    """Whether the rows after the table, up to ``tail_last``, fit on one page with the last
    rows of the table."""
    tail = sum(heights(sheet, table[1] + 1, tail_last))
    last_rows = sum(heights(sheet, max(table[0], table[1] - KEEP + 1), table[1]))
    return heights(sheet, head_last, head_last)[0] + last_rows + tail <= room(sheet, scale)


KEEP = 2
"""Rows of the table that stand on the page of the signatures, at least."""


def keep_together(
    sheet: Worksheet, *, head_last: int, table: tuple[int, int], tail_last: int, scale: int, last_row: int = 0
) -> int:
    """Break the pages between rows so that the tail (notes and signatures: the rows after
    the table up to ``tail_last``) stands on one page with at least ``KEEP`` rows of the table.
    Rows 1 to ``head_last`` open the first page; the table's header row (``head_last``)
    repeats on every page. Rows after the tail, up to ``last_row`` (an appendix), follow on as
    many pages as they need. Returns the number of pages."""
    space = room(sheet, scale)
    repeat = heights(sheet, head_last, head_last)[0]
    breaks, used = [], sum(heights(sheet, 1, head_last))
    for row in range(table[0], table[1] + 1):
        height = heights(sheet, row, row)[0]
        if used + height > space and row > table[0]:
            breaks.append(row)
            used = repeat
        used += height
    tail = sum(heights(sheet, table[1] + 1, tail_last))
    if used + tail > space:
        start = max(table[1] - KEEP + 1, (breaks[-1] if breaks else table[0]) + 1)
        breaks.append(start)
        used = repeat + sum(heights(sheet, start, table[1]))
    used += tail
    for row in range(tail_last + 1, max(last_row, tail_last) + 1):
        height = heights(sheet, row, row)[0]
        if used + height > space:
            breaks.append(row)
            used = repeat
        used += height
    sheet.row_breaks = RowBreak()
    for row in breaks:
        sheet.row_breaks.append(Break(id=row - 1))
    return len(breaks) + 1


def a4_landscape(sheet: Worksheet, *, columns: int, title_row: int, last_row: int, landscape: bool = True) -> int:
    """A4 (landscape unless told) at a fixed scale that fits the columns, the table header
    repeated on every page, page numbers in the footer. Returns the scale."""
    scale = scale_for(sheet, columns, landscape)
    setup = sheet.page_setup
    setup.paperSize, setup.scale = sheet.PAPERSIZE_A4, scale
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.print_title_rows = f"{title_row}:{title_row}"
    sheet.print_area = f"A1:{sheet.cell(last_row, columns).coordinate}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = MARGIN_SIDE
    margins.top, margins.bottom, margins.footer = MARGIN_TOP, MARGIN_BOTTOM, MARGIN_FOOTER
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    return scale
