"""A plan as an iCalendar file (RFC 5545) for phones and office calendars.

Times are local to Asia/Shanghai with its VTIMEZONE; deadlines are all-day events. Every UID
comes from the entry's identity, not its date, so importing a revised plan moves the events
instead of adding copies. DTSTAMP is derived from the plan's period, so the same inputs give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo

import icalendar

from ..core.office_time import OFFICE_TIME
from ..models.content import Role
from ..models.policy import Policy
from ..models.schedule import DayHours
from .entries import KIND_NAMES, Entry, Plan, end_time
from .plan_text import audience_text, hours_text, instructor_text, remarks_text, summary

TIME_ZONE = OFFICE_TIME.key
PRODID = "-//handbook//客服人员培训计划//ZH"
UID_DOMAIN = "handbook"


def _office_tag(office: str) -> str:
    """Keeps two offices' calendars apart when both are imported into one account."""
    return hashlib.sha256(office.encode("utf-8")).hexdigest()[: len("office")]


def _stamp(plan: Plan) -> dt.datetime:
    local = dt.datetime.combine(plan.first, dt.time.min, zoneinfo.ZoneInfo(TIME_ZONE))
    return local.astimezone(dt.UTC)


def _description(entry: Entry, plan: Plan, roles: dict[str, Role]) -> str:
    rows = [
        ("讲师" if entry.instructors else "负责", instructor_text(entry, roles, plan.with_names)),
        ("课时", hours_text(entry)),
        ("对象", audience_text(entry, roles, plan.with_names)),
        ("备注", remarks_text(entry, plan)),
    ]
    return "\n".join(f"{label}：{value}" for label, value in rows if value)


def _times(event: icalendar.Event, entry: Entry, hours: DayHours) -> None:
    end = end_time(entry, hours)
    if entry.start is None or end is None:
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        return
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    event.add("dtstart", dt.datetime.combine(entry.day, entry.start, zone))
    event.add("dtend", dt.datetime.combine(entry.day, end, zone))


def event(entry: Entry, plan: Plan, policy: Policy, roles: dict[str, Role], hours: DayHours) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"{entry.uid}-{_office_tag(plan.office)}@{UID_DOMAIN}")
    item.add("dtstamp", _stamp(plan))
    item.add("sequence", 0)
    _times(item, entry, hours)
    item.add("summary", summary(entry, plan, policy))
    if entry.venue:
        item.add("location", entry.venue)
    item.add("description", _description(entry, plan, roles))
    item.add("categories", [KIND_NAMES[entry.kind]])
    return item


def calendar_bytes(plan: Plan, policy: Policy, roles: dict[str, Role], hours: DayHours) -> bytes:
    """The whole plan as one .ics file."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{plan.office} {plan.label}")
    calendar.add("x-wr-timezone", TIME_ZONE)
    days = [e.day for e in plan.entries] or [plan.first]
    zone = icalendar.Timezone.from_tzid(TIME_ZONE, first_date=min(days), last_date=max(days) + dt.timedelta(days=1))
    zone.pop("COMMENT", None)  # the library's English note on the zone's validity adds nothing here
    calendar.add_component(zone)
    for entry in sorted(plan.entries, key=Entry.sort_key):
        calendar.add_component(event(entry, plan, policy, roles, hours))
    return calendar.to_ical()
