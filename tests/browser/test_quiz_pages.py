"""Quizzes in a real browser: self-check feedback and score, progress, exams and the feedback form."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from playwright.sync_api import expect

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.core.published import bank_version, check_code, is_correct, published_feedback_form

from .answering import answer
from .conftest import REPO, quiz_url

SCHEMA = json.loads((REPO / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
SELF_CHECK = "fire-escape-evacuation"
EXAM = "exam-fire-quarterly"


@pytest.fixture(scope="module")
def banks() -> dict:
    return {b.bank.id: b.bank for b in check(Project(REPO)).banks}


def open_quiz(page, site_url: tuple[str, bool], bank_id: str, query: str = "") -> None:
    base, offline = site_url
    page.goto(quiz_url(base, bank_id, offline=offline) + query)
    page.wait_for_selector(".hb-q")


def test_self_check_feedback_score_and_progress(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    right, wrong = bank.questions[0], bank.questions[1]
    answer(phone, right)
    phone.locator(f"#q-{right.id}").get_by_role("button", name="检查").click()
    assert phone.locator(f"#q-{right.id} .hb-verdict").inner_text() == "✓ 回答正确。"
    assert right.explanation in phone.locator(f"#q-{right.id} .hb-fb").inner_text()
    answer(phone, wrong, right=False)
    phone.locator(f"#q-{wrong.id}").get_by_role("button", name="检查").click()
    assert phone.locator(f"#q-{wrong.id} .hb-verdict").inner_text() == "✗ 回答错误。"
    assert "正确答案：" in phone.locator(f"#q-{wrong.id} .hb-fb").inner_text()
    phone.reload()
    phone.wait_for_selector(".hb-q")
    assert phone.locator(f"#q-{wrong.id} .hb-verdict").inner_text() == "✗ 回答错误。"
    total = len(bank.questions)
    assert phone.locator(".hb-score").inner_text() == f"已答 2 / {total} 题，已检查 2 题，答对 1 题。"


def test_whole_self_check_scores_full_marks(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    for question in bank.questions:
        answer(phone, question)
    phone.get_by_role("button", name="全部检查并计分").click()
    n = len(bank.questions)
    expect(phone.locator(".hb-score")).to_have_text(f"已答 {n} / {n} 题，已检查 {n} 题，答对 {n} 题。得分：100 分。")


def test_clear_my_answers_and_subset(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    answer(phone, bank.questions[0])
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="清除我的答案").click()
    phone.reload()
    phone.wait_for_selector(".hb-q")
    assert phone.locator(".hb-score").inner_text().startswith("已答 0 /")
    phone.get_by_label("题数").select_option("5")
    assert phone.locator(".hb-q").count() == 5


def test_fill_blank_accepts_full_width_and_spaces(phone, site_url, banks) -> None:
    bank = next(
        b for b in banks.values() if b.mode == "self-check" and any(q.type == "fill_blank" for q in b.questions)
    )
    question = next(q for q in bank.questions if q.type == "fill_blank")
    open_quiz(phone, site_url, bank.id)
    typed = [f" {a[0].translate(str.maketrans('0123456789', '０１２３４５６７８９'))}。" for a in question.answer]
    for i, text in enumerate(typed):
        phone.locator(f"#q-{question.id} input").nth(i).fill(text)
    phone.locator(f"#q-{question.id}").get_by_role("button", name="检查").click()
    assert phone.locator(f"#q-{question.id} .hb-verdict").inner_text() == "✓ 回答正确。"


def submit_and_download(page) -> dict:
    with page.expect_download() as download:
        page.get_by_role("button", name="交卷").click()
    path = download.value.path()
    text = Path(path).read_text(encoding="utf-8")
    assert json.loads(page.locator("textarea[readonly]").input_value()) == json.loads(text)
    return json.loads(text)


def test_exam_submission_downloads_a_valid_result(phone, site_url, banks) -> None:
    bank = banks[EXAM]
    open_quiz(phone, site_url, bank.id)
    assert phone.locator(".hb-fb").count() == 0  # no feedback on an exam
    phone.get_by_label("工号").fill("E1001")
    phone.get_by_label("姓名").fill("王小红")
    for question in bank.questions:
        answer(phone, question)
    result = submit_and_download(phone)
    jsonschema.validate(result, SCHEMA)
    assert (result["quiz_id"], result["quiz_version"], result["mode"]) == (bank.id, bank_version(bank), "exam")
    assert result["trainee"] == {"id": "E1001", "name": "王小红"}
    responses = {a["question_id"]: a["response"] for a in result["answers"]}
    assert all(is_correct(q, responses[q.id]) for q in bank.questions)


def test_exam_needs_id_and_name(phone, site_url) -> None:
    open_quiz(phone, site_url, EXAM)
    phone.get_by_role("button", name="交卷").click()
    expect(phone.locator(".hb-live")).to_have_text("请先填写工号。")
    assert phone.evaluate("document.activeElement.id").endswith("trainee-id")


def test_feedback_form_exports_a_survey(phone, site_url) -> None:
    open_quiz(phone, site_url, "feedback", "?session=2026-12-03-regular&instructor=E0007")
    assert phone.get_by_label("培训场次编号").input_value() == "2026-12-03-regular"
    phone.get_by_label("工号", exact=True).fill("E1002")
    phone.get_by_label("姓名").fill("李明")
    form = published_feedback_form(check(Project(REPO)).policy)
    for question in form["questions"][:-1]:
        phone.locator(f"#q-{question['id']} input[value='true']").check()
    phone.locator("#q-comments textarea").fill("案例很实用。")
    with phone.expect_download() as download:
        phone.get_by_role("button", name="提交").click()
    result = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    jsonschema.validate(result, SCHEMA)
    assert (result["mode"], result["session_id"], result["instructor_id"]) == ("survey", "2026-12-03-regular", "E0007")
    assert result["quiz_version"] == form["version"]
    assert {"question_id": "comments", "response": "案例很实用。"} in result["answers"]


def test_runtime_fits_the_budget(online_site) -> None:
    """Our own scripts and styles, as every page loads them: one script and one style sheet,
    shared and cached, at most 12 KB gzipped together (the ceiling of issue 17)."""
    config = yaml.safe_load((online_site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = [*config["extra_javascript"], *config["extra_css"]]
    assert ours == ["assets/handbook.js", "assets/handbook.css"]
    size = sum(len(gzip.compress((online_site.site / name).read_bytes(), 9)) for name in ours)
    assert size <= 12 * 1024


def test_pages_fit_a_phone_screen(phone, site_url) -> None:
    for bank_id in (SELF_CHECK, EXAM, "feedback"):
        open_quiz(phone, site_url, bank_id)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360


QUESTION_TOPS = """() => [...document.querySelectorAll("fieldset")].map(box => {
  const legend = box.querySelector(":scope > legend");
  return [box.getBoundingClientRect().top, legend.getBoundingClientRect().top];
})"""
"""Each box of a quiz page (question or trainee details): its top, and its legend's top."""


