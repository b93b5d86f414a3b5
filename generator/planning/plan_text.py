"""How an entry reads in Chinese, the same in the plan form, the calendar and the site."""

from __future__ import annotations

import datetime as dt

from ..models.content import Role
from ..models.policy import Policy
from ..models.schedule import DayHours
from .entries import DEADLINE, INDUCTION, KIND_NAMES, PROVISIONAL_MARK, SESSION, Entry, Plan, end_time

WEEKDAY_NAMES = "一二三四五六日"
PART_NAMES = {"written": "笔试", "practical": "实操"}


def weekday(day: dt.date) -> str:
    return f"周{WEEKDAY_NAMES[day.weekday()]}"


def date_text(day: dt.date) -> str:
    return f"{day.month}月{day.day}日（{weekday(day)}）"


def clock(time: dt.time) -> str:
    return time.strftime("%H:%M")


def time_text(entry: Entry, hours: DayHours) -> str:
    end = end_time(entry, hours)
    if entry.start is None or end is None:
        return "全天" if entry.kind != DEADLINE else "截止日"
    return f"{clock(entry.start)}–{clock(end)}"


def hours_text(entry: Entry) -> str:
    return f"{entry.hours:g}" if entry.hours else ""


def people(entry: Entry, role_ids: tuple[str, ...], roles: dict[str, Role], with_names: bool) -> str:
    """Role names, each followed by the staff names holding it when names are wanted."""
    parts = []
    for role_id in role_ids:
        name = roles[role_id].name if role_id in roles else role_id
        staff = entry.names.get(role_id, ()) if with_names else ()
        parts.append(f"{name}（{'、'.join(staff)}）" if staff else name)
    return "、".join(parts)


def instructor_text(entry: Entry, roles: dict[str, Role], with_names: bool) -> str:
    text = people(entry, entry.instructors or entry.responsible, roles, with_names)
    if entry.on_site:
        text += f"；现场监督：{people(entry, entry.on_site, roles, with_names)}"
    return text


def audience_text(entry: Entry, roles: dict[str, Role], with_names: bool) -> str:
    if with_names and entry.trainees:
        return "、".join(entry.trainees)
    return "、".join(roles[r].name if r in roles else r for r in entry.audience)


def programme_text(entry: Entry, policy: Policy) -> str:
    names = {p.id: p.name for p in policy.programmes}
    return names.get(entry.programme, KIND_NAMES[entry.kind])


def remarks_text(entry: Entry, plan: Plan) -> str:
    marks = ([PROVISIONAL_MARK] if plan.provisional else []) + list(entry.remarks)
    return "；".join(marks)


def summary(entry: Entry, plan: Plan, policy: Policy) -> str:
    """One line naming the entry, as a calendar shows it."""
    mark = f"【{PROVISIONAL_MARK}】" if plan.provisional else ""
    if entry.kind in (SESSION, INDUCTION):
        return f"{mark}{programme_text(entry, policy)}：{entry.title}"
    return f"{mark}{entry.title}"
