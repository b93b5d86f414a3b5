"""The grader's workbook (grades.xlsx), streamed: each row goes out as XML as soon as it is made.

A run over 100,000 result files has a sheet of 100,000 attempts. A spreadsheet library makes an
object per cell and writes them through a general XML writer, which costs several times the
grading itself; here a row is one formatted string, compressed into the file while the next is
made, so the rows are never all in memory. Text is always a text cell (an inline string): a
name typed as ``=HYPERLINK(…)`` stays text, never a formula. Numbers are numbers and dates and
times are dates and times (shown as 2026-03-03 and 2026-03-03 09:30), so that they sum and sort.
The header row is bold. Every sheet prints on A4 landscape with its header row on each page; the
sheet of every attempt has its columns sized by the longest values it can hold (an exam's title,
an action with its deadline), known before its first row.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..core.sheet_print import CELL_PADDING_UNITS, row_height, scale_for_widths, text_units
from .report_tables import Cell, Table, shown

COLUMN_WIDTH = 18
COMPRESSION_LEVEL = 1
"""zlib's fastest level: the sheet's XML repeats itself so much that a higher level saves little
space for much time."""
SEPARATOR = "\ue000"
"""Joins a row's values to look at them all at once (a private-use character)."""
NEEDS_CARE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]|(?:^|\ue000)\s|\s(?:\ue000|$)")
"""A value that must be escaped, cleaned or marked as keeping its spaces; most rows have none."""
MAY_NEED_CARE = re.compile(r"[&<>\x00-\x1f\s]")
"""Every character ``NEEDS_CARE`` looks for: a text without any needs no closer look."""
ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters XML 1.0 cannot hold; a spreadsheet cannot show them either."""
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
FONTS = '<font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>'
FILLS = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
DATE_FORMAT, TIME_FORMAT = 164, 165
"""Ids of the two number formats the workbook defines (ids below 164 are Excel's own)."""
NUMBER_FORMATS = (
    f'<numFmts count="2"><numFmt numFmtId="{DATE_FORMAT}" formatCode="yyyy-mm-dd"/>'
    f'<numFmt numFmtId="{TIME_FORMAT}" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
)
WRAP = '<alignment wrapText="1" vertical="top"/>'
CELL_FORMATS = (
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    f'<xf numFmtId="{DATE_FORMAT}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    f'<xf numFmtId="{TIME_FORMAT}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">{WRAP}</xf>'
    f'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{WRAP}</xf>'
)
STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}">{NUMBER_FORMATS}<fonts count="2">{FONTS}</fonts>'
    f'<fills count="2">{FILLS}</fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="6">{CELL_FORMATS}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
BOLD, DATE_STYLE, TIME_STYLE, WRAPPED, BOLD_WRAPPED = ' s="1"', ' s="2"', ' s="3"', ' s="4"', ' s="5"'
"""Styles by their place in cellXfs above: the header, a date, a date with its time, and the
text and header of a sheet laid out for printing (wrapped)."""
FONT_POINTS = 11
WIDEST_COLUMN = 36
"""Character units a printable sheet's column grows to at most; longer texts wrap."""
PRINT_SETUP = (
    '<printOptions horizontalCentered="1"/>'
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.75" header="0.3" footer="0.3"/>'
    '<pageSetup paperSize="9" orientation="landscape" scale="{scale}"/>'
    "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
)
EPOCH_ORDINAL = dt.date.fromisoformat("1899-12-30").toordinal()
"""Day 0 of a spreadsheet's date numbers."""
SECONDS_PER_DAY = dt.timedelta(days=1).total_seconds()


def quoted(title: str) -> str:
    """A sheet's name inside a formula's quotes (a quote doubled), escaped for XML."""
    return escaped(title.replace("'", "''"))


def escaped(value: str) -> str:
    """Text for XML content or attributes, without the control characters XML cannot hold."""
    text = ILLEGAL_IN_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def cell_text(value: str) -> str:
    """The value as the content of a ``<t>`` element, keeping its leading or trailing spaces."""
    text = escaped(value)
    return f'<t xml:space="preserve">{text}</t>' if text != text.strip() else f"<t>{text}</t>"


CELL = '<c t="inlineStr"><is><t>'
END_CELL = "</t></is></c>"


def _text_cell(value: str, style: str = "") -> str:
    if not value:
        return "<c/>"
    if style or needs_care(value):
        return f'<c t="inlineStr"{style}><is>{cell_text(value)}</is></c>'
    return f"{CELL}{value}{END_CELL}"


