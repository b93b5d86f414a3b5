"""Result slips （成绩单）: one printed page per trainee per exam, to hand back the same day.

A slip shows the trainee's latest sitting of the exam: score, pass or fail, which sitting it
was, the attendance points it cost and what follows, the earlier sittings in one line, and the
topics of the questions answered wrong — the topics only, never a question's key, so a slip
passed round before a retake gives nothing away.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from ..models.grades import Attempt
from ..models.policy import Policy
from .catalog import Catalog
from .report_tables import shown
from .report_text import FONTS, html_text
from .results import ExamSubmission

TITLE = "考核成绩单"


@dataclass(frozen=True)
class Slip:
    """One trainee's latest sitting of one exam, as the slip prints it."""

    attempt: Attempt
    exam: str
    """The exam's title."""
    earlier: tuple[Attempt, ...]
    missed: tuple[tuple[str, int], ...]
    """Topic names of the questions answered wrong in this sitting, with how many, most first."""
    questions: int


def slips(sittings: list[list[ExamSubmission]], attempts: list[list[Attempt]], catalog: Catalog) -> list[Slip]:
    """A slip per trainee and exam, in the order of the sittings (by trainee, then exam);
    ``attempts`` holds each group's sittings as graded, in the same order: they are taken as
    judged, not looked up again among all the attempts."""
    found, names = [], _topic_names(catalog.policy)
    for group, taken in zip(sittings, attempts, strict=True):
        if not taken:
            continue
        latest = group[len(taken) - 1]
        key = catalog.key(latest.quiz_id, latest.edition)
        missed = Counter(names.get(key.topics[p], "其他") for p in latest.wrong)
        found.append(
            Slip(
                attempt=taken[-1],
                exam=key.bank.title + (f"（按旧版 {latest.edition} 评分）" if latest.edition else ""),
                earlier=tuple(taken[:-1]),
                missed=tuple(sorted(missed.items(), key=lambda item: (-item[1], item[0]))),
                questions=len(key.questions),
            )
        )
    return found


def _topic_names(policy: Policy) -> dict[tuple[str, str] | None, str]:
    return {(p.id, t.id): t.name for p in policy.programmes for t in p.topics}


STYLE = f"""\
  @page {{ size: A4 portrait; margin: 18mm; }}
  body {{ font-family: {FONTS}; font-size: 12pt; color: #111; }}
  section {{ break-after: page; margin-bottom: 3em; }}
  section:last-child {{ break-after: auto; }}
  h1 {{ font-size: 18pt; text-align: center; margin: 0 0 1em; }}
  table {{ border-collapse: collapse; width: 100%; margin-bottom: 1em; }}
  th, td {{ border: 1px solid #555; padding: 6px 8px; text-align: left; vertical-align: top; }}
  th {{ width: 9em; background: #eee; }}
  .sign {{ margin-top: 3em; display: flex; flex-wrap: wrap; gap: 1em; justify-content: space-between; }}
  .sign span {{ white-space: nowrap; }}
  @media screen and (max-width: 30em) {{ th {{ width: 5.5em; }} }}
"""


def _scoring(policy: Policy) -> str:
    """The full marks and pass mark, the same on every slip: written once per run."""
    rules = policy.assessment
    return f"满分 {rules.max_score}，{shown(rules.pass_mark)} 分合格"


def _rows(slip: Slip, policy: Policy, scoring: str) -> list[tuple[str, str]]:
    a = slip.attempt
    action = policy.actions[a.action] + (f"（限期至 {a.deadline}）" if a.deadline else "")
    missed = "、".join(f"{name}（{count} 题）" for name, count in slip.missed) or "无"
    earlier = "；".join(
        f"第 {e.sitting} 次 {shown(e.score)} 分，{'合格' if e.passed else '不合格'}" for e in slip.earlier
    )
    return [
        ("姓名", f"{a.trainee_name}（工号 {a.trainee_id}）"),
        ("考核", slip.exam),
        ("第几次考核", f"第 {a.sitting} 次"),
        ("提交时间", f"{shown(a.submitted_at.replace(tzinfo=None))}（北京时间）"),
        ("得分", f"{shown(a.score)} 分（{scoring}）"),
        ("结果", "合格" if a.passed else "不合格"),
        ("扣考勤分", str(a.points_deducted)),
        ("处理", action),
        ("答错的题所属课题", f"{missed}（共 {slip.questions} 题；只列课题，不列答案，请对照教材复习）"),
        *([("此前各次", earlier)] if earlier else []),
    ]


@functools.cache
def _row_opening(label: str) -> str:
    """A row's start up to its value: the labels are the few of ``_rows``, escaped once each."""
    return f"<tr><th>{html_text(label)}</th><td>"


SIGNATURES = (
    '</table>\n<div class="sign"><span>学员签字：＿＿＿＿＿＿</span>\n'
    "<span>客服主管签字：＿＿＿＿＿＿</span><span>日期：＿＿＿年＿＿月＿＿日</span></div>\n</section>"
)
SLIP_OPENING = f'<section class="slip">\n<h1>{TITLE}</h1>\n<table>'


def slips_html(items: list[Slip], policy: Policy) -> str:
    """Every slip on a page of its own, printable from any browser."""
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', f"<title>{TITLE}</title>"]
    out += ["<style>", STYLE + "</style>", "</head>", "<body>"]
    scoring = _scoring(policy)
    for slip in items:
        out.append(SLIP_OPENING)
        out += [f"{_row_opening(k)}{html_text(v)}</td></tr>" for k, v in _rows(slip, policy, scoring)]
        out.append(SIGNATURES)
    if not items:
        out.append("<p>本次没有评出任何考核，没有成绩单。</p>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
