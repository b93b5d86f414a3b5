"""The grader's outputs, all in ``--out`` and never in the handbook site: grades.json, a printable
report in Markdown and HTML, the workbook, and the filled record form of every session.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..core.handbook import Handbook
from ..core.project import Project
from ..core.writer import write_set
from ..models.grades import Grades
from .filled_forms import filled_forms
from .pipeline import Graded
from .report_tables import Table, overview, report_tables
from .report_text import report_html, report_markdown

SHEET_WIDTH = 18
GRADES_JSON, REPORT_MD, REPORT_HTML, WORKBOOK = "grades.json", "report.md", "report.html", "grades.xlsx"
FORMS_FOLDER = "records"


def _context(grades: Grades, found: Handbook) -> dict:
    roles = {role.id: role.name for role in found.roles}
    reviewer = found.policy.assessment.revision_reviewed_by
    return {
        "overview": overview(grades),
        "reasons": grades.revision_reasons,
        "reviewer": roles.get(reviewer, reviewer),
        "tables": report_tables(grades, found.policy),
    }


def _text_cell(sheet, value: str, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if value.startswith("="):
        cell.data_type = "s"  # a typed name such as "=HYPERLINK(…)" stays text, never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook(tables: list[Table]) -> bytes:
    """One sheet per table; write-only, so a hundred thousand rows stay cheap."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.title)
        for index in range(len(table.headers)):
            sheet.column_dimensions[get_column_letter(index + 1)].width = SHEET_WIDTH
        sheet.append([_text_cell(sheet, header, bold=True) for header in table.headers])
        for row in table.rows:
            sheet.append([_text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_reports(graded: Graded, project: Project, out: Path) -> list[Path]:
    """Write every output into ``out`` as one set (see ``write_set``); returns the files written."""
    project.refuse_public(out, "学员姓名和成绩")
    grades = graded.grades
    context = _context(grades, graded.found)
    files = {
        GRADES_JSON: grades.model_dump_json(indent=2, by_alias=True).encode("utf-8") + b"\n",
        REPORT_MD: report_markdown(**context).encode("utf-8"),
        REPORT_HTML: report_html(**context).encode("utf-8"),
        WORKBOOK: workbook(context["tables"]),
    }
    for name, data in filled_forms(graded).items():
        files[f"{FORMS_FOLDER}/{name}"] = data
    return write_set(out, files)
