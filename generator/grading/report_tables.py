"""The grades as titled tables: one model for the Markdown, HTML and Excel reports.

A cell is text, a number, a date or a time (in office time): the workbook keeps numbers and
dates as such, so a supervisor can sum and sort them; the text reports show them with ``shown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.office_time import office_moment
from ..core.published import VERSION_LENGTH
from ..models.grades import AttendanceDeduction, Grades
from ..models.policy import Policy

YES, NO = "是", "否"
Cell = str | int | float | dt.date | dt.datetime
"""What a table cell holds."""


def shown(value: Cell) -> str:
    """A cell as text reports print it: a number without trailing zeros, a time to the minute."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass
class Table:
    title: str
    """Also the sheet's name in the workbook."""
    headers: list[str]
    rows: Iterable[Sequence[Any]]
    """A list, or for the workbook's biggest table rows made as they are written."""
    empty: str = "无"
    """Shown instead of an empty table."""
    notes: list[str] = field(default_factory=list)
    printable: bool = False
    """Laid out for printing in the workbook (A4 landscape, wrapped text): the report's tables
    are; the sheet of every attempt is data to sort and filter, too long to print."""
    samples: Sequence[Sequence[Any]] = ()
    """Rows as wide as the widest a streamed table may have: its sheet sizes its columns by them
    before the rows are made."""


PENDING = "待补考"
NOTHING_GRADED = "本次未评出任何考核，无从判断各项目标是否达到。"


def _flag(value: bool) -> str:
    return YES if value else NO


def title(grades: Grades, quiz_id: str) -> str:
    """An exam as people know it: by its title, not its file id."""
    return grades.exam_titles.get(quiz_id, quiz_id)


def cohort_verdict(row) -> str:
    return PENDING if row.pending else _flag(row.met)


def verdict(grades: Grades) -> str:
    """What the grading says about the targets, claiming only what was graded: nothing when
    nothing was; a target whose retake is still to come is pending, not missed."""
    if not grades.attempts and not grades.instructors:
        return NOTHING_GRADED
    pending = sum(1 for c in grades.cohorts if c.pending)
    later = f"另有 {pending} 项待补考，补考结果出来后再判断。" if pending else ""
    if grades.revision_reasons:
        return f"有 {len(grades.revision_reasons)} 项未达标，请考虑修订培训计划。{later}"
    return f"本次评出的各项目标均已达到。{later}"


def _percent(value: float) -> str:
    return f"{value:g}%"


def _office(moment: dt.datetime) -> dt.datetime:
    """A time in office time, without its offset: a spreadsheet keeps no time zone."""
    return office_moment(moment).replace(tzinfo=None)


def cohort_table(grades: Grades) -> Table:
    rows = [
        [
            title(grades, c.quiz_id),
            c.sitting,
            c.cohort,
            c.passed,
            c.pass_rate,
            c.target,
            cohort_verdict(c),
        ]
        for c in grades.cohorts
    ]
    headers = ["考核", "第几次考核后", "参加人数", "累计合格", "累计合格率（%）", "目标（%）", "达标"]
    return Table(
        "考核合格率",
        headers,
        rows,
        notes=[
            "合格率按累计计算：某次考核后，参加过该考核的人中已经合格的比例。",
            f"“{PENDING}”：还没合格的人尚未参加这一次考核，补考后再判断是否达标。",
        ],
    )


def _attempt_rows(grades: Grades, policy: Policy) -> Iterator[list[Cell]]:
    """A row per graded sitting, made only when the workbook writes it."""
    for a in grades.attempts:
        action = policy.actions[a.action] + (f"（限期至 {a.deadline}）" if a.deadline else "")
        yield [
            a.trainee_id,
            a.trainee_name,
            title(grades, a.quiz_id),
            a.sitting,
            office_moment(a.submitted_at),  # the workbook keeps its clock reading, not its offset
            a.score,
            "合格" if a.passed else "不合格",
            a.points_deducted,
            action,
            f"旧版 {a.edition}" if a.edition else "现行",
        ]


ATTEMPTS_TITLE = "考核成绩"


ATTEMPT_HEADERS = ["工号", "姓名", "考核", "第几次", "提交时间", "得分", "结果", "扣分", "处理", "题库版本"]


def _attempt_samples(grades: Grades, policy: Policy) -> list[list[Cell]]:
    """The longest values each column of the sheet of attempts can hold, known before any row is
    made: every trainee's id and name, every exam's title, every action with its deadline."""
    latest = dt.datetime.max.replace(second=0, microsecond=0)  # as wide as any time or date shown
    values: list[Cell] = ["", "", "", 0, latest, 0.0, "不合格", 0, "", f"旧版 {'0' * VERSION_LENGTH}"]
    blank = dict(zip(ATTEMPT_HEADERS, values, strict=True))
    changes: list[dict[str, Cell]] = [{}]
    changes += [{"工号": t.trainee_id, "姓名": t.trainee_name} for t in grades.trainees]
    changes += [{"考核": exam} for exam in grades.exam_titles.values()]
    changes += [{"处理": f"{action}（限期至 {latest.date()}）"} for action in policy.actions.values()]
    return [list({**blank, **change}.values()) for change in changes]


def attempt_table(grades: Grades, policy: Policy) -> Table:
    """Every graded sitting: in the workbook only, the report being read by people."""
    headers = ATTEMPT_HEADERS
    notes = [
        "得分按题库答案重新计算，结果文件中的分数不采用。时间均为北京时间。",
        "题库版本为“旧版”的，是在题库修改前按当时发布的考核作答，按那一版的答案评分。",
    ]
    rows = _attempt_rows(grades, policy)
    return Table(ATTEMPTS_TITLE, headers, rows, notes=notes, samples=_attempt_samples(grades, policy))


