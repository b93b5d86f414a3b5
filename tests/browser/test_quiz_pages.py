"""Quizzes in a real browser: self-check feedback and score, progress, exams and the feedback form."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import expect

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.core.published import bank_version, is_correct, published_feedback_form

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
    assert phone.locator(f"#q-{right.id} .hb-verdict").inner_text() == "回答正确。"
    assert right.explanation in phone.locator(f"#q-{right.id} .hb-fb").inner_text()
    answer(phone, wrong, right=False)
    phone.locator(f"#q-{wrong.id}").get_by_role("button", name="检查").click()
    assert phone.locator(f"#q-{wrong.id} .hb-verdict").inner_text() == "回答错误。"
    assert "正确答案：" in phone.locator(f"#q-{wrong.id} .hb-fb").inner_text()
    phone.reload()
    phone.wait_for_selector(".hb-q")
    assert phone.locator(f"#q-{wrong.id} .hb-verdict").inner_text() == "回答错误。"
    total = len(bank.questions)
    assert phone.locator(".hb-score").inner_text() == f"已答 2 / {total} 题，已检查 2 题，答对 1 题。"


def test_whole_self_check_scores_full_marks(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    for question in bank.questions:
        answer(phone, question)
    phone.get_by_role("button", name="全部检查并计分").click()
    n = len(bank.questions)
    expect(phone.locator(".hb-score")).to_have_text(f"已答 {n} / {n} 题，已检查 {n} 题，答对 {n} 题。 得分：100 分。")


def test_clear_my_answers_and_subset(phone, site_url, banks) -> None:
    bank = banks[SELF_CHECK]
    open_quiz(phone, site_url, bank.id)
    answer(phone, bank.questions[0])
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
    assert phone.locator(f"#q-{question.id} .hb-verdict").inner_text() == "回答正确。"


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
    assets = online_site.site / "assets"
    size = sum(len(gzip.compress((assets / name).read_bytes(), 9)) for name in ("quiz.js", "handbook.css"))
    assert size <= 8 * 1024


def test_pages_fit_a_phone_screen(phone, site_url) -> None:
    for bank_id in (SELF_CHECK, EXAM, "feedback"):
        open_quiz(phone, site_url, bank_id)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_number_typed_with_its_unit_is_right(phone, site_url, banks) -> None:
    bank = banks["fire-systems"]
    question = next(q for q in bank.questions if q.type == "fill_blank" and "____℃" in q.stem)
    open_quiz(phone, site_url, bank.id)
    phone.locator(f"#q-{question.id} input").first.fill(f"{question.answer[0][0]} ℃")
    phone.locator(f"#q-{question.id}").get_by_role("button", name="检查").click()
    assert phone.locator(f"#q-{question.id} .hb-verdict").inner_text() == "回答正确。"
    assert is_correct(question, [f"{question.answer[0][0]} ℃"])
