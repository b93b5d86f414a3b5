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

from ..core.sheet_print import a4_landscape, fit_rows, keep_together, tail_fits
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

# Column widths in character units; the print scale makes them fit A4 landscape (core/sheet_print.py).
COLUMNS = (
    ("日期", 9),
    ("时间", 17),
    ("课题", 22),
    ("培训类别", 9),
    ("讲师", 19.5),
    ("对象", 13),
    ("课时", 4.5),
    ("地点", 13),
    ("备注", 26),
)
CENTRED = {"日期", "时间", "课时"}
FORM_ID = "training_plan_form"
TITLE_ROW, PERIOD_ROW, HEADER_ROW = 1, 2, 3
BODY_FONT, TITLE_FONT = "宋体", "黑体"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
BLANK_ROWS = 14
BLANK_ROW_HEIGHT = 26  # points: room to write by hand
SIGNATURE_HEIGHT = 32  # points: room to sign
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


def conflict_lines(plan: Plan) -> list[str]:
    """The plan's 冲突与调整 list as it is printed: what could not be placed, then what moved."""
    if not plan.conflicts and not plan.adjustments:
        return ["冲突与调整：无。本计划中没有人、没有场地同一时间出现在两处。"]
    counts = f"未能排开的冲突 {len(plan.conflicts)} 处，已调整的安排 {len(plan.adjustments)} 处"
    lines = [f"冲突与调整：{counts}。表中各项安排，没有人、没有场地同一时间出现在两处。"]
    lines += [f"冲突：{notice.text}" for notice in plan.conflicts]
    lines += [f"调整：{notice.text}" for notice in plan.adjustments]
    return lines


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


SIGNATURE_CELLS = (("日期", "课题"), ("培训类别", "讲师"), ("对象", "地点"), ("备注", "备注"))
"""Columns (first and last) of the four signature cells: who drafts, when; who approves, when."""


def _column(header: str) -> int:
    return next(n for n, (name, _) in enumerate(COLUMNS, 1) if name == header)


def _signatures(sheet: Worksheet, row: int, form: FormContext) -> None:
    """Each signature and its date in cells of their own, wide enough for the printed blanks."""
    planning = form.policy.planning
    date = "日期：＿＿＿年＿＿月＿＿日"
    texts = (
        f"拟订（{form.role(planning.drafted_by)}）：＿＿＿＿＿＿",
        date,
        f"批准（{form.role(planning.approved_by)}）：＿＿＿＿＿＿",
        date,
    )
    for (first_header, last_header), text in zip(SIGNATURE_CELLS, texts, strict=True):
        first, last = _column(first_header), _column(last_header)
        cell = sheet.cell(row, first, text)
        cell.font, cell.alignment = Font(name=BODY_FONT, size=SMALL), Alignment(vertical="bottom")
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    sheet.row_dimensions[row].height = SIGNATURE_HEIGHT


def _text_rows(sheet: Worksheet, row: int, lines: list[str]) -> int:
    for line in lines:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        sheet.cell(row, 1, line).font = Font(name=BODY_FONT, size=SMALL)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    return row


def _print_setup(sheet: Worksheet, last_table_row: int, signature_row: int, last_row: int = 0) -> bool:
    """Rows as tall as their wrapped texts, A4 landscape, and the signatures on the page of the
    last rows (see core/sheet_print.py). False when the notes before the signatures are too
    long to stand on one page with them."""
    last_row = max(last_row, signature_row)
    fit_rows(sheet, HEADER_ROW + 1, last_row, SMALL)
    sheet.row_dimensions[signature_row].height = SIGNATURE_HEIGHT
    scale = a4_landscape(sheet, columns=len(COLUMNS), title_row=HEADER_ROW, last_row=last_row)
    table = (HEADER_ROW + 1, last_table_row)
    if not tail_fits(sheet, head_last=HEADER_ROW, table=table, tail_last=signature_row, scale=scale):
        return False
    keep_together(sheet, head_last=HEADER_ROW, table=table, tail_last=signature_row, scale=scale, last_row=last_row)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    return True


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
    """The filled-in form of a plan: its rows, the notes and the 冲突与调整 list, then the
    signatures; when the list is too long to stand on the signatures' page, the signatures
    follow a one-line count of it and the list comes after them, as an appendix."""
    for appendix in (False, True):
        workbook = Workbook()
        period = plan.period + ("（暂定）" if plan.provisional else "")
        sheet = _sheet(workbook, form, plan.office, period)
        row = HEADER_ROW + 1
        for entry in sorted(plan.entries, key=Entry.sort_key):
            _row(sheet, row, _entry_values(entry, plan, form))
            sheet.cell(row, 1).number_format = 'm"月"d"日"'
            row += 1
        last_table_row = row - 1
        details = conflict_lines(plan)
        before = details[:1] if appendix else details
        row = _text_rows(sheet, row + 1, [*before, *_footer_lines(plan, form)])
        signature_row = row + 1
        _signatures(sheet, signature_row, form)
        last = _text_rows(sheet, signature_row + 2, ["附：冲突与调整明细", *details[1:]]) - 1 if appendix else 0
        if _print_setup(sheet, last_table_row, signature_row, last) or appendix:
            break
    return _stable_bytes(workbook, plan.first, plan.label)


def blank_form_bytes(form: FormContext, office: str, *, rows: int = BLANK_ROWS, issued: dt.date | None = None) -> bytes:
    """The form with empty rows, for planning by hand; ``issued`` dates the file's properties."""
    workbook = Workbook()
    sheet = _sheet(workbook, form, office, "＿＿＿＿年＿＿月")
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + rows):
        _row(sheet, row, [""] * len(COLUMNS))
    last = HEADER_ROW + rows + 2
    _signatures(sheet, last, form)
    _print_setup(sheet, HEADER_ROW + rows, last)
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + rows):
        sheet.row_dimensions[row].height = BLANK_ROW_HEIGHT
    return _stable_bytes(workbook, issued or dt.date(2000, 1, 1), form.form_name()[0])


def write_blank_form(path, form: FormContext, office: str, *, rows: int = BLANK_ROWS) -> None:
    """A blank plan form at ``path``, written atomically."""
    write_atomic(path, blank_form_bytes(form, office, rows=rows))
