"""我的学习 in Chromium at 360 px, the clock faked: the 错题本 across modules, its Leitner
schedule, 今日复习, 考前复习, progress and scores, and moving the record to another phone."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from generator.core.handbook import Handbook
from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.site.learning_page import coming_assessments
from generator.site.render import Site
from generator.site.schedule_pages import site_schedule
from tests.chromium import AXE, require

from .answering import answer
from .conftest import REPO, build_offline, copy_mini, phone_page, quiz_url
from .test_safety_and_access import axe_violations

CHINA = ZoneInfo("Asia/Shanghai")
FIRST_DAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=CHINA)
"""A Monday four days before the December assessment of the published 2026 schedule."""
FIRE, COMPLAINTS = "fire-systems", "regular-complaint-handling"


@pytest.fixture(scope="module")
def banks() -> dict:
    return {b.bank.id: b.bank for b in shipped().banks}


@pytest.fixture
def trainee(browser):
    """A 360-px phone in China whose clock starts at FIRST_DAY and jumps when a test sets it."""
    with phone_page(browser, timezone_id="Asia/Shanghai") as page:
        page.context.clock.install(time=FIRST_DAY)
        yield page


@pytest.fixture
def served(server: str) -> tuple[str, bool]:
    """The served site only: the tests that behave the same from disk run once."""
    return server, False


def learning_url(base: str, offline: bool, query: str = "") -> str:
    return (f"{base}/learning.html" if offline else f"{base}/learning/") + query


def open_learning(page, site_url, query: str = "") -> None:
    page.goto(learning_url(*site_url, query))
    page.wait_for_selector("#hb-export" if not query else ".hb-review .hb-q, .hb-learning p")


def check_one(page, site_url, bank, question, *, right: bool) -> str:
    base, offline = site_url
    page.goto(quiz_url(base, bank.id, offline=offline))
    page.wait_for_selector(".hb-q")
    answer(page, question, right=right)
    page.locator(f"#q-{question.id}").get_by_role("button", name="检查").click()
    return page.locator(f"#q-{question.id} .hb-fb").inner_text()


def saved(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('hb:learning')"))


def book_items(page) -> list[str]:
    return page.locator("#hb-book .hb-book li").all_inner_texts()


def review_all(page, site_url, kind: str, wrong: list, *, right: bool = True) -> list[str]:
    """Run a review quiz, answer each question, and return the notes the book gave."""
    open_learning(page, site_url, f"?review={kind}")
    notes = []
    for bank, question in wrong:
        box = page.locator(f"[id='q-{bank.id}-{question.id}']")
        expect(box.locator(".hb-from")).to_have_text(f"出自：{module_title(bank)}")
        answer_in_review(page, bank, question, right=right)
        box.get_by_role("button", name="检查").click()
        notes.append(box.locator(".hb-next").inner_text())
    return notes


@functools.cache
def shipped() -> Handbook:
    return check(Project(REPO))


def module_title(bank) -> str:
    return next(m.head.title for m in shipped().modules if m.head.id == bank.module)


def answer_in_review(page, bank, question, *, right: bool) -> None:
    """answer() finds a question by its id; in a review quiz it is prefixed with its bank's."""
    renamed = question.model_copy(update={"id": f"{bank.id}-{question.id}"})
    answer(page, renamed, right=right)


def test_wrong_answers_in_two_modules_go_through_the_book_and_leave_it(trainee, site_url, banks) -> None:
    wrong = [(banks[FIRE], banks[FIRE].questions[0]), (banks[COMPLAINTS], banks[COMPLAINTS].questions[1])]
    for bank, question in wrong:
        feedback = check_one(trainee, site_url, bank, question, right=False)
        assert "已记入错题本，12月1日再练。" in feedback
    open_learning(trainee, site_url)
    items = book_items(trainee)
    assert len(items) == 2
    for (bank, question), item in zip(sorted(wrong, key=lambda w: w[1].stem), sorted(items), strict=True):
        assert question.stem[:10] in item and module_title(bank) in item and "错 1 次" in item and "12月1日" in item
    expect(trainee.locator("#hb-book")).to_contain_text("重练错题（2 题）")

    # The same day, right answers do not count: the schedule wants spaced occasions.
    notes = review_all(trainee, site_url, "book", wrong)
    assert notes == ["还没到复习的日子（12月1日），这次不计。"] * 2

    schedule = [(dt.timedelta(days=1), "12月4日"), (dt.timedelta(days=4), "12月11日")]
    for shift, next_day in schedule:
        trainee.context.clock.set_system_time(FIRST_DAY + shift)
        open_learning(trainee, site_url)
        expect(trainee.locator("#hb-today")).to_have_text("开始今日复习（2 题）")
        notes = review_all(trainee, site_url, "due", wrong)
        assert all(note.startswith(f"答对了，{next_day}再练") for note in notes)
        open_learning(trainee, site_url)
        expect(trainee.locator("#hb-today")).to_have_text("今天没有该复习的错题。")
        assert all(next_day in item for item in book_items(trainee))

    trainee.context.clock.set_system_time(FIRST_DAY + dt.timedelta(days=11))
    notes = review_all(trainee, site_url, "due", wrong)
    assert notes == ["在不同的日子都答对了，已移出错题本。"] * 2
    open_learning(trainee, site_url)
    assert book_items(trainee) == []
    expect(trainee.locator("#hb-book")).to_have_text("错题本是空的。")


