"""Rendered pages of the fixture curriculum match the golden files beside this test.

After an intended change of a template, refresh them with ``pytest --update-golden`` and review
the diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import unchecked

from generator.core.errors import CheckFailed
from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.site.render import render_site

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "mini"


def test_rendered_pages_match_golden_files(mini: Project, update_golden: bool) -> None:
    pages = render_site(check(mini), mini.templates).pages
    if update_golden:
        for stale in GOLDEN.rglob("*.md"):
            stale.unlink()
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file"


def test_policy_page_carries_the_policy_figures(mini: Project) -> None:
    found = check(mini)
    page = render_site(found, mini.templates).pages["policy.md"]
    policy = found.policy
    assert f"{policy.assessment.pass_mark:g} 分及以上为合格" in page
    for target in policy.cohort_targets:
        assert f"| 第 {target.sitting} 次 | {target.pass_rate:g}% |" in page
    for deduction in policy.deductions.attendance:
        assert f"| {deduction.name} | {deduction.points} |" in page


def test_policy_page_follows_a_changed_figure(mini: Project) -> None:
    policy_file = mini.curriculum / "policy.yaml"
    policy_file.write_text(policy_file.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 85"), "utf-8")
    page = render_site(check(mini), mini.templates).pages["policy.md"]
    assert "85 分及以上为合格" in page
    assert "80 分及以上" not in page


def test_text_from_yaml_cannot_inject_markup(mini: Project) -> None:
    roles = mini.curriculum / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("name: 客服主管", "name: <script>x()</script>"), "utf-8")
    with pytest.raises(CheckFailed):
        check(mini)  # check refuses it; rendered all the same, it stays text
    page = render_site(unchecked(mini), mini.templates).pages["policy.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
