"""Read one bank file on its own, refusing it with located errors when it is not valid."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..core.errors import CheckFailed, HandbookError
from ..core.messages import problems_from
from ..core.project import Project
from ..core.sources import Source, read_yaml
from ..core.text_files import read_text
from ..models import Bank


@dataclass
class BankFile:
    bank: Bank
    source: Source
    text: str


def read_bank(project: Project, path: Path) -> BankFile:
    """The bank in ``path``; CheckFailed when it has mistakes, as ``handbook check`` lists them."""
    label = project.label(path)
    source, problem = read_yaml(path, label)
    if problem is not None:
        raise CheckFailed([problem])
    try:
        bank = Bank.model_validate(source.data if source.data is not None else {})
    except ValidationError as error:
        raise CheckFailed(problems_from(error, source.locator)) from None
    return BankFile(bank, source, read_text(path, label).text)


def bank_path(project: Project, bank_id: str) -> Path:
    return project.quizzes / f"{bank_id}.yaml"


def existing_bank(project: Project, bank_id: str) -> BankFile:
    path = bank_path(project, bank_id)
    if not path.is_file():
        raise HandbookError(f"没有题库“{bank_id}”：找不到 {project.label(path)}")
    return read_bank(project, path)
