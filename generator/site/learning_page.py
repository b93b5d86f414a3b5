"""我的学习 (learning.md): a trainee's progress, the 错题本 of wrong answers and review.

Everything a trainee does is kept in the browser by assets/learning.js; this page only carries
what that script needs, as JSON: every self-check bank as the quiz pages publish it (with its key
and explanations, which a self-check shows anyway; exams are never included), the module titles,
and the assessments of the published schedule with the modules each covers, for 考前复习.
The banks are embedded rather than fetched so that review also works with the site opened from
disk, where browsers refuse fetch().
"""

from __future__ import annotations

import jinja2

from ..core.published import published_quiz
from ..planning.induction import day_plan
from ..planning.plan_text import date_text
from ..planning.plans import assessed_modules
from .schedule_pages import SiteSchedule

SELF_CHECK = "self-check"
PAGE = "learning.md"


def coming_assessments(site, schedule: SiteSchedule | None) -> list[dict]:
    """The schedule's assessment days, each with its assessments' titles and what they cover;
    the parts held on one day (written, practical, fire) make one review."""
    if schedule is None:
        return []
    programmes = {section_id: [m.head.id for m in site.in_programme(section_id)] for section_id, _ in site.sections}
    days: dict = {}
    for entry, modules in assessed_modules(schedule.plan, programmes):
        item = days.setdefault(
            entry.day, {"day": entry.day.isoformat(), "when": date_text(entry.day), "title": [], "modules": []}
        )
        item["title"].append(entry.title)
        item["modules"] += [m for m in modules if m not in item["modules"]]
    return [{**item, "title": joined_titles(item["title"])} for item in days.values() if item["modules"]]


def joined_titles(titles: list[str]) -> str:
    """The titles of one day's assessments in one line, the parts of one assessment together:
    11月培训考核（笔试）and 11月培训考核（实操）become 11月培训考核（笔试、实操）."""
    parts: dict[str, list[str]] = {}
    for title in titles:
        name, _, part = title.partition("（")
        parts.setdefault(name, []).extend([part.removesuffix("）")] if part else [])
    return "、".join(f"{name}（{'、'.join(p)}）" if p else name for name, p in parts.items())


def learning_data(site, schedule: SiteSchedule | None) -> dict:
    banks = [published_quiz(bank) for bank in site.banks.values() if bank.mode == SELF_CHECK]
    return {
        "banks": banks,
        "modules": {m.head.id: m.head.title for m in site.modules},
        "exams": coming_assessments(site, schedule),
    }


def learning_page(env: jinja2.Environment, site, shared: dict, schedule: SiteSchedule | None) -> dict[str, str]:
    induction, data = site.policy.induction, learning_data(site, schedule)
    page = env.get_template(f"{PAGE}.j2").render(
        **shared,
        plan=day_plan(induction, site.in_programme(induction.id)),
        induction=induction,
        exams=data["exams"],
        data=data,
    )
    return {PAGE: page}
