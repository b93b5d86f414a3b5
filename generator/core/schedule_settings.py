"""Read curriculum/schedule.yaml and check it against the policy it serves."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..models.policy import Frequency, Policy
from ..models.schedule import GroupPlan, ScheduleSettings
from .errors import CheckFailed, Problem
from .messages import problems_from
from .sources import Key, Locator, read_yaml

SETTINGS_NAME = "schedule.yaml"


def group_key(programme_id: str, group: Frequency) -> str:
    return f"{programme_id}.{group.id}"


def frequency_groups(policy: Policy) -> dict[str, tuple[str, Frequency]]:
    """Every frequency group of the policy by its key, with its programme's id."""
    return {group_key(p.id, f): (p.id, f) for p in policy.programmes for f in p.frequencies}


def settings_path(curriculum: Path) -> Path:
    return curriculum / SETTINGS_NAME


def load_settings(curriculum: Path, policy: Policy, label: str = f"curriculum/{SETTINGS_NAME}") -> ScheduleSettings:
    """The validated settings; every mistake is reported with its line and column."""
    path = settings_path(curriculum)
    if not path.is_file():
        raise CheckFailed([Problem(label, 1, 1, "（文件）", f"找不到培训日程设置文件，请新建 {label}")])
    source, problem = read_yaml(path, label)
    if problem is not None:
        raise CheckFailed([problem])
    try:
        settings = ScheduleSettings.model_validate(source.data if source.data is not None else {})
    except ValidationError as error:
        raise CheckFailed(problems_from(error, source.locator)) from error
    problems = check_settings(settings, policy, source.locator)
    if problems:
        raise CheckFailed(problems)
    return settings


def check_settings(settings: ScheduleSettings, policy: Policy, locator: Locator) -> list[Problem]:
    """What the schema cannot see: agreement with the policy's groups and deadlines."""
    groups = frequency_groups(policy)
    problems = []
    for key, plan in settings.groups.items():
        if key not in groups:
            known = "、".join(groups)
            problems.append(locator.problem(("groups", key), f"policy.yaml 中没有频次组“{key}”，应为 {known} 之一"))
        else:
            _programme_id, group = groups[key]
            problems += _group_problems(plan, group, locator, ("groups", key))
    allowed = policy.assessment.monthly.within_first_working_days
    if settings.assessment.working_day > allowed:
        message = (
            f"规程要求在每月前 {allowed} 个工作日内考核，应不大于 {allowed}，实际为：{settings.assessment.working_day}"
        )
        problems.append(locator.problem(("assessment", "working_day"), message))
    if settings.day.lunch_start >= settings.day.lunch_end:
        problems.append(locator.problem(("day", "lunch_end"), "午休结束应晚于午休开始"))
    if settings.day.end <= max(settings.day.start, settings.day.lunch_end):
        problems.append(locator.problem(("day", "end"), "下班时间应晚于上课开始和午休结束"))
    if settings.practice_venue == settings.venue:
        message = "岗位实习在岗位上进行，地点应与培训室不同（同一时间培训室只能上一堂课）"
        problems.append(locator.problem(("practice_venue",), message))
    return problems


def _group_problems(plan: GroupPlan, group: Frequency, locator: Locator, where: tuple[Key, ...]) -> list[Problem]:
    problems = []
    if plan.topics_per_session is not None and plan.topics_per_session > len(group.topics):
        message = (
            f"该组只有 {len(group.topics)} 个课题，应不大于 {len(group.topics)}，实际为：{plan.topics_per_session}"
        )
        problems.append(locator.problem((*where, "topics_per_session"), message))
    if plan.slots is None:
        return problems
    if len(plan.slots) != group.sessions:
        message = f"规程规定每个周期 {group.sessions} 次课，应写 {group.sessions} 条，实际为：{len(plan.slots)} 条"
        problems.append(locator.problem((*where, "slots"), message))
    field = "week" if group.unit == "week" else "month"
    for index, slot in enumerate(plan.slots):
        if getattr(slot, field) > group.every:
            unit = "周" if group.unit == "week" else "个月"
            message = f"周期只有 {group.every} {unit}，应不大于 {group.every}，实际为：{getattr(slot, field)}"
            problems.append(locator.problem((*where, "slots", index, field), message))
    return problems
