"""quiz.js judges every case of the shared table as the grader does (tests/core/test_judging_cases.py)."""

from __future__ import annotations

from judging_cases import cases, published_questions

from generator.models.content import QUESTION_TYPES


def test_quiz_js_judges_as_the_table_says(phone, server) -> None:
    phone.goto(f"{server}/")
    questions = published_questions()
    verdicts = phone.evaluate(
        "([qs, cs]) => cs.map((c) => window.handbookJudge.correct(qs[c.question], c.response))",
        [questions, cases()],
    )
    wrong = [(c["question"], c["response"], v) for c, v in zip(cases(), verdicts, strict=True) if v is not c["right"]]
    assert wrong == []


def test_quiz_js_knows_every_question_type_the_grader_knows(phone, server) -> None:
    phone.goto(f"{server}/")
    assert set(QUESTION_TYPES) <= set(phone.evaluate("() => window.handbookJudge.types"))
