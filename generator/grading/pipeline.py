"""The grader's recipe: results, roster and records in; ``Grades`` out. Nothing is written here."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..core.editions import kept_editions
from ..core.folders import Found
from ..core.handbook import Handbook, load_checked
from ..core.office_time import OFFICE_TIME, office_date
from ..core.project import Project
from ..core.roster import Roster, StaffMember, load_roster
from ..core.shown import escaped
from ..core.text_files import Unreadable
from ..models.grades import Attempt, Cohort, Grades, InstructorSession, Overdue, Rejection, TraineeTotals
from ..models.policy import Policy
from ..models.records import TrainingRecord
from .catalog import Catalog, build_catalog
from .cohorts import cohorts
from .deductions import Judged, Ladder, judge
from .instructors import instructor_sessions
from .pasted import CUT_SHORT, PASTED_SUFFIXES, pasted_into, pieces
from .records import attendance_deductions, load_records
from .results import (
    ExamSubmission,
    GradingTime,
    Rejected,
    Submission,
    SurveySubmission,
    accept_data,
    find_results,
    read_file,
)
from .sittings import exam_sittings, session_forms
from .slips import Slip, slips
from .weak_topics import weak_topics

UNSHOWABLE_NAME = "文件名含有控制字符或不是 UTF-8 编码的字节，未读取；请给文件改个名字后重新评分"


@dataclass
class Accepted:
    exams: list[ExamSubmission]
    surveys: list[SurveySubmission]
    rejected: list[Rejection]
    ignored: int = 0
    """Text files that hold no result at all (a note left in the folder): not result files."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while the grades are worked out and written: it would rescan
    the growing lists of submissions and attempts again and again, and then every object of
    the grades as the reports are made. Grading and writing make few cycles (a refused file's
    exception and its traceback, the curriculum's parsed files); they are collected as usual
    once it is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rejection(file: str, reason: str) -> Rejection:
    """A file not graded, its name and reason shown with control characters escaped: a file
    name or an id may hold anything, and the reports must still be written."""
    return Rejection(file=escaped(file), reason=escaped(reason))


READ_AHEAD_FILES = 1000
READ_AHEAD_BYTES = 16 * 1024 * 1024
"""Files read ahead in one go, and the most bytes held so: the system calls of a thousand files
in a row, then the Python of grading them, measure faster than the two taking turns per file
(most likely as each call into the system leaves the processor's caches colder for the Python
that follows)."""

Read = bytes | Rejected
"""A file's bytes, or why it could not be read."""


def _read_ahead(files: list[str], limit: int) -> Iterator[tuple[str, Read]]:
    """Each file, in order, with its bytes or the reason it cannot be read (``read_file``),
    read a batch at a time."""
    batch: list[tuple[str, Read]] = []
    held = 0
    for file in files:
        try:
            data: Read = read_file(file, limit)
        except Rejected as reason:
            data = reason
        batch.append((file, data))
        held += len(data) if isinstance(data, bytes) else 0
        if len(batch) == READ_AHEAD_FILES or held >= READ_AHEAD_BYTES:
            yield from batch
            batch.clear()
            held = 0
    yield from batch


def _accept_all(found_files: Found, catalog: Catalog, staff: dict[str, StaffMember], now: GradingTime) -> Accepted:
    found = Accepted([], [], [rejection(file, reason) for file, reason in found_files.refused])
    showable = []
    for file in found_files.files:
        if escaped(file) == file:
            showable.append(file)
        else:  # not read
            found.rejected.append(rejection(file, UNSHOWABLE_NAME))
    for file, data in _read_ahead(showable, catalog.policy.grading.max_result_file_bytes):
        outcomes = _outcomes(file, data, catalog, staff, now)
        found.ignored += not outcomes
        for label, outcome in outcomes:
            if isinstance(outcome, Rejected):
                found.rejected.append(rejection(label, str(outcome)))
            elif isinstance(outcome, SurveySubmission):
                found.surveys.append(outcome)
            elif isinstance(outcome, ExamSubmission):
                found.exams.append(outcome)
    return found


def _outcomes(
    file: str, data: Read, catalog: Catalog, staff: dict[str, StaffMember], now: GradingTime
) -> list[tuple[str, Submission | Rejected]]:
    """What a file gives: one submission or rejection, or for results pasted into a chat (a
    .txt, or a .json export of the chat) one per result found and per fragment not readable."""
    if isinstance(data, Rejected):
        return [(file, data)]
    if not file.lower().endswith(PASTED_SUFFIXES):
        try:
            return [(file, accept_data(data, file, catalog, staff, now))]
        except Rejected as reason:
            if not pasted_into(data):
                return [(file, reason)]
    try:
        found = pieces(file, data)
    except Unreadable as reason:
        return [(file, Rejected(str(reason)))]
    if not found:
        return []
    outcomes: list[tuple[str, Submission | Rejected]] = []
    for piece in found:
        if piece.data is None:
            outcomes.append((piece.label, Rejected(CUT_SHORT)))
            continue
        try:
            outcomes.append((piece.label, accept_data(piece.data, piece.label, catalog, staff, now)))
        except Rejected as reason:
            outcomes.append((piece.label, reason))
    return outcomes


def _known_sessions(surveys: list[SurveySubmission], records: list[TrainingRecord], rejected: list[Rejection]):
    """With records given, a feedback form must name a recorded session and its instructor."""
    by_id = {r.session_id: r for r in records}
    kept = []
    for form in surveys:
        record = by_id.get(form.session_id)
        if record is None:
            rejected.append(rejection(form.file, f"培训记录中没有场次“{form.session_id}”"))
        elif record.instructor != form.instructor_id:
            reason = f"讲师工号“{form.instructor_id}”与场次“{form.session_id}”的培训记录（{record.instructor}）不符"
            rejected.append(rejection(form.file, reason))
        else:
            kept.append(form)
    return kept


def _trainees(attempts: list[Attempt], records: list[TrainingRecord], policy: Policy, name) -> list[TraineeTotals]:
    deductions = attendance_deductions(records, policy)
    assessed: dict[str, int] = {}
    for attempt in attempts:
        assessed[attempt.trainee_id] = assessed.get(attempt.trainee_id, 0) + attempt.points_deducted
    ids = set(assessed) | {row.id for record in records for row in record.trainees}
    return [
        TraineeTotals(
            trainee_id=trainee_id,
            trainee_name=name(trainee_id),
            attendance_points_deducted=sum(d.points for d in deductions.get(trainee_id, [])),
            assessment_points_deducted=assessed.get(trainee_id, 0),
            attendance=deductions.get(trainee_id, []),
        )
        for trainee_id in sorted(ids)
    ]


def _revision_reasons(
    rows: list[Cohort], sessions: list[InstructorSession], overdue: list[Overdue], policy: Policy, titles
) -> list[str]:
    """Why the supervisor should consider revising the plan （规程 5.0 第 4 项）: only targets
    judged and missed; one whose retake is still to come (待补考) is not missed."""
    measures = {t.id: t.name for t in policy.instructor_targets}
    reasons = [
        f"{titles.get(row.quiz_id, row.quiz_id)}：第 {row.sitting} 次考核后累计合格率 {row.pass_rate:g}%，"
        f"未达到 {row.target:g}%"
        for row in rows
        if not row.met and not row.pending
    ]
    for s in (s for s in sessions if not s.met):
        missed = "、".join(measures[m] for m in s.missed)
        reasons.append(f"讲师 {s.instructor_name}（{s.instructor_id}）场次 {s.session_id} 未达标：{missed}")
    reasons += [
        f"{o.trainee_name}（{o.trainee_id}）{titles.get(o.quiz_id, o.quiz_id)} 限期 {o.deadline} 已过仍未合格"
        for o in overdue
    ]
    return reasons


def _graded_titles(titles: dict[str, str], attempts: list[Attempt]) -> dict[str, str]:
    """The titles of the exams graded, in the catalog's order: a set's order changes from run
    to run with Python's string hashing, and grades.json must not."""
    graded = {attempt.quiz_id for attempt in attempts}
    return {quiz_id: title for quiz_id, title in titles.items() if quiz_id in graded}


@dataclass
class Graded:
    """The grades with what they were graded against, for the reports."""

    grades: Grades
    found: Handbook
    roster: Roster
    slips: list[Slip] = field(default_factory=list)
    """A result slip per trainee and exam (not in grades.json: it is for printing)."""


@dataclass
class Inputs:
    """Everything graded against, loaded and checked before any result file is read."""

    found: Handbook
    catalog: Catalog
    roster: Roster
    records: list[TrainingRecord] | None
    """None when no records folder was given: feedback forms are then not checked against them."""
    now: dt.datetime

    def name(self, staff_id: str) -> str:
        member = self.staff.get(staff_id)
        return member.name if member else ""

    @cached_property
    def staff(self) -> dict[str, StaffMember]:
        return self.roster.by_id()


def grade(
    project: Project,
    result_paths: list[Path],
    roster: Roster | Path,
    records_dir: Path | None = None,
    *,
    now: dt.datetime | None = None,
) -> Grades:
    """Grade every result file under ``result_paths``; bad files are rejected, never fatal."""
    return run_grading(project, result_paths, roster, records_dir, now=now).grades


def load_inputs(project: Project, roster: Roster | Path, records_dir: Path | None, now: dt.datetime | None) -> Inputs:
    found = load_checked(project)
    limits = found.policy.grading
    if isinstance(roster, Path):
        roster = load_roster(roster, found.roles, limit=limits.max_office_file_bytes)
    records = load_records(records_dir, found.policy, roster) if records_dir is not None else None
    now = (now or dt.datetime.now(OFFICE_TIME)).astimezone(OFFICE_TIME)
    return Inputs(found, build_catalog(found, kept_editions(project)), roster, records, now)


def run_grading(
    project: Project,
    result_paths: list[Path],
    roster: Roster | Path,
    records_dir: Path | None = None,
    *,
    now: dt.datetime | None = None,
) -> Graded:
    """``grade``, keeping the curriculum and roster it used."""
    with collector_paused():
        inputs = load_inputs(project, roster, records_dir, now)
        grades, slip_list = _grades(inputs, find_results(result_paths, inputs.found.policy.grading.max_result_files))
    return Graded(grades, inputs.found, inputs.roster, slip_list)


def _judged(sittings: list[list[ExamSubmission]], inputs: Inputs) -> list[Judged]:
    ladder, today, exams = Ladder(inputs.found.policy), office_date(inputs.now), inputs.catalog.exams
    return [
        judge(group, exams[group[0].quiz_id], ladder, inputs.name(group[0].trainee_id), today) for group in sittings
    ]


def _grades(inputs: Inputs, found: Found) -> tuple[Grades, list[Slip]]:
    policy, catalog, records = inputs.found.policy, inputs.catalog, inputs.records or []
    accepted = _accept_all(found, catalog, inputs.staff, GradingTime.at(inputs.now))
    rejected = accepted.rejected
    surveys = accepted.surveys if inputs.records is None else _known_sessions(accepted.surveys, records, rejected)
    sittings = exam_sittings(accepted.exams, rejected)
    judged = _judged(sittings, inputs)
    attempts = [attempt for j in judged for attempt in j.attempts]
    overdue = [j.overdue for j in judged if j.overdue is not None]
    dates = {record.session_id: record.date for record in records}
    sessions = instructor_sessions(session_forms(surveys, rejected), policy, inputs.name, dates)
    cohort_rows = cohorts(attempts, policy)
    titles = {quiz_id: key.bank.title for quiz_id, key in catalog.exams.items()}
    grades = Grades(
        generated_at=inputs.now,
        files=len(found.files) + len(found.refused) - accepted.ignored,
        attempts=attempts,
        cohorts=cohort_rows,
        trainees=_trainees(attempts, records, policy, inputs.name),
        instructors=sessions,
        weak_topics=weak_topics(sittings, catalog),
        overdue=overdue,
        revision_reasons=_revision_reasons(cohort_rows, sessions, overdue, policy, titles),
        exam_titles=_graded_titles(titles, attempts),
        rejected=sorted(rejected, key=lambda r: (r.file, r.reason)),
        sessions=records,
    )
    return grades, slips(sittings, [j.attempts for j in judged], catalog)