def test_a_wrong_answer_in_review_starts_the_question_over(trainee, served, banks) -> None:
    bank = banks[FIRE]
    check_one(trainee, served, bank, bank.questions[0], right=False)
    trainee.context.clock.set_system_time(FIRST_DAY + dt.timedelta(days=1))
    assert review_all(trainee, served, "due", [(bank, bank.questions[0])], right=False) == [
        "已记入错题本，12月2日再练。"
    ]
    trainee.get_by_role("button", name="全部检查并计分").click()  # quiz.js redraws the quiz; the note stays
    note = trainee.locator(f"[id='q-{bank.id}-{bank.questions[0].id}'] .hb-next")
    expect(note).to_have_text("已记入错题本，12月2日再练。")
    entry = saved(trainee)["book"][f"{bank.id}/{bank.questions[0].id}"]
    assert (entry["w"], entry["box"], entry["due"]) == (2, 1, "2026-12-02")


def test_a_note_of_an_earlier_round_is_not_shown_under_a_question_not_checked_again(trainee, served, banks) -> None:
    """After 重新开始 the quiz is new: a question not checked in it has no feedback, and so no
    note of the book either, when another question is checked."""
    bank = banks[FIRE]
    first, second = bank.questions[:2]
    check_one(trainee, served, bank, first, right=False)
    trainee.get_by_role("button", name="重新开始").click()
    answer(trainee, second)
    trainee.locator(f"#q-{second.id}").get_by_role("button", name="检查").click()
    expect(trainee.locator(f"#q-{second.id} .hb-fb")).to_contain_text("回答正确")
    expect(trainee.locator(f"#q-{first.id} .hb-fb")).to_be_empty()


def test_modules_read_and_scores_show_on_my_learning(trainee, served, banks) -> None:
    base, offline = served
    trainee.goto(f"{base}/modules/{FIRE}.html" if offline else f"{base}/modules/{FIRE}/")
    trainee.locator(".hb-read-mark").scroll_into_view_if_needed()
    trainee.wait_for_function("(m) => localStorage.getItem('hb:learning')?.includes(m)", arg=FIRE)
    assert saved(trainee)["read"] == {FIRE: "2026-11-30"}
    bank = banks[FIRE]
    trainee.goto(quiz_url(base, bank.id, offline=offline))
    trainee.wait_for_selector(".hb-q")
    answer(trainee, bank.questions[0], right=False)
    for question in bank.questions[1:]:
        answer(trainee, question)
    trainee.get_by_role("button", name="全部检查并计分").click()
    expect(trainee.locator(f"#q-{bank.questions[0].id} .hb-next")).to_have_text("已记入错题本，12月1日再练。")
    n = len(bank.questions)
    first = round(100 * (n - 1) / n)
    trainee.get_by_role("button", name="重新开始").click()
    for question in bank.questions:
        answer(trainee, question)
    trainee.get_by_role("button", name="全部检查并计分").click()
    open_learning(trainee, served)
    status = trainee.locator(f".hb-st[data-module='{FIRE}']")
    expect(status).to_have_text("✓ 已读 11月30日\n✓ 自测 11月30日：最近 100 分，最高 100 分")
    assert saved(trainee)["done"][FIRE]["best"] == 100 and first < 100
    expect(trainee.locator(".hb-st[data-module='fire-extinguishers']")).to_have_text("未读\n自测未做")


