"""Cohort pass rates: after sittings 1, 2, 3 … the cumulative share of an exam's cohort that passed.

The cohort of an exam is every trainee who sat it at least once; a trainee counts as passed after
sitting n when one of the first n sittings was a pass.
"""

from __future__ import annotations

from collections import defaultdict

from ..models.grades import PERCENT_SCALE, Attempt, Cohort
from ..models.policy import Policy


def _first_passes(attempts: list[Attempt]) -> dict[str, dict[str, int | None]]:
    """Per exam, per trainee: the sitting of the first pass, or None."""
    first: dict[str, dict[str, int | None]] = defaultdict(dict)
    for attempt in attempts:
        seen = first[attempt.quiz_id].setdefault(attempt.trainee_id, None)
        if attempt.passed and seen is None:
            first[attempt.quiz_id][attempt.trainee_id] = attempt.sitting
    return first


def cohorts(attempts: list[Attempt], policy: Policy) -> list[Cohort]:
    rows = []
    for quiz_id, trainees in sorted(_first_passes(attempts).items()):
        size = len(trainees)
        for target in policy.cohort_targets:
            passed = sum(1 for sitting in trainees.values() if sitting is not None and sitting <= target.sitting)
            rows.append(
                Cohort(
                    quiz_id=quiz_id,
                    sitting=target.sitting,
                    cohort=size,
                    passed=passed,
                    pass_rate=round(passed * PERCENT_SCALE / size, 1),
                    target=target.pass_rate,
                    met=passed * PERCENT_SCALE >= target.pass_rate * size,
                )
            )
    return rows
