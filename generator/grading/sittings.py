"""Accepted submissions grouped into sittings, with copies of the same submission taken out.

A trainee's submissions to one exam, in ``submitted_at`` order, are that exam's sittings 1, 2, 3 …
The same file handed in twice (same trainee, quiz, time and answers) is one sitting, not two; two
different files with the very same submission time cannot be put in order, so both are refused.
A trainee's feedback forms for one session count once: the first one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TypeVar

from ..models.grades import Rejection
from .results import ExamSubmission, SurveySubmission, answers_of

S = TypeVar("S", ExamSubmission, SurveySubmission)
BY_TIME = attrgetter("submitted_at", "file")


def _grouped(items: Iterable[S], key: Callable[[S], tuple[str, ...]]) -> dict[tuple[str, ...], list[S]]:
    groups: dict[tuple[str, ...], list[S]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    for group in groups.values():
        group.sort(key=BY_TIME)
    return groups


def _without_copies(group: list[S], rejected: list[Rejection]) -> list[S]:
    kept: list[S] = []
    for item in group:
        previous = kept[-1] if kept else None
        if previous is None or item.submitted_at != previous.submitted_at:
            kept.append(item)
        elif answers_of(item.file) == answers_of(previous.file):
            rejected.append(Rejection(file=item.file, reason=f"重复提交：与 {previous.file} 是同一次提交"))
        else:
            reason = f"与 {previous.file} 的提交时间完全相同而答案不同，无法确定考核次序"
            rejected.append(Rejection(file=item.file, reason=reason))
            rejected.append(Rejection(file=previous.file, reason=reason.replace(previous.file, item.file)))
            kept.pop()
    return kept


def exam_sittings(exams: list[ExamSubmission], rejected: list[Rejection]) -> list[list[ExamSubmission]]:
    """Per trainee and exam, the sittings in order, sorted by trainee and exam."""
    groups = _grouped(exams, attrgetter("trainee_id", "quiz_id"))
    sittings = (_without_copies(groups[key], rejected) for key in sorted(groups))
    return [group for group in sittings if group]


def session_forms(surveys: list[SurveySubmission], rejected: list[Rejection]) -> list[SurveySubmission]:
    """Each trainee's first feedback form per session and instructor."""
    kept = []
    groups = _grouped(surveys, attrgetter("session_id", "instructor_id", "trainee_id"))
    for key in sorted(groups):
        forms = _without_copies(groups[key], rejected)
        if not forms:
            continue
        first, *later = forms
        kept.append(first)
        for item in later:
            rejected.append(Rejection(file=item.file, reason=f"该学员已交过本场次的考核表（{first.file}），只计第一份"))
    return kept
