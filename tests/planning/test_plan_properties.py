"""Properties of every plan, over random rosters and arrival dates in all twelve months of 2026:
no person and no room is in two places at once, and every topic comes round at its group's
frequency (or the plan lists the period it could not, in its 冲突与调整)."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from schedule_helpers import context_of, member

from generator.core.project import Project
from generator.core.roster import Roster, StaffMember
from generator.planning.entries import ASSESSMENT, INDUCTION, SESSION, Entry, Plan, end_time
from generator.planning.induction import day_plan, theory_assessment_day
from generator.planning.plans import year_plan
from generator.planning.sessions import Context

REPO = Path(__file__).resolve().parents[2]
YEAR = 2026
FIRST_MONDAY = dt.date(2001, 1, 1)  # the anchor of the policy's week-counted periods
TEAMS = ("一班", "二班", "三班")


@functools.cache
def shipped() -> Context:
    """The shipped curriculum, planned provisionally: a new hire arriving in late December is
    inducted into a year whose holidays are not published yet."""
    return context_of(Project(REPO), provisional=True)


@pytest.fixture(scope="module")
def context() -> Context:
    return shipped()


@st.composite
def rosters(draw) -> Roster:
    """An office of random size: one to a few of each role, teams of leaders, coaches and staff,
    and new hires arriving on any day from a month before the year to its last day."""
    teams = TEAMS[: draw(st.integers(1, len(TEAMS)))]
    staff: list[StaffMember] = []

    def add(role: str, count: int, team_of=lambda n: "", arrival=lambda n: None) -> None:
        for n in range(count):
            day = arrival(n)
            staff.append(member(f"{role}-{n:02d}", f"{role}-{n}", role, team_of(n), day))

    add("cs_supervisor", draw(st.integers(1, 2)))
    add("office_director", 1)
    add("safety_supervisor", draw(st.integers(1, 2)))
    add("security_team_leader", draw(st.integers(1, 2)))
    add("cs_team_leader", draw(st.integers(1, 4)), lambda n: teams[n % len(teams)])
    add("job_coach", draw(st.integers(1, 4)), lambda n: teams[n % len(teams)])
    add("cs_staff", draw(st.integers(1, 8)), lambda n: teams[n % len(teams)])
    days = st.dates(dt.date(YEAR - 1, 12, 1), dt.date(YEAR, 12, 31))
    arrivals = draw(st.lists(days, max_size=8))
    hire_teams = draw(st.lists(st.sampled_from(teams), min_size=len(arrivals), max_size=len(arrivals)))
    add("new_hire", len(arrivals), lambda n: hire_teams[n], lambda n: arrivals[n].isoformat())
    return Roster(staff)


def people_at(entry: Entry, roster: Roster) -> set[str]:
    """Everyone an entry holds: named staff, trainees, or every holder of its audience roles."""
    names = {n for group in entry.names.values() for n in group} | set(entry.trainees)
    if not entry.trainees:
        names |= {m.name for m in roster.staff if m.role in entry.audience}
    return names


def overlaps(plan: Plan, roster: Roster, context: Context) -> list[str]:
    """Pairs of entries that share a moment and a room, or a person in two different places."""
    practice = context.settings.practice_venue
    by_day = defaultdict(list)
    for entry in plan.entries:
        if entry.start is not None:
            start = dt.datetime.combine(entry.day, entry.start)
            end = dt.datetime.combine(entry.day, end_time(entry, context.settings.day))
            by_day[entry.day].append((entry, start, end))
    found = []
    for items in by_day.values():
        for i, (a, a_start, a_end) in enumerate(items):
            for b, b_start, b_end in items[i + 1 :]:
                if not (a_start < b_end and b_start < a_end):
                    continue
                if a.venue == b.venue == practice:
                    continue  # at the post together: one place, not two
                if a.venue == b.venue:
                    found.append(f"{a.day} room {a.venue}: {a.title} / {b.title}")
                shared = people_at(a, roster) & people_at(b, roster)
                found += [f"{a.day} {who}: {a.title} / {b.title}" for who in sorted(shared)]
    return found


def periods(unit: str, every: int) -> list[tuple[dt.date, dt.date]]:
    """The group's periods that lie wholly inside the year, counted from the policy's anchors."""
    found = []
    if unit == "week":
        start = FIRST_MONDAY
        while start <= dt.date(YEAR, 12, 31):
            last = start + dt.timedelta(weeks=every, days=-1)
            if start.year == last.year == YEAR:
                found.append((start, last))
            start += dt.timedelta(weeks=every)
    else:
        for first_month in range(1, 13, every):
            last_month = first_month + every - 1
            last = dt.date(YEAR, last_month % 12 + 1, 1) if last_month < 12 else dt.date(YEAR + 1, 1, 1)
            found.append((dt.date(YEAR, first_month, 1), last - dt.timedelta(days=1)))
    return found


def missed_frequencies(plan: Plan, context: Context) -> list[str]:
    """Each topic in each whole period of its group: taught at least once, or the plan says why not."""
    missed = []
    for programme in context.policy.programmes:
        for group in programme.frequencies:
            key = f"{programme.id}.{group.id}."
            sessions = [e for e in plan.entries if e.kind == SESSION and e.uid.startswith(key)]
            for first, last in periods(group.unit, group.every):
                taught = {t for e in sessions if first <= e.day <= last for t in e.topics}
                explained = any(first <= n.day <= last for n in plan.conflicts)
                missed += [f"{key}{t} {first}" for t in group.topics if t not in taught and not explained]
    return missed


@settings(max_examples=30, deadline=None)
@given(roster=rosters())
def test_no_one_and_no_room_in_two_places_and_every_topic_at_its_frequency(roster: Roster) -> None:
    context = shipped()
    plan = year_plan(context, YEAR, roster)
    assert overlaps(plan, roster, context) == []
    assert missed_frequencies(plan, context) == []
    assert unplaced_inductions(plan, roster, context) == []


def unplaced_inductions(plan: Plan, roster: Roster, context: Context) -> list[str]:
    """New hires whose whole induction lies in the year but is not all in the plan."""
    induction = context.policy.induction
    classes = len(day_plan(induction, [m for m in context.modules if m.head.programme == induction.id]))
    missing = []
    for hire in (m for m in roster.staff if m.role == "new_hire"):
        if hire.arrival.year != YEAR or theory_assessment_day(context, hire.arrival).year != YEAR:
            continue
        theirs = [e for e in plan.entries if hire.name in e.trainees and e.programme == induction.id]
        if sum(e.kind == INDUCTION for e in theirs) != classes or sum(e.kind == ASSESSMENT for e in theirs) != 1:
            missing.append(f"{hire.name} {hire.arrival}")
    return missing


def test_a_holiday_week_is_listed_not_silently_skipped(context: Context) -> None:
    plan = year_plan(context, YEAR, Roster([member("S1", "王主管", "cs_supervisor")]))
    assert missed_frequencies(plan, context) == []
    assert [n.day for n in plan.conflicts] == [dt.date(YEAR, 2, 17)]  # the Spring Festival week
