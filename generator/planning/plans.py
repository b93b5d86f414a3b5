"""The monthly and annual training plans: sessions, assessments and deadlines on working days.

An annual plan is its twelve monthly plans put together, each month planned from that month's
calendar alone; so the December plan never waits for next year's holidays, and a month planned
on its own is the same as that month inside the annual plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.handbook import Handbook
from ..core.roster import Roster
from ..core.workdays import UnknownYear, WorkCalendar
from ..models.schedule import ScheduleSettings
from .entries import ANALYSIS, ASSESSMENT, DEADLINE, SESSION, Entry, Notice, Plan
from .focus import FocusTopic, apply_focus
from .placement import Need, place_all
from .plan_text import PART_NAMES
from .sessions import MONTHS_PER_YEAR, Context, month_bounds, month_sessions, top_up_supervisor
from .staffing import assign_names, fire_makeup, induction_needs


def make_context(found: Handbook, settings: ScheduleSettings, calendar: WorkCalendar) -> Context:
    return Context(found.policy, {r.id: r for r in found.roles}, found.modules, settings, calendar)


def calendar_for(curriculum: Path, *, provisional: bool = False) -> WorkCalendar:
    return WorkCalendar(curriculum / "calendar", provisional=provisional)


def calendar_sources(calendar: WorkCalendar) -> list[str]:
    """Where each year's working days came from, as the plan's footnote says it."""
    return [f"{year.year}年：{year.source}" for year in calendar.used()]


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year, month - 1) if month > 1 else (year - 1, MONTHS_PER_YEAR)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year, month + 1) if month < MONTHS_PER_YEAR else (year + 1, 1)


def _in_post_audience(context: Context) -> tuple[str, ...]:
    roles = [r for p in context.policy.programmes if p.frequencies for r in p.audience]
    return tuple(dict.fromkeys(roles))


def assessment_need(context: Context, year: int, month: int) -> Need:
    """The month's assessment, wanted on the office's working day and free to move to any of the
    first working days the policy allows when that day is taken."""
    rules, settings = context.policy.assessment, context.settings.assessment
    first, last = month_bounds(year, month)
    days = context.calendar.working_days(first, last)[: rules.monthly.within_first_working_days]
    wanted = days[min(settings.working_day, len(days)) - 1]
    order = sorted(days, key=lambda d: (abs((d - wanted).days), d < wanted))
    allowed = f"规程要求在每月前 {rules.monthly.within_first_working_days} 个工作日内考核"
    return Need(tuple(assessments(context, year, month, wanted)), tuple(order), reason=allowed)


def assessments(context: Context, year: int, month: int, day: dt.date) -> list[Entry]:
    """The assessment of last month's training on ``day``, its parts one after another; the
    fire-knowledge assessment with it once a period."""
    rules, settings = context.policy.assessment, context.settings.assessment
    trained = previous_month(year, month)[1]
    parts: list[tuple[str, str]] = [
        (part, f"{trained}月培训考核（{PART_NAMES[part]}）") for part in rules.monthly.parts
    ]
    fire = context.policy.fire
    if (year * MONTHS_PER_YEAR + month - 1) % rules.fire_every_months == 0:
        parts.append((fire.id, f"{fire.name}考核"))
    base: dict[str, Any] = dict(
        kind=ASSESSMENT, day=day, responsible=(context.policy.supervisor,), venue=context.settings.venue
    )
    entries = []
    for n, (part, title) in enumerate(parts):
        start = dt.datetime.combine(day, settings.start) + dt.timedelta(minutes=n * settings.part_minutes)
        entries.append(
            Entry(
                uid=f"assessment.{year}-{month:02d}.{part}",
                title=title,
                programme=fire.id if part == fire.id else "",
                start=start.time(),
                minutes=settings.part_minutes,
                audience=_in_post_audience(context),
                remarks=(f"本月第 {settings.working_day} 个工作日",),
                **base,
            )
        )
    return entries


def assessed_modules(plan: Plan, programme_modules: Mapping[str, Sequence[str]]) -> list[tuple[Entry, tuple[str, ...]]]:
    """Each assessment of the plan with what it asks about, as module ids.

    An assessment of one programme (the fire-knowledge one, once a quarter) covers that
    programme's modules. The monthly assessment is of last month's training: the modules of the
    sessions the plan holds in the month before it, less those of a programme assessed on its own.
    The January assessment of a one-year plan is of a December the plan does not hold, so it
    covers nothing known here."""
    own = {e.programme for e in plan.entries if e.kind == ASSESSMENT and e.programme}
    sessions = [e for e in plan.entries if e.kind == SESSION and e.programme not in own]
    found = []
    for entry in (e for e in plan.entries if e.kind == ASSESSMENT):
        if entry.programme:
            modules = tuple(programme_modules.get(entry.programme, ()))
        else:
            trained = previous_month(entry.day.year, entry.day.month)
            held = (m for e in sessions if (e.day.year, e.day.month) == trained for m in e.modules)
            modules = tuple(dict.fromkeys(held))
        found.append((entry, modules))
    return found


def _analysis(context: Context, year: int, month: int, assessed: dt.date) -> Entry:
    rules = context.policy.assessment
    due = assessed + dt.timedelta(days=rules.analysis_within_days)
    day = context.calendar.on_or_before(due)
    reviewer = context.role_name(rules.revision_reviewed_by)
    return Entry(
        uid=f"analysis.{year}-{month:02d}",
        kind=ANALYSIS,
        day=day,
        title="分析考核结果，决定是否修订培训计划",
        responsible=(context.policy.supervisor,),
        remarks=(f"考核后 {rules.analysis_within_days} 天内；计划修订后报{reviewer}审核", *_moved(due, day)),
    )


def _moved(due: dt.date, day: dt.date) -> tuple[str, ...]:
    return () if due == day else (f"{due.month}月{due.day}日为休息日，提前到此前最后一个工作日",)


def _deadline(context: Context, uid: str, wanted: dt.date, title: str, role: str) -> Entry:
    day = context.calendar.on_or_before(wanted)
    return Entry(uid=uid, kind=DEADLINE, day=day, title=title, responsible=(role,), remarks=_moved(wanted, day))


def _day_of_month(year: int, month: int, day: int) -> dt.date:
    """The given day of the month, or the month's last day when it has fewer (30 February)."""
    last = month_bounds(year, month)[1]
    return last.replace(day=min(day, last.day))


