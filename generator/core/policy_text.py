"""How the policy's figures read in Chinese wherever a person reads them: pages, plans, audits."""

from __future__ import annotations

from ..models.policy import Frequency

UNIT_NAMES = {"week": "周", "month": "个月"}


def frequency(group: Frequency) -> str:
    """每周 1 次, 每 2 周 3 次, 每月 1 次, 每 3 个月 1 次 …"""
    unit = UNIT_NAMES[group.unit]
    if group.every == 1:
        return f"每{'周' if group.unit == 'week' else '月'} {group.sessions} 次"
    return f"每 {group.every} {unit} {group.sessions} 次"


def frequencies(groups: list[Frequency]) -> str:
    """A programme's frequency groups in one line, groups of the same cadence added up: two
    monthly groups on different topics read 每月 2 次, not 每月 1 次；每月 1 次."""
    merged: dict[tuple[int, str], Frequency] = {}
    for group in groups:
        cadence = (group.every, group.unit)
        seen = merged.get(cadence)
        merged[cadence] = (
            group if seen is None else seen.model_copy(update={"sessions": seen.sessions + group.sessions})
        )
    return "；".join(frequency(group) for group in merged.values())
