"""``handbook schedule`` and ``handbook induction``: a plan written to the supervisor's folder.

Each plan becomes a 培训计划表 (.xlsx) and an iCalendar file (.ics). A roster puts staff names
into them, so they are written only to the folder the supervisor names, never into the site.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import HandbookError
from ..core.handbook import load_checked
from ..core.project import Project
from ..core.roster import Roster, load_roster
from ..core.schedule_settings import load_settings
from ..core.writer import write_atomic
from ..models.schedule import FIRST_YEAR, LAST_YEAR
from .entries import KIND_NAMES, PROVISIONAL_MARK, Plan
from .focus import read_grades, select_focus
from .ical import calendar_bytes
from .induction import Newcomer, induction_plan
from .plan_form import FormContext, plan_form_bytes
from .plan_text import date_text, instructor_text, time_text
from .plans import calendar_for, make_context, month_plan, year_plan
from .sessions import MONTHS_PER_YEAR, Context
from .staffing import induction_teachers, team_key

log = logging.getLogger(__name__)

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")
UNSAFE_IN_NAMES = re.compile(r"[\\/:*?\"<>|\s.]")  # a name typed on the command line becomes part of a file name


@dataclass(frozen=True)
class Request:
    """What the supervisor asked for on the command line."""

    month: str | None = None
    year: int | None = None
    roster: Path | None = None
    focus_from: Path | None = None
    provisional: bool = False
    out: Path = Path()
    strict: bool = False
    """Fail (after writing the files) when the plan has conflicts it could not settle."""


def parse_month(text: str) -> tuple[int, int]:
    """A month as ``--month`` gives it (2026-12); a refusal that says what is wrong with it."""
    match = MONTH_PATTERN.match(text.strip())
    if not match:
        raise HandbookError(f"--month 应写成“年-月”，如 2026-12，实际为：{text}")
    if not 1 <= int(match.group(2)) <= MONTHS_PER_YEAR:
        raise HandbookError(f"--month 的月份应在 1 到 {MONTHS_PER_YEAR} 之间，实际为：{text}")
    return int(match.group(1)), int(match.group(2))


def plannable_year(year: int, option: str) -> int:
    """A year plans can be made for; a refusal naming ``option`` otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise HandbookError(f"{option} 的年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 年之间，实际为：{year}")
    return year


def _context(project: Project, provisional: bool) -> Context:
    found = load_checked(project)
    settings = load_settings(project.curriculum, found.policy)
    return make_context(found, settings, calendar_for(project.curriculum, provisional=provisional))


def _roster(project: Project, context: Context, path: Path | None) -> Roster | None:
    if path is None:
        return None
    return load_roster(path, list(context.roles.values()), project.label(path))


def guard_out(project: Project, out: Path) -> Path:
    """Refuse an output folder that would be published: plans with names are personal data."""
    return project.refuse_public(out, "员工姓名")


STEMS = {"month": "培训计划", "year": "年度培训计划", "induction": "岗前培训计划"}


def file_stem(plan: Plan, key: str) -> str:
    """培训计划-2026-12, 年度培训计划-2027, 岗前培训计划-2026-09-28-张三, with -暂定 when so."""
    return f"{STEMS[plan.kind]}-{key}" + (f"-{PROVISIONAL_MARK}" if plan.provisional else "")


def write_plan(plan: Plan, context: Context, out: Path, key: str) -> list[Path]:
    """The plan form and the calendar file of a plan, each written atomically."""
    form = FormContext(context.policy, context.roles, context.settings.day)
    files = {
        out / f"{file_stem(plan, key)}.xlsx": plan_form_bytes(plan, form),
        out / f"{file_stem(plan, key)}.ics": calendar_bytes(plan, context.policy, context.roles, context.settings.day),
    }
    for path, data in files.items():
        write_atomic(path, data)
    return list(files)


