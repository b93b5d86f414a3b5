"""The site's schedule pages (overview, list view, month views) and per-role pages.

The site's plan is the year ``site_year`` of curriculum/schedule.yaml, built without a roster:
it names roles, never people. A year whose holidays are not known yet is planned with weekends
only and every schedule page says so (暂定) — the site is not refused over it, the supervisor's
``handbook schedule`` is.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import jinja2

from ..core.handbook import Handbook
from ..core.schedule_settings import load_settings, settings_path
from ..core.workdays import WorkCalendar
from ..models.schedule import ScheduleSettings
from ..planning.curricula import curricula
from ..planning.entries import Entry, Plan
from ..planning.plan_text import (
    audience_text,
    date_text,
    hours_text,
    instructor_text,
    programme_text,
    remarks_text,
    summary,
    time_text,
    weekday,
)
from ..planning.plans import make_context, year_plan
from ..planning.sessions import MONTHS_PER_YEAR, Context
from .markdown_text import table_cell


@dataclass(frozen=True)
class SiteSchedule:
    plan: Plan
    context: Context


def office_settings(found: Handbook) -> ScheduleSettings | None:
    """The office's schedule settings, or None when it has none."""
    if found.policy is None or found.policy_source is None:
        return None
    curriculum = found.policy_source.path.parent
    if not settings_path(curriculum).is_file():
        return None
    return load_settings(curriculum, found.policy)


def site_schedule(found: Handbook) -> SiteSchedule | None:
    """The plan the site shows, or None when the office has not set a year to show."""
    settings = office_settings(found)
    if settings is None or settings.site_year is None:
        return None
    curriculum = found.policy_source.path.parent
    context = make_context(found, settings, WorkCalendar(curriculum / "calendar", provisional=True))
    return SiteSchedule(year_plan(context, settings.site_year), context)


@dataclass(frozen=True)
class DayCell:
    """One square of a month view."""

    day: dt.date | None
    working: bool = True
    note: str = ""
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Row:
    """An entry's texts as the pages show them, with role names only; computed once per entry,
    since the list view and the month views show every entry again."""

    date: str
    time: str
    title: str
    programme: str
    who: str
    audience: str
    hours: str
    venue: str
    remarks: str
    short: str


def entry_row(entry: Entry, schedule: SiteSchedule) -> Row:
    plan, context = schedule.plan, schedule.context
    when = entry.start.strftime("%H:%M") + " " if entry.start else ""
    return Row(
        date=date_text(entry.day),
        time=time_text(entry, context.settings.day),
        title=table_cell(entry.title),
        programme=programme_text(entry, context.policy),
        who=table_cell(instructor_text(entry, context.roles, with_names=False)),
        audience=table_cell(audience_text(entry, context.roles, with_names=False)),
        hours=hours_text(entry),
        venue=table_cell(entry.venue),
        remarks=table_cell(remarks_text(entry, plan)),
        short=when + summary(entry, plan, context.policy),
    )


def month_entries(plan: Plan, year: int, month: int) -> list[Entry]:
    return [e for e in plan.entries if (e.day.year, e.day.month) == (year, month)]


def month_grid(schedule: SiteSchedule, year: int, month: int) -> list[list[DayCell]]:
    """Weeks of the month, Monday first; days of other months are empty squares."""
    work, entries = schedule.context.calendar, month_entries(schedule.plan, year, month)
    weeks = []
    for week in calendar.Calendar(calendar.MONDAY).monthdatescalendar(year, month):
        weeks.append(
            [
                DayCell(d, work.is_working_day(d), work.note(d), tuple(e for e in entries if e.day == d))
                if d.month == month
                else DayCell(None)
                for d in week
            ]
        )
    return weeks


def month_path(year: int, month: int) -> str:
    return f"schedule/{year}-{month:02d}.md"


def schedule_nav(schedule: SiteSchedule | None) -> dict | None:
    if schedule is None:
        return None
    year = schedule.plan.first.year
    months = [{f"{m}月": month_path(year, m)} for m in range(1, MONTHS_PER_YEAR + 1)]
    return {"培训日程": [{"概览": "schedule/index.md"}, {"全年列表": "schedule/list.md"}, *months]}


def schedule_pages(env: jinja2.Environment, shared: dict, schedule: SiteSchedule | None) -> dict[str, str]:
    if schedule is None:
        return {}
    year = schedule.plan.first.year
    rows = {entry.uid: entry_row(entry, schedule) for entry in schedule.plan.entries}
    common = {**shared, "plan": schedule.plan, "rows": rows, "year": year}
    months = [(m, month_entries(schedule.plan, year, m)) for m in range(1, MONTHS_PER_YEAR + 1)]
    pages = {
        "schedule/index.md": env.get_template("schedule_index.md.j2").render(**common, months=months),
        "schedule/list.md": env.get_template("schedule_list.md.j2").render(**common, months=months),
    }
    template = env.get_template("schedule_month.md.j2")
    for month, entries in months:
        grid = month_grid(schedule, year, month)
        pages[month_path(year, month)] = template.render(
            **common, month=month, entries=entries, grid=grid, weekdays=[weekday(d) for d in _week()]
        )
    return pages


def _week() -> list[dt.date]:
    monday = dt.date(2001, 1, 1)  # any Monday: only the weekday names are wanted
    return [monday + dt.timedelta(days=n) for n in range(len(calendar.day_name))]


def role_nav(site) -> dict:
    entries = [{role.name: f"roles/{role.id}.md"} for role in site.roles.values()]
    return {"角色与职责": [{"概览": "roles.md"}, *entries]}


def role_pages(env: jinja2.Environment, site, shared: dict, schedule: SiteSchedule | None) -> dict[str, str]:
    plan = schedule.plan if schedule is not None else None
    found = curricula(site.policy, list(site.roles.values()), site.modules, plan)
    rows = {e.uid: entry_row(e, schedule) for e in plan.entries} if schedule is not None and plan is not None else {}
    pages = {"roles.md": env.get_template("roles.md.j2").render(**shared, curricula=found, plan=plan)}
    template = env.get_template("role.md.j2")
    for item in found:
        pages[f"roles/{item.role.id}.md"] = template.render(**shared, item=item, plan=plan, rows=rows)
    return pages
