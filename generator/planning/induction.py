"""The induction （岗前培训）: its days packed from the induction modules, then put on working days.

``day_plan`` fills the programme's days from its modules in teaching order. On the calendar,
day 1 is the first working day after the arrival date; the theory assessment falls on the
policy's n-th working day after arrival, counted the same way, so an arrival before a holiday
carries both across it (and onto a make-up Saturday when there is one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.errors import HandbookError
from ..core.loader import Module
from ..models.policy import Programme
from .entries import ASSESSMENT, INDUCTION, Entry, Plan, clock_span
from .plan_text import date_text
from .sessions import Context


@dataclass(frozen=True)
class Slot:
    """Part of one induction day given to one module."""

    day: int
    hours: float
    module: Module


def day_plan(induction: Programme, modules: list[Module]) -> list[Slot]:
    """Fill each day up to its share of the class hours, modules in their ``order``.

    A module longer than what is left of a day carries on the next day, so the job
    practice spreads over the last days while the theory comes first, as the policy wants.
    """
    per_day = (induction.class_hours or 0) / (induction.days or 1)  # both set: the policy checks it
    slots: list[Slot] = []
    day, left = 1, per_day
    for module in sorted(modules, key=lambda m: (m.head.order, m.head.id)):
        remaining = module.head.class_hours
        while remaining > 0:
            taken = min(remaining, left)
            slots.append(Slot(day, taken, module))
            remaining -= taken
            left -= taken
            if left <= 0:
                day, left = day + 1, per_day
    return slots


@dataclass(frozen=True)
class Newcomer:
    """Whose induction is planned: ``key`` keeps calendar ids apart, ``names`` fill the plan."""

    arrival: dt.date
    key: str
    trainees: tuple[str, ...] = ()
    instructors: dict[str, tuple[str, ...]] | None = None
    team: str = ""
    """The trainees' team, whose leader and coach teach the practice."""


def induction_days(context: Context, arrival: dt.date) -> list[dt.date]:
    programme = context.policy.induction
    return [context.calendar.nth_working_day_after(arrival, n) for n in range(1, (programme.days or 0) + 1)]


def theory_assessment_day(context: Context, arrival: dt.date) -> dt.date:
    return context.calendar.nth_working_day_after(arrival, context.policy.assessment.induction_theory_on_working_day)


def _check_theory_first(context: Context, slots: list[Slot]) -> None:
    rules = context.policy.induction_rules
    late = [
        s for s in slots if s.module.head.instructor == rules.theory_by and s.day > rules.theory_within_working_days
    ]
    if late:
        module = late[0].module.head
        raise HandbookError(
            f"岗前培训的理论模块“{module.title}”排在第 {late[0].day} 天，规程要求到岗后 "
            f"{rules.theory_within_working_days} 个工作日内讲完理论部分：请把理论模块的 order 调小，排到实习之前。"
        )


def induction_entries(context: Context, newcomer: Newcomer) -> list[Entry]:
    """Every class of the induction, timed through each day, and the theory assessment."""
    programme = context.policy.induction
    modules = [m for m in context.modules if m.head.programme == programme.id]
    slots = day_plan(programme, modules)
    _check_theory_first(context, slots)
    days = induction_days(context, newcomer.arrival)
    entries, clock, current = [], context.settings.day.start, 0
    for number, slot in enumerate(slots, 1):
        if slot.day != current:
            clock, current = context.settings.day.start, slot.day
        minutes = round(slot.hours * context.settings.class_hour_minutes)
        start, clock = clock_span(clock, minutes, context.settings.day)
        entries.append(_class_entry(context, programme, newcomer, slot, days[slot.day - 1], start, minutes, number))
    entries.append(_assessment_entry(context, programme, newcomer))
    return entries


def at_post(programme: Programme, role: str) -> bool:
    """Whether a role's part of the programme is job practice, taught at the post."""
    return any(i.role == role and i.at_post for i in programme.instructors)


def _class_entry(context, programme, newcomer, slot, day, start, minutes, number) -> Entry:
    head = slot.module.head
    remarks = [f"第 {slot.day} 天"]
    venue = context.settings.practice_venue if at_post(programme, head.instructor) else context.settings.venue
    if context.calendar.is_make_up(day):
        remarks.append(context.calendar.note(day))
    return Entry(
        uid=f"induction.{newcomer.key}.{number}",
        kind=INDUCTION,
        day=day,
        title=head.title,
        programme=programme.id,
        start=start,
        minutes=minutes,
        hours=slot.hours,
        topics=tuple(head.topics),
        modules=(head.id,),
        instructors=(head.instructor,),
        audience=tuple(programme.audience),
        venue=venue,
        remarks=tuple(remarks),
        names=_names(newcomer, (head.instructor,)),
        trainees=newcomer.trainees,
    )


def _assessment_entry(context: Context, programme: Programme, newcomer: Newcomer) -> Entry:
    rules = context.policy
    nth = rules.assessment.induction_theory_on_working_day
    runner = rules.induction_rules.theory_by
    return Entry(
        uid=f"induction.{newcomer.key}.assessment",
        kind=ASSESSMENT,
        day=theory_assessment_day(context, newcomer.arrival),
        title=f"{programme.name}理论考核",
        programme=programme.id,
        start=context.settings.assessment.start,
        minutes=context.settings.assessment.part_minutes,
        responsible=(runner,),
        audience=tuple(programme.audience),
        venue=context.settings.venue,
        remarks=(f"到岗后第 {nth} 个工作日；合格后正式上岗",),
        names=_names(newcomer, (runner,)),
        trainees=newcomer.trainees,
    )


def _names(newcomer: Newcomer, roles: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    if newcomer.instructors is None:
        return {}
    return {role: newcomer.instructors.get(role, ()) for role in roles}


def induction_plan(context: Context, newcomer: Newcomer, title: str) -> Plan:
    """The induction of one new hire (or of several arriving together) as a plan of its own."""
    entries = induction_entries(context, newcomer)
    plan = Plan(
        kind="induction",
        title=title,
        first=newcomer.arrival,
        last=max(e.day for e in entries),
        office=context.settings.office,
        entries=sorted(entries, key=Entry.sort_key),
        with_names=newcomer.instructors is not None or bool(newcomer.trainees),
    )
    plan.period = f"{plan.first.year}年{date_text(plan.first)}到岗，至{plan.last.year}年{date_text(plan.last)}"
    plan.provisional = context.calendar.is_provisional()
    plan.sources = [f"{year.year}年：{year.source}" for year in context.calendar.used()]
    plan.notes = [_supervisor_note(context)]
    return plan


def _supervisor_note(context: Context) -> str:
    rules = context.policy.induction_rules
    return (
        f"理论部分由{context.role_name(rules.theory_by)}在到岗后 {rules.theory_within_working_days} 个工作日内讲完；"
        f"岗位实习由本班{context.role_name(rules.practice_arranged_by)}安排。"
    )
