"""The grader's filled record form of each session: the record as kept, the points each row
costs, and under the signatures the session's feedback results against the policy's targets.
"""

from __future__ import annotations

import re

from ..core.record_layout import ATTENDANCE_WORDS, KIND_WORDS, NO, YES
from ..models.grades import InstructorSession
from ..models.policy import Policy
from ..models.records import TrainingRecord
from .pipeline import Graded
from .record_form import FilledForm, filled_record_form
from .records import attendance_deductions

UNSAFE_IN_FILE_NAME = re.compile(r"[^\w.-]+")
POINTS_COLUMN = "本场扣分"


def file_name(session_id: str, taken: set[str]) -> str:
    """A file name for the session that no file system refuses, unique among the forms."""
    stem = UNSAFE_IN_FILE_NAME.sub("_", session_id).strip("._") or "session"
    name, number = f"{stem}.xlsx", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}.xlsx"
    taken.add(name)
    return name


def _head(record: TrainingRecord, policy: Policy, names: dict[str, str]) -> dict[str, object]:
    programme = policy.programme(record.programme)
    topics = {t.id: t.name for t in programme.topics}
    return {
        "session_id": record.session_id,
        "date": record.date.isoformat(),
        "kind": KIND_WORDS[record.kind],
        "programme": programme.name,
        "topics": "、".join(topics.get(t, t) for t in record.topics),
        "hours": int(record.hours) if record.hours.is_integer() else record.hours,
        "instructor": record.instructor,
        "instructor_name": names.get(record.instructor, ""),
        "supervisor_on_site": YES if record.supervisor_on_site else NO,
        "venue": record.venue,
        "notes": record.notes,
    }


def _evaluation(session: InstructorSession | None, policy: Policy) -> list[list[str]]:
    if session is None:
        return [["培训效果：", "未收到本场次的培训效果考核表"]]
    lines = [["培训效果：", f"收到考核表 {session.responses} 份"], ["项目", "比例", "目标", "达标"]]
    for target in policy.instructor_targets:
        bound = "≥" if target.direction == "at_least" else "≤"
        met = YES if target.id not in session.missed else NO
        lines.append([target.name, f"{session.shares[target.id]:g}%", f"{bound}{target.target:g}%", met])
    verdict = "达标" if session.met else f"未达标（该讲师第 {session.strike} 次）"
    lines.append(["讲师考评：", verdict, policy.actions[session.action]])
    return lines


def filled_forms(graded: Graded) -> dict[str, bytes]:
    """File name → workbook, one per recorded session."""
    grades, policy = graded.grades, graded.found.policy
    names = {member.id: member.name for member in graded.roster.staff}
    deductions = attendance_deductions(grades.sessions, policy)
    rated = {s.session_id: s for s in grades.instructors}
    forms: dict[str, bytes] = {}
    taken: set[str] = set()
    for record in grades.sessions:
        rows = []
        for row in record.trainees:
            points = sum(d.points for d in deductions.get(row.id, []) if d.session_id == record.session_id)
            name = names.get(row.id) or row.name
            rows.append([row.id, name, ATTENDANCE_WORDS[row.attendance], row.discipline, row.form, points])
        form = FilledForm(
            head=_head(record, policy, names),
            rows=rows,
            extra_columns=[POINTS_COLUMN],
            footer=_evaluation(rated.get(record.session_id), policy),
        )
        forms[file_name(record.session_id, taken)] = filled_record_form(form)
    return forms
