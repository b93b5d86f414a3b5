"""Cohort pass rates: after sittings 1, 2, 3 … the cumulative share of an exam's cohort that passed.

The cohort of an exam is every trainee who sat it at least once; a trainee counts as passed after
sitting n when one of the first n sittings was a pass. A target not reached while someone who
has not passed has not had sitting n yet is 待补考 (pending), not missed: the retake is still
to come.
"""

from __future__ import annotations

from collections import defaultdict

from ..models.grades import PERCENT_SCALE, Attempt, Cohort
from ..models.policy import Policy


def _first_passes(attempts: list[Attempt]) -> tuple[dict[str, dict[str, int | None]], dict[tuple[str, str], int]]:
    """Per exam, per trainee: the sitting of the first pass, or None; and per (exam, trainee)
    the last sitting held."""
    first: dict[str, dict[str, int | None]] = defaultdict(dict)
    last: dict[tuple[str, str], int] = {}
    for attempt in attempts:
        seen = first[attempt.quiz_id].setdefault(attempt.trainee_id, None)
        if attempt.passed and seen is None:
            first[attempt.quiz_id][attempt.trainee_id] = attempt.sitting
        key = (attempt.quiz_id, attempt.trainee_id)
        last[key] = max(last.get(key, 0), attempt.sitting)
    return first, last


def cohorts(attempts: list[Attempt], policy: Policy) -> list[Cohort]:
    rows = []
    first, last = _first_passes(attempts)
    for quiz_id, trainees in sorted(first.items()):
        size = len(trainees)
        for target in policy.cohort_targets:
            passed = sum(1 for sitting in trainees.values() if sitting is not None and sitting <= target.sitting)
            met = passed * PERCENT_SCALE >= target.pass_rate * size
            waiting = any(
                (sitting is None or sitting > target.sitting) and last[(quiz_id, trainee)] < target.sitting
                for trainee, sitting in trainees.items()
            )
            rows.append(
                Cohort(
                    quiz_id=quiz_id,
                    sitting=target.sitting,
                    cohort=size,
                    passed=passed,
                    pass_rate=round(passed * PERCENT_SCALE / size, 1),
                    target=target.pass_rate,
                    met=met,
                    pending=not met and waiting,
                )
            )
    return rows