def _number_cell(value: float, style: str = "") -> str:
    return f"<c><v>{value!r}</v></c>"


def _time_days(value: dt.datetime) -> float:
    """A time as a spreadsheet keeps it: days since its day 0, the time of day a fraction. Its
    clock reading only: a table's times are in office time, and a spreadsheet keeps no offset."""
    seconds = (value.hour * 60 + value.minute) * 60 + value.second
    return value.toordinal() - EPOCH_ORDINAL + seconds / SECONDS_PER_DAY


def _date_days(value: dt.date) -> int:
    return value.toordinal() - EPOCH_ORDINAL


def _time_cell(value: dt.datetime, style: str = "") -> str:
    return f"<c{TIME_STYLE}><v>{_time_days(value)!r}</v></c>"


def _date_cell(value: dt.date, style: str = "") -> str:
    return f"<c{DATE_STYLE}><v>{_date_days(value)}</v></c>"


CELL_MAKERS: dict[type, Callable[[Any, str], str]] = {
    str: _text_cell,
    int: _number_cell,
    float: _number_cell,
    dt.datetime: _time_cell,
    dt.date: _date_cell,
}
"""How each kind of value becomes a cell, looked up by its exact type (fast for big sheets)."""


def typed_cell(value: Cell, style: str = "") -> str:
    """One cell: text as an inline string, a number as a number, a date or time as the day
    number a spreadsheet keeps, shown through its format."""
    return CELL_MAKERS[type(value)](value, style)


PLAIN_CELLS = {
    str: f"{CELL}%s{END_CELL}",
    int: "<c><v>%r</v></c>",
    float: "<c><v>%r</v></c>",
    dt.datetime: f"<c{TIME_STYLE}><v>%r</v></c>",
    dt.date: f"<c{DATE_STYLE}><v>%s</v></c>",
}
"""Each kind of cell with a ``%`` field for its value, for rows without style whose texts need
no care: the same cells as ``CELL_MAKERS`` makes."""
DAY_NUMBERS: dict[type, Callable[[Any], float | int]] = {dt.datetime: _time_days, dt.date: _date_days}


@dataclass(frozen=True)
class Layout:
    """How a row of values of given kinds is made in one go."""

    template: str
    """The row with a ``%`` field per cell, its number first."""
    texts: tuple[int, ...]
    """Places of the texts, which must be looked at before they go in as they are."""
    dated: tuple[tuple[int, Callable[[Any], float | int]], ...]
    """Places of the dates and times, with how each becomes a day number."""


@functools.cache
def _plain_layout(kinds: tuple[type, ...]) -> Layout | None:
    """The layout of a row of these kinds of value; None when a kind has no plain cell."""
    if not all(kind in PLAIN_CELLS for kind in kinds):
        return None
    return Layout(
        template='<row r="%s">' + "".join(PLAIN_CELLS[kind] for kind in kinds) + "</row>",
        texts=tuple(place for place, kind in enumerate(kinds) if kind is str),
        dated=tuple((place, DAY_NUMBERS[kind]) for place, kind in enumerate(kinds) if kind in DAY_NUMBERS),
    )


def needs_care(text: str) -> bool:
    """Whether a text must be escaped, cleaned or marked as keeping its spaces (``NEEDS_CARE``),
    told first by a quick look for any character that could ask for it."""
    return MAY_NEED_CARE.search(text) is not None and NEEDS_CARE.search(text) is not None


def _plain_row(number: int, values: Sequence[Any]) -> str | None:
    """A row in one formatting when its texts are not empty and need no care (most rows of the
    sheet of every attempt), else None: the sheet has a row per attempt, and a call per cell
    costs more than the grading of the attempt."""
    layout = _plain_layout(tuple(map(type, values)))
    if layout is None:
        return None
    texts = list(map(values.__getitem__, layout.texts))
    if not all(texts) or needs_care(SEPARATOR.join(texts)):
        return None
    fields = [number, *values]
    for place, day_number in layout.dated:
        fields[place + 1] = day_number(values[place])
    return layout.template % tuple(fields)


def row_xml(number: int, values: Sequence[Any], style: str = "", height: float = 0) -> str:
    """One row, in column order: a cell's place says its column, so cells carry no reference.
    A row without style whose texts need no care (most rows of most tables) is made in one go.
    ``height`` (points) is set on the rows of a sheet laid out for printing."""
    if height:
        cells = "".join(typed_cell(v, style or WRAPPED) for v in values)
        return f'<row r="{number}" ht="{height:.1f}" customHeight="1">{cells}</row>'
    if not style and (plain := _plain_row(number, values)) is not None:
        return plain
    return f'<row r="{number}">{"".join([CELL_MAKERS[type(v)](v, style) for v in values])}</row>'