def summary(plan: Plan) -> list[str]:
    counts = Counter(entry.kind for entry in plan.entries)
    parts = "，".join(f"{name} {counts[kind]} 项" for kind, name in KIND_NAMES.items() if counts[kind])
    lines = [f"{plan.label}：{parts}。"]
    if plan.provisional:
        lines.append("注意：部分年份的节假日尚未公布，日期按只有周六、周日休息暂排，均为暂定。")
    lines += [f"说明：{note}" for note in plan.notes]
    lines += [f"调整：{notice.text}" for notice in plan.adjustments]
    lines += [f"冲突：{notice.text}" for notice in plan.conflicts]
    return lines


def make_schedule(project: Project, request: Request, say: Callable[[str], object] = print) -> list[Path]:
    """``handbook schedule``: the month's or the year's plan as a form and a calendar."""
    if (request.month is None) == (request.year is None):
        raise HandbookError("请用 --month（如 2026-12）或 --year（如 2027）指定要排哪个月或哪一年，二者选一。")
    if request.focus_from is not None and request.month is None:
        raise HandbookError("--focus-from 只用于月度计划（--month）：重点按上次考核结果逐月调整。")
    out = guard_out(project, request.out)
    year, month = parse_month(request.month) if request.month is not None else (request.year or 0, None)
    plannable_year(year, "--month" if month is not None else "--year")
    context = _context(project, request.provisional)
    roster = _roster(project, context, request.roster)
    if month is not None:
        focus = _focus(project, context, request.focus_from)
        plan, key = month_plan(context, year, month, roster, focus), f"{year}-{month:02d}"
    else:
        plan, key = year_plan(context, year, roster), str(year)
    written = write_plan(plan, context, out, key)
    for line in summary(plan):
        say(line)
    if request.strict and plan.conflicts:
        files = "、".join(str(path) for path in written)
        raise HandbookError(
            f"计划中有 {len(plan.conflicts)} 处冲突未能排开（见上面以“冲突：”开头的各行），--strict 要求没有冲突。"
            f"文件已写出，供主管查看：{files}"
        )
    return written


def _focus(project: Project, context: Context, path: Path | None) -> list:
    if path is None:
        return []
    topics, warnings = read_grades(path, project.label(path))
    focus, more = select_focus(context, topics)
    for warning in warnings + more:
        log.info(f"提示：{warning}")
    return focus


@dataclass(frozen=True)
class InductionRequest:
    arrival: dt.date
    name: str = ""
    team: str = ""
    roster: Path | None = None
    provisional: bool = False
    out: Path = Path()


def make_induction(project: Project, request: InductionRequest, say: Callable[[str], object] = print) -> list[Path]:
    """``handbook induction``: one new hire's day-by-day induction, printed and written out."""
    out = guard_out(project, request.out)
    plannable_year(request.arrival.year, "--arrival")
    context = _context(project, request.provisional)
    roster = _roster(project, context, request.roster)
    teachers = induction_teachers(context, roster, request.team) if roster is not None else None
    trainees = (request.name,) if request.name else ()
    newcomer = Newcomer(request.arrival, team_key(request.arrival, request.team), trainees, teachers)
    title = f"{request.name}岗前培训计划" if request.name else "岗前培训计划"
    plan = induction_plan(context, newcomer, title)
    for line in day_by_day(plan, context):
        say(line)
    key = f"{request.arrival:%Y-%m-%d}" + (f"-{UNSAFE_IN_NAMES.sub('_', request.name)}" if request.name else "")
    return write_plan(plan, context, out, key)


def day_by_day(plan: Plan, context: Context) -> list[str]:
    """The plan as lines for the terminal: one per class, grouped by day."""
    lines = [plan.label, f"到岗：{plan.first.year}年{date_text(plan.first)}"]
    for entry in plan.entries:
        who = instructor_text(entry, context.roles, plan.with_names)
        hours = f"{entry.hours:g} 课时" if entry.hours else ""
        when = f"  {date_text(entry.day)} {time_text(entry, context.settings.day)}"
        lines.append("  ".join(part for part in (when, entry.title, hours, who, "；".join(entry.remarks)) if part))
    lines += [f"说明：{note}" for note in plan.notes]
    if plan.provisional:
        lines.append("注意：日期按只有周六、周日休息暂排，均为暂定。")
    return lines
