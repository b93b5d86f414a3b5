"""Where a reader goes next: the start page and the new hire's role page list the same modules,
every self-check ends with a 下一步 that leads on, and the home page links the main entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.core.handbook import load_checked
from generator.core.project import Project
from generator.site.render import render_site

REPO = Path(__file__).resolve().parents[2]
MODULE_LINK = re.compile(r"\]\((?:\.\./)?modules/([\w-]+)\.md\)")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    from tests.conftest import REPO

    project = Project(REPO)
    return render_site(load_checked(project), project.templates).pages


def test_start_page_and_new_hire_role_page_list_the_same_modules(pages) -> None:
    start = set(MODULE_LINK.findall(pages["start.md"]))
    role = set(MODULE_LINK.findall(pages["roles/new_hire.md"]))
    assert start == role
    assert len(start) > 7  # the day plan's modules and the common ones


def test_start_page_links_the_theory_exam(pages) -> None:
    assert "(quizzes/exam-induction-theory.md)" in pages["start.md"]


def test_every_self_check_ends_with_a_next_step(pages) -> None:
    checks = {path: text for path, text in pages.items() if path.startswith("quizzes/") and "self-check" in text}
    assert checks
    for path, text in checks.items():
        tail = text.split("## 下一步", 1)
        assert len(tail) == 2, path
        assert MODULE_LINK.search(tail[1]) or "(../programmes/" in tail[1], path


def test_home_page_links_start_quizzes_schedule_and_policy(pages) -> None:
    for target in ("(start.md)", "(quizzes/index.md)", "(schedule/index.md)", "(policy.md)"):
        assert target in pages["index.md"]


def test_a_new_hire_is_told_what_to_do_about_facts_not_filled_in(pages) -> None:
    """The start page is a new hire's: it says to ask about a 【待本处填写】 and how many are
    needed in an emergency, and leaves the list of what to fill to the supervisors' policy page."""
    start, policy = pages["start.md"], pages["policy.md"]
    section = start[start.index("{ #missing-facts }") :]
    assert "请问带教老师或客服主管" in section and "请在第一天就问清楚" in section
    assert "](policy.md#missing-facts)" in section
    assert "curriculum/office.yaml" not in start and "curriculum/office.yaml" in policy
    listed = policy[policy.index("{ #missing-facts }") :]
    assert f"全部 {listed.count(chr(10) + '- ')} 项" in section
