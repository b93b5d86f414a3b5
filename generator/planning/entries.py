"""What a training plan is made of: dated entries, whatever produced them.

Sessions, induction classes, assessments and deadlines all become an ``Entry``, so that the site
pages, the calendar file and the plan form are written from one list and cannot disagree.
Entries name roles by their id; staff names appear only when a roster was given, and only in
the files a supervisor asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models.schedule import DayHours

SESSION, INDUCTION, ASSESSMENT, ANALYSIS, DEADLINE = "session", "induction", "assessment", "analysis", "deadline"
KIND_NAMES = {
    SESSION: "培训",
    INDUCTION: "岗前培训",
    ASSESSMENT: "考核",
    ANALYSIS: "结果分析",
    DEADLINE: "计划",
}
PROVISIONAL_MARK = "暂定"


@dataclass(frozen=True)
class Entry:
    """One dated item of a plan. ``start`` is None for an all-day item (a deadline)."""

    uid: str
    """Stable identity: the same session keeps it when its date moves, so calendars update."""
    kind: str
    day: dt.date
    title: str
    programme: str = ""
    start: dt.time | None = None
    minutes: int = 0
    hours: float | None = None
    topics: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    instructors: tuple[str, ...] = ()
    on_site: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    venue: str = ""
    remarks: tuple[str, ...] = ()
    names: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    """Staff names per role id (instructors, on-site, responsible), from a roster."""
    trainees: tuple[str, ...] = ()
    """Names of the trainees, for a new hire's induction or a make-up session."""

    def sort_key(self) -> tuple:
        return (self.day, self.start or dt.time.min, self.kind != DEADLINE, self.uid)


@dataclass(frozen=True)
class Notice:
    """A line of the plan's 冲突与调整 list, dated by the day it concerns (so a month shows its own)."""

    day: dt.date
    text: str


@dataclass
class Plan:
    """A monthly, annual or induction plan, ready to be written out."""

    kind: str
    title: str
    first: dt.date
    last: dt.date
    office: str
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    focus: list = field(default_factory=list)
    own_deadlines: list[Entry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    provisional: bool = False
    with_names: bool = False
    period: str = ""
    """The period in words: 2026年12月, 2027年度 …"""
    adjustments: list[Notice] = field(default_factory=list)
    """Entries moved from their wanted day or time so that no one is in two places at once."""
    conflicts: list[Notice] = field(default_factory=list)
    """What the plan could not place as the regulation asks: for the supervisor to settle."""

    @property
    def label(self) -> str:
        return self.title + (f"（{PROVISIONAL_MARK}）" if self.provisional else "")


def clock_span(start: dt.time, minutes: int, hours: DayHours) -> tuple[dt.time, dt.time]:
    """Start and end of a class that stops for the lunch break when it runs into it."""
    day = dt.date.min
    begin = dt.datetime.combine(day, start)
    lunch_start, lunch_end = dt.datetime.combine(day, hours.lunch_start), dt.datetime.combine(day, hours.lunch_end)
    if lunch_start <= begin < lunch_end:
        begin = lunch_end
    end = begin + dt.timedelta(minutes=minutes)
    if begin < lunch_start < end:
        end += lunch_end - lunch_start
    return begin.time(), end.time()


def end_time(entry: Entry, hours: DayHours) -> dt.time | None:
    if entry.start is None:
        return None
    return clock_span(entry.start, entry.minutes, hours)[1]
