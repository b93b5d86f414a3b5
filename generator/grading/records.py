"""Training records （培训记录表）: loaded, validated against the policy and roster, and the
attendance points they cost.

Records are the supervisor's own files, so a mistake in one stops the command with every mistake
listed at its place, as ``handbook check`` does for the curriculum.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError

from ..core.errors import CheckFailed, HandbookError, Problem
from ..core.messages import describe
from ..core.roster import Roster
from ..models.grades import AttendanceDeduction
from ..models.policy import Policy
from ..models.records import RecordRow, TrainingRecord
from .record_files import RawRecord, normalise, read_record_file, record_paths

DEDUCTION_IDS = {"unexcused_absence": "absent", "discipline": "discipline", "feedback_form": "form"}
"""Policy deduction id → what on a record row brings it."""


def _validated(raw: RawRecord, policy: Policy, problems: list[Problem]) -> TrainingRecord | None:
    try:
        return TrainingRecord.model_validate(normalise(raw, policy))
    except ValidationError as error:
        for item in error.errors(include_url=False):
            line, column = raw.where(item["loc"])
            field = ".".join(str(k) for k in item["loc"]) or "（记录）"
            name = raw.field_names.get(str(item["loc"][-1]), field) if item["loc"] else field
            problems.append(Problem(raw.label, line, column, name, describe(item)))
        return None


def _cross_checks(record: TrainingRecord, raw: RawRecord, policy: Policy, roster: Roster) -> list[Problem]:
    def problem(path: tuple, message: str) -> Problem:
        line, column = raw.where(path)
        return Problem(raw.label, line, column, raw.field_names.get(str(path[-1]), ".".join(map(str, path))), message)

    staff, found = roster.by_id(), []
    programme = next((p for p in policy.programmes if p.id == record.programme), None)
    if programme is None:
        names = "、".join(f"{p.id}（{p.name}）" for p in policy.programmes)
        found.append(problem(("programme",), f"未知培训类别“{record.programme}”，应为 {names} 之一"))
    else:
        known = {t.id for t in programme.topics}
        found += [
            problem(("topics", i), f"“{programme.name}”中没有课题“{topic}”")
            for i, topic in enumerate(record.topics)
            if topic not in known
        ]
    if record.instructor not in staff:
        found.append(problem(("instructor",), f"花名册中没有工号“{record.instructor}”"))
    seen: set[str] = set()
    for i, row in enumerate(record.trainees):
        if row.id not in staff:
            found.append(problem(("trainees", i, "id"), f"花名册中没有工号“{row.id}”"))
        if row.id in seen:
            found.append(problem(("trainees", i, "id"), f"工号“{row.id}”在本记录中出现了两次"))
        seen.add(row.id)
    return found


def load_records(folder: Path, policy: Policy, roster: Roster, label=lambda p: p.as_posix()) -> list[TrainingRecord]:
    """Every record under ``folder``, sorted by date; raise CheckFailed listing every mistake."""
    if not folder.is_dir():
        raise HandbookError(f"找不到培训记录文件夹：{label(folder)}")
    problems: list[Problem] = []
    records: list[TrainingRecord] = []
    first_seen: dict[str, str] = {}
    limits = policy.grading
    found = record_paths(folder, limits.max_result_files)
    problems += [Problem(label(Path(path)), 1, 1, "（文件）", reason) for path, reason in found.refused]
    for path in map(Path, found.files):
        try:
            raw = read_record_file(path, label(path), limits.max_office_file_bytes)
        except CheckFailed as unreadable:
            problems += unreadable.problems
            continue
        record = _validated(raw, policy, problems)
        if record is None:
            continue
        problems += _cross_checks(record, raw, policy, roster)
        if record.session_id in first_seen:
            line, column = raw.where(("session_id",))
            message = f"场次编号“{record.session_id}”与 {first_seen[record.session_id]} 重复"
            problems.append(Problem(raw.label, line, column, raw.field_names.get("session_id", "session_id"), message))
        first_seen.setdefault(record.session_id, raw.label)
        records.append(record)
    if problems:
        raise CheckFailed(problems)
    return sorted(records, key=lambda r: (r.date, r.session_id))


def _noted(row: RecordRow, what: str) -> str:
    return "" if what == "absent" else getattr(row, what)


def _brings(row: RecordRow, what: str) -> bool:
    return row.attendance == "absent" if what == "absent" else bool(getattr(row, what).strip())


def attendance_deductions(records: list[TrainingRecord], policy: Policy) -> dict[str, list[AttendanceDeduction]]:
    """Per trainee, each deduction the records bring, in date order."""
    points = {d.id: d.points for d in policy.deductions.attendance}
    missing = sorted(set(DEDUCTION_IDS) - set(points))
    if missing:
        raise HandbookError(f"policy.yaml 的 deductions.attendance 中缺少扣分项：{'、'.join(missing)}")
    found: dict[str, list[AttendanceDeduction]] = defaultdict(list)
    for record in records:
        for row in record.trainees:
            for deduction, what in DEDUCTION_IDS.items():
                if _brings(row, what):
                    found[row.id].append(
                        AttendanceDeduction(
                            session_id=record.session_id,
                            date=record.date,
                            deduction=deduction,
                            points=points[deduction],
                            note=_noted(row, what),
                        )
                    )
    return found