def test_every_question_starts_inside_its_box(phone, site_url) -> None:
    """A legend is drawn astride its box's top border unless styled otherwise: a question of
    three lines on a phone would start above its box and end inside it."""
    for bank_id in (SELF_CHECK, "feedback"):
        open_quiz(phone, site_url, bank_id)
        tops = phone.evaluate(QUESTION_TOPS)
        assert len(tops) > 1 and all(legend > box for box, legend in tops)


def test_a_number_typed_with_its_unit_is_right(phone, site_url, banks) -> None:
    bank = banks["fire-systems"]
    question = next(q for q in bank.questions if q.type == "fill_blank" and "____℃" in q.stem)
    open_quiz(phone, site_url, bank.id)
    phone.locator(f"#q-{question.id} input").first.fill(f"{question.answer[0][0]} ℃")
    phone.locator(f"#q-{question.id}").get_by_role("button", name="检查").click()
    assert phone.locator(f"#q-{question.id} .hb-verdict").inner_text() == "✓ 回答正确。"
    assert is_correct(question, [f"{question.answer[0][0]} ℃"])


def test_right_and_wrong_feedback_look_different_and_print_no_null(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    right, wrong = bank.questions[0], bank.questions[1]
    for question, is_right in ((right, True), (wrong, False)):
        answer(phone, question, right=is_right)
        phone.locator(f"#q-{question.id}").get_by_role("button", name="检查").click()
    styles = [
        phone.locator(f"#q-{q.id} .hb-fb").evaluate(
            "(e) => [getComputedStyle(e).borderLeftColor, getComputedStyle(e).backgroundColor]"
        )
        for q in (right, wrong)
    ]
    assert styles[0] != styles[1]
    texts = [phone.locator(f"#q-{q.id} .hb-fb").inner_text() for q in (right, wrong)]
    assert not any(word in text for text in texts for word in ("null", "undefined"))
    assert texts[0] == f"✓ 回答正确。\n\n{right.explanation}"


def test_missed_questions_are_listed_and_practised_alone(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    answer(phone, bank.questions[0])
    phone.get_by_role("button", name="全部检查并计分").click()
    n = len(bank.questions)
    expect(phone.locator(".hb-missed li")).to_have_count(n - 1)
    assert phone.locator(".hb-score").count() == 1
    assert phone.locator(".hb-live").inner_text() == ""  # the score is said once, in its own line
    phone.get_by_role("button", name=f"只练错题（{n - 1} 题）").click()
    expect(phone.locator(".hb-q")).to_have_count(n - 1)
    assert phone.locator(f"#q-{bank.questions[0].id}").count() == 0


def test_exam_receipt_locks_the_form(phone, site_url, banks) -> None:
    bank = banks[EXAM]
    open_quiz(phone, site_url, bank.id, "?sitting=2026-q4")
    phone.get_by_label("工号").fill("E1001")
    phone.get_by_label("姓名").fill("王小红")
    for question in bank.questions[:3]:
        answer(phone, question)
    phone.once("dialog", lambda dialog: dialog.accept())  # some questions left blank
    with phone.expect_download() as download:
        phone.get_by_role("button", name="交卷").click()
    data = Path(download.value.path()).read_bytes()
    receipt = phone.locator(".hb-receipt").inner_text()
    for shown in ("王小红", "E1001", bank.title, f"3 / {len(bank.questions)} 题", check_code(data)):
        assert shown in receipt
    assert phone.locator(".hb-form input:not([disabled])").count() == 0
    assert phone.get_by_role("button", name="交卷").count() == 0
    phone.reload()
    phone.wait_for_selector(".hb-receipt")
    assert phone.locator(".hb-form input:not([disabled])").count() == 0
    open_quiz(phone, site_url, bank.id, "?sitting=2027-q1")  # the next sitting starts afresh
    assert phone.locator(".hb-receipt").count() == 0
    assert phone.get_by_label("姓名").input_value() == ""
    assert "E1001" in phone.locator(".hb-history").text_content()


def test_next_trainee_clears_the_device(phone, site_url, banks) -> None:
    open_quiz(phone, site_url, EXAM)
    phone.get_by_label("工号").fill("E1001")
    phone.get_by_label("姓名").fill("王小红")
    phone.once("dialog", lambda dialog: dialog.accept())
    with phone.expect_download():
        phone.get_by_role("button", name="交卷").click()
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="下一位考生").click()
    expect(phone.get_by_label("姓名")).to_have_value("")
    assert phone.locator(".hb-receipt, .hb-history").count() == 0
    assert phone.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('hb:'))") == []