def test_the_five_day_checklist_ticks_a_module_read_and_self_checked(trainee, served) -> None:
    open_learning(trainee, served)
    first = trainee.locator(".hb-tick").first
    module = first.get_attribute("data-module")
    expect(first).to_have_text("未完成")
    record = {
        "v": 1,
        "read": {module: "2026-11-30"},
        "done": {module: {"best": 80, "last": 80, "at": "2026-11-30T10:00:00+08:00"}},
        "book": {},
    }
    trainee.evaluate("(r) => localStorage.setItem('hb:learning', JSON.stringify(r))", record)
    open_learning(trainee, served)
    expect(trainee.locator(f".hb-tick[data-module='{module}']").first).to_have_text("✓ 完成")


def test_the_count_of_questions_due_shows_on_the_links(trainee, served, banks) -> None:
    base, offline = served
    check_one(trainee, served, banks[FIRE], banks[FIRE].questions[0], right=False)
    trainee.context.clock.set_system_time(FIRST_DAY + dt.timedelta(days=1))
    trainee.goto(f"{base}/index.html" if offline else f"{base}/")
    expect(trainee.locator(".hb-learning-link")).to_have_text("我的学习（今日复习 1 题）")
    trainee.goto(quiz_url(base, COMPLAINTS, offline=offline))
    expect(trainee.locator(".hb-learning-link")).to_have_text("我的学习（今日复习 1 题）")


def test_before_an_exam_a_review_of_its_modules(trainee, served, banks) -> None:
    open_learning(trainee, served)
    expect(trainee.locator("#hb-exam")).to_contain_text("12月3日（周四）考核：11月培训考核（笔试、实操）")
    trainee.get_by_role("link", name="开始考前复习").click()
    trainee.wait_for_selector(".hb-review .hb-q")
    site = Site(shipped())
    exam = next(e for e in coming_assessments(site, site_schedule(shipped())) if e["day"] == "2026-12-03")
    covered = {module_title(b) for b in banks.values() if b.module in exam["modules"] and b.mode == "self-check"}
    sources = {s.removeprefix("出自：") for s in trainee.locator(".hb-from").all_inner_texts()}
    assert sources == covered and len(covered) >= 3
    assert not any(m.startswith("fire-") for m in exam["modules"])  # fire has an assessment of its own
    trainee.context.clock.set_system_time(FIRST_DAY - dt.timedelta(days=10))
    open_learning(trainee, served)
    expect(trainee.locator("#hb-exam")).to_have_text(
        "12月3日（周四）考核：11月培训考核（笔试、实操）。考前 7 天起在这里复习。"
    )


def test_export_clear_import_restores_the_record(trainee, site_url, banks) -> None:
    check_one(trainee, site_url, banks[FIRE], banks[FIRE].questions[0], right=False)
    check_one(trainee, site_url, banks[COMPLAINTS], banks[COMPLAINTS].questions[0], right=False)
    open_learning(trainee, site_url)
    before, shown = saved(trainee), book_items(trainee)
    text = trainee.locator("#hb-export").input_value()
    assert text.startswith("HBL1.") and len(text) < 1000
    with trainee.expect_download() as download:
        trainee.get_by_role("button", name="下载记录文件").click()
    assert download.value.suggested_filename == "我的学习记录-2026-11-30.txt"
    assert Path(download.value.path()).read_text(encoding="utf-8") == text

    trainee.evaluate("localStorage.clear()")
    open_learning(trainee, site_url)
    assert book_items(trainee) == []
    trainee.get_by_label("粘贴从旧手机导出的记录").fill(text)
    trainee.get_by_role("button", name="导入", exact=True).click()
    expect(trainee.locator(".hb-move .hb-live")).to_have_text("已导入：已读 0 个模块，错题本 2 题。")
    assert saved(trainee) == before
    assert book_items(trainee) == shown


def test_a_record_file_is_imported_too(trainee, served, banks, tmp_path) -> None:
    check_one(trainee, served, banks[FIRE], banks[FIRE].questions[0], right=False)
    open_learning(trainee, served)
    before = saved(trainee)
    record = tmp_path / "record.txt"
    record.write_text(trainee.locator("#hb-export").input_value(), encoding="utf-8")
    trainee.evaluate("localStorage.clear()")
    open_learning(trainee, served)
    # The browser's own file button is hidden (it says "Choose File" in an English browser):
    # the trainee presses the label drawn as a button, and the phone's file chooser opens.
    expect(trainee.locator("#hb-file")).to_have_css("opacity", "0")
    with trainee.expect_file_chooser() as chooser:
        trainee.locator("label[for=hb-file]", has_text="选择记录文件").click()
    chooser.value.set_files(record)
    expect(trainee.locator(".hb-move .hb-live")).to_contain_text("已导入")
    assert saved(trainee) == before


