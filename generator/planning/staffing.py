"""What a roster adds to a plan: instructors' names, new hires' inductions and fire coverage.

Only plans written to a supervisor's own folder carry these; the site's schedule is built
without a roster and names roles only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import replace

from ..core.roster import Roster, StaffMember
from ..core.workdays import ONE_DAY
from ..models.policy import Programme
from .entries import ASSESSMENT, Entry, Notice
from .induction import Newcomer, induction_days, induction_entries, theory_assessment_day
from .placement import Need
from .sessions import MONTHS_PER_YEAR, Context, Placed, month_bounds, place_group, session_entry

"""Id of the fire-safety programme, whose coverage per person the policy counts."""


def _members(roster: Roster, role: str, team: str = "") -> list[StaffMember]:
    everyone = sorted(roster.with_role(role), key=lambda m: m.id)
    same_team = [m for m in everyone if team and m.team == team]
    return same_team or everyone


def team_key(arrival: dt.date, team: str) -> str:
    digest = hashlib.sha256(team.encode("utf-8")).hexdigest()[: len("team")]
    return f"{arrival:%Y%m%d}-{digest}"


def newcomers(context: Context, roster: Roster, first: dt.date, last: dt.date, *, named: bool = True) -> list[Newcomer]:
    """New hires arriving between the two days; those of one team whose induction starts on the
    same day (arrivals on a Friday and over the weekend do) are one group. ``named``: their
    teachers named now, as for one induction alone; else the placing names them."""
    programme = context.policy.induction
    groups: dict[tuple[dt.date, str], list[StaffMember]] = defaultdict(list)
    for member in roster.staff:
        if member.role in programme.audience and member.arrival is not None and first <= member.arrival <= last:
            groups[(induction_days(context, member.arrival)[0], member.team)].append(member)
    found = []
    for (_, team), members in sorted(groups.items()):
        members = sorted(members, key=lambda m: (m.arrival, m.id))
        arrival, trainees = members[0].arrival, tuple(m.name for m in members)
        if arrival is None:  # grouped above only with an arrival date
            continue
        teachers = induction_teachers(context, roster, team) if named else None
        found.append(Newcomer(arrival, team_key(arrival, team), trainees, teachers, team))
    return found


def induction_teachers(context: Context, roster: Roster, team: str) -> dict[str, tuple[str, ...]]:
    """Who teaches a new hire of this team: for each teaching role, someone of the same team
    if there is one (the team leader arranges his own team's practice), else the first."""
    roles = [i.role for i in context.policy.induction.instructors] + [context.policy.induction_rules.theory_by]
    return {role: tuple(m.name for m in _members(roster, role, team)[:1]) for role in roles}


def induction_needs(context: Context, roster: Roster, first: dt.date, last: dt.date) -> list[Need]:
    """The induction classes and theory assessments that fall between the two days, of every
    new hire whose induction runs then (one who arrived last month too). Classes in a room that
    several groups would take at the same time are one class for them all; practice at the post
    stays with each team. Classes keep their times; an assessment may move within its day."""
    arrived = [m.arrival for m in roster.staff if m.role in context.policy.induction.audience and m.arrival]
    earliest = min((a for a in arrived if theory_assessment_day(context, a) >= first), default=None)
    if earliest is None:
        return []
    needs: dict[tuple, tuple[Entry, str]] = {}
    for newcomer in newcomers(context, roster, earliest, last, named=False):
        for entry in induction_entries(context, newcomer):
            if not first <= entry.day <= last:
                continue
            shared = entry.venue == context.settings.practice_venue
            key = (entry.kind, entry.day, entry.start, entry.title, entry.venue, newcomer.team if shared else "")
            if key in needs:
                held, team = needs[key]
                needs[key] = (replace(held, trainees=(*held.trainees, *entry.trainees)), team if shared else "")
            else:
                needs[key] = (entry, newcomer.team)
    placed = [
        Need((entry,), (entry.day,), flexible_time=entry.kind == ASSESSMENT, team=team, reason="同日")
        for entry, team in sorted(needs.values(), key=lambda pair: pair[0].sort_key())
    ]
    return sorted(placed, key=lambda need: need.flexible_time)  # classes keep their times: they go first


def assign_names(entries: list[Entry], roster: Roster) -> list[Entry]:
    """Name every role of every entry that has no names yet; a role held by several people
    takes its sessions in turn."""
    turns: dict[str, int] = defaultdict(int)
    named = []
    for entry in sorted(entries, key=Entry.sort_key):
        if entry.names:
            named.append(entry)
            continue
        names: dict[str, tuple[str, ...]] = {}
        for role in entry.instructors:
            members = _members(roster, role)
            if members:
                names[role] = (members[turns[role] % len(members)].name,)
                turns[role] += 1
        for role in (*entry.on_site, *entry.responsible):
            names.setdefault(role, tuple(m.name for m in _members(roster, role)[:1]))
        named.append(replace(entry, names=names))
    return named


def _available_from(context: Context, member: StaffMember, year: int) -> dt.date:
    """From when a staff member takes in-post training: after a new hire's theory assessment."""
    if member.arrival is None or member.arrival.year < year:
        return dt.date(year, 1, 1)
    if member.role in context.policy.induction.audience:
        return theory_assessment_day(context, member.arrival) + ONE_DAY
    return member.arrival


def fire_sessions(context: Context, year: int) -> list[Entry]:
    programme = context.policy.fire
    entries = []
    for group in programme.frequencies:
        plan = context.settings.groups.get(f"{programme.id}.{group.id}")
        for month in range(1, MONTHS_PER_YEAR + 1):
            placed = place_group(context.calendar, group, plan, year, month)
            entries += [session_entry(context, programme, group, p) for p in placed if p.day is not None]
    return entries


def fire_makeup(context: Context, roster: Roster, year: int) -> tuple[Entry | None, list[Notice]]:
    """A make-up fire session for the staff whom the year's sessions cannot cover as often as
    the policy asks (those who arrive after the last one)."""
    programme = context.policy.fire
    need = programme.coverage_per_person_per_year or 0
    days = [e.day for e in fire_sessions(context, year)]
    trainees = set(programme.audience) | set(context.policy.induction.audience)
    late = [
        (member, _available_from(context, member, year))
        for member in sorted(roster.staff, key=lambda m: m.id)
        if member.role in trainees and (member.arrival is None or member.arrival.year <= year)
    ]
    late = [(m, start) for m, start in late if sum(day >= start for day in days) < need]
    if not late:
        return None, []
    start = max(start for _, start in late)
    year_end = month_bounds(year, MONTHS_PER_YEAR)[1]
    candidates = context.calendar.working_days(start, year_end) if start.year == year else []
    names = tuple(m.name for m, _ in late)
    if not candidates:
        text = f"{'、'.join(names)}在本年度最后一次{programme.name}之后才上岗，本年内已无工作日补训，请在下一年度安排。"
        return None, [Notice(year_end, text)]
    return _makeup_entry(context, programme, candidates[0], names, year), []


def _makeup_entry(context: Context, programme: Programme, day: dt.date, names: tuple[str, ...], year: int) -> Entry:
    """The group's usual session, for those who missed the year's sessions."""
    base = session_entry(context, programme, programme.frequencies[0], Placed(day, 0, day))
    need = programme.coverage_per_person_per_year
    return replace(
        base,
        uid=f"{programme.id}.makeup.{year}",
        title=f"{programme.name}补训：{base.title}",
        trainees=names,
        remarks=(f"本年度各次{programme.name}之后上岗的人员补训，保证每人每年至少参加 {need} 次",),
    )
