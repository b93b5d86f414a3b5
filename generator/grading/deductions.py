"""What a sitting is worth under the policy: its score, whether it passed, and for a failed one
the deduction, the action and the deadline to master the material （6.0 培训工作考评细则）."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ..core.office_time import office_date, office_moment
from ..models.grades import Attempt, Overdue
from ..models.policy import Action, Policy
from .catalog import ExamKey
from .results import ExamSubmission


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
    attempts: list[Attempt] = []
    deadline: dt.date | None = None
    ever_passed = False
    for number, submission in enumerate(group, 1):
        marks = ladder.marks(submission.questions)  # an earlier edition may have had other questions
        passed = submission.correct >= marks.needed
        action: Action = "none"
        if passed:
            ever_passed, points = True, 0
        else:
            points, action, deadline = _consequence(number, key, ladder, deadline, submission)
        attempts.append(
            Attempt(
                submission.trainee_id,
                name,
                submission.quiz_id,
                number,  # sitting
                office_moment(submission.submitted_at),
                marks.scores[submission.correct],
                passed,
                points,  # deducted
                action,
                deadline if action == ladder.last.action else None,
                submission.file,
                submission.edition,
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


def _consequence(
    number: int, key: ExamKey, ladder: Ladder, deadline: dt.date | None, submission: ExamSubmission
) -> tuple[int, Action, dt.date | None]:
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
