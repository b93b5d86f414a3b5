"""Exams re-scored from their answers, and what each failed sitting costs under the policy."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, count
from operator import ne
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..core.published import is_correct
from ..models.grades import Attempt, Overdue
from ..models.policy import Policy
from .answers import MalformedAnswer, well_formed
from .catalog import ExamKey

if TYPE_CHECKING:
    from .results import ExamSubmission

OFFICE_TIME = ZoneInfo("Asia/Shanghai")


class UnknownAnswer(Exception):
    """An answer to a question the bank does not have, or a second answer to one it has."""


def score_answers(key: ExamKey, answers: list[dict]) -> tuple[int, tuple[int, ...]]:
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


def _score_one_by_one(key: ExamKey, answers: list[dict]) -> tuple[int, tuple[int, ...]]:
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


def office_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(OFFICE_TIME).date()


@dataclass(frozen=True)
class Marks:
    """An exam's scores and pass by number of right answers, worked out once per exam."""

    scores: tuple[float, ...]
    """Score for 0, 1, 2 … right answers."""
    needed: int
    """Fewest right answers that pass."""


@dataclass(frozen=True)
class Ladder:
    """The policy's consequences of failed sittings, looked up by sitting number."""

    policy: Policy

    def score(self, correct: int, total: int) -> float:
        return round(correct * self.policy.assessment.max_score / total, 1)

    def passed(self, correct: int, total: int) -> bool:
        # Compared in whole numbers, so a score of 79.99… never rounds up to a pass.
        return correct * self.policy.assessment.max_score >= self.policy.assessment.pass_mark * total

    def marks(self, total: int) -> Marks:
        if total not in self._marks:
            scores = tuple(self.score(correct, total) for correct in range(total + 1))
            needed = next((c for c in range(total + 1) if self.passed(c, total)), total + 1)
            self._marks[total] = Marks(scores, needed)
        return self._marks[total]

    def step(self, sitting: int):
        return self._steps.get(sitting)

    @cached_property
    def _marks(self) -> dict[int, Marks]:
        return {}

    @cached_property
    def _steps(self) -> dict:
        return {step.sitting: step for step in self.policy.deductions.failed_assessment}

    @cached_property
    def last(self):
        return self.policy.deductions.failed_assessment[-1]


@dataclass
class Judged:
    attempts: list[Attempt]
    overdue: Overdue | None


def judge(group: list[ExamSubmission], key: ExamKey, ladder: Ladder, name: str, today: dt.date) -> Judged:
    """One trainee's sittings of one exam, in order: score, pass, deduction and action each."""
    attempts, deadline, ever_passed = [], None, False
    marks = ladder.marks(len(key.questions))
    for number, submission in enumerate(group, 1):
        passed = submission.correct >= marks.needed
        if passed:
            ever_passed, points, action = True, 0, "none"
        else:
            points, action, deadline = _consequence(number, key, ladder, deadline, submission)
        attempts.append(
            Attempt(
                submission.trainee_id,
                name,
                submission.quiz_id,
                number,  # sitting
                submission.submitted_at,
                marks.scores[submission.correct],
                passed,
                points,  # deducted
                action,
                deadline if action == ladder.last.action else None,
                submission.file,
            )
        )
    overdue = None
    if deadline is not None and not ever_passed and today > deadline:
        overdue = Overdue(
            trainee_id=group[0].trainee_id,
            trainee_name=name,
            quiz_id=key.bank.id,
            deadline=deadline,
            action=ladder.policy.deductions.after_deadline_action,
        )
    return Judged(attempts, overdue)


def _consequence(number: int, key: ExamKey, ladder: Ladder, deadline, submission):
    """(points, action, mastery deadline) of a failed sitting."""
    deductions = ladder.policy.deductions
    if key.induction:
        return 0, deductions.induction_fail_action, deadline
    step = ladder.step(number)
    if step is not None:
        if step is ladder.last:
            deadline = office_date(submission.submitted_at) + dt.timedelta(days=deductions.mastery_deadline_days)
        return step.points, step.action, deadline
    if deadline is not None and office_date(submission.submitted_at) > deadline:
        return 0, deductions.after_deadline_action, deadline
    return 0, ladder.last.action, deadline  # still within the time allowed to master it
