"""What ``handbook grade`` prints: a short summary with tables; the details are in the report."""

from __future__ import annotations

import unicodedata
from collections import Counter

from ..models.grades import Grades
from ..models.policy import Action, Policy
from .report_tables import cohort_verdict, title, verdict

SHOWN_REJECTIONS = 15
GAP = "  "


def width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(width(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return GAP.join(cell + " " * (w - width(cell)) for cell, w in zip(cells, widths, strict=True)).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def _cohort_lines(grades: Grades) -> list[str]:
    if not grades.cohorts:
        return []
    rows = [
        [
            title(grades, c.quiz_id),
            str(c.sitting),
            f"{c.passed}/{c.cohort}",
            f"{c.pass_rate:g}%",
            f"{c.target:g}%",
            cohort_verdict(c),
        ]
        for c in grades.cohorts
    ]
    return ["", "考核合格率（累计）：", *text_table(["考核", "第几次后", "合格人数", "合格率", "目标", "达标"], rows)]


def _action_lines(grades: Grades, policy: Policy) -> list[str]:
    counts: Counter[Action] = Counter(a.action for a in grades.attempts if a.action != "none")
    counts.update(o.action for o in grades.overdue)
    if not counts:
        return []
    return ["", "需要处理：", *(f"  {policy.actions[action]}：{n} 人次" for action, n in sorted(counts.items()))]


def _instructor_lines(grades: Grades, policy: Policy) -> list[str]:
    if not grades.instructors:
        return []
    rows = [
        [
            s.instructor_name or s.instructor_id,
            s.session_id,
            str(s.responses),
            "是" if s.met else "否",
            policy.actions[s.action],
        ]
        for s in grades.instructors
    ]
    return ["", "讲师评价：", *text_table(["讲师", "场次", "考核表", "达标", "处理"], rows)]


def _rejected_lines(grades: Grades) -> list[str]:
    if not grades.rejected:
        return []
    lines = ["", f"未计分的文件（{len(grades.rejected)} 个）："]
    lines += [f"  {r.file}：{r.reason}" for r in grades.rejected[:SHOWN_REJECTIONS]]
    if len(grades.rejected) > SHOWN_REJECTIONS:
        lines.append(f"  ……其余 {len(grades.rejected) - SHOWN_REJECTIONS} 个见报告")
    return lines


def summary(grades: Grades, policy: Policy) -> str:
    forms = sum(s.responses for s in grades.instructors)
    lines = [
        f"评分完成：找到 {grades.files} 个结果文件，计分考核 {len(grades.attempts)} 次、"
        f"考核表 {forms} 份，未计分 {len(grades.rejected)} 个文件。"
    ]
    lines += _cohort_lines(grades) + _action_lines(grades, policy) + _instructor_lines(grades, policy)
    if grades.weak_topics:
        worst = grades.weak_topics[0]
        lines += ["", f"最薄弱的课题：{worst.programme_name} · {worst.topic_name}（错误率 {worst.wrong_share:g}%）"]
    lines += _rejected_lines(grades)
    lines += ["", verdict(grades)]
    return "\n".join(lines)
