"""Markup in a bank or in a typed name stays text; axe finds no serious problem at 360 px; the
controls a thumb has to hit are big enough at 320 px; text is set in the Chinese system fonts."""

from __future__ import annotations

import pytest
from hostile import unchecked

from generator.core.project import Project
from generator.site.build import generate
from generator.site.engine import build_site
from tests.chromium import AXE, require

from .conftest import copy_mini, quiz_url

HOSTILE_STEM = '<img src="x" onerror="window.__pwned = 1">火警电话是多少？'
EXAM_BANK = f"""id: mini-exam
module: regular-sample
title: 注入测试考核
mode: exam
questions:
  - id: q01
    type: single
    stem: '{HOSTILE_STEM}'
    options:
      - {{id: a, text: '<b onclick="window.__pwned = 2">119</b>'}}
      - {{id: b, text: '110'}}
    answer: a
    explanation: 火警是 119。
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = copy_mini(tmp_path_factory.mktemp("hostile") / "mini")
    (root / "quizzes" / "mini-exam.yaml").write_text(EXAM_BANK, encoding="utf-8")
    project = Project(root)
    rendered, _ = generate(project, unchecked(project))  # check refuses the markup; the site must not run it
    build_site(project, rendered.nav, offline=True)
    return project


def test_bank_and_typed_markup_stay_text(phone, hostile_site: Project) -> None:
    phone.goto(quiz_url(hostile_site.site.as_uri(), "mini-exam", offline=True))
    phone.wait_for_selector(".hb-q")
    assert HOSTILE_STEM in phone.locator("#q-q01 legend").inner_text()
    phone.get_by_label("姓名").fill("<script>window.__pwned = 3</script>")
    phone.get_by_label("工号").fill('"><img src=x onerror="window.__pwned=4">')
    phone.locator("#q-q01 label").first.click()
    phone.locator("#q-q01 input").first.check()
    with phone.expect_download():
        phone.get_by_role("button", name="交卷").click()
    phone.reload()
    phone.wait_for_selector(".hb-q")
    assert phone.evaluate("window.__pwned") is None
    assert phone.locator("#q-q01 img, #q-q01 b").count() == 0


def axe_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not as a script element: the site's policy would block it
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("bank_id", ["fire-escape-evacuation", "exam-fire-quarterly", "feedback"])
def test_axe_finds_no_serious_violation_at_360_px(phone, server: str, bank_id: str) -> None:
    require(AXE, "axe-core")
    phone.goto(quiz_url(server, bank_id, offline=False))
    phone.wait_for_selector(".hb-q")
    assert axe_violations(phone) == []


TAP = 40
"""The least height and width, in CSS pixels, of a control a thumb has to hit on a phone."""
SIZES = "(es) => es.map((e) => [e.textContent, e.getBoundingClientRect().width, e.getBoundingClientRect().height])"


@pytest.mark.parametrize(("path", "controls"), [("glossary/", ".hb-jump a")])
def test_controls_are_big_enough_to_tap_at_320_px(browser, server: str, path: str, controls: str) -> None:
    """On the narrowest phone, each of these controls is at least TAP pixels each way."""
    context = browser.new_context(viewport={"width": 320, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/{path}")
    sizes = page.locator(controls).evaluate_all(SIZES)
    context.close()
    assert sizes and [s for s in sizes if min(s[1:]) < TAP] == []


def test_text_is_set_in_the_chinese_system_fonts_first(phone, server: str) -> None:
    """The theme sets its own font list on body; ours must come ahead of it, not be overridden."""
    phone.goto(f"{server}/quizzes/feedback/")
    phone.wait_for_selector(".hb-q")
    for element in ("body", ".hb-field input", ".hb-q label", "button"):
        family = phone.locator(element).first.evaluate("(e) => getComputedStyle(e).fontFamily")
        assert family.startswith('"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"'), f"{element}: {family}"