def plan_deadlines(context: Context, year: int, month: int) -> list[Entry]:
    """Deadlines falling in this month: next month's plan, and in the planning month next
    year's annual plan."""
    planning = context.policy.planning
    drafter, approver = planning.drafted_by, planning.approved_by
    to_whom = context.role_name(approver)
    ny, nm = next_month(year, month)
    monthly, annual = planning.monthly_plan, planning.annual_plan
    specs = [
        (f"{ny}-{nm:02d}.draft", monthly.draft_by_day, f"拟订{ny}年{nm}月培训计划，报{to_whom}", drafter),
        (f"{ny}-{nm:02d}.approve", monthly.approve_by_day, f"审批{ny}年{nm}月培训计划", approver),
    ]
    if month == annual.month:
        specs += [
            (f"{year + 1}.draft", annual.draft_by_day, f"拟订{year + 1}年度培训计划，报{to_whom}", drafter),
            (f"{year + 1}.review", annual.review_by_day, f"审核{year + 1}年度培训计划", approver),
        ]
    return [
        _deadline(context, f"deadline.{key}", _day_of_month(year, month, day), title, role)
        for key, day, title, role in specs
    ]


@dataclass
class MonthEntries:
    """A month's entries, what had to move, what could not be placed, and other notes."""

    entries: list[Entry]
    adjustments: list[Notice]
    conflicts: list[Notice]
    notes: list[str]


def month_entries(
    context: Context,
    year: int,
    month: int,
    roster: Roster | None = None,
    focus: list[FocusTopic] | None = None,
    makeup: Entry | None = None,
) -> MonthEntries:
    """Every entry dated in the month, placed so that no one and no room is in two places at
    once: inductions first (their days are fixed by the arrival), then the assessment, then the
    make-up and the in-post sessions, the least movable first."""
    sessions, days, conflicts = month_sessions(context, year, month)
    notes: list[str] = []
    if focus:
        sessions, notes = apply_focus(context, sessions, focus)
    sessions = top_up_supervisor(context, sessions)
    first, last = month_bounds(year, month)
    needs = induction_needs(context, roster, first, last) if roster is not None else []
    needs.append(assessment_need(context, year, month))
    if makeup is not None and first <= makeup.day <= last:
        needs.append(Need((makeup,), tuple(context.calendar.working_days(makeup.day, last)), reason="同月内"))
    in_post = [Need((s,), days[s.uid], reason="同一周期内") for s in sessions]
    needs += sorted(in_post, key=lambda n: (len(n.days), n.entries[0].sort_key()))
    outcome = place_all(needs, plan_deadlines(context, year, month), context.settings, roster, context.role_name)
    entries = outcome.entries + _analyses(context, year, month, outcome.entries)
    if roster is not None:
        entries = assign_names(entries, roster)
    entries = sorted(_mark_make_up_days(context, entries), key=Entry.sort_key)
    return MonthEntries(entries, by_day(outcome.adjustments), by_day(conflicts + outcome.conflicts), notes)


