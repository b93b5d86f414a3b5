"""The training plan form （培训计划表） as an .xlsx workbook, laid out for printing on A4.

Title, period, one row per entry under the form's columns, the plan's notes, and signature
lines for the supervisor who drafts it and the director who approves it. The same form comes
blank for filling in by hand. Document properties and zip entry dates are derived from the
plan's period, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from ..core.writer import write_atomic
from ..models.content import Role
from ..models.policy import Policy
from ..models.schedule import DayHours
from .entries import Entry, Plan
from .plan_text import (
    audience_text,
    date_text,
    instructor_text,
    programme_text,
    remarks_text,
    time_text,
    weekday,
)

# Column widths in characters, sized so that the form fits A4 landscape at full scale.
COLUMNS = (
    ("日期", 11),
    ("时间", 15),
    ("课题", 28),
    ("培训类别", 11),
    ("讲师", 18),
    ("对象", 16),
    ("课时", 5.5),
    ("地点", 14),
    ("备注", 32),
)
CENTRED = {"日期", "时间", "课时"}
FORM_ID = "training_plan_form"
TITLE_ROW, PERIOD_ROW, HEADER_ROW = 1, 2, 3
BODY_FONT, TITLE_FONT = "宋体", "黑体"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
BLANK_ROWS = 18
SMALL = 10.5  # 五号字


@dataclass(frozen=True)
class FormContext:
    """What the form needs besides the plan: names of roles and programmes, and the day's hours."""

    policy: Policy
    roles: dict[str, Role]
    hours: DayHours

    def form_name(self) -> tuple[str, str]:
        record = next((r for r in self.policy.records if r.id == FORM_ID), None)
        return (record.name, record.section) if record else ("培训计划表", "")

    def role(self, role_id: str) -> str:
        return self.roles[role_id].name if role_id in self.roles else role_id

    def topic(self, topic_id: str) -> str:
        names = {t.id: t.name for p in self.policy.programmes if p.frequencies for t in p.topics}
        return names.get(topic_id, topic_id)


def _sheet(workbook: Workbook, form: FormContext, office: str, period: str) -> Worksheet:
    sheet = workbook.active
    name, section = form.form_name()
    sheet.title = name
    width = len(COLUMNS)
    for row, text, size in ((TITLE_ROW, name, 16), (PERIOD_ROW, "", SMALL)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row, 1, text).font = Font(name=TITLE_FONT if row == TITLE_ROW else BODY_FONT, size=size, bold=True)
        sheet.cell(row, 1).alignment = CENTRE
    sheet.cell(PERIOD_ROW, 1, f"单位：{office}　　计划期间：{period}　　（规程 {section}）")
    sheet.row_dimensions[TITLE_ROW].height = 28
    for column, (header, chars) in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font, cell.alignment, cell.border = Font(name=BODY_FONT, bold=True), CENTRE, BOX
        sheet.column_dimensions[cell.column_letter].width = chars
    return sheet


def _row(sheet: Worksheet, row: int, values: list) -> None:
    for column, value in enumerate(values, 1):
        cell = sheet.cell(row, column, value)
        cell.font, cell.border = Font(name=BODY_FONT, size=SMALL), BOX
        cell.alignment = CENTRE if COLUMNS[column - 1][0] in CENTRED else WRAP


def _entry_values(entry: Entry, plan: Plan, form: FormContext) -> list:
    return [
        entry.day,
        f"{weekday(entry.day)} {time_text(entry, form.hours)}",
        entry.title,
        programme_text(entry, form.policy),
        instructor_text(entry, form.roles, plan.with_names),
        audience_text(entry, form.roles, plan.with_names),
        entry.hours,
        entry.venue,
        remarks_text(entry, plan),
    ]


