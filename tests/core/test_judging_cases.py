"""The grader judges every case of the shared table as the table says (quiz.js is held to the same
table in tests/browser/test_judging_cases.py)."""

from __future__ import annotations

import pytest
from judging_cases import cases, table_bank

from generator.core.published import is_correct
from generator.models.content import QUESTION_TYPES

QUESTIONS = {q.id: q for q in table_bank().questions}


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c['question']}-{c['response']!r}")
def test_the_grader_judges_as_the_table_says(case: dict) -> None:
    assert is_correct(QUESTIONS[case["question"]], case["response"]) is case["right"]


def test_the_table_covers_every_question_type_right_and_wrong() -> None:
    seen = {(QUESTIONS[c["question"]].type, c["right"]) for c in cases()}
    assert seen == {(kind, right) for kind in QUESTION_TYPES for right in (True, False)}
