"""The one way every pipeline gets its curriculum: loaded, cross-checked, its policy certain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import partial

from ..models.policy import Policy
from .checks import check_curriculum
from .errors import CheckFailed, Problem
from .loader import Curriculum, load_curriculum
from .project import Project
from .schedule_settings import SETTINGS_NAME, load_settings
from .sources import Source, parse_cache
from .workdays import read_calendar_file


@dataclass
class Handbook(Curriculum):
    """A curriculum that passed ``handbook check``: its policy is present, not optional."""

    policy: Policy  # narrowed from Curriculum's Policy | None
    policy_source: Source  # likewise


def load_checked(project: Project) -> Handbook:
    """Load and cross-check everything; raise CheckFailed listing every problem."""
    with parse_cache(project.cache):
        found = load_curriculum(project)
        settings_problems: list[Problem] = []
        if found.policy is not None and (project.curriculum / SETTINGS_NAME).is_file():
            settings_problems = office_settings_problems(project, found.policy)
    problems = found.problems + check_curriculum(found) + settings_problems
    if problems or found.policy is None or found.policy_source is None:
        raise CheckFailed(problems)
    return Handbook(**{f.name: getattr(found, f.name) for f in fields(found)})


def office_settings_problems(project: Project, policy: Policy) -> list[Problem]:
    """The schedule settings and every calendar override file, checked like the curriculum."""
    readers: list[Callable[[], object]] = [partial(load_settings, project.curriculum, policy)]
    for path in sorted((project.curriculum / "calendar").glob("[0-9][0-9][0-9][0-9].yaml")):
        readers.append(partial(read_calendar_file, path, project.label(path), int(path.stem)))
    problems: list[Problem] = []
    for read in readers:
        try:
            read()
        except CheckFailed as failure:
            problems += failure.problems
    return problems
