"""Load every source file of a curriculum into models, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..models import Bank, GlossaryFile, ModuleHead, Policy, RolesFile
from ..models.content import Role, Term
from ..models.office import OfficeFile
from .errors import Problem
from .messages import problems_from
from .project import Project
from .sources import Locator, Source, read_front_matter, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class Module:
    """A module: its validated head, its Markdown body and where it came from."""

    head: ModuleHead
    body: str
    source: Source


@dataclass
class LoadedBank:
    bank: Bank
    source: Source


@dataclass
class Curriculum:
    """Everything a handbook is built from, validated file by file."""

    policy: Policy | None = None
    policy_source: Source | None = None
    roles: list[Role] = field(default_factory=list)
    roles_source: Source | None = None
    modules: list[Module] = field(default_factory=list)
    banks: list[LoadedBank] = field(default_factory=list)
    glossary: list[tuple[Term, Source, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken_modules: set[str] = field(default_factory=set)
    """Ids (file names) of module files that failed to load: they exist, so no cascade of errors."""

    broken_banks: set[str] = field(default_factory=set)
    """File names of banks that failed to load."""

    office: OfficeFile | None = None
    """The office's own facts (curriculum/office.yaml), when the file exists and is valid."""
    office_source: Source | None = None

    def module_ids(self) -> set[str]:
        return {m.head.id for m in self.modules} | self.broken_modules


def _validate(model: type[M], source: Source, problems: list[Problem]) -> M | None:
    data: Any = source.data
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from(error, source.locator))
        return None


def _load(
    project: Project, path: Path, model: type[M], problems: list[Problem], *, front_matter: bool = False
) -> tuple[M | None, Source]:
    label = project.label(path)
    if not path.exists():  # anything else that is not a regular file is refused by the reader
        problems.append(Problem(label, 1, 1, "（文件）", "找不到这个文件"))
        return None, Source(path, None, Locator(label))
    reader = read_front_matter if front_matter else read_yaml
    source, problem = reader(path, label)
    if problem is not None:
        problems.append(problem)
        return None, source
    return _validate(model, source, problems), source


def load_curriculum(project: Project) -> Curriculum:
    """Read policy, roles, modules, glossary and banks; problems are collected, never raised."""
    found = Curriculum()
    problems = found.problems
    found.policy, found.policy_source = _load(project, project.curriculum / "policy.yaml", Policy, problems)
    roles, found.roles_source = _load(project, project.curriculum / "roles.yaml", RolesFile, problems)
    if (project.curriculum / "office.yaml").is_file():
        found.office, found.office_source = _load(project, project.curriculum / "office.yaml", OfficeFile, problems)
    found.roles = list(roles.roles) if roles else []
    for path in sorted((project.curriculum / "modules").rglob("*.md")):
        head, source = _load(project, path, ModuleHead, problems, front_matter=True)
        if head is not None:
            found.modules.append(Module(head, source.body, source))
        else:
            found.broken_modules.add(path.stem)
    for path in sorted((project.curriculum / "glossary").glob("*.yaml")):
        glossary, source = _load(project, path, GlossaryFile, problems)
        if glossary is not None:
            found.glossary.extend((term, source, i) for i, term in enumerate(glossary.terms))
    for path in sorted(project.quizzes.glob("*.yaml")):
        bank, source = _load(project, path, Bank, problems)
        if bank is not None:
            found.banks.append(LoadedBank(bank, source))
        else:
            found.broken_banks.add(path.stem)
    return found
