"""Trainee journeys, walked as a new hire, a trainee and a supervisor would, on a 360-px phone and
a 1366-px desktop. Each step asserts what is on screen and saves a screenshot (HANDBOOK_SHOTS,
by default .cache/shots/journeys, which git ignores) for a person to look at."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.core.published import check_code
from tests.chromium import AXE, require

from .answering import answer
from .conftest import REPO
from .test_safety_and_access import axe_violations

SHOTS = Path(os.environ.get("HANDBOOK_SHOTS", REPO / ".cache" / "shots" / "journeys"))
WIDTHS = [360, 1366]
NOT_SHOWN = re.compile(r"\b(null|undefined|NaN)\b")
LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def handbook():
    return check(Project(REPO))


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def screen(browser, request):
    """A fresh page of the given width that counts every request to another host (and refuses it)."""
    width = request.param
    # A trainee's phone speaks Chinese: the browser's own controls (a file picker, say) do too.
    context = browser.new_context(viewport={"width": width, "height": 800}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.foreign = []
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    context.route("**/*", lambda route: refuse_foreign(route, page.foreign))
    yield page
    context.close()
    assert page.errors == []
    assert page.foreign == []


def refuse_foreign(route, foreign: list[str]) -> None:
    url = route.request.url
    if url.startswith(LOCAL) or urlsplit(url).hostname == "127.0.0.1":
        route.continue_()
    else:
        foreign.append(url)
        route.abort()


def step(page, journey: str, name: str) -> None:
    """What every step checks: no page wider than the screen, no null or undefined on show."""
    page.wait_for_load_state("load")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{journey}/{name} wider than the screen"
    text = page.locator("article").inner_text()
    assert not NOT_SHOWN.search(text), f"{journey}/{name}: {NOT_SHOWN.search(text).group(0)} on screen"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{journey}-{name}-{width}.png"))


def verdict_look(page, question_id: str) -> tuple[str, str, str]:
    box = page.locator(f"#q-{question_id} .hb-fb")
    return box.evaluate(
        "(e) => [getComputedStyle(e).borderLeftColor, getComputedStyle(e).backgroundColor, e.innerText]"
    )


def test_new_hire_from_home_to_the_next_module(screen, server: str, handbook) -> None:
    page = screen
    page.goto(server + "/")
    step(page, "new-hire", "1-home")
    for entry in ("新员工的头五天", "自测与考核", "培训日程", "培训制度"):
        assert page.locator("article").get_by_role("link", name=entry).count() >= 1
    page.locator("article").get_by_role("link", name="新员工的头五天").first.click()
    expect(page.locator("h1")).to_contain_text("新员工的头五天")
    step(page, "new-hire", "2-start")
    induction = [m for m in handbook.modules if m.head.programme == handbook.policy.induction.id]
    first, following = sorted(induction, key=lambda m: (m.head.order, m.head.id))[:2]
    page.locator("article").get_by_role("link", name=first.head.title, exact=True).first.click()
    expect(page.locator("h1")).to_contain_text(first.head.title)
    step(page, "new-hire", "3-module")
    assert page.locator(".md-footer__link--next").count() == 1  # the theme's previous/next footer
    page.get_by_role("link", name=re.compile("做本模块的自测题")).click()
    page.wait_for_selector(".hb-q")
    bank = next(b.bank for b in handbook.banks if b.bank.module == first.head.id and b.bank.mode == "self-check")
    right, wrong = bank.questions[0], bank.questions[1]
    answer(page, right)
    page.locator(f"#q-{right.id}").get_by_role("button", name="检查").click()
    answer(page, wrong, right=False)
    page.locator(f"#q-{wrong.id}").get_by_role("button", name="检查").click()
    right_look, wrong_look = verdict_look(page, right.id), verdict_look(page, wrong.id)
    assert right_look[2].startswith("✓ 回答正确") and wrong_look[2].startswith("✗ 回答错误")
    assert right_look[:2] != wrong_look[:2]
    page.locator(f"#q-{wrong.id}").scroll_into_view_if_needed()
    step(page, "new-hire", "4-self-check")
    if page.viewport_size["width"] == min(WIDTHS) and AXE.is_file():
        assert axe_violations(page) == []  # right and wrong feedback on show, their colours included
    page.get_by_role("button", name="全部检查并计分").click()
    expect(page.locator(".hb-missed li")).to_have_count(len(bank.questions) - 1)
    step(page, "new-hire", "5-score")
    page.locator("#next").scroll_into_view_if_needed()
    step(page, "new-hire", "6-next-step")
    page.locator("article").get_by_role("link", name=following.head.title).click()
    expect(page.locator("h1")).to_contain_text(following.head.title)
    step(page, "new-hire", "7-next-module")


def test_trainee_sits_an_exam_and_gets_a_receipt(screen, server: str, handbook) -> None:
    page = screen
    bank = next(b.bank for b in handbook.banks if b.bank.id == "exam-monthly-written")
    page.goto(f"{server}/quizzes/{bank.id}/?sitting=2026-12-exam")
    page.wait_for_selector(".hb-q")
    step(page, "trainee", "1-exam")
    page.get_by_label("工号").fill("E1001")
    page.get_by_label("姓名").fill("王小红")
    for question in bank.questions:
        answer(page, question)
    with page.expect_download() as download:
        page.get_by_role("button", name="交卷").click()
    data = Path(download.value.path()).read_bytes()
    receipt = page.locator(".hb-receipt")
    expect(receipt).to_be_focused()
    for shown in (bank.title, "王小红", "E1001", f"{len(bank.questions)} / {len(bank.questions)} 题", check_code(data)):
        expect(receipt).to_contain_text(shown)
    assert page.locator("textarea[readonly]").is_hidden()  # the raw text is folded away
    step(page, "trainee", "2-receipt")
    assert page.locator(".hb-form :is(input, textarea, button):not([disabled])").count() == 0
    page.locator(".hb-q").first.scroll_into_view_if_needed()
    step(page, "trainee", "3-locked")


def test_feedback_forms_for_two_sessions_on_one_browser(screen, server: str, handbook) -> None:
    page = screen
    sent = []
    for number, session in enumerate(("2026-12-03-regular", "2026-12-10-regular"), start=1):
        page.goto(f"{server}/quizzes/feedback/?session={session}&instructor=E0007")
        page.wait_for_selector(".hb-q")
        assert page.locator(".hb-receipt").count() == 0  # a new link, a fresh form
        assert page.get_by_label("培训场次编号").input_value() == session
        page.get_by_label("工号", exact=True).fill("E1002")
        page.get_by_label("姓名").fill("李明")
        page.locator(".hb-q input[value='true']").first.check()
        step(page, "feedback", f"{number}-form")
        page.once("dialog", lambda dialog: dialog.accept())
        with page.expect_download() as download:
            page.get_by_role("button", name="提交").click()
        sent.append(json.loads(Path(download.value.path()).read_text(encoding="utf-8")))
        expect(page.locator(".hb-receipt")).to_contain_text(session)
        step(page, "feedback", f"{number}-receipt")
    assert [r["session_id"] for r in sent] == ["2026-12-03-regular", "2026-12-10-regular"]
    page.locator(".hb-history summary").click()
    expect(page.locator(".hb-history")).to_contain_text("2026-12-03-regular")
    page.locator(".hb-history").scroll_into_view_if_needed()
    step(page, "feedback", "3-history")


def test_wrong_answers_reach_my_learning_and_its_review(screen, server: str, handbook) -> None:
    """A self-check answered wrongly, 我的学习 with the book and the module's progress, the review
    quiz of the book, and the controls to move the record to another phone."""
    screen.context.clock.install(time=dt.datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    bank = next(b.bank for b in handbook.banks if b.bank.id == "fire-systems")
    question = bank.questions[0]
    screen.goto(f"{server}/quizzes/{bank.id}/")
    answer(screen, question, right=False)
    screen.locator(f"#q-{question.id}").get_by_role("button", name="检查").click()
    expect(screen.locator(f"#q-{question.id} .hb-next")).to_have_text("已记入错题本，12月1日再练。")
    step(screen, "learning", "1-wrong")
    screen.locator("article a.hb-learning-link").first.click()
    expect(screen.locator("#hb-book")).to_contain_text("重练错题（1 题）")
    expect(screen.locator("#hb-book li")).to_contain_text("错 1 次")
    step(screen, "learning", "2-book")
    screen.get_by_role("link", name="重练错题（1 题）").click()
    expect(screen.locator(".hb-review .hb-q")).to_have_count(1)
    step(screen, "learning", "3-review")
    screen.goto(f"{server}/learning/#move")
    expect(screen.locator("#hb-export")).to_have_value(re.compile(r"^HBL1\."))
    step(screen, "learning", "4-move")


def test_glossary_is_a_flat_list_to_search_and_jump_in(screen, server: str, handbook) -> None:
    page = screen
    page.goto(server + "/glossary/")
    step(page, "glossary", "1-list")
    terms = [t for t, _, _ in handbook.glossary]
    assert page.locator(".hb-terms li").count() == len(terms)
    assert page.locator(".hb-terms li li, .hb-terms dl").count() == 0  # flat: nothing nested
    assert page.evaluate("document.documentElement.scrollHeight") < 300 * len(terms)
    page.get_by_label("查找术语").fill("灭火器")
    shown = page.locator(".hb-terms li:visible")
    assert 0 < shown.count() < len(terms)
    assert all("灭火器" in text for text in shown.all_inner_texts())
    step(page, "glossary", "2-search")
    page.get_by_label("查找术语").fill("")
    page.locator(".hb-jump a").last.click()
    step(page, "glossary", "3-jump")


def test_offline_build_searches_from_disk_with_no_other_host(screen, offline_site: Project) -> None:
    page = screen
    page.goto((offline_site.site / "modules" / "fire-extinguishers.html").as_uri())
    step(page, "offline", "1-module")
    if not page.locator(".md-search__input").is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    page.locator(".md-search__input").fill("灭火器")
    page.locator(".md-search__input").press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert "符合条件的结果" in page.locator(".md-search-result__meta").inner_text()
    page.screenshot(path=str(SHOTS / f"offline-2-search-{page.viewport_size['width']}.png"))


def month_page(site: Path) -> str:
    return sorted(p.name for p in (site / "schedule").iterdir() if re.fullmatch(r"\d{4}-\d{2}", p.name))[0]


AXE_PAGES = [
    "",
    "start/",
    "glossary/",
    "modules/drill-fitness/",  # a module with a table wider than a phone
    "quizzes/fire-escape-evacuation/",
    "quizzes/exam-monthly-written/",
    "quizzes/feedback/",
    "schedule/{month}/",
]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_violation_at_360_px(phone, server: str, online_site: Project, path: str) -> None:
    require(AXE, "axe-core")
    phone.goto(f"{server}/{path.format(month=month_page(online_site.site))}")
    phone.wait_for_load_state("load")
    assert axe_violations(phone) == []


def every_page(site: Path, *, offline: bool) -> list[str]:
    pages = sorted(site.rglob("*.html"))
    if offline:
        return [p.as_uri() for p in pages]
    return sorted({p.parent.relative_to(site).as_posix() for p in pages if p.name == "index.html"})


@pytest.mark.parametrize("offline", [False, True], ids=["served", "from-disk"])
def test_no_page_asks_another_host_or_is_wider_than_a_phone(browser, request, offline: bool) -> None:
    """Every page of the site, at 360 px: nothing is requested from another host (a route counts
    and refuses it), and no page is wider than the screen."""
    site = request.getfixturevalue("offline_site" if offline else "online_site").site
    base = None if offline else request.getfixturevalue("server")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    foreign: list[str] = []
    context.route("**/*", lambda route: refuse_foreign(route, foreign))
    page = context.new_page()
    wide = []
    for target in every_page(site, offline=offline):
        url = target if offline else f"{base}/{'' if target == '.' else target + '/'}"
        page.goto(url)
        if page.evaluate("document.documentElement.scrollWidth") > 360:
            wide.append(url)
    context.close()
    assert foreign == []
    assert wide == []
