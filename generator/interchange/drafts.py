"""The neutral form between a file and a bank: drafts, where they came from, and notices."""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from ..core.errors import CheckFailed, Problem

PLACEHOLDER = "（导入时无解析，请补充）"
"""Explanation of an imported question that came without one; counted in the summary."""
TYPE_NAMES = {"single": "单选", "multiple": "多选", "true_false": "判断", "fill_blank": "填空", "ordering": "排序"}


@dataclass(frozen=True)
class Where:
    """A place in an imported file: a line of a text file or a cell of a sheet."""

    file: str
    line: int
    column: int = 1
    field: str = ""

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.column, self.field or "（题目）", message)

    def __str__(self) -> str:
        # A cell names its own row and column; a text file's place is its line.
        return f"{self.file} {self.field}" if self.field else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Notice:
    """Something the user should know about one question: skipped, refused or changed."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Draft:
    """One question read from a file, before it has an id in a bank.

    ``question`` is shaped like a bank entry without ``id``; ``explanation`` is None when the
    file had none, so that the placeholder can be counted.
    """

    question: dict
    where: Where


@dataclass
class Parsed:
    """What a reader found in a file."""

    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Notice] = field(default_factory=list)
    """Items that are not gradable questions (essays, descriptions)."""
    refused: list[Notice] = field(default_factory=list)
    """Questions of a type the handbook cannot hold (numerical, matching…)."""
    notes: list[Notice] = field(default_factory=list)
    """Questions imported with a change worth knowing (partial credit dropped…)."""


class FileReader:
    """What a reader of one text file gathers: the questions found and the problems met."""

    def __init__(self, label: str, notes: list[Notice]) -> None:
        self.label = label
        self.parsed = Parsed(notes=list(notes))
        self.problems: list[Problem] = []

    def result(self) -> Parsed:
        """What was found; raise CheckFailed listing every problem met."""
        if self.problems:
            raise CheckFailed(self.problems)
        return self.parsed


def option_id(index: int) -> str:
    """Option ids a, b, c … in order; past z, o27, o28 … (still lower-case letters and digits)."""
    letters = string.ascii_lowercase
    return letters[index] if index < len(letters) else f"o{index + 1}"


def letter(index: int) -> str:
    """The letter an option is shown with in sheets and Aiken files: A, B, C …"""
    return string.ascii_uppercase[index]


def _options(texts: list[str]) -> list[dict]:
    return [{"id": option_id(i), "text": text} for i, text in enumerate(texts)]


def _question(kind: str, stem: str, explanation: str | None, **rest) -> dict:
    return {"type": kind, "stem": stem, **rest, "explanation": explanation}


def single(stem: str, options: list[str], key: int, explanation: str | None) -> dict:
    return _question("single", stem, explanation, options=_options(options), answer=option_id(key))


def multiple(stem: str, options: list[str], keys: list[int], explanation: str | None) -> dict:
    answer = [option_id(k) for k in keys]
    return _question("multiple", stem, explanation, options=_options(options), answer=answer)


def ordering(stem: str, options: list[str], order: list[int], explanation: str | None) -> dict:
    answer = [option_id(k) for k in order]
    return _question("ordering", stem, explanation, options=_options(options), answer=answer)


def true_false(stem: str, value: bool, explanation: str | None) -> dict:
    return _question("true_false", stem, explanation, answer=value)


def fill_blank(stem: str, answers: list[list[str]], explanation: str | None) -> dict:
    return _question("fill_blank", stem, explanation, answer=answers)
