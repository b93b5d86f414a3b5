"""Handing in to the exam room's collector from a phone: 口令 once, the receipt, the grader agrees."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.core.published import published_feedback_form
from generator.grading import grade
from tests.chromium import AXE, CHROMIUM, require

from .answering import answer
from .test_safety_and_access import axe_violations

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "collect"))
from collect_support import running

EXAM = "exam-induction-theory"
ROSTER = """staff:
  - {id: N2001, name: 陈新, role: new_hire, team: 一班, arrival: 2026-11-16}
  - {id: N2002, name: 周悦, role: new_hire, team: 一班, arrival: 2026-11-16}
  - {id: E0007, name: 王讲师, role: cs_supervisor, team: 一班, arrival: 2020-01-06}
"""
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def collector(online_site: Project, tmp_path: Path):
    require(CHROMIUM, "chromium")
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER, encoding="utf-8")
    with running(online_site, tmp_path / "out", roster=roster) as serving:
        yield serving


def _phone(browser):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    return context, page, errors, downloads


def _sit(page, base: str, bank, trainee: tuple[str, str]) -> None:
    page.goto(f"{base}/quizzes/{bank.id}/")
    page.wait_for_selector(".hb-q")
    page.get_by_label("工号").fill(trainee[0])
    page.get_by_label("姓名").fill(trainee[1])
    for question in bank.questions:
        answer(page, question)
    page.get_by_role("button", name="交卷").click()


def test_a_phone_hands_in_to_the_collector_and_sees_the_receipt(browser, collector, online_site, tmp_path):
    found = check(online_site)
    bank = next(b.bank for b in found.banks if b.bank.id == EXAM)
    base = f"http://127.0.0.1:{collector.port}"
    context, page, errors, downloads = _phone(browser)
    _sit(page, base, bank, ("N2001", "陈新"))
    panel = page.locator(".hb-collect")
    expect(panel).to_contain_text("输入监考人公布的考场口令")
    if AXE.is_file():
        assert axe_violations(page) == []
    wrong = "000000" if collector.pin != "000000" else "111111"
    page.get_by_label("考场口令").fill(wrong)
    page.get_by_role("button", name="提交到考场").click()
    expect(panel).to_contain_text("口令不对")
    page.get_by_label("考场口令").fill(collector.pin)
    page.get_by_role("button", name="提交到考场").click()
    expect(panel).to_contain_text("已交到考场")
    expect(panel).to_contain_text("回执 1 号")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if AXE.is_file():
        assert axe_violations(page) == []
    page.reload()
    expect(page.locator(".hb-collect")).to_contain_text("回执 1 号")  # still there, not sent again

    # The feedback form on the same phone: the 口令 is not asked again.
    form = published_feedback_form(found.policy)
    page.goto(f"{base}/quizzes/feedback/?session=2026-12-03-regular&instructor=E0007")
    page.wait_for_selector(".hb-q")
    page.get_by_label("工号", exact=True).fill("N2001")
    page.get_by_label("姓名").fill("陈新")
    for question in form["questions"][:-1]:
        page.locator(f"#q-{question['id']} input[value='true']").check()
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".hb-collect")).to_contain_text("回执 2 号")
    assert downloads == []
    assert errors == []
    context.close()

    kept = sorted((collector.collector.store.results).glob("*.json"))
    assert [f.name[:5] for f in kept] == ["00001", "00002"]
    grades = grade(online_site, [collector.collector.store.results], tmp_path / "roster.yaml")
    assert grades.rejected == []
    assert [(a.trainee_id, a.quiz_id, a.score) for a in grades.attempts] == [("N2001", EXAM, 100)]
    assert [(s.session_id, s.responses) for s in grades.instructors] == [("2026-12-03-regular", 1)]


def test_the_supervisor_sees_who_has_handed_in(browser, collector, online_site, tmp_path):
    bank = next(b.bank for b in check(online_site).banks if b.bank.id == EXAM)
    base = f"http://127.0.0.1:{collector.port}"
    context, page, errors, _ = _phone(browser)
    page.add_init_script(f"localStorage.setItem('hb:pin:{collector.collector.run}', '{collector.pin}')")
    _sit(page, base, bank, ("N2002", "周悦"))
    expect(page.locator(".hb-collect")).to_contain_text("已交到考场")  # the 口令 known: sent at once
    context.close()
    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    desk.goto(f"{base}/supervisor/")
    expect(desk.locator("#counts")).to_contain_text("已交 1 人 / 花名册 3 人，共收到 1 份结果")
    row = desk.locator("tr", has_text="周悦")
    expect(row).to_contain_text("已交")
    expect(row).to_contain_text("回执 1 号")
    expect(desk.locator("tr", has_text="陈新")).to_contain_text("未交")
    expect(desk.locator("#pin")).to_have_text(collector.pin)
    if AXE.is_file():
        assert axe_violations(desk) == []
    desk.goto(f"{base}/supervisor/projector")
    expect(desk.locator(".pin strong")).to_have_text(collector.pin)
    assert desk.locator(".qr svg").count() == 1
    if AXE.is_file():
        assert axe_violations(desk) == []
    desk.close()
    assert errors == []