def _footer_lines(plan: Plan, form: FormContext) -> list[str]:
    lines = []
    if plan.focus:
        topics = "、".join(f"{form.topic(t.topic)}（错误率 {t.percent}）" for t in plan.focus)
        lines.append(f"本期重点（依据上次考核结果）：{topics}")
    for entry in plan.own_deadlines:
        lines.append(f"本计划截止：{entry.title}，{entry.day.year}年{date_text(entry.day)}前")
    lines += [f"说明：{note}" for note in plan.notes]
    lines += [f"工作日依据：{source}" for source in plan.sources]
    return lines


def _signatures(sheet: Worksheet, row: int, form: FormContext) -> None:
    planning = form.policy.planning
    blanks = "＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"
    half = len(COLUMNS) // 2 + 1  # the approver signs on the right half of the page
    sheet.cell(row, 1, f"拟订（{form.role(planning.drafted_by)}）：{blanks}")
    sheet.cell(row, half, f"批准（{form.role(planning.approved_by)}）：{blanks}")
    for column in (1, half):
        sheet.cell(row, column).font = Font(name=BODY_FONT, size=SMALL)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=half - 1)
    sheet.merge_cells(start_row=row, start_column=half, end_row=row, end_column=len(COLUMNS))
    sheet.row_dimensions[row].height = 32


def _text_rows(sheet: Worksheet, row: int, lines: list[str]) -> int:
    for line in lines:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        sheet.cell(row, 1, line).font = Font(name=BODY_FONT, size=SMALL)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    return row


def _print_setup(sheet: Worksheet, last_row: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{sheet.cell(last_row, len(COLUMNS)).coordinate}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)


def _stable_bytes(workbook: Workbook, when: dt.date, title: str) -> bytes:
    """Save with properties and zip dates taken from ``when`` instead of the clock."""
    moment = dt.datetime.combine(when, dt.time.min)
    workbook.properties.created = workbook.properties.modified = moment
    workbook.properties.creator, workbook.properties.lastModifiedBy = "handbook", "handbook"
    workbook.properties.title = title
    raw = io.BytesIO()
    workbook.save(raw)  # openpyxl stamps "modified" with the clock while saving
    workbook.properties.modified = moment
    core = tostring(workbook.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            item = zipfile.ZipInfo(info.filename, date_time=(moment.year, moment.month, moment.day, 0, 0, 0))
            item.compress_type, item.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            target.writestr(item, core if info.filename == ARC_CORE else source.read(info.filename))
    return out.getvalue()


def plan_form_bytes(plan: Plan, form: FormContext) -> bytes:
    """The filled-in form of a plan."""
    workbook = Workbook()
    period = plan.period + ("（暂定）" if plan.provisional else "")
    sheet = _sheet(workbook, form, plan.office, period)
    row = HEADER_ROW + 1
    for entry in sorted(plan.entries, key=Entry.sort_key):
        _row(sheet, row, _entry_values(entry, plan, form))
        sheet.cell(row, 1).number_format = 'm"月"d"日"'
        row += 1
    row = _text_rows(sheet, row + 1, _footer_lines(plan, form))
    _signatures(sheet, row + 1, form)
    _print_setup(sheet, row + 1)
    return _stable_bytes(workbook, plan.first, plan.label)


def blank_form_bytes(form: FormContext, office: str, *, rows: int = BLANK_ROWS, issued: dt.date | None = None) -> bytes:
    """The form with empty rows, for planning by hand; ``issued`` dates the file's properties."""
    workbook = Workbook()
    sheet = _sheet(workbook, form, office, "＿＿＿＿年＿＿月")
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + rows):
        _row(sheet, row, [""] * len(COLUMNS))
        sheet.row_dimensions[row].height = 22
    last = HEADER_ROW + rows + 2
    _signatures(sheet, last, form)
    _print_setup(sheet, last)
    return _stable_bytes(workbook, issued or dt.date(2000, 1, 1), form.form_name()[0])


def write_blank_form(path, form: FormContext, office: str, *, rows: int = BLANK_ROWS) -> None:
    """A blank plan form at ``path``, written atomically."""
    write_atomic(path, blank_form_bytes(form, office, rows=rows))
