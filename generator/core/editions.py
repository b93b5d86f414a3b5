"""Editions of the exams: every exam as it was when the handbook published it.

A trainee answers the exam page the site showed that day; the result names that page's version
(``quiz_version``, a hash of the published quiz). If the bank is edited afterwards (a typo fixed),
the result must still be graded — against the edition it was answered on. So each build keeps
the bank of every exam edition it publishes, once, in ``editions/<bank>/<version>.yaml``:
a verbatim copy of the bank file, key included. It lives in the handbook's folder the office
keeps, beside quizzes/ (not in it: quizzes/ is what a build reads and a preview watches, and a
build writing there would start the next one), never in the site: the site gets each kept
edition's published form, which has no key (see ``published.py``). The grader grades a result
against the current bank or a kept edition; a version that was never published is refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..models import Bank
from .loader import Curriculum
from .project import Project
from .published import bank_version
from .sources import read_yaml
from .writer import write_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Edition:
    """An exam bank as it was published."""

    bank: Bank
    version: str


def editions_folder(project: Project) -> Path:
    return project.editions


def edition_path(project: Project, bank_id: str, version: str) -> Path:
    return editions_folder(project) / bank_id / f"{version}.yaml"


def keep_editions(project: Project, found: Curriculum) -> list[Path]:
    """Keep each exam bank as it is published now, unless its edition is kept already; return
    the files written. Self-checks are not graded, so only exams are kept."""
    written = []
    for loaded in found.banks:
        if loaded.bank.mode != "exam":
            continue
        path = edition_path(project, loaded.bank.id, bank_version(loaded.bank))
        if not path.is_file():
            write_atomic(path, loaded.source.path.read_bytes())
            written.append(path)
    return written


def kept_editions(project: Project) -> list[Edition]:
    """Every kept edition whose file still holds the edition its name says; a file edited or
    broken since is left out, with a warning, rather than grade against what was not published."""
    found = []
    for path in sorted(editions_folder(project).glob("*/*.yaml")):
        label = project.label(path)
        source, problem = read_yaml(path, label)
        try:
            bank = None if problem is not None else Bank.model_validate(source.data)
        except ValidationError:
            bank = None
        if bank is None or bank.id != path.parent.name or bank_version(bank) != path.stem:
            log.warning(f"{label}：与发布时的题库不符（被改动过或已损坏），不作为旧版题库使用")
            continue
        found.append(Edition(bank, path.stem))
    return found