def column_widths(table: Table, rows: Sequence[Sequence[Any]]) -> list[float]:
    """Widths that show each column's header and most of its texts, the longest wrapping."""
    widths = []
    for index, header in enumerate(table.headers):
        longest = max((text_units(shown(row[index])) for row in rows if index < len(row)), default=0)
        widths.append(min(WIDEST_COLUMN, max(text_units(header), longest) + CELL_PADDING_UNITS))
    return widths


def _columns(widths: Sequence[float]) -> str:
    """A sheet's column widths, in character units."""
    return (
        "<cols>"
        + "".join(f'<col min="{n}" max="{n}" width="{w:.1f}" customWidth="1"/>' for n, w in enumerate(widths, 1))
        + "</cols>"
    )


def _printable_sheet(part, table: Table) -> None:
    """A small table laid out to print: widths from its texts, wrapped cells in rows as tall as
    they need, A4 landscape at a scale that fits the columns, page numbers in the footer."""
    rows = list(table.rows)
    widths = column_widths(table, rows)
    part.write(f'{HEAD}<worksheet xmlns="{MAIN}">{_columns(widths)}<sheetData>'.encode())
    for number, row in enumerate([table.headers, *rows], 1):
        height = row_height([(shown(v), w) for v, w in zip(row, widths, strict=False)], FONT_POINTS)
        part.write(row_xml(number, row, BOLD_WRAPPED if number == 1 else "", height).encode())
    setup = PRINT_SETUP.format(scale=scale_for_widths(widths))
    part.write(f"</sheetData>{setup}</worksheet>".encode())


def _sheet(archive: zipfile.ZipFile, index: int, table: Table) -> None:
    with archive.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as part:
        if table.printable:
            _printable_sheet(part, table)
            return
        widths = column_widths(table, table.samples) if table.samples else [COLUMN_WIDTH] * len(table.headers)
        part.write(f'{HEAD}<worksheet xmlns="{MAIN}">{_columns(widths)}<sheetData>'.encode())
        part.write(row_xml(1, table.headers, BOLD).encode())
        batch: list[str] = []
        for number, row in enumerate(table.rows, 2):
            batch.append(row_xml(number, row))
            if len(batch) == 1000:
                part.write("".join(batch).encode())
                batch.clear()
        setup = PRINT_SETUP.format(scale=scale_for_widths(widths))
        part.write(("".join(batch) + f"</sheetData>{setup}</worksheet>").encode())


def _package(archive: zipfile.ZipFile, titles: list[str]) -> None:
    """The parts around the sheets: content types, relationships, the workbook and its styles."""
    numbers = range(1, len(titles) + 1)
    sheet = f"{CONTENT_TYPE}.worksheet+xml"
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet}"/>' for n in numbers)
    archive.writestr(
        "[Content_Types].xml",
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT_TYPE}.styles+xml"/>{overrides}</Types>',
    )
    archive.writestr(
        "_rels/.rels",
        f'{HEAD}<Relationships xmlns="{PACKAGE_RELATIONS}"><Relationship Id="rId1" '
        f'Type="{RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    )
    sheets = "".join(
        f'<sheet name="{escaped(title)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, title in zip(numbers, titles, strict=True)
    )
    # The header row repeats on every printed page of every sheet.
    names = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n - 1}">\'{quoted(title)}\'!$1:$1</definedName>'
        for n, title in zip(numbers, titles, strict=True)
    )
    archive.writestr(
        "xl/workbook.xml",
        f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>{sheets}</sheets>'
        f"<definedNames>{names}</definedNames></workbook>",
    )
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATIONS}/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in numbers
    )
    styles = f'<Relationship Id="rId{len(titles) + 1}" Type="{RELATIONS}/styles" Target="styles.xml"/>'
    relationships = f'{HEAD}<Relationships xmlns="{PACKAGE_RELATIONS}">{links}{styles}</Relationships>'
    archive.writestr("xl/_rels/workbook.xml.rels", relationships)
    archive.writestr("xl/styles.xml", STYLES)


def write_workbook(handle: BinaryIO, tables: Iterable[Table]) -> None:
    """One sheet per table, named by its title, the rows read once, as they come."""
    titles = []
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL) as archive:
        for index, table in enumerate(tables, 1):
            _sheet(archive, index, table)
            titles.append(table.title)
        _package(archive, titles)
