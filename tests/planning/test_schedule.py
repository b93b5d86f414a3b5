"""The generated plans: every date checked against the calendar, counts per frequency over a
year, assessments, deadlines, rosters and the month's focus."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from schedule_helpers import FIXTURES, OVERRIDE_2027, D, context_of, shipped_copy

from generator.core.project import Project
from generator.core.roster import load_roster
from generator.core.workdays import UnknownYear
from generator.planning.entries import ANALYSIS, ASSESSMENT, DEADLINE, INDUCTION, SESSION, Entry
from generator.planning.focus import read_grades, select_focus
from generator.planning.plans import assessed_modules, month_plan, year_plan
from generator.planning.sessions import Context

REPO = Path(__file__).resolve().parents[2]
GRADES = FIXTURES / "schedule" / "grades.json"
ROSTER = FIXTURES / "schedule" / "roster.yaml"


@pytest.fixture(scope="module")
def context() -> Context:
    return context_of(Project(REPO))


@pytest.fixture(scope="module")
def plan_2026(context: Context):
    return year_plan(context, 2026)


def group_of(entry: Entry) -> str:
    return entry.uid.rsplit(".", 1)[0]


def sessions(plan, group: str) -> list[Entry]:
    return [e for e in plan.entries if e.kind == SESSION and group_of(e) == group]


def test_every_entry_falls_on_a_working_day(context: Context, plan_2026) -> None:
    off = [(e.day, e.title) for e in plan_2026.entries if not context.calendar.is_working_day(e.day)]
    assert off == []
    assert all(e.day.year == 2026 for e in plan_2026.entries)


def test_make_up_weekend_days_are_used(context: Context, plan_2026) -> None:
    used = {e.day for e in plan_2026.entries if e.day.weekday() >= 5}
    assert used == {D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-10-10")}
    assert all(context.calendar.is_make_up(day) for day in used)
    # New Year's Day falls on the Thursday: its session goes to the make-up Sunday of the same week.
    assert [e.remarks for e in plan_2026.entries if e.day == D("2026-01-04")] == [
        ("原定 1月1日（元旦），调至最近的工作日", "元旦调休上班")
    ]
    assert [e.title for e in plan_2026.entries if e.day == D("2026-10-10") and e.kind == ASSESSMENT] == [
        "9月培训考核（笔试）",
        "9月培训考核（实操）",
        "消防知识培训考核",
    ]


def test_weekly_sessions_every_week_that_has_a_working_day(context: Context, plan_2026) -> None:
    weekly = sessions(plan_2026, "regular.weekly")
    per_week = Counter(e.day.isocalendar()[:2] for e in weekly)
    assert set(per_week.values()) == {1}
    tuesdays = [D("2026-01-06") + dt.timedelta(weeks=n) for n in range(52)]
    missing = [t for t in tuesdays if t.isocalendar()[:2] not in per_week]
    assert missing == [D("2026-02-17")]  # the Spring Festival week: no working day at all
    assert context.calendar.working_days(D("2026-02-16"), D("2026-02-22")) == []
    assert [n.text for n in plan_2026.conflicts] == [
        "常规培训“服务意识（业主识别）、客服人员岗位职责”（每周 1 次，原定2月17日）：该周期在本月内没有工作日，"
        "无法安排，请主管在相邻的工作日补上。"
    ]
    # As the regulation reads, the weekly session covers both weekly topics every week.
    assert {e.topics for e in weekly} == {("service_awareness", "job_duties")}


def test_three_sessions_every_fortnight_cover_the_whole_group(context: Context, plan_2026) -> None:
    fortnightly = sessions(plan_2026, "regular.fortnightly")
    group = next(f for f in context.policy.programme("regular").frequencies if f.id == "fortnightly")
    by_fortnight = defaultdict(list)
    for entry in fortnightly:
        by_fortnight[(entry.day - D("2001-01-01")).days // 14].append(entry)
    whole = list(by_fortnight.values())[1:-1]  # the first and last fortnights straddle the year's ends
    assert {len(entries) for entries in whole} == {group.sessions}
    assert len(fortnightly) == 79
    # Each fortnight's three sessions teach every topic of the group once between them.
    for entries in whole:
        assert sorted(t for e in entries for t in e.topics) == sorted(group.topics)


@pytest.mark.parametrize(
    ("group", "expected", "period_months"),
    [
        ("regular.monthly_cases", 12, 1),
        ("regular.monthly_knowledge", 12, 1),
        ("drill.bimonthly", 6, 2),
        ("fire.quarterly", 4, 3),
    ],
)
def test_monthly_and_longer_groups_once_per_period(plan_2026, group: str, expected: int, period_months: int) -> None:
    found = sessions(plan_2026, group)
    assert len(found) == expected
    assert sorted({(e.day.month - 1) // period_months for e in found}) == list(range(expected))


def test_sessions_carry_instructor_hours_and_topics(context: Context, plan_2026) -> None:
    for entry in (e for e in plan_2026.entries if e.kind == SESSION):
        assert entry.instructors and entry.hours and entry.topics and entry.start is not None
    drill = sessions(plan_2026, "drill.bimonthly")
    assert {e.instructors for e in drill} == {("security_team_leader",)}
    assert {e.on_site for e in drill} == {("cs_supervisor",)}
    fire = sessions(plan_2026, "fire.quarterly")
    assert {e.topics for e in fire} == {("extinguishers", "fire_systems", "escape_evacuation")}


def test_the_supervisor_teaches_the_weekly_minimum(context: Context, plan_2026) -> None:
    minimum = context.policy.in_post_rules.supervisor_weekly_class_hours_min
    taught: Counter = Counter()
    for entry in plan_2026.entries:
        if entry.kind == SESSION and "cs_supervisor" in entry.instructors:
            taught[entry.day.isocalendar()[:2]] += entry.hours
    weeks_with_work = {d.isocalendar()[:2] for d in context.calendar.working_days(D("2026-01-05"), D("2026-12-27"))}
    assert sorted(w for w in weeks_with_work if taught[w] < minimum) == []


def test_monthly_assessment_in_the_first_working_days_with_both_parts(context: Context, plan_2026) -> None:
    rules = context.policy.assessment
    for month in range(1, 13):
        parts = [e for e in plan_2026.entries if e.kind == ASSESSMENT and e.day.month == month]
        monthly = [e for e in parts if e.programme != "fire"]
        assert [e.uid.rsplit(".", 1)[1] for e in monthly] == ["written", "practical"]
        first_days = context.calendar.working_days(D(f"2026-{month:02d}-01"), D(f"2026-{month:02d}-28"))
        assert monthly[0].day in first_days[: rules.monthly.within_first_working_days]
        fire = [e for e in parts if e.programme == "fire"]
        assert len(fire) == (1 if month in (1, 4, 7, 10) else 0)
        (analysis,) = [e for e in plan_2026.entries if e.kind == ANALYSIS and e.day.month == month]
        assert 0 < (analysis.day - monthly[0].day).days <= rules.analysis_within_days


def test_an_assessment_covers_last_months_training_or_its_own_programme(context: Context, plan_2026) -> None:
    fire = [m.head.id for m in context.modules if m.head.programme == "fire"]
    covered = {e.uid: modules for e, modules in assessed_modules(plan_2026, {"fire": fire})}
    november = [e for e in plan_2026.entries if e.kind == SESSION and e.day.month == 11 and e.programme != "fire"]
    expected = set().union(*(e.modules for e in november))
    assert set(covered["assessment.2026-12.written"]) == expected == set(covered["assessment.2026-12.practical"])
    assert len(covered["assessment.2026-12.written"]) == len(expected)  # each module once
    assert not expected & set(fire)
    assert covered["assessment.2026-10.fire"] == tuple(fire)
    assert covered["assessment.2026-01.written"] == ()  # December 2025 is not in the plan


def test_plan_deadlines_move_to_the_last_working_day_before(plan_2026) -> None:
    deadlines = {e.uid: e.day for e in plan_2026.entries if e.kind == DEADLINE}
    assert len(deadlines) == 26
    assert deadlines["deadline.2026-02.draft"] == D("2026-01-23")  # 25 January is a Sunday
    assert deadlines["deadline.2026-03.approve"] == D("2026-02-28")  # no 30 February: the last day, a make-up Saturday
    assert deadlines["deadline.2026-10.draft"] == D("2026-09-24")  # 25 September: Mid-Autumn
    assert deadlines["deadline.2027.draft"] == D("2026-12-10")
    assert deadlines["deadline.2027.review"] == D("2026-12-18")  # 20 December is a Sunday
    assert deadlines["deadline.2027-01.approve"] == D("2026-12-30")


def test_the_plans_own_deadlines_come_from_the_month_before(context: Context) -> None:
    plan = month_plan(context, 2026, 12)
    assert [(e.uid, e.day) for e in plan.own_deadlines] == [
        ("deadline.2026-12.draft", D("2026-11-25")),
        ("deadline.2026-12.approve", D("2026-11-30")),
    ]


def test_a_month_alone_equals_that_month_of_the_year(context: Context, plan_2026) -> None:
    for month in (2, 10, 12):
        alone = month_plan(context, 2026, month).entries
        assert alone == [e for e in plan_2026.entries if e.day.month == month]


def test_december_is_planned_without_next_years_calendar(context: Context) -> None:
    plan = month_plan(context, 2026, 12)
    assert not plan.provisional
    assert [y.year for y in context.calendar.used()] == [2025, 2026]


def test_an_unknown_year_is_refused(context: Context) -> None:
    with pytest.raises(UnknownYear):
        year_plan(context, 2027)


def test_provisional_year_rests_on_weekends_only_and_is_marked(tmp_path: Path) -> None:
    plan = year_plan(context_of(shipped_copy(tmp_path), provisional=True), 2027)
    assert plan.provisional
    assert plan.label == "2027年度培训计划（暂定）"
    assert {e.day.weekday() < 5 for e in plan.entries} == {True}
    # National Day is not known yet: October's assessment falls on its third weekday, 5 October.
    assert {e.day for e in plan.entries if e.kind == ASSESSMENT and e.day.month == 10} == {D("2027-10-05")}
    deadlines = {e.uid: e.day for e in plan.entries if e.kind == DEADLINE}
    assert deadlines["deadline.2027-03.approve"] == D("2027-02-26")  # 28 February 2027 is a Sunday


def test_an_override_file_plans_the_unknown_year(tmp_path: Path) -> None:
    project = shipped_copy(tmp_path)
    (project.curriculum / "calendar" / "2027.yaml").write_text(OVERRIDE_2027, encoding="utf-8")
    context = context_of(project)
    plan = year_plan(context, 2027)
    assert not plan.provisional
    days = {e.day for e in plan.entries}
    assert not days & {D("2027-10-01") + dt.timedelta(days=n) for n in range(7)}
    assert days & {D("2027-02-13"), D("2027-10-09")}  # the make-up Saturdays are worked
    assert all(context.calendar.is_working_day(d) for d in days)
    assert "2027年：curriculum/calendar/2027.yaml（测试用的节假日安排（不是真实的安排））" in plan.sources


def test_a_roster_names_instructors_and_inducts_the_months_new_hires(context: Context) -> None:
    roster = load_roster(ROSTER, list(context.roles.values()))
    plan = month_plan(context, 2026, 12, roster)
    induction = [e for e in plan.entries if e.kind == INDUCTION]
    assert {e.trainees for e in induction} == {("褚新人", "卫新人")}
    assert {e.day for e in induction} == {D("2026-12-15"), D("2026-12-16"), D("2026-12-17"), D("2026-12-18")} | {
        D("2026-12-21")
    }
    coach = {name for e in induction for name in e.names.get("job_coach", ())}
    assert coach == {"郑教练"}  # the coach of the new hires' own team
    (theory,) = [e for e in plan.entries if e.uid.endswith(".assessment") and e.kind == ASSESSMENT]
    assert theory.day == D("2026-12-28")
    leaders = {n for e in plan.entries if e.kind == SESSION for n in e.names.get("cs_team_leader", ())}
    assert leaders == {"孙班长", "周班长"}  # taking the sessions in turn


def test_the_moves_are_listed_in_the_order_of_their_days(context: Context) -> None:
    """The 冲突与调整 list reads down the month, as the plan's rows do, not in placing order."""
    topics, _ = read_grades(GRADES)
    focus, _ = select_focus(context, topics)
    plan = month_plan(context, 2026, 12, load_roster(ROSTER, list(context.roles.values())), focus)
    assert [n.day for n in plan.adjustments] == [D("2026-12-03"), D("2026-12-15"), D("2026-12-28"), D("2026-12-29")]


