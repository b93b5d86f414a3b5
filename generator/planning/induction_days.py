"""The induction's day-by-day plan, packed from the induction modules in teaching order."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.loader import Module
from ..models.policy import Programme


@dataclass(frozen=True)
class Slot:
    """Part of one induction day given to one module."""

    day: int
    hours: float
    module: Module


def day_plan(induction: Programme, modules: list[Module]) -> list[Slot]:
    """Fill each day up to its share of the class hours, modules in their ``order``.

    A module longer than what is left of a day carries on the next day, so the job
    practice spreads over the last days while the theory comes first, as the policy wants.
    """
    per_day = induction.class_hours / induction.days
    slots: list[Slot] = []
    day, left = 1, per_day
    for module in sorted(modules, key=lambda m: (m.head.order, m.head.id)):
        remaining = module.head.class_hours
        while remaining > 0:
            taken = min(remaining, left)
            slots.append(Slot(day, taken, module))
            remaining -= taken
            left -= taken
            if left <= 0:
                day, left = day + 1, per_day
    return slots
