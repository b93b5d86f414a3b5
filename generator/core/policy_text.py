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
