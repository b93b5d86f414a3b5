"""The quick way of scoring a result file agrees with judging each answer on its own.

Most answers in a file are the key as the site writes it, and ``score_answers`` tells those
apart without judging them one by one; whatever a file holds, the verdict must be the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.handbook import load_checked as check
from generator.core.project import Project
from generator.core.published import is_correct, right_response
from generator.grading.catalog import ExamKey, build_catalog
from generator.grading.scoring import _score_one_by_one, score_answers
from generator.models.content import FillBlank, MultipleChoice, Ordering, TrueFalse

REPO = Path(__file__).resolve().parents[2]
CATALOG = build_catalog(check(Project(REPO)))
KEYS = sorted(CATALOG.exams.values(), key=lambda key: key.bank.id)


def _responses(question) -> st.SearchStrategy:
    """Right, wrong, differently written and ill-typed responses to one question."""
    right = right_response(question)
    odd = st.sampled_from([None, True, "", "zz", ["zz"], []])
    if isinstance(question, MultipleChoice | Ordering):
        shuffled = st.permutations(right).map(list)
        return st.one_of(st.just(right), shuffled, st.lists(st.sampled_from(right), max_size=4), odd)
    if isinstance(question, FillBlank):
        written = st.lists(st.sampled_from(["１１９", " 119。", *question.answer[0]]), min_size=len(right))
        return st.one_of(st.just(right), written.map(lambda typed: typed[: len(right)]), odd)
    if isinstance(question, TrueFalse):
        return st.one_of(st.booleans(), odd)
    return st.one_of(st.just(right), st.sampled_from([o.id for o in question.options]), odd)


@st.composite
def result_answers(draw, key: ExamKey) -> list[dict]:
    answers = [{"question_id": q.id, "response": draw(_responses(q))} for q in key.questions]
    if draw(st.booleans()):
        answers = draw(st.permutations(answers))
    return answers


@pytest.mark.parametrize("key", KEYS, ids=[key.bank.id for key in KEYS])
def test_the_written_key_is_right(key: ExamKey) -> None:
    assert all(is_correct(q, right_response(q)) for q in key.questions)


@pytest.mark.parametrize("key", KEYS, ids=[key.bank.id for key in KEYS])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_both_ways_of_scoring_agree(key: ExamKey, data: st.DataObject) -> None:
    answers = data.draw(result_answers(key))
    assert score_answers(key, answers) == _score_one_by_one(key, answers)