def by_day(notices: list[Notice]) -> list[Notice]:
    """Notices in the order of the days they concern, as the plan's rows are: they come out in the
    order things were placed (new hires first, then assessments, then the rest), which reads as no
    order at all on the printed form. The sort is stable, so one day's notices keep theirs."""
    return sorted(notices, key=lambda notice: notice.day)


def _analyses(context: Context, year: int, month: int, entries: list[Entry]) -> list[Entry]:
    """The analysis after the month's assessment, wherever the assessment was placed."""
    held = sorted(e.day for e in entries if e.uid.startswith(f"assessment.{year}-{month:02d}."))
    return [_analysis(context, year, month, held[0])] if held else []


def _mark_make_up_days(context: Context, entries: list[Entry]) -> list[Entry]:
    """Say so on a make-up weekend day, lest a reader take the date for a mistake."""
    marked = []
    for entry in entries:
        note = context.calendar.note(entry.day) if context.calendar.is_make_up(entry.day) else ""
        if note and note not in entry.remarks:
            entry = replace(entry, remarks=(*entry.remarks, note))
        marked.append(entry)
    return marked


def _own_deadlines(context: Context, uid_prefix: str, year: int, month: int) -> list[Entry]:
    """When this plan itself is due; left out when the calendar of that month is not known."""
    try:
        return [e for e in plan_deadlines(context, year, month) if e.uid.startswith(uid_prefix)]
    except UnknownYear:
        return []


def _finish(plan: Plan, context: Context, roster: Roster | None) -> Plan:
    if roster is not None:
        plan.own_deadlines = assign_names(plan.own_deadlines, roster)
    plan.provisional = context.calendar.is_provisional()
    plan.sources = calendar_sources(context.calendar)
    plan.with_names = roster is not None
    return plan


def month_plan(
    context: Context, year: int, month: int, roster: Roster | None = None, focus: list[FocusTopic] | None = None
) -> Plan:
    """Next month's plan as the supervisor drafts it by the policy's day."""
    first, last = month_bounds(year, month)
    makeup = fire_makeup(context, roster, year) if roster is not None else (None, [])
    found = month_entries(context, year, month, roster, focus, makeup[0])
    plan = Plan("month", f"{year}年{month}月培训计划", first, last, context.settings.office, found.entries, found.notes)
    plan.adjustments, plan.conflicts = found.adjustments, makeup[1] + found.conflicts
    plan.focus, plan.period = list(focus or []), f"{year}年{month}月"
    plan.own_deadlines = _own_deadlines(context, f"deadline.{year}-{month:02d}.", *previous_month(year, month))
    return _finish(plan, context, roster)


def year_plan(context: Context, year: int, roster: Roster | None = None) -> Plan:
    """The annual plan: the year's twelve months, each planned as on its own."""
    makeup, conflicts = fire_makeup(context, roster, year) if roster is not None else (None, [])
    entries: list[Entry] = []
    notes: list[str] = []
    adjustments: list[Notice] = []
    for month in range(1, MONTHS_PER_YEAR + 1):
        found = month_entries(context, year, month, roster, None, makeup)
        entries += found.entries
        notes, adjustments = notes + found.notes, adjustments + found.adjustments
        conflicts = conflicts + found.conflicts
    first, last = month_bounds(year, 1)[0], month_bounds(year, MONTHS_PER_YEAR)[1]
    plan = Plan("year", f"{year}年度培训计划", first, last, context.settings.office, entries, notes)
    plan.adjustments, plan.conflicts = adjustments, conflicts
    plan.period = f"{year}年度"
    annual_month = context.policy.planning.annual_plan.month
    plan.own_deadlines = _own_deadlines(context, f"deadline.{year}.", year - 1, annual_month)
    return _finish(plan, context, roster)
