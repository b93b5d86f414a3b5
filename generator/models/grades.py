"""What the grader writes to ``grades.json`` （schema ``handbook.grades/1``）.

``handbook schedule --focus-from`` reads ``weak_topics`` from it; other fields may be added, none
renamed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .base import Percent, Strict
from .policy import Action
from .records import TrainingRecord

GRADES_SCHEMA = "handbook.grades/1"

PERCENT_SCALE = 100
"""The scale of every share in grades.json: percent, like the policy's targets （``Percent``）."""


@dataclass(slots=True)
class Attempt:
    """One graded sitting. Made only by the grader, up to one per result file, so a plain class
    rather than a validated model, and made with its fields in order rather than by name: a big
    run makes 100,000 of them, at a sixteenth of the cost."""

    trainee_id: str
    """Employee id of the trainee."""
    trainee_name: str
    """Name from the roster."""
    quiz_id: str
    """Id of the exam bank."""
    sitting: int
    """1 for the first submission to this exam, 2 for the first retake …"""
    submitted_at: dt.datetime
    """When the trainee submitted, as in the result file."""
    score: float
    """Re-scored from the answers, 0 to the policy's full marks; a score in the file is ignored."""
    passed: bool
    """Whether the score reaches the policy's pass mark."""
    points_deducted: int
    """Attendance points this sitting costs."""
    action: Action
    """What follows this sitting."""
    deadline: dt.date | None
    """For a sitting under the mastery deadline: the last day to master the content."""
    file: str
    """The result file graded."""
    edition: str = ""
    """The version of an earlier edition of the exam the sitting was answered and graded on;
    "" when it was the current one."""


class Cohort(Strict):
    quiz_id: str
    """Id of the exam bank."""
    sitting: int
    """After this sitting."""
    cohort: int
    """Trainees who sat the exam at least once."""
    passed: int
    """Trainees who had passed by this sitting."""
    pass_rate: Percent
    """Cumulative share of the cohort that had passed, in percent."""
    target: Percent
    """The policy's target for this sitting."""
    met: bool
    """Whether the pass rate reaches the target."""
    pending: bool = False
    """待补考: the target is not reached yet, but someone who has not passed has not had this
    sitting yet, so the row cannot be judged as missed."""


class AttendanceDeduction(Strict):
    session_id: str
    """The session of the training record."""
    date: dt.date
    """Date of the session."""
    deduction: str
    """Deduction id from policy.yaml."""
    points: int
    """Points deducted."""
    note: str = ""
    """What the record says."""


class TraineeTotals(Strict):
    trainee_id: str
    """Employee id."""
    trainee_name: str
    """Name from the roster."""
    attendance_points_deducted: int
    """Points deducted for absence, discipline and feedback forms, from the records."""
    assessment_points_deducted: int
    """Points deducted for failed sittings."""
    attendance: list[AttendanceDeduction] = []
    """Each attendance deduction with its session."""


class InstructorSession(Strict):
    instructor_id: str
    """Employee id of the instructor."""
    instructor_name: str
    """Name from the roster."""
    session_id: str
    """The session rated."""
    date: dt.date
    """Date of the session: from its record, else of the first feedback form."""
    responses: int
    """Feedback forms counted."""
    shares: dict[str, Percent]
    """Per instructor measure of the policy, the share of yes / agree answers, in percent."""
    missed: list[str]
    """Measures that miss their target."""
    met: bool
    """Whether every measure meets its target."""
    strike: int
    """0 when met, else how many sessions of this instructor have missed so far."""
    action: Action
    """What follows."""


class WeakTopic(Strict):
    programme: str
    """Programme id."""
    programme_name: str
    """Programme name."""
    topic: str
    """Topic id."""
    topic_name: str
    """Topic name."""
    answers: int
    """Answers to the topic's exam questions, in the graded sittings."""
    wrong: int
    """How many of them were wrong (an unanswered question is wrong)."""
    wrong_share: Percent
    """Share of wrong answers, in percent."""


class Overdue(Strict):
    trainee_id: str
    """Employee id."""
    trainee_name: str
    """Name from the roster."""
    quiz_id: str
    """The exam not yet mastered."""
    deadline: dt.date
    """The mastery deadline that has passed without a pass."""
    action: Action
    """What the policy asks for: the director's review."""


class Rejection(Strict):
    file: str
    """The result file, as found."""
    reason: str
    """Why it was not graded, in Chinese."""


class Grades(Strict):
    schema_id: Literal["handbook.grades/1"] = Field("handbook.grades/1", alias="schema")
    """Format and version of this file （serialised as ``schema``）."""
    generated_at: dt.datetime
    """When the grader ran (the time it judged “in the future” against)."""
    files: int
    """Result files found."""
    attempts: list[Attempt]
    """Every graded exam sitting."""
    cohorts: list[Cohort]
    """Cumulative pass rates per exam and sitting."""
    trainees: list[TraineeTotals]
    """Point deductions per trainee."""
    instructors: list[InstructorSession]
    """Feedback per session and instructor, with strikes."""
    weak_topics: list[WeakTopic]
    """Topics by share of wrong answers, worst first."""
    overdue: list[Overdue]
    """Third-sitting fails whose mastery deadline has passed without a pass."""
    revision_reasons: list[str]
    """Why the plan may need revising (missed targets); empty when none."""
    rejected: list[Rejection]
    exam_titles: dict[str, str] = {}
    """Title of every exam graded, by its id: reports name exams as people know them."""
    """Files not graded, with the reason."""
    sessions: list[TrainingRecord] = []
    """The training records read."""
