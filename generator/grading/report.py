"""The grader's outputs, all in ``--out`` and never in the handbook site: grades.json, a printable
report in Markdown and HTML, the workbook, and the filled record form of every session.
"""

from __future__ import annotations

from pathlib import Path

from ..core.handbook import Handbook
from ..core.project import Project
from ..core.writer import Content, write_set
from ..models.grades import Grades
from .filled_forms import filled_forms
from .pipeline import Graded, collector_paused
from .report_tables import Table, overview, report_tables, verdict, workbook_tables
from .report_text import report_html, report_markdown
from .slips import slips_html
from .workbook import write_workbook

GRADES_JSON, REPORT_MD, REPORT_HTML, WORKBOOK = "grades.json", "report.md", "report.html", "grades.xlsx"
SLIPS = "成绩单.html"
FORMS_FOLDER = "records"


def _context(grades: Grades, found: Handbook, tables: list[Table]) -> dict:
    roles = {role.id: role.name for role in found.roles}
    reviewer = found.policy.assessment.revision_reviewed_by
    return {
        "overview": overview(grades),
        "reasons": grades.revision_reasons,
        "reviewer": roles.get(reviewer, reviewer),
        "tables": tables,
        "verdict": verdict(grades),
    }


def _grades_json(grades: Grades) -> bytes:
    """grades.json, compact: indenting a hundred thousand attempts would double the file for no
    reader. As UTF-8 bytes straight from the serializer (``model_dump_json`` decodes them into a
    text, which would only be encoded again)."""
    return grades.__pydantic_serializer__.to_json(grades, by_alias=True) + b"\n"


def write_reports(graded: Graded, project: Project, out: Path) -> list[Path]:
    """Write every output into ``out`` as one set (see ``write_set``); returns the files written."""
    project.refuse_public(out, "学员姓名和成绩")
    with collector_paused():
        return write_set(out, _outputs(graded))


def _outputs(graded: Graded) -> dict[str, Content]:
    """Every output by its name in ``--out``."""
    grades, policy = graded.grades, graded.found.policy
    report = report_tables(grades, policy)  # made once, for the report and the workbook
    context = _context(grades, graded.found, report)
    tables = workbook_tables(grades, policy, report)
    files: dict[str, Content] = {
        GRADES_JSON: _grades_json(grades),
        REPORT_MD: report_markdown(**context).encode("utf-8"),
        REPORT_HTML: report_html(**context).encode("utf-8"),
        WORKBOOK: lambda handle: write_workbook(handle, tables),  # streamed into the file
        SLIPS: slips_html(graded.slips, policy).encode("utf-8"),
    }
    for name, data in filled_forms(graded).items():
        files[f"{FORMS_FOLDER}/{name}"] = data
    return files
