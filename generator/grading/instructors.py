"""Instructors rated from the trainees' feedback forms, session by session, and their strikes.

Per session the share of yes / agree answers of each measure is held against the policy's target;
a session that misses any target is a strike, counted per instructor in session order, and each
strike brings the policy's consequence （重新制订方案、讲师参加培训、不再授予培训资格）.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from ..core.office_time import office_date
from ..models.grades import PERCENT_SCALE, InstructorSession
from ..models.policy import InstructorTarget, Policy
from .results import SurveySubmission


def _meets(target: InstructorTarget, yes: int, count: int) -> bool:
    # In whole numbers: 19 of 20 is exactly 95 %, with no rounding either way.
    if target.direction == "at_least":
        return yes * PERCENT_SCALE >= target.target * count
    return yes * PERCENT_SCALE <= target.target * count


def _session(policy: Policy, key: tuple[str, str], forms: list[SurveySubmission], day: dt.date, name) -> dict:
    instructor_id, session_id = key
    shares, missed = {}, []
    for position, target in enumerate(policy.instructor_targets):
        yes = sum(1 for form in forms if form.votes[position])
        shares[target.id] = round(yes * PERCENT_SCALE / len(forms), 1)
        if not _meets(target, yes, len(forms)):
            missed.append(target.id)
    return {
        "instructor_id": instructor_id,
        "instructor_name": name(instructor_id),
        "session_id": session_id,
        "date": day,
        "responses": len(forms),
        "shares": shares,
        "missed": missed,
        "met": not missed,
    }


def _with_strikes(policy: Policy, sessions: list[dict]) -> list[InstructorSession]:
    strikes: dict[str, int] = defaultdict(int)
    rows = []
    for session in sorted(sessions, key=lambda s: (s["instructor_id"], s["date"], s["session_id"])):
        strike, action = 0, "none"
        if not session["met"]:
            strikes[session["instructor_id"]] += 1
            strike = strikes[session["instructor_id"]]
            rule = next((s for s in policy.instructor_strikes if s.strike == strike), policy.instructor_strikes[-1])
            action = rule.action
        rows.append(InstructorSession(**session, strike=strike, action=action))
    return rows


def instructor_sessions(
    forms: list[SurveySubmission], policy: Policy, name: Callable[[str], str], dates: dict[str, dt.date]
) -> list[InstructorSession]:
    """``dates``: session id → date, from the training records; else the first form's date."""
    grouped: dict[tuple[str, str], list[SurveySubmission]] = defaultdict(list)
    for form in forms:
        grouped[(form.instructor_id, form.session_id)].append(form)
    sessions = []
    for key, group in grouped.items():
        day = dates.get(key[1]) or min(office_date(form.submitted_at) for form in group)
        sessions.append(_session(policy, key, group, day, name))
    return _with_strikes(policy, sessions)
