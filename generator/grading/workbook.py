"""The grader's workbook (grades.xlsx), streamed: each row goes out as XML as soon as it is made.

A run over 100,000 result files has a sheet of 100,000 attempts. A spreadsheet library makes an
object per cell and writes them through a general XML writer, which costs several times the
grading itself; here a row is one formatted string, compressed into the file while the next is
made, so the rows are never all in memory. Every cell is a text cell (an inline string): a name
typed as ``=HYPERLINK(…)`` stays text, never a formula. The header row is bold.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

from .report_tables import Table

COLUMN_WIDTH = 18
COMPRESSION_LEVEL = 1
"""zlib's fastest level: the sheet's XML repeats itself so much that a higher level saves little
space for much time."""
SEPARATOR = "\ue000"
"""Joins a row's values to look at them all at once (a private-use character)."""
NEEDS_CARE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]|(?:^|\ue000)\s|\s(?:\ue000|$)")
"""A value that must be escaped, cleaned or marked as keeping its spaces; most rows have none."""
ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters XML 1.0 cannot hold; a spreadsheet cannot show them either."""
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
FONTS = '<font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>'
FILLS = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
CELL_FORMATS = (
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
)
STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}"><fonts count="2">{FONTS}</fonts><fills count="2">{FILLS}</fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="2">{CELL_FORMATS}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
BOLD = ' s="1"'
"""The header cells' style: the second entry of cellXfs above."""


def escaped(value: str) -> str:
    """Text for XML content or attributes, without the control characters XML cannot hold."""
    text = ILLEGAL_IN_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def cell_text(value: str) -> str:
    """The value as the content of a ``<t>`` element, keeping its leading or trailing spaces."""
    text = escaped(value)
    return f'<t xml:space="preserve">{text}</t>' if text != text.strip() else f"<t>{text}</t>"


CELL = '<c t="inlineStr"><is><t>'
BETWEEN_CELLS = '</t></is></c><c t="inlineStr"><is><t>'
END_CELL = "</t></is></c>"


def row_xml(number: int, values: list[str], style: str = "") -> str:
    """One row of text cells, in column order: a cell's place says its column, so cells carry
    no reference. Most rows need no escaping and have no empty cell, and are joined in one go."""
    if not style and all(values) and not NEEDS_CARE.search(SEPARATOR.join(values)):
        return f'<row r="{number}">{CELL}{BETWEEN_CELLS.join(values)}{END_CELL}</row>'
    cells = "".join(f'<c t="inlineStr"{style}><is>{cell_text(v)}</is></c>' if v else "<c/>" for v in values)
    return f'<row r="{number}">{cells}</row>'


def _sheet(archive: zipfile.ZipFile, index: int, table: Table) -> None:
    with archive.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as part:
        columns = f'<cols><col min="1" max="{len(table.headers)}" width="{COLUMN_WIDTH}" customWidth="1"/></cols>'
        part.write(f'{HEAD}<worksheet xmlns="{MAIN}">{columns}<sheetData>'.encode())
        part.write(row_xml(1, table.headers, BOLD).encode())
        batch: list[str] = []
        for number, row in enumerate(table.rows, 2):
            batch.append(row_xml(number, row))
            if len(batch) == 1000:
                part.write("".join(batch).encode())
                batch.clear()
        part.write(("".join(batch) + "</sheetData></worksheet>").encode())


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
    archive.writestr(
        "xl/workbook.xml", f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>{sheets}</sheets></workbook>'
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