def overdue_table(grades: Grades, policy: Policy) -> Table:
    rows = [
        [o.trainee_id, o.trainee_name, title(grades, o.quiz_id), o.deadline, policy.actions[o.action]]
        for o in grades.overdue
    ]
    return Table("限期已过仍未合格", ["工号", "姓名", "考核", "限期", "处理"], rows)


def _deduction(item: AttendanceDeduction, names: dict[str, str]) -> str:
    note = f"（{item.note}）" if item.note else ""
    return f"{item.date} {item.session_id} {names.get(item.deduction, item.deduction)}{note} −{item.points}"


def _failed_sittings(grades: Grades, policy: Policy) -> dict[str, str]:
    """What each trainee's failed sittings call for, by exam: 常规培训月度考核第 1、2 次：一对一单独培训
    （业余时间）. The director acts on it, so the report names the trainee and the action, not only
    the points; one line per exam and action keeps it short however many sittings there were."""
    sittings: dict[str, dict[tuple[str, str], list[str]]] = {}
    for a in grades.attempts:
        if a.action != "none":
            action = policy.actions[a.action] + (f"（限期至 {a.deadline}）" if a.deadline else "")
            sittings.setdefault(a.trainee_id, {}).setdefault((a.quiz_id, action), []).append(str(a.sitting))
    return {
        trainee: "；".join(f"{title(grades, quiz)}第 {'、'.join(n)} 次：{what}" for (quiz, what), n in found.items())
        for trainee, found in sittings.items()
    }


def trainee_table(grades: Grades, policy: Policy) -> Table:
    names = {d.id: d.name for d in policy.deductions.attendance}
    failed = _failed_sittings(grades, policy)
    rows = []
    for t in grades.trainees:
        detail = "；".join(_deduction(d, names) for d in t.attendance)
        total = t.attendance_points_deducted + t.assessment_points_deducted
        row = [t.trainee_id, t.trainee_name, t.attendance_points_deducted, t.assessment_points_deducted]
        rows.append([*row, total, failed.get(t.trainee_id, ""), detail])
    headers = ["工号", "姓名", "考勤扣分", "考核扣分", "合计", "考核不合格的处理", "考勤扣分明细"]
    return Table("学员扣分", headers, rows)


def instructor_table(grades: Grades, policy: Policy) -> Table:
    targets = policy.instructor_targets
    headers = ["讲师工号", "讲师", "场次", "日期", "考核表份数"]
    headers += [f"{t.name}（%，{'≥' if t.direction == 'at_least' else '≤'}{_percent(t.target)}）" for t in targets]
    headers += ["达标", "第几次未达标", "处理"]
    rows = []
    for s in grades.instructors:
        shares = [s.shares[t.id] for t in targets]
        strike = s.strike or ""
        row = [s.instructor_id, s.instructor_name, s.session_id, s.date, s.responses]
        rows.append([*row, *shares, _flag(s.met), strike, policy.actions[s.action]])
    return Table("讲师评价", headers, rows)


def weak_topic_table(grades: Grades) -> Table:
    rows = [[w.programme_name, w.topic_name, w.answers, w.wrong, w.wrong_share] for w in grades.weak_topics]
    notes = ["按错误率从高到低排列，可作为下月培训计划的重点（handbook schedule --focus-from grades.json）。"]
    return Table("薄弱课题", ["培训类别", "课题", "作答次数", "答错", "错误率（%）"], rows, notes=notes)


def rejected_table(grades: Grades) -> Table:
    rows = [[r.file, r.reason] for r in grades.rejected]
    return Table("未计分的文件", ["文件", "原因"], rows, notes=["这些文件没有计分；修正或重新提交后再评一次。"])


def report_tables(grades: Grades, policy: Policy) -> list[Table]:
    """The report's tables: pass rates, what needs acting on and each trainee's deductions.
    A row per attempt would make the report as long as the run is big (a hundred thousand rows
    no browser opens quickly and nobody reads); those rows are in the workbook and grades.json."""
    return [
        cohort_table(grades),
        overdue_table(grades, policy),
        trainee_table(grades, policy),
        instructor_table(grades, policy),
        weak_topic_table(grades),
        rejected_table(grades),
    ]


def workbook_tables(grades: Grades, policy: Policy, report: list[Table]) -> list[Table]:
    """The report's tables (``report_tables``), laid out for printing, and, second, the sheet
    of every attempt."""
    printable = [replace(table, printable=True) for table in report]
    return [printable[0], attempt_table(grades, policy), *printable[1:]]


def _earlier_editions(grades: Grades) -> list[tuple[str, str]]:
    """How many sittings were answered on an earlier edition of their exam, when any were."""
    earlier = sum(1 for a in grades.attempts if a.edition)
    if not earlier:
        return []
    return [("按旧版题库评分", f"{earlier} 次（题库修改前按当时发布的考核作答，按那一版评分）")]


def overview(grades: Grades) -> list[tuple[str, str]]:
    return [
        ("评分时间", f"{shown(_office(grades.generated_at))}（北京时间）"),
        ("找到的结果文件", str(grades.files)),
        ("计分的考核", f"{len(grades.attempts)}（每次考核的得分见 grades.xlsx 的“{ATTEMPTS_TITLE}”表和 grades.json）"),
        *_earlier_editions(grades),
        ("计入的考核表", str(sum(s.responses for s in grades.instructors))),
        ("未计分的文件", str(len(grades.rejected))),
        ("培训记录", f"{len(grades.sessions)} 场"),
    ]
