"""Where and when each timed entry of a plan takes place, so that nobody and no room is in two
places at once.

The rule: a person is in one place at a time, and a room (the training room, the square) holds
one class at a time. The post, where job practice happens, is where people work anyway: several
trainees and their coach may be there at once, so the practice venue is shared, not held.

Entries are placed one by one, the least movable first: induction classes (their days and
times follow from the arrival date), then the assessments (fixed day for the new hires' theory
assessment; any of the first working days for the monthly one), then the make-up and
in-post sessions. Each entry lists the days and start times it may take, its wanted one first;
it takes the first where its room is free and, for every role it needs, someone holding that
role is free (someone of the trainees' own team first, for an induction). An entry that had to
move says where it should have been and why; one that fits nowhere is left out of the plan and
listed as a conflict for the supervisor to settle by hand.

People are staff names when a roster is given, else role ids: the site's plan, which names no
one, then still never puts the supervisor in two classes at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..core.roster import Roster
from ..models.schedule import ScheduleSettings
from .entries import INDUCTION, KIND_NAMES, Entry, Notice, clock_span
from .plan_text import clock, date_text


@dataclass(frozen=True)
class Span:
    """Where an entry takes place and when, on one day."""

    day: dt.date
    start: dt.datetime
    end: dt.datetime
    venue: str


@dataclass(frozen=True)
class Need:
    """An entry waiting for its place."""

    entries: tuple[Entry, ...]
    """The entry, or several that follow one another without a break (an assessment's parts)."""
    days: tuple[dt.date, ...]
    """Days it may take, the wanted day first."""
    flexible_time: bool = True
    """False when only the entry's own start time will do (an induction class)."""
    team: str = ""
    """Team whose members are asked first (an induction's instructors)."""
    reason: str = ""
    """Why it may move, said in the remark when it does (规程允许的范围)."""


@dataclass
class Outcome:
    """What placing gave: the placed entries, what moved and what could not be placed."""

    entries: list[Entry] = field(default_factory=list)
    adjustments: list[Notice] = field(default_factory=list)
    conflicts: list[Notice] = field(default_factory=list)


def overlap(a: Span, b: Span) -> bool:
    """Whether two spans share a moment (one ending as the other begins does not)."""
    return a.day == b.day and a.start < b.end and b.start < a.end


def spans_of(entries: tuple[Entry, ...], day: dt.date, start: dt.time, settings: ScheduleSettings) -> list[Span]:
    """The consecutive entries from ``start`` on ``day``, each stopping for lunch."""
    spans, clock_now = [], start
    for entry in entries:
        begin, end = clock_span(clock_now, entry.minutes, settings.day)
        spans.append(Span(day, dt.datetime.combine(day, begin), dt.datetime.combine(day, end), entry.venue))
        clock_now = end
    return spans


def entry_span(entry: Entry, settings: ScheduleSettings) -> Span | None:
    """Where and when an entry takes place; None for an all-day item (a deadline)."""
    if entry.start is None:
        return None
    return spans_of((entry,), entry.day, entry.start, settings)[0]


class People:
    """Who an entry brings together: staff names from the roster, or role ids without one."""

    def __init__(self, roster: Roster | None, role_name: Callable[[str], str] = str) -> None:
        self.roster = roster
        self.role_name = role_name

    def label(self, person: str) -> str:
        """A person as a reason names them: the staff name, or the role's name without a roster."""
        return person if self.roster is not None else self.role_name(person)

    def members(self, role: str, team: str = "") -> list[str]:
        """Holders of a role, those of the team first, then by staff id."""
        if self.roster is None:
            return [role]
        staff = sorted(self.roster.with_role(role), key=lambda m: (not team or m.team != team, m.id))
        return [m.name for m in staff]

    def attending(self, entry: Entry) -> set[str]:
        """Everyone an entry holds: its named people, its trainees and its audience roles' holders."""
        people = {name for names in entry.names.values() for name in names} | set(entry.trainees)
        if self.roster is None:
            people |= {*entry.instructors, *entry.on_site, *entry.responsible}
        if not entry.trainees:
            for role in entry.audience:
                people |= set(self.members(role))
        return people


class Book:
    """Who and which room is taken when, and the placing itself."""

    def __init__(self, settings: ScheduleSettings, roster: Roster | None, role_name: Callable[[str], str]) -> None:
        self.settings = settings
        self.people = People(roster, role_name)
        self.taken: dict[str, list[tuple[Span, str]]] = defaultdict(list)
        self.rooms: dict[str, list[tuple[Span, str]]] = defaultdict(list)
        self.turns: dict[str, int] = defaultdict(int)
        self.outcome = Outcome()

    def shared(self, venue: str) -> bool:
        """The post is where people work: practice there holds no room."""
        return venue == self.settings.practice_venue

    def _busy(self, person: str, span: Span) -> str:
        """What keeps a person from being at ``span``: a title, or "" when free."""
        for other, title in self.taken.get(person, ()):
            if overlap(other, span) and not (self.shared(span.venue) and other.venue == span.venue):
                return title
        return ""

    def _room_taken(self, span: Span) -> str:
        if self.shared(span.venue) or not span.venue:
            return ""
        for other, title in self.rooms.get(span.venue, ()):
            if overlap(other, span):
                return title
        return ""

    def _choose(self, entry: Entry, spans: list[Span], team: str) -> tuple[dict[str, tuple[str, ...]], str]:
        """Names for the entry's roles, each someone free during the spans; or the reason none is."""
        names: dict[str, tuple[str, ...]] = {}
        chosen: set[str] = set()
        for role in dict.fromkeys((*entry.instructors, *entry.on_site, *entry.responsible)):
            if role in entry.names:
                names[role] = entry.names[role]
                continue
            members = self.people.members(role, team)
            if not members:
                continue
            if not team and len(members) > 1:
                turn = self.turns[role] % len(members)
                members = members[turn:] + members[:turn]
            free = [m for m in members if m not in chosen and not any(self._busy(m, s) for s in spans)]
            if not free:
                busy = next((self._busy(m, s) for m in members for s in spans if self._busy(m, s)), "")
                who = self.people.label(members[0])
                return {}, f"{who}同一时间要参加“{short(busy)}”" if busy else "无人可以担任"
            names[role] = (free[0],)
            chosen.add(free[0])
        return names, ""

    def _fits(self, entries: tuple[Entry, ...], spans: list[Span], team: str) -> tuple[list[Entry] | None, str]:
        """The entries with their names at these spans, or why they cannot be there."""
        if any(s.end.time() > self.settings.day.end for s in spans):
            return None, "超出下班时间"
        placed = []
        for entry, span in zip(entries, spans, strict=True):
            room = self._room_taken(span)
            if room:
                return None, f"{span.venue}同一时间已有“{short(room)}”"
            names, why = self._choose(entry, [span], team)
            if why:
                return None, why
            if self.people.roster is None:
                names = entry.names  # the site's plan names roles only
            named = replace(entry, day=span.day, start=span.start.time(), names=names)
            clash = next((p for p in self.people.attending(named) - set(_values(names)) if self._busy(p, span)), "")
            if clash:
                return None, f"{self.people.label(clash)}同一时间要参加“{short(self._busy(clash, span))}”"
            placed.append(named)
        return placed, ""

    def _starts(self, entry: Entry, need: Need) -> list[dt.time]:
        """The wanted start first, then the day's half hours nearest to it (later first on a tie)."""
        wanted = entry.start or self.settings.day.start
        if not need.flexible_time:
            return [wanted]
        day = self.settings.day
        grid, moment = [], dt.datetime.combine(dt.date.min, day.start)
        while moment.time() < day.end:
            if not day.lunch_start <= moment.time() < day.lunch_end:
                grid.append(moment.time())
            moment += dt.timedelta(minutes=day.step_minutes)
        at = dt.datetime.combine(dt.date.min, wanted)
        others = sorted(
            (t for t in grid if t != wanted),
            key=lambda t: (abs(dt.datetime.combine(dt.date.min, t) - at), t < wanted),
        )
        return [wanted, *others]

    def place(self, need: Need) -> None:
        """Put the need at its first possible day and time, or list it as a conflict."""
        first = need.entries[0]
        reasons: list[str] = []
        for day in need.days:
            for start in self._starts(first, need):
                spans = spans_of(need.entries, day, start, self.settings)
                placed, why = self._fits(need.entries, spans, need.team)
                if placed is None:
                    if why not in reasons:
                        reasons.append(why)
                    continue
                self._book(placed, spans, need, reasons)
                return
        self.outcome.conflicts.append(Notice(first.day, _conflict_text(first, need, reasons)))

    def _book(self, placed: list[Entry], spans: list[Span], need: Need, reasons: list[str]) -> None:
        first = need.entries[0]
        moved = placed[0].day != first.day or placed[0].start != first.start
        for entry, span in zip(placed, spans, strict=True):
            for person in self.people.attending(entry):
                self.taken[person].append((span, label(entry)))
            if not self.shared(span.venue) and span.venue:
                self.rooms[span.venue].append((span, label(entry)))
            for role in entry.instructors:
                self.turns[role] += 1
            if moved:
                note = _moved_text(first, entry, reasons[0] if reasons else "", need.reason)
                entry = replace(entry, remarks=(*entry.remarks, note))
            self.outcome.entries.append(entry)
        if moved:
            when = (
                f"{date_text(placed[0].day)} {clock(placed[0].start)}" if placed[0].start else date_text(placed[0].day)
            )
            wanted = f"{date_text(first.day)} {clock(first.start)}" if first.start else date_text(first.day)
            why = f"，因{reasons[0]}" if reasons else ""
            self.outcome.adjustments.append(Notice(first.day, f"“{short(first.title)}”原定{wanted}{why}，调至{when}。"))


TITLE_CHARS = 16
"""A title quoted in a reason is cut to this many characters: the reason must stay one line."""


def label(entry: Entry) -> str:
    """An entry as a reason names it: an induction class says so, lest it pass for an in-post one."""
    return f"{KIND_NAMES[INDUCTION]}：{entry.title}" if entry.kind == INDUCTION else entry.title


def short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS] + "…"