def test_staff_arriving_after_the_last_fire_session_get_a_make_up(context: Context) -> None:
    roster = load_roster(ROSTER, list(context.roles.values()))
    plan = year_plan(context, 2026, roster)
    fire_days = [e.day for e in plan.entries if e.kind == SESSION and e.programme == "fire"]
    (makeup,) = [e for e in plan.entries if e.uid == "fire.makeup.2026"]
    assert makeup.trainees == ("褚新人", "卫新人")
    assert makeup.day == D("2026-12-29") > max(d for d in fire_days if d != makeup.day)
    need = context.policy.programme("fire").coverage_per_person_per_year
    for member in roster.staff:
        if member.role in ("cs_staff", "new_hire"):
            covered = sum(
                1
                for e in plan.entries
                if e.programme == "fire"
                and e.kind == SESSION
                and (not e.trainees or member.name in e.trainees)
                and e.day >= (member.arrival or e.day)
            )
            assert covered >= need, member.name


def test_the_weakest_topics_become_the_months_focus(context: Context) -> None:
    topics, warnings = read_grades(GRADES)
    assert len(topics) == 5 and len(warnings) == 3
    focus, more = select_focus(context, topics)
    assert [t.topic for t in focus] == ["case_study", "complaint_handling", "extinguishers"]
    assert more == ["课题“knitting”不在任何在岗培训的频次组中，不作为本月重点"]
    plan = month_plan(context, 2026, 12, focus=focus)
    marked = {t for e in plan.entries for t in e.topics if any(r.startswith("本月重点") for r in e.remarks)}
    assert {"case_study", "complaint_handling"} <= marked
    # Every topic comes round in its period, so no session has to be given another topic.
    assert [e for e in plan.entries if any(r.startswith("按上次考核结果改讲") for r in e.remarks)] == []
    assert plan.notes == ["重点课题“各类灭火器的使用”本月没有可调整的课，请另行安排。"]  # no fire session in December
