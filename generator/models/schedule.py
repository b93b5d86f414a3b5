"""Office settings of the training schedule (curriculum/schedule.yaml) and the per-year
working-day calendar files (curriculum/calendar/<year>.yaml).

Neither holds a figure of the regulation: what the policy fixes (how often, by when) stays in
policy.yaml; these files say only what the regulation leaves to the office — at what time, in
which room, on which weekday.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, StrictInt
from pydantic_core import PydanticCustomError

from .base import PositiveAmount, PositiveCount, Strict, Text

MINUTES_PER_HOUR = 60

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Years a calendar file, the site's schedule and a plan may be for: the office's own years, with
room on both sides; a year outside them is a typing mistake (0, 1900, 10000)."""


def _clock(value: Any) -> Any:
    """ "14:00" as written; YAML 1.1 reads an unquoted 14:00 as the sexagesimal number 840."""
    if isinstance(value, dt.time):
        return value
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            return dt.time(*divmod(value, MINUTES_PER_HOUR))
        if isinstance(value, str):
            return dt.time.fromisoformat(value.strip().rjust(len("00:00"), "0"))
    except ValueError:
        pass
    raise PydanticCustomError("clock", '应为时刻，如 "14:00"，实际为：{value}', {"value": value})


Clock = Annotated[dt.time, BeforeValidator(_clock)]
"""A time of day, written "HH:MM"."""


class Slot(Strict):
    """Where in its period a session of a frequency group nominally falls."""

    month: Annotated[StrictInt, Field(ge=1, le=12)] = 1
    """For groups counted in months: which month of the period (1 = its first month)."""
    week: Annotated[StrictInt, Field(ge=1, le=5)] = 1
    """For groups counted in weeks: which week of the period; for groups counted in months:
    which occurrence of ``weekday`` in that month (2 = the second Tuesday …)."""
    weekday: Annotated[StrictInt, Field(ge=1, le=7)]
    """Day of the week, 1 = Monday … 7 = Sunday (a day off is moved to the nearest working day)."""


class GroupPlan(Strict):
    """When the sessions of one frequency group of the policy take place."""

    start: Clock
    """Start time of the group's sessions."""
    slots: list[Slot] | None = None
    """One entry per session of a period; left out, the sessions are spread over the period."""
    topics_per_session: PositiveCount | None = None
    """Office choice: how many of the group's topics one session covers, taken in turn. Left
    out (the regulation's reading), every topic of the group comes round at the group's
    frequency: each period's sessions share the group's topics between them."""
    venue: str = ""
    """Venue of these sessions, when not the default venue."""


class DayHours(Strict):
    """The hours of a training day."""

    start: Clock
    """When an induction day's first class begins."""
    lunch_start: Clock
    """Start of the lunch break; a class running into it carries on after it."""
    lunch_end: Clock
    """End of the lunch break."""
    end: Clock
    """When the training day ends: no class runs past it."""
    step_minutes: PositiveCount
    """When a class must move within a day, the start times tried are this many minutes apart."""


class AssessmentPlan(Strict):
    """When the assessments take place."""

    working_day: PositiveCount
    """Which working day of the month the monthly assessment is held on (1 = the first); it must
    lie within the first working days the policy allows."""
    start: Clock
    """Start time of the assessment; its parts follow one another."""
    part_minutes: PositiveCount
    """Length of each part (written, practical, fire knowledge), in minutes."""


class ScheduleSettings(Strict):
    """curriculum/schedule.yaml: the office's own settings of the training schedule."""

    office: Text
    """Name of the office, printed on the plan form and in the calendar's name."""
    venue: Text
    """Default venue of training sessions."""
    practice_venue: Text
    """Where job practice （岗位实习） happens: at the post, where the trainee will work. Several
    trainees may practise there at once; it is not a room that one class holds."""
    class_hour_minutes: PositiveCount
    """Length of one class hour （课时）, in minutes."""
    default_session_hours: PositiveAmount
    """Class hours of a session whose topic has no module yet."""
    site_year: Annotated[StrictInt, Field(ge=FIRST_YEAR, le=LAST_YEAR)] | None = None
    """Year whose plan the handbook site shows; left out, the site shows no schedule."""
    focus_topics: PositiveCount
    """How many of the weakest topics of the last assessment become the month's focus."""
    day: DayHours
    """Hours of a training day."""
    assessment: AssessmentPlan
    """Time of the assessments."""
    groups: dict[str, GroupPlan] = {}
    """Per frequency group of the policy, keyed ``programme.group`` (e.g. ``regular.weekly``)."""


class DaySpan(Strict):
    """One day, or a run of days, of a calendar file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    date: dt.date | None = None
    """The day, for a single day."""
    first: dt.date | None = Field(default=None, alias="from")
    """First day of a run of days (with ``to``)."""
    last: dt.date | None = Field(default=None, alias="to")
    """Last day of a run of days, included."""
    name: Text
    """What the day is, e.g. 春节 or 春节调休."""

    def days(self) -> list[dt.date]:
        if self.date is not None:
            return [self.date]
        if self.first is None or self.last is None:
            return []
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]


class CalendarFile(Strict):
    """curriculum/calendar/<year>.yaml: one year's holidays and make-up working days."""

    year: Annotated[StrictInt, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
    """The year; must match the file name."""
    source: Text
    """Where the dates come from (the State Council notice and its number)."""
    holidays: list[DaySpan]
    """Statutory days off that fall on weekdays or weekends (放假)."""
    workdays: list[DaySpan] = []
    """Make-up working days on a Saturday or Sunday (调休上班)."""