def _values(names: dict[str, tuple[str, ...]]) -> Iterable[str]:
    return (n for group in names.values() for n in group)


def _moved_text(wanted: Entry, placed: Entry, why: str, allowed: str) -> str:
    at = f"{wanted.day.month}月{wanted.day.day}日" + (f" {clock(wanted.start)}" if wanted.start else "")
    because = f"，因{why}" if why else ""
    within = f"，{allowed}调整" if allowed else "，已调整"
    return f"原定{at}{because}{within}"


def _conflict_text(entry: Entry, need: Need, reasons: list[str]) -> str:
    days = f"{date_text(need.days[0])}起" if need.days else "本月"
    why = "；".join(reasons[:2]) or "本周期在本月内没有工作日"
    return f"“{short(entry.title)}”（{days}）无法安排：{why}。请主管另行安排，或调整讲师、地点。"


def place_all(
    needs: list[Need],
    fixed: list[Entry],
    settings: ScheduleSettings,
    roster: Roster | None,
    role_name: Callable[[str], str] = str,
) -> Outcome:
    """Place every need in the order given; the untimed entries (deadlines) need no place."""
    book = Book(settings, roster, role_name)
    for need in needs:
        book.place(need)
    book.outcome.entries += fixed
    return book.outcome


@dataclass(frozen=True)
class Clash:
    """Two entries that hold one person or one room at the same time."""

    who: str
    first: Entry
    second: Entry

    def text(self) -> str:
        first, second = short(self.first.title), short(self.second.title)
        return f"{self.who}：{date_text(self.first.day)}“{first}”与“{second}”时间重叠"


def clashes(entries: list[Entry], settings: ScheduleSettings, roster: Roster | None) -> list[Clash]:
    """Every person or room in two places at once, as the plan stands: what the placing rules
    out, checked again on the finished plan (and by the tests)."""
    people, found = People(roster), []
    timed = [(e, s) for e in entries if (s := entry_span(e, settings)) is not None]
    by_day: dict[dt.date, list[tuple[Entry, Span]]] = defaultdict(list)
    for entry, span in timed:
        by_day[entry.day].append((entry, span))
    for day_entries in by_day.values():
        for i, (a, sa) in enumerate(day_entries):
            for b, sb in day_entries[i + 1 :]:
                if not overlap(sa, sb):
                    continue
                same_post = sa.venue == sb.venue == settings.practice_venue
                if sa.venue and sa.venue == sb.venue and not same_post:
                    found.append(Clash(sa.venue, a, b))
                    continue
                if same_post:
                    continue
                found += [Clash(p, a, b) for p in sorted(people.attending(a) & people.attending(b))]
    return found