@pytest.mark.parametrize(
    ("tamper", "why"),
    [
        (lambda t: t[:20] + ("A" if t[20] != "A" else "B") + t[21:], "记录不完整或被改动过（校验码不符）"),
        (lambda t: t[: len(t) // 2], "记录不完整或被改动过（校验码不符）"),
        (lambda t: '{"schema": "handbook.result/1"}', "这不是本手册“我的学习”导出的记录"),
        (lambda t: "HBL2" + t[4:], "这不是本手册“我的学习”导出的记录"),
    ],
    ids=["one-character-changed", "cut-short", "a-result-file", "another-format"],
)
def test_a_tampered_or_foreign_import_is_refused_and_changes_nothing(trainee, served, banks, tamper, why) -> None:
    check_one(trainee, served, banks[FIRE], banks[FIRE].questions[0], right=False)
    open_learning(trainee, served)
    before = saved(trainee)
    trainee.get_by_label("粘贴从旧手机导出的记录").fill(tamper(trainee.locator("#hb-export").input_value()))
    trainee.get_by_role("button", name="导入", exact=True).click()
    expect(trainee.locator(".hb-move .hb-live")).to_contain_text(f"没有导入：{why}")
    expect(trainee.locator(".hb-move .hb-live")).to_contain_text("本机原有的记录没有改动。")
    assert saved(trainee) == before


def test_a_forged_record_with_the_right_check_code_but_wrong_content_is_refused(trainee, served) -> None:
    open_learning(trainee, served)
    forged = trainee.evaluate(
        """() => {
        const body = btoa(JSON.stringify({ v: 1, read: {}, done: {}, book: { "x/q1": { w: "many" } } }));
        return `HBL1.${body}.${window.handbookQuiz.checkCode(body)}`;
      }"""
    )
    trainee.get_by_label("粘贴从旧手机导出的记录").fill(forged)
    trainee.get_by_role("button", name="导入", exact=True).click()
    expect(trainee.locator(".hb-move .hb-live")).to_contain_text("记录的内容读不出来")
    assert trainee.evaluate("localStorage.getItem('hb:learning')") is None


@pytest.mark.parametrize("view", ["", "?review=book"])
def test_axe_finds_no_serious_violation_on_my_learning(trainee, served, banks, view: str) -> None:
    require(AXE, "axe-core")
    check_one(trainee, served, banks[FIRE], banks[FIRE].questions[0], right=False)
    open_learning(trainee, served, view)
    assert axe_violations(trainee) == []
    assert trainee.evaluate("document.documentElement.scrollWidth") <= 360


EDITED_STEM = "（已修改）业主来访时，前台首先应当？"


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build_offline(Project(copy_mini(tmp_path_factory.mktemp("learning") / "mini")))


def test_a_bank_edit_drops_changed_and_removed_questions_with_a_note(trainee, mini_site: Project) -> None:
    site_url = (mini_site.site.as_uri(), True)
    found = {b.bank.id: b.bank for b in check(mini_site).banks}
    for bank_id in ("fire-sample", "regular-sample", "drill-sample"):
        check_one(trainee, site_url, found[bank_id], found[bank_id].questions[0], right=False)
    open_learning(trainee, site_url)
    assert len(book_items(trainee)) == 3

    fire = mini_site.root / "quizzes" / "fire-sample.yaml"
    fire.write_text(fire.read_text(encoding="utf-8").replace("业主来访时首先应当？", EDITED_STEM), encoding="utf-8")
    regular = mini_site.root / "quizzes" / "regular-sample.yaml"
    text = regular.read_text(encoding="utf-8")
    regular.write_text(text[: text.index("  - id: q01")] + text[text.index("  - id: q02") :], encoding="utf-8")
    build_offline(mini_site)

    open_learning(trainee, site_url)
    items = book_items(trainee)
    assert len(items) == 1
    notes = trainee.locator(".hb-notes li").all_inner_texts()
    assert len(notes) == 2 and all(n.endswith("这道题已改动或删去，已移出错题本。") for n in notes)
    assert any(EDITED_STEM in n for n in notes)
    assert set(saved(trainee)["book"]) == {"drill-sample/q01"}
