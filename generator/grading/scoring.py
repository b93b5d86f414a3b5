"""Exams re-scored from their answers: how many are right, and which were missed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress, count
from operator import ne
from typing import Any

from ..core.published import is_correct
from .answers import MalformedAnswer, well_formed
from .catalog import ExamKey


class UnknownAnswer(Exception):
    """An answer to a question the bank does not have, or a second answer to one it has."""


def score_answers(key: ExamKey, answers: Sequence[Any]) -> tuple[int, tuple[int, ...]]:
    """Right answers, and the positions of the questions answered wrong or not at all.

    The site writes every question once, in bank order, and most answers are the key as written:
    those are told right by comparing the file's answers with the key's in one pass, without a
    Python step per answer. Of the rest, only those to lenient questions need judging.
    """
    ids, lenient = key.ids, key.lenient
    if len(answers) != len(ids):
        return _score_one_by_one(key, answers)
    wrong = []
    for position in compress(count(), map(ne, answers, key.right_answers)):
        answer = answers[position]
        if not well_formed(answer):
            raise MalformedAnswer
        if answer["question_id"] != ids[position]:  # not in the bank's order
            return _score_one_by_one(key, answers)
        if position not in lenient or _judged(key, answer) < 0:
            wrong.append(position)
    return len(answers) - len(wrong), tuple(wrong)


def _score_one_by_one(key: ExamKey, answers: Sequence[Any]) -> tuple[int, tuple[int, ...]]:
    """Answers in any order, some missing or unknown: each judged, duplicates refused."""
    if not all(map(well_formed, answers)):
        raise MalformedAnswer
    marks = [_judged(key, answer) for answer in answers]
    answered = {mark if mark >= 0 else ~mark for mark in marks}
    if len(answered) != len(marks):
        counts = Counter(a["question_id"] for a in answers)
        raise UnknownAnswer(f"题目“{next(q for q, n in counts.items() if n > 1)}”作答了两次")
    right = {mark for mark in marks if mark >= 0}
    return len(right), tuple(position for position in range(len(key.questions)) if position not in right)


def _judged(key: ExamKey, answer: dict) -> int:
    """``_mark`` of one answer, remembered: trainees give few distinct answers to a question.

    No two kinds of response compare equal (a response is never a number), so the question and
    the answer themselves are the key.
    """
    response = answer["response"]
    seen = (answer["question_id"], tuple(response) if response.__class__ is list else response)
    mark = key.judged.get(seen)
    if mark is None:
        mark = key.judged[seen] = _mark(key, answer["question_id"], response)
    return mark


def _mark(key: ExamKey, question_id: str, response: object) -> int:
    """The question's position if the answer is right, its complement (~position) if wrong."""
    position = key.positions.get(question_id)
    if position is None:
        raise UnknownAnswer(f"题库中没有题目“{question_id}”")
    return position if is_correct(key.questions[position], response) else ~position
