"""The site's schedule pages and per-role pages: generated from the policy, role names only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.errors import CheckFailed
from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.site.render import render_site

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "schedule"
GOLDEN_PAGES = ("schedule/index.md", "schedule/2026-10.md", "roles/cs_supervisor.md", "roles/office_director.md")
ROLES = ("new_hire", "cs_staff", "cs_team_leader", "job_coach", "cs_supervisor", "safety_supervisor")
ROLES += ("security_team_leader", "office_director")


@pytest.fixture
def scheduled(mini: Project) -> Project:
    """The fixture curriculum with the shipped schedule settings (site year 2026)."""
    shutil.copy(REPO / "curriculum" / "schedule.yaml", mini.curriculum / "schedule.yaml")
    return mini


def pages_of(project: Project) -> dict[str, str]:
    return render_site(check(project), project.templates).pages


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_schedule_and_role_pages_match_golden_files(scheduled: Project, update_golden: bool) -> None:
    pages = pages_of(scheduled)
    for path in GOLDEN_PAGES:
        golden = GOLDEN / path
        if update_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(pages[path], encoding="utf-8")
        assert pages[path] == golden.read_text(encoding="utf-8"), f"{path} differs from its golden file"


def test_one_page_per_role_and_per_month_in_the_nav(scheduled: Project) -> None:
    rendered = render_site(check(scheduled), scheduled.templates)
    assert {f"roles/{r}.md" for r in ROLES} <= set(rendered.pages)
    months = {f"schedule/2026-{m:02d}.md" for m in range(1, 13)}
    assert months | {"schedule/index.md", "schedule/list.md", "roles.md"} <= set(rendered.pages)
    (schedule,) = [item["培训日程"] for item in rendered.nav if "培训日程" in item]
    assert {next(iter(entry.values())) for entry in schedule} == months | {"schedule/index.md", "schedule/list.md"}
    (roles,) = [item["角色与职责"] for item in rendered.nav if "角色与职责" in item]
    assert [next(iter(entry.values())) for entry in roles] == ["roles.md", *(f"roles/{r}.md" for r in ROLES)]


def test_without_schedule_settings_the_site_has_role_pages_only(mini: Project) -> None:
    pages = pages_of(mini)
    assert "roles/cs_supervisor.md" in pages
    assert not [p for p in pages if p.startswith("schedule/")]


def test_role_pages_follow_the_policy(scheduled: Project) -> None:
    edit(scheduled.curriculum / "policy.yaml", "draft_by_day: 25", "draft_by_day: 24")
    edit(
        scheduled.curriculum / "policy.yaml",
        "supervisor_weekly_class_hours_min: 2",
        "supervisor_weekly_class_hours_min: 3",
    )
    pages = pages_of(scheduled)
    supervisor = pages["roles/cs_supervisor.md"]
    assert "- 每月 24 日前拟订下月培训计划，报管理处主任" in supervisor
    assert "- 每周授课不少于 3 个课时" in supervisor
    assert "| 11月24日（周二） | 拟订2026年12月培训计划，报管理处主任 |  |" in supervisor


def test_an_unknown_site_year_is_shown_as_provisional(scheduled: Project) -> None:
    edit(scheduled.curriculum / "schedule.yaml", "site_year: 2026", "site_year: 2027")
    pages = pages_of(scheduled)
    for path in ("schedule/index.md", "schedule/list.md", "schedule/2027-05.md"):
        assert '!!! warning "暂定"' in pages[path], path
    assert pages["schedule/2027-05.md"].startswith("# 2027年5月培训日程（暂定）")
    assert "| 暂定" in pages["schedule/list.md"]


def test_settings_text_cannot_inject_markup(scheduled: Project) -> None:
    edit(scheduled.curriculum / "schedule.yaml", "venue: 管理处前广场", "venue: <img src=x onerror=alert(1)>")
    month = pages_of(scheduled)["schedule/2026-01.md"]
    assert "<img" not in month
    assert "&lt;img src=x onerror=alert(1)&gt;" in month


def test_mistakes_in_the_settings_are_located(scheduled: Project) -> None:
    settings = scheduled.curriculum / "schedule.yaml"
    edit(settings, 'start: "08:00"', 'start: "8点"')
    with pytest.raises(CheckFailed) as failed:
        pages_of(scheduled)
    assert [str(p) for p in failed.value.problems] == [
        'curriculum/schedule.yaml:59:12: groups.drill.bimonthly.start: 应为时刻，如 "14:00"，实际为：8点',
    ]
    edit(settings, 'start: "8点"', "start: 08:00")  # unquoted: YAML reads a sexagesimal 480, still understood
    edit(settings, "working_day: 3", "working_day: 6")
    edit(settings, "      - {week: 2, weekday: 3}\n", "")
    edit(settings, "regular.monthly_cases:", "regular.monthly_case:")
    with pytest.raises(CheckFailed) as failed:
        pages_of(scheduled)
    assert [str(p) for p in failed.value.problems] == [
        "curriculum/schedule.yaml:26:16: assessment.working_day: "
        "规程要求在每月前 5 个工作日内考核，应不大于 5，实际为：6",
        "curriculum/schedule.yaml:47:7: groups.regular.fortnightly.slots: "
        "规程规定每个周期 3 次课，应写 3 条，实际为：2 条",
        "curriculum/schedule.yaml:50:5: groups.regular.monthly_case: policy.yaml 中没有频次组“regular.monthly_case”，"
        "应为 regular.weekly、regular.fortnightly、regular.monthly_cases、regular.monthly_knowledge、drill.bimonthly、"
        "fire.quarterly 之一",
    ]
