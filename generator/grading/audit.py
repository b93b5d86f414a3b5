"""``handbook audit``: a year of training records held against the policy, breach by breach.

Each check looks only at periods that ended before ``today``: a week still running is not yet
short of the supervisor's hours. Working days come from ``generator.core.workdays``, so a year the
statutory calendar does not know is refused, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import HandbookError
from ..core.handbook import load_checked
from ..core.office_time import OFFICE_TIME
from ..core.policy_text import frequency
from ..core.project import Project
from ..core.roster import Roster, StaffMember, load_roster
from ..core.workdays import UnknownYear, WorkCalendar
from ..models.policy import Policy
from ..models.records import TrainingRecord
from .records import load_records
from .summary import text_table

"""Role id of the supervisor （客服主管）, who teaches every week and is on site at drill."""
LAST_MONTH = len(calendar.month_name) - 1  # month_name[0] is the empty string
ONE_DAY = dt.timedelta(days=1)
ONE_WEEK = dt.timedelta(weeks=1)


def year_end(year: int) -> dt.date:
    return dt.date(year, LAST_MONTH, calendar.monthrange(year, LAST_MONTH)[1])


@dataclass(frozen=True, order=True)
class Breach:
    date: dt.date
    rule: str
    detail: str


@dataclass
class Audit:
    year: int
    today: dt.date
    breaches: list[Breach] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Scope:
    """What every check needs."""

    year: int
    today: dt.date
    policy: Policy
    roster: Roster
    records: list[TrainingRecord]
    workdays: WorkCalendar

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        return year_end(self.year)

    def supervisors(self) -> list[StaffMember]:
        return self.roster.with_role(self.policy.supervisor)

    def of_year(self, kind: str) -> list[TrainingRecord]:
        return [r for r in self.records if r.kind == kind and r.date.year == self.year and r.date <= self.today]


def _weeks(scope: Scope) -> Iterator[tuple[dt.date, dt.date]]:
    monday = scope.first - dt.timedelta(days=scope.first.weekday())
    while monday <= scope.last and monday + ONE_WEEK <= scope.today:
        yield monday, monday + ONE_WEEK - ONE_DAY
        monday += ONE_WEEK


def supervisor_hours(scope: Scope) -> list[Breach]:
    minimum = scope.policy.in_post_rules.supervisor_weekly_class_hours_min
    found = []
    for monday, sunday in _weeks(scope):
        if not scope.workdays.working_days(max(monday, scope.first), min(sunday, scope.last)):
            continue  # a week of holidays has no class to teach
        for member in scope.supervisors():
            if member.arrival and member.arrival > sunday:
                continue
            hours = sum(
                r.hours
                for r in scope.records
                if r.kind == "training" and r.instructor == member.id and monday <= r.date <= sunday
            )
            if hours < minimum:
                detail = f"{member.name}（{member.id}）{monday}—{sunday} 授课 {hours:g} 课时，少于每周 {minimum:g} 课时"
                found.append(Breach(max(monday, scope.first), "主管每周授课", detail))
    return found


def supervisor_at_drill(scope: Scope) -> list[Breach]:
    ids = {member.id for member in scope.supervisors()}
    found = []
    for record in scope.of_year("training"):
        if record.programme not in scope.policy.in_post_rules.supervisor_on_site_at:
            continue
        present = {row.id for row in record.trainees if row.attendance == "present"} | {record.instructor}
        if not record.supervisor_on_site and not ids & present:
            name = scope.policy.programme(record.programme).name
            found.append(Breach(record.date, f"{name}主管在场", f"场次 {record.session_id}：主管不在现场"))
    return found


def _periods(scope: Scope, every: int) -> Iterator[tuple[dt.date, dt.date]]:
    for month in range(1, LAST_MONTH + 1, every):
        end_month = min(month + every - 1, LAST_MONTH)
        last = dt.date(scope.year, end_month, calendar.monthrange(scope.year, end_month)[1])
        if last < scope.today:
            yield dt.date(scope.year, month, 1), last


def fire_periods(scope: Scope) -> list[Breach]:
    programme, found = scope.policy.fire, []
    sessions = [r for r in scope.of_year("training") if r.programme == programme.id]
    for group in (f for f in programme.frequencies if f.unit == "month"):
        for first, last in _periods(scope, group.every):
            held = sum(1 for r in sessions if first <= r.date <= last)
            if held < group.sessions:
                detail = f"{first}—{last} 举行 {held} 次，规程要求{frequency(group)}"
                found.append(Breach(last, f"{programme.name}频次", detail))
    return found


def fire_per_person(scope: Scope, audit: Audit) -> list[Breach]:
    programme = scope.policy.fire
    if scope.today <= scope.last:
        audit.notes.append(f"{scope.year} 年尚未结束，“每人每年至少参加{programme.name}”一项到年底再检查。")
        return []
    attended: dict[str, int] = {}
    for record in (r for r in scope.of_year("training") if r.programme == programme.id):
        for row in (row for row in record.trainees if row.attendance == "present"):
            attended[row.id] = attended.get(row.id, 0) + 1
    need, found = programme.coverage_per_person_per_year or 0, []  # set: it is what makes it fire training
    for member in (m for m in scope.roster.staff if m.role in programme.audience):
        if (member.arrival is None or member.arrival <= scope.last) and attended.get(member.id, 0) < need:
            detail = f"{member.name}（{member.id}）全年参加 {attended.get(member.id, 0)} 次，应至少 {need} 次"
            found.append(Breach(scope.last, f"每人每年{programme.name}", detail))
    return found


def monthly_assessments(scope: Scope) -> list[Breach]:
    window = scope.policy.assessment.monthly.within_first_working_days
    excluded = {scope.policy.induction.id, scope.policy.fire.id}
    found = []
    for record in (r for r in scope.of_year("assessment") if r.programme not in excluded):
        month_start = record.date.replace(day=1)
        last_allowed = scope.workdays.nth_working_day_after(month_start - ONE_DAY, window)
        if record.date > last_allowed:
            when = f"应在 {month_start:%Y-%m} 的前 {window} 个工作日内（{last_allowed} 及以前）"
            detail = f"场次 {record.session_id} 在 {record.date} 考核，{when}"
            found.append(Breach(record.date, "月度考核时间", detail))
    return found


def _induction_day(scope: Scope, arrival: dt.date, audit: Audit) -> dt.date | None:
    try:
        return scope.workdays.nth_working_day_after(arrival, scope.policy.assessment.induction_theory_on_working_day)
    except UnknownYear:
        audit.notes.append(f"{arrival} 到岗的新员工，考核期限落在法定节假日安排尚未知道的年份，暂不能检查。")
        return None


def new_hire_assessments(scope: Scope, audit: Audit) -> list[Breach]:
    audiences = {role for p in scope.policy.programmes for role in p.audience}
    assessed: dict[str, dt.date] = {}
    for record in (r for r in scope.of_year("assessment") if r.programme == scope.policy.induction.id):
        for row in (row for row in record.trainees if row.attendance == "present"):
            assessed.setdefault(row.id, record.date)
    found, nth = [], scope.policy.assessment.induction_theory_on_working_day
    for member in scope.roster.staff:
        if member.arrival is None or member.arrival.year != scope.year or member.role not in audiences:
            continue
        day = _induction_day(scope, member.arrival, audit)
        taken = assessed.get(member.id)
        who = f"{member.name}（{member.id}），{member.arrival} 到岗"
        if day is not None and taken is not None and taken > day:
            found.append(Breach(taken, "新员工理论考核时间", f"{who}，{taken} 才考核，应在第 {nth} 个工作日（{day}）"))
        elif day is not None and taken is None and day < scope.today:
            found.append(Breach(day, "新员工理论考核时间", f"{who}，到第 {nth} 个工作日（{day}）仍没有考核记录"))
    return found


def audit_records(scope: Scope) -> Audit:
    result = Audit(scope.year, scope.today)
    try:
        scope.workdays.year(scope.year)
    except UnknownYear:
        raise HandbookError(
            f"{scope.year} 年的法定节假日安排还不知道，无法按工作日检查。"
            f"请照 curriculum/calendar/template.yaml 新建 curriculum/calendar/{scope.year}.yaml 后再运行。"
        ) from None
    breaches = supervisor_hours(scope) + supervisor_at_drill(scope) + fire_periods(scope)
    breaches += fire_per_person(scope, result) + monthly_assessments(scope) + new_hire_assessments(scope, result)
    result.breaches = sorted(breaches)
    return result


def audit(project: Project, records_dir: Path, roster_path: Path, year: int, today: dt.date | None = None) -> Audit:
    """Check the records of ``year`` against the policy."""
    found = load_checked(project)
    roster = load_roster(roster_path, found.roles)
    records = load_records(records_dir, found.policy, roster)
    today = today or dt.datetime.now(OFFICE_TIME).date()
    workdays = WorkCalendar(project.curriculum / "calendar")
    return audit_records(Scope(year, today, found.policy, roster, records, workdays))


def audit_text(result: Audit) -> str:
    """What ``handbook audit`` prints: each breach with its date, then the notes."""
    if result.breaches:
        until = min(result.today, year_end(result.year))
        head = f"{result.year} 年培训记录检查（截至 {until}）：发现 {len(result.breaches)} 处不符合规程："
        rows = [[str(b.date), b.rule, b.detail] for b in result.breaches]
        lines = [head, "", *text_table(["日期", "规则", "说明"], rows)]
    else:
        lines = [f"{result.year} 年培训记录检查：没有发现不符合规程之处。"]
    lines += [f"注：{note}" for note in result.notes]
    return "\n".join(lines)