def submit_feedback(page, site_url, session: str) -> dict:
    open_quiz(page, site_url, "feedback", f"?session={session}&instructor=E0007")
    page.get_by_label("工号", exact=True).fill("E1002")
    page.get_by_label("姓名").fill("李明")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_download() as download:
        page.get_by_role("button", name="提交").click()
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def test_feedback_forms_for_two_sessions_in_a_row(phone, site_url) -> None:
    first = submit_feedback(phone, site_url, "2026-12-03-regular")
    second = submit_feedback(phone, site_url, "2026-12-10-regular")
    assert (first["session_id"], second["session_id"]) == ("2026-12-03-regular", "2026-12-10-regular")
    assert "2026-12-03-regular" in phone.locator(".hb-history").text_content()
    open_quiz(phone, site_url, "feedback", "?session=2026-12-03-regular&instructor=E0007")
    assert "2026-12-03-regular" in phone.locator(".hb-receipt").inner_text()


def press(page, name: str) -> None:
    """Presses a button of the page with the keyboard, as a screen-reader or keyboard user does."""
    page.get_by_role("button", name=name).focus()
    page.keyboard.press("Enter")


def test_a_redrawn_quiz_keeps_the_focus_on_its_first_control(phone, site_url, banks) -> None:
    """重新开始, 题数, 只练错题, 清除 and 再填一份 draw the quiz anew; the focus stays in it, on
    its first control, instead of falling to the page's body (and a screen reader to its top)."""
    focused = "document.activeElement.id || document.activeElement.textContent"
    open_quiz(phone, site_url, SELF_CHECK)
    size = f"{SELF_CHECK}-size"
    press(phone, "重新开始")
    assert phone.evaluate(focused) == size
    phone.get_by_label("题数").focus()
    phone.keyboard.press("ArrowDown")  # each step of the list is a change, and a redraw
    phone.keyboard.press("ArrowDown")
    assert phone.evaluate(focused) == size and phone.locator(".hb-q").count() == 10
    press(phone, "全部检查并计分")
    press(phone, "只练错题（10 题）")
    assert phone.evaluate(focused) == "练全部题目"
    phone.once("dialog", lambda dialog: dialog.accept())
    press(phone, "清除我的答案")  # and back to the whole quiz
    assert phone.evaluate(focused) == size
    submit_feedback(phone, site_url, "2026-12-03-regular")
    press(phone, "再填一份")
    assert phone.evaluate(focused) == "feedback-trainee-id"
