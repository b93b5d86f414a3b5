"""How long an annual plan takes with a 100-person roster.

    python bench/schedule.py [--runs N] [--staff N]

Prints the median time of planning the year (sessions, assessments, deadlines, the new hires'
inductions, names and fire coverage), of writing its 培训计划表 and calendar, and of the whole
``handbook schedule --year`` minus loading the curriculum; and, as a baseline measured in the
same process, the time of loading and checking the curriculum that every command pays anyway.
The target: the year plan with its files under one second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timing import median_seconds  # noqa: E402

from generator.core.handbook import load_checked as check  # noqa: E402
from generator.core.project import Project  # noqa: E402
from generator.core.roster import Roster, StaffMember  # noqa: E402
from generator.core.schedule_settings import load_settings  # noqa: E402
from generator.planning.ical import calendar_bytes  # noqa: E402
from generator.planning.plan_form import FormContext, plan_form_bytes  # noqa: E402
from generator.planning.plans import calendar_for, make_context, year_plan  # noqa: E402

YEAR = 2026
TEAMS = ("一班", "二班", "三班", "四班")


def roster(size: int) -> Roster:
    """One of each managing role, a leader and a coach per team, a new hire arriving on the
    first weekday of every month, and CS staff for the rest."""
    staff = [
        StaffMember(id="S1", name="主管", role="cs_supervisor"),
        StaffMember(id="S2", name="主任", role="office_director"),
        StaffMember(id="S3", name="安全主管", role="safety_supervisor"),
        StaffMember(id="S4", name="保安班长", role="security_team_leader"),
    ]
    for n, team in enumerate(TEAMS):
        staff.append(StaffMember(id=f"L{n}", name=f"班长{n}", role="cs_team_leader", team=team))
        staff.append(StaffMember(id=f"C{n}", name=f"教练{n}", role="job_coach", team=team))
    for month in range(1, 13):
        arrival = dt.date(YEAR, month, 1)
        while arrival.weekday() >= 5:
            arrival += dt.timedelta(days=1)
        team = TEAMS[month % len(TEAMS)]
        staff.append(StaffMember(id=f"N{month}", name=f"新员工{month}", role="new_hire", team=team, arrival=arrival))
    for n in range(size - len(staff)):
        staff.append(StaffMember(id=f"E{n}", name=f"客服{n}", role="cs_staff", team=TEAMS[n % len(TEAMS)]))
    return Roster(staff)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is kept")
    options.add_argument("--staff", type=int, default=100, help="people on the roster")
    args = options.parse_args()
    project = Project(REPO)
    found = check(project)
    settings = load_settings(project.curriculum, found.policy)
    staff = roster(args.staff)

    def plan():
        context = make_context(found, settings, calendar_for(project.curriculum))
        return context, year_plan(context, YEAR, staff)

    def files():
        context, built = plan()
        form = FormContext(context.policy, context.roles, context.settings.day)
        return plan_form_bytes(built, form), calendar_bytes(built, context.policy, context.roles, settings.day)

    plan()  # warm-up: imports and the calendar package's tables
    baseline = median_seconds(lambda: check(project), args.runs)
    planning = median_seconds(plan, args.runs)
    total = median_seconds(files, args.runs)
    entries = len(plan()[1].entries)
    print(f"year {YEAR}, {len(staff.staff)} staff, {entries} entries, median of {args.runs} runs")
    print(f"{'step':<34}{'seconds':>9}{'× check':>9}")
    for name, seconds in (
        ("load and check curriculum (base)", baseline),
        ("plan the year", planning),
        ("plan + .xlsx + .ics", total),
    ):
        print(f"{name:<34}{seconds:>9.3f}{seconds / baseline:>9.2f}")
    print("target: plan + files under 1 s —", "met" if total < 1 else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
