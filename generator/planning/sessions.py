"""In-post training sessions of one month, placed by the policy's frequency groups.

Each group's periods (one week, a fortnight, two months, a quarter) are counted from fixed
anchors — Mondays for weeks, January for months — so a month planned alone and the same month
inside the annual plan get the same sessions. A session nominally falls on its slot's day; a
day off moves it to the nearest working day of the same period and the same month, so that
planning a month never needs another month's calendar. As the regulation reads, every topic of a
group comes round at the group's frequency: a period's sessions share the group's topics between
them. Only where the office chose rotation （topics_per_session） do topics rotate through the
group by the session's absolute number, which also survives planning month by month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from ..core.loader import Module
from ..core.policy_text import frequency
from ..core.schedule_settings import group_key
from ..core.workdays import WorkCalendar
from ..models.content import Role
from ..models.policy import Frequency, Policy, Programme
from ..models.schedule import GroupPlan, ScheduleSettings, Slot
from .entries import SESSION, Entry, Notice

EPOCH_MONDAY = dt.date(2001, 1, 1)
"""A Monday: fortnights are counted from it, so every plan agrees on which week is the first."""
MONTHS_PER_YEAR = len(calendar.month_name) - 1  # month_name[0] is the empty string
WEEKDAYS = len(calendar.day_name)
WORKING_WEEKDAYS = calendar.FRIDAY + 1


@dataclass(frozen=True)
class Context:
    """Everything placing a session looks up."""

    policy: Policy
    roles: dict[str, Role]
    modules: list[Module]
    settings: ScheduleSettings
    calendar: WorkCalendar

    def role_name(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return role.name if role is not None else role_id


@dataclass(frozen=True)
class Placed:
    """A session's nominal day, its period's number and where it landed (None: nowhere)."""

    nominal: dt.date
    serial: int
    day: dt.date | None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _default_slots(group: Frequency) -> list[Slot]:
    """Sessions spread evenly over the period's weekdays, when the office set no slots."""
    if group.unit == "week":
        days = group.every * WORKING_WEEKDAYS
        positions = [n * days // group.sessions for n in range(group.sessions)]
        return [Slot(week=p // WORKING_WEEKDAYS + 1, weekday=p % WORKING_WEEKDAYS + 1) for p in positions]
    return [Slot(month=n * group.every // group.sessions + 1, week=2, weekday=3) for n in range(group.sessions)]


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth given weekday (1 = Monday) of a month; the last one when the month has fewer."""
    first, last = month_bounds(year, month)
    day = first + dt.timedelta(days=(weekday - 1 - first.weekday()) % WEEKDAYS, weeks=nth - 1)
    return day if day <= last else day - dt.timedelta(weeks=1)


def _week_periods(group: Frequency, first: dt.date, last: dt.date) -> list[tuple[int, dt.date]]:
    length = dt.timedelta(weeks=group.every)
    start = (first - EPOCH_MONDAY) // length
    end = (last - EPOCH_MONDAY) // length
    return [(n, EPOCH_MONDAY + n * length) for n in range(start, end + 1)]


def _nominal_days(group: Frequency, slots: list[Slot], year: int, month: int) -> list[tuple[int, dt.date]]:
    """(serial, nominal day) of every session of the group whose nominal day is in the month."""
    first, last = month_bounds(year, month)
    found = []
    if group.unit == "week":
        for number, monday in _week_periods(group, first, last):
            for index, slot in enumerate(slots):
                day = monday + dt.timedelta(weeks=slot.week - 1, days=slot.weekday - 1)
                found.append((number * group.sessions + index, day))
    else:
        this_month = year * MONTHS_PER_YEAR + month - 1
        number = this_month // group.every
        for index, slot in enumerate(slots):
            if number * group.every + slot.month - 1 == this_month:
                found.append((number * group.sessions + index, _nth_weekday(year, month, slot.weekday, slot.week)))
    return [(serial, day) for serial, day in found if first <= day <= last]


def _period_bounds(group: Frequency, nominal: dt.date) -> tuple[dt.date, dt.date]:
    if group.unit == "week":
        (_, monday), *_ = _week_periods(group, nominal, nominal)
        return monday, monday + dt.timedelta(weeks=group.every, days=-1)
    number = (nominal.year * MONTHS_PER_YEAR + nominal.month - 1) // group.every
    first_year, first_month = divmod(number * group.every, MONTHS_PER_YEAR)
    last_year, last_month = divmod(number * group.every + group.every - 1, MONTHS_PER_YEAR)
    return dt.date(first_year, first_month + 1, 1), month_bounds(last_year, last_month + 1)[1]


def candidate_days(work: WorkCalendar, group: Frequency, nominal: dt.date) -> tuple[dt.date, ...]:
    """The days a session may take, best first: the nominal day if it is a working day, then
    the nearest working days (a later one on a tie) of the same week, then of the rest of the
    period — never leaving the nominal day's month, so that the session stays in its period."""
    month_first, month_last = month_bounds(nominal.year, nominal.month)
    period_first, period_last = _period_bounds(group, nominal)
    first, last = max(period_first, month_first), min(period_last, month_last)
    monday = nominal - dt.timedelta(days=nominal.weekday())
    sunday = monday + dt.timedelta(days=WEEKDAYS - 1)

    def nearness(day: dt.date) -> tuple:
        return (not monday <= day <= sunday, abs((day - nominal).days), day < nominal)

    return tuple(sorted(work.working_days(first, last), key=nearness))


def land(work: WorkCalendar, group: Frequency, nominal: dt.date) -> dt.date | None:
    """Where a session falls before anything else is placed: its best candidate day."""
    return next(iter(candidate_days(work, group, nominal)), None)


def place_group(work: WorkCalendar, group: Frequency, plan: GroupPlan | None, year: int, month: int) -> list[Placed]:
    slots = plan.slots if plan is not None and plan.slots is not None else _default_slots(group)
    return [Placed(day, serial, land(work, group, day)) for serial, day in _nominal_days(group, slots, year, month)]


def rotates(plan: GroupPlan | None) -> bool:
    """Whether the office chose to rotate the group's topics (本处自定) instead of the regulation's reading."""
    return plan is not None and plan.topics_per_session is not None


def topic_facts(context: Context, programme: Programme, topic_id: str) -> tuple[float, str, tuple[str, ...]]:
    """Class hours, instructor role and module ids of one topic, from the modules teaching it."""
    teaching = sorted(
        (m for m in context.modules if m.head.programme == programme.id and topic_id in m.head.topics),
        key=lambda m: (m.head.order, m.head.id),
    )
    if not teaching:
        return context.settings.default_session_hours, programme.instructors[0].role, ()
    hours = sum(m.head.class_hours for m in teaching)
    return hours, teaching[0].head.instructor, tuple(m.head.id for m in teaching)


def topics_of(group: Frequency, plan: GroupPlan | None, serial: int) -> tuple[str, ...]:
    """The topics of a group's session. As the regulation reads, the sessions of one period
    share all the group's topics between them, in order (7 topics over 3 sessions: 2, 2 and 3),
    so each topic comes round once a period; under the office's rotation, each session takes
    the next ``topics_per_session`` topics in turn."""
    if plan is not None and plan.topics_per_session is not None:
        count = plan.topics_per_session
        return tuple(group.topics[(serial * count + n) % len(group.topics)] for n in range(count))
    index, size = serial % group.sessions, len(group.topics)
    first = index * size // group.sessions
    last = (index + 1) * size // group.sessions
    return tuple(group.topics[first:last]) or (group.topics[index % size],)


def session_entry(context: Context, programme: Programme, group: Frequency, placed: Placed) -> Entry:
    """One placed session as a plan entry, with its topics, hours and instructors."""
    if placed.day is None:
        raise ValueError("a session that found no working day is not an entry")
    plan = context.settings.groups.get(group_key(programme.id, group))
    topics = topics_of(group, plan, placed.serial)
    facts = [topic_facts(context, programme, t) for t in topics]
    hours = sum(f[0] for f in facts)
    names = {t.id: t.name for t in programme.topics}
    on_site = (context.policy.supervisor,) if programme.id in context.policy.in_post_rules.supervisor_on_site_at else ()
    remarks = () if placed.day == placed.nominal else (_moved_remark(context.calendar, placed.nominal),)
    return Entry(
        uid=f"{group_key(programme.id, group)}.{placed.serial}",
        kind=SESSION,
        day=placed.day,
        title="、".join(names.get(t, t) for t in topics),
        programme=programme.id,
        start=plan.start if plan is not None else context.settings.day.start,
        hours=hours,
        minutes=round(hours * context.settings.class_hour_minutes),
        topics=topics,
        modules=tuple(m for f in facts for m in f[2]),
        instructors=tuple(dict.fromkeys(f[1] for f in facts)),
        on_site=on_site,
        audience=tuple(programme.audience),
        venue=(plan.venue if plan is not None else "") or context.settings.venue,
        remarks=remarks,
    )


def _moved_remark(work: WorkCalendar, nominal: dt.date) -> str:
    why = work.note(nominal) or "休息日"
    return f"原定 {nominal.month}月{nominal.day}日（{why}），调至最近的工作日"


def month_sessions(context: Context, year: int, month: int) -> tuple[list[Entry], dict[str, tuple], list[Notice]]:
    """The month's sessions of every frequency group, the days each may take (its uid to
    them, best first), and a conflict for each one that found no working day in its period."""
    entries, days, conflicts = [], {}, []
    for programme in context.policy.programmes:
        for group in programme.frequencies:
            plan = context.settings.groups.get(group_key(programme.id, group))
            for placed in place_group(context.calendar, group, plan, year, month):
                entry = session_entry(context, programme, group, replace(placed, day=placed.day or placed.nominal))
                if placed.day is None:
                    conflicts.append(Notice(placed.nominal, _skipped_note(programme, group, entry, placed)))
                else:
                    entries.append(entry)
                    days[entry.uid] = candidate_days(context.calendar, group, placed.nominal)
    return entries, days, conflicts


def _skipped_note(programme: Programme, group: Frequency, entry: Entry, placed: Placed) -> str:
    day = placed.nominal
    return (
        f"{programme.name}“{entry.title}”（{frequency(group)}，原定{day.month}月{day.day}日）："
        "该周期在本月内没有工作日，无法安排，请主管在相邻的工作日补上。"
    )


def top_up_supervisor(context: Context, entries: list[Entry]) -> list[Entry]:
    """Make the supervisor teach the weekly minimum in every week (within the month): hand
    the week's first eligible session to the supervisor if none is his, then lengthen his
    first session by what is missing."""
    rules = context.policy.in_post_rules
    boss = context.policy.supervisor
    # Where the supervisor is only on site (drill), the class is not his to teach.
    teachable = {
        p.id
        for p in context.policy.programmes
        if boss in {i.role for i in p.instructors} and p.id not in rules.supervisor_on_site_at
    }
    result = list(entries)
    for week in sorted({e.day.isocalendar()[:2] for e in entries}):
        indexes = [i for i, e in enumerate(result) if e.day.isocalendar()[:2] == week and e.programme in teachable]
        ordered = sorted(indexes, key=lambda i: result[i].sort_key())
        _top_up_week(
            result, ordered, boss, rules.supervisor_weekly_class_hours_min, context.settings.class_hour_minutes
        )
    return result


def _top_up_week(entries: list[Entry], indexes: list[int], boss: str, minimum: float, minutes: int) -> None:
    if not indexes:
        return
    taught = sum(entries[i].hours or 0 for i in indexes if boss in entries[i].instructors)
    if taught >= minimum:
        return
    own = [i for i in indexes if boss in entries[i].instructors]
    first = own[0] if own else indexes[0]
    entry = entries[first]
    remarks = entry.remarks
    if not own:
        entry = replace(entry, instructors=(boss,))
        remarks += ("改由主管授课，保证主管每周授课课时",)
        taught = entry.hours or 0
    if taught < minimum:
        extra = minimum - taught
        hours = (entry.hours or 0) + extra
        entry = replace(entry, hours=hours, minutes=round(hours * minutes))
        remarks += (f"延长 {extra:g} 课时，保证主管每周授课课时",)
    entries[first] = replace(entry, remarks=remarks)
