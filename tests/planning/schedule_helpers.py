"""Shared set-up of the schedule tests: the shipped curriculum as a planning context."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.core.roster import Roster, StaffMember
from generator.core.schedule_settings import load_settings
from generator.planning.plans import calendar_for, make_context
from generator.planning.sessions import Context

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
D = dt.date.fromisoformat

OVERRIDE_2027 = """\
year: 2027
source: 测试用的节假日安排（不是真实的安排）
holidays:
  - {from: 2027-01-01, to: 2027-01-03, name: 元旦}
  - {from: 2027-02-06, to: 2027-02-12, name: 春节}
  - {from: 2027-10-01, to: 2027-10-07, name: 国庆节}
workdays:
  - {date: 2027-02-13, name: 春节调休上班}
  - {date: 2027-10-09, name: 国庆节调休上班}
"""


def shipped_copy(tmp_path: Path) -> Project:
    """The shipped curriculum in a scratch folder, free to edit."""
    target = tmp_path / "office"
    for folder in ("curriculum", "quizzes", "site_templates"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return Project(target)


def context_of(project: Project, *, provisional: bool = False) -> Context:
    found = check(project)
    settings = load_settings(project.curriculum, found.policy)
    return make_context(found, settings, calendar_for(project.curriculum, provisional=provisional))


def member(staff_id: str, name: str, role: str, team: str = "", arrival: str | None = None) -> StaffMember:
    return StaffMember(id=staff_id, name=name, role=role, team=team, arrival=D(arrival) if arrival else None)


def office_roster(size: int = 100, new_hires: tuple[tuple[str, str], ...] = ()) -> Roster:
    """A roster of ``size`` people: one supervisor, director, safety supervisor and security
    leader, a leader and a coach per team, the rest CS staff; plus the given new hires."""
    staff = [
        member("S001", "王主管", "cs_supervisor"),
        member("S002", "李主任", "office_director"),
        member("S003", "赵安全", "safety_supervisor"),
        member("S004", "钱保安", "security_team_leader"),
    ]
    teams = ["一班", "二班", "三班", "四班"]
    for n, team in enumerate(teams):
        staff.append(member(f"L{n:03d}", f"{team}班长", "cs_team_leader", team))
        staff.append(member(f"C{n:03d}", f"{team}教练", "job_coach", team))
    for n in range(size - len(staff) - len(new_hires)):
        staff.append(member(f"E{n:03d}", f"员工{n:03d}", "cs_staff", teams[n % len(teams)], "2020-03-01"))
    for n, (name, arrival) in enumerate(new_hires):
        staff.append(member(f"N{n:03d}", name, "new_hire", teams[n % len(teams)], arrival))
    return Roster(staff)
