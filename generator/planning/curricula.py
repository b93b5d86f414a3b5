"""Per-role curricula: what each role of the policy attends, teaches, approves and assesses.

Everything here is read off the policy and the modules — the programmes' audiences and
instructors, the planning, induction, in-post and assessment rules — so a role page changes
when the policy does and never has to be written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.loader import Module
from ..models.content import GENERAL, Role
from ..models.policy import Instructor, Policy, Programme
from .entries import ANALYSIS, DEADLINE, Plan
from .plan_text import PART_NAMES


@dataclass
class RoleCurriculum:
    """One role's share of the training, each list in the policy's own order."""

    role: Role
    attends: list[Programme] = field(default_factory=list)
    studies: list[Module] = field(default_factory=list)
    teaches: list[tuple[Programme, Instructor]] = field(default_factory=list)
    teaches_modules: list[Module] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    approves: list[str] = field(default_factory=list)
    assesses: list[str] = field(default_factory=list)
    assessed: list[str] = field(default_factory=list)
    deadlines: list = field(default_factory=list)


def _names(policy: Policy, programme_ids: list[str]) -> str:
    return "、".join(policy.programme(p).name for p in programme_ids)


def _planning(policy: Policy, role_id: str, names: dict[str, str]) -> tuple[list[str], list[str]]:
    planning, monthly, annual = policy.planning, policy.planning.monthly_plan, policy.planning.annual_plan
    plans, approves = [], []
    if planning.drafted_by == role_id:
        plans += [
            f"每月 {monthly.draft_by_day} 日前拟订下月培训计划，报{names[planning.approved_by]}",
            f"每年 {annual.month} 月 {annual.draft_by_day} 日前拟订下一年度培训计划，报{names[planning.approved_by]}",
        ]
    if planning.approved_by == role_id:
        approves += [
            f"每月 {monthly.approve_by_day} 日前审批下月培训计划（没有这一天的月份，为当月最后一天）",
            f"每年 {annual.month} 月 {annual.review_by_day} 日前审核下一年度培训计划",
        ]
    if policy.assessment.revision_reviewed_by == role_id:
        approves.append("审核根据考核结果修订的培训计划，审核后实施")
    return plans, approves


def _assessing(policy: Policy, role_id: str) -> list[str]:
    rules, items = policy.assessment, []
    if policy.induction_rules.theory_by == role_id:
        items.append(f"新员工到岗后第 {rules.induction_theory_on_working_day} 个工作日组织岗前培训理论考核")
    if policy.planning.drafted_by == role_id:
        parts = "和".join(PART_NAMES[p] for p in rules.monthly.parts)
        items += [
            f"每月前 {rules.monthly.within_first_working_days} 个工作日内组织上月培训的考核（{parts}）",
            f"每 {rules.fire_every_months} 个月组织一次消防知识考核",
            f"考核后 {rules.analysis_within_days} 天内分析考核结果，决定是否修订培训计划",
        ]
    return items


def _in_post(policy: Policy, role_id: str, names: dict[str, str]) -> list[str]:
    induction, post, duties = policy.induction_rules, policy.in_post_rules, []
    if induction.theory_by == role_id:
        duties.append(f"新员工到岗后 {induction.theory_within_working_days} 个工作日内讲授岗前培训的理论部分")
    if induction.practice_arranged_by == role_id:
        duties.append("负责本班新员工岗位实习部分的培训及安排")
    if post.instructor_named_in_advance_by == role_id:
        duties.append("根据培训计划事先确定每次培训的讲师")
        duties.append(f"每周授课不少于 {post.supervisor_weekly_class_hours_min:g} 个课时")
        if post.supervisor_on_site_at:
            duties.append(f"{_names(policy, post.supervisor_on_site_at)}时在现场监督")
        if post.record_form_every_session:
            form = next((r.name for r in policy.records if r.id == "training_record_form"), "培训记录表")
            duties.append(f"每次培训都填写《{form}》")
    return duties


def _assessed(policy: Policy, role_id: str, attends: list[Programme]) -> list[str]:
    rules, items = policy.assessment, []
    if role_id in policy.induction.audience:
        items.append(f"到岗后第 {rules.induction_theory_on_working_day} 个工作日参加理论考核，合格后正式上岗")
    if any(p.frequencies for p in attends):
        parts = "和".join(PART_NAMES[p] for p in rules.monthly.parts)
        items.append(f"每月前 {rules.monthly.within_first_working_days} 个工作日内参加上月培训的考核（{parts}）")
        items.append(f"每 {rules.fire_every_months} 个月参加一次消防知识考核")
    return items


def _index(items: list[str], item: str) -> int:
    return items.index(item) if item in items else len(items)


def role_curriculum(policy: Policy, roles: list[Role], modules: list[Module], role: Role) -> RoleCurriculum:
    names = {r.id: r.name for r in roles}
    sections = [GENERAL] + [p.id for p in policy.programmes]  # the site's order of sections
    ordered = sorted(modules, key=lambda m: (_index(sections, m.head.programme), m.head.order, m.head.id))
    found = RoleCurriculum(role)
    found.attends = [p for p in policy.programmes if role.id in p.audience]
    found.studies = [m for m in ordered if role.id in m.head.audience]
    found.teaches = [(p, i) for p in policy.programmes for i in p.instructors if i.role == role.id]
    found.teaches_modules = [m for m in ordered if m.head.instructor == role.id]
    found.duties = [d.duty for d in policy.responsibilities if d.role == role.id] + _in_post(policy, role.id, names)
    found.plans, found.approves = _planning(policy, role.id, names)
    found.assesses = _assessing(policy, role.id)
    found.assessed = _assessed(policy, role.id, found.attends)
    return found


def curricula(policy: Policy, roles: list[Role], modules: list[Module], plan: Plan | None) -> list[RoleCurriculum]:
    """Every role's curriculum, with the dated deadlines of the site's plan when there is one."""
    found = [role_curriculum(policy, roles, modules, role) for role in roles]
    if plan is not None:
        for item in found:
            item.deadlines = [
                e for e in plan.entries if e.kind in (DEADLINE, ANALYSIS) and item.role.id in e.responsible
            ]
    return found
