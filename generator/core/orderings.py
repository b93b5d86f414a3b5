"""One order for each procedure across the whole handbook.

Two ordering questions that share steps must put them in the same order, or a trainee who learnt
one bank is marked wrong by the other. A step is known by what the author tagged it (an ordering
question's ``procedure`` and an option's ``step``) or, untagged, by its text as judged (folded
like a typed answer), so that the same words in two banks are the same step.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..models.content import Ordering
from .errors import Problem
from .loader import Curriculum, LoadedBank
from .published import normalise_blank

StepKey = tuple[str | None, str]


@dataclass(frozen=True)
class OrderedSteps:
    """One ordering question: where it stands and its steps in the key's order."""

    loaded: LoadedBank
    index: int
    question: Ordering
    keys: tuple[StepKey, ...]
    names: dict[StepKey, str]
    place: dict[StepKey, int]
    """Each step's position in ``keys``; made once, as every question is compared with every other."""


def ordered_steps(loaded: LoadedBank, index: int, question: Ordering) -> OrderedSteps:
    options = {o.id: o for o in question.options}
    keys, names = [], {}
    for option in (options[a] for a in question.answer if a in options):
        step = option.step if question.procedure is not None and option.step is not None else option.text
        key = (question.procedure, normalise_blank(step))
        keys.append(key)
        names[key] = option.step or option.text
    return OrderedSteps(loaded, index, question, tuple(keys), names, {key: n for n, key in enumerate(keys)})


def _first_inversion(first: OrderedSteps, second: OrderedSteps) -> tuple[StepKey, StepKey] | None:
    """Two shared steps that ``first`` puts one way round and ``second`` the other, if any."""
    place = second.place
    shared = [key for key in first.keys if key in place]
    for earlier, later in combinations(shared, 2):
        if place[earlier] > place[later]:
            return earlier, later
    return None


def ordering_problems(found: Curriculum) -> list[Problem]:
    """Every pair of ordering questions that order shared steps differently, reported at the later one."""
    questions = [
        ordered_steps(loaded, i, q)
        for loaded in found.banks
        for i, q in enumerate(loaded.bank.questions)
        if isinstance(q, Ordering)
    ]
    problems = []
    for first, second in combinations(questions, 2):
        inversion = _first_inversion(first, second)
        if inversion is None:
            continue
        earlier, later = (first.names[key] for key in inversion)
        message = (
            f"与 {first.loaded.source.locator.file} 的 {first.question.id} 顺序相反："
            f"那里“{earlier}”在“{later}”之前，这里相反；同一个流程全手册只能有一种顺序"
        )
        problems.append(second.loaded.source.locator.problem(("questions", second.index, "answer"), message))
    return problems
