"""A hand-in judged as ``handbook grade`` would judge it, and what may be taken only once.

The collector refuses (400) exactly what the grader would refuse, with the grader's reason,
because it calls the grader's own acceptance (``grading.results.accept_data``). What the grader
only finds out among several files, the collector tells at once (409), so that no accepted
result is later spoiled by another:

* an exam submission is one sitting per trainee, exam and submission time: the same one again is
  a copy, and another one with the same time cannot be put in order (``grading.sittings``);
* a feedback form counts once per trainee, session and instructor: the first one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from ..core.published import canonical_json, published_feedback_form
from ..core.roster import Roster, StaffMember
from ..core.text_files import too_large
from ..grading.catalog import Catalog
from ..grading.results import GradingTime, Rejected, Submission, SurveySubmission, accept_data

PHONE_CLOCK_AHEAD = dt.timedelta(minutes=15)
"""How far a phone's clock may run ahead of the supervisor's PC. The grader refuses a submission
time after its own time; it grades later, so a phone a few minutes fast is no problem there, and
must be none here either."""
LABEL = "（提交）"
"""How a hand-in is named in the grader's reasons, which name files."""


@dataclass(frozen=True)
class HandIn:
    """An accepted hand-in, ready to keep."""

    body: bytes
    quiz_id: str
    mode: str
    trainee_id: str
    trainee_name: str
    submitted_at: str
    once: str
    """What may be taken only once (see the module's docstring)."""
    answers: str
    """A digest of the answers: the same digest under the same ``once`` is a copy."""


@dataclass(frozen=True)
class Intake:
    """What hand-ins are judged against: the current quizzes and, if given, the roster."""

    catalog: Catalog
    roster: Roster | None

    @property
    def limit(self) -> int:
        return self.catalog.policy.grading.max_result_file_bytes

    def too_large(self) -> Rejected:
        return Rejected(str(too_large(self.limit)))

    @cached_property
    def staff(self) -> dict[str, StaffMember] | None:
        return self.roster.by_id() if self.roster is not None else None

    def judge(self, body: bytes, received: dt.datetime) -> HandIn:
        """The hand-in if the grader would accept it now; raise Rejected with its reason."""
        if len(body) > self.limit:
            raise self.too_large()
        now = GradingTime.at(received + PHONE_CLOCK_AHEAD)
        submission = accept_data(body, LABEL, self.catalog, self.staff, now)
        result = json.loads(body)
        return HandIn(
            body=body,
            quiz_id=submission.quiz_id,
            mode=result["mode"],
            trainee_id=submission.trainee_id,
            trainee_name=result["trainee"]["name"],
            submitted_at=result["submitted_at"],
            once=_once(submission),
            answers=_answers_digest(result),
        )

    @cached_property
    def titles(self) -> dict[str, str]:
        """Quiz id → title as trainees see it, for the quizzes that are handed in."""
        form = published_feedback_form(self.catalog.policy)
        return {**{bank_id: exam.bank.title for bank_id, exam in self.catalog.exams.items()}, form["id"]: form["title"]}


def _once(submission: Submission) -> str:
    if isinstance(submission, SurveySubmission):
        return canonical_json(["survey", submission.trainee_id, submission.session_id, submission.instructor_id])
    moment = submission.submitted_at.astimezone(dt.UTC).isoformat()
    return canonical_json(["exam", submission.trainee_id, submission.quiz_id, moment])


def _answers_digest(result: dict) -> str:
    """The answers as ``grading.results.answers_of`` compares them: question and response, in order."""
    pairs = [[a["question_id"], a["response"]] for a in result["answers"]]
    return hashlib.sha256(canonical_json(pairs).encode("utf-8")).hexdigest()
