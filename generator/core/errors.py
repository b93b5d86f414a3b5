"""The small exception hierarchy: user errors exit 1 with a message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass

from .shown import escaped


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a source file, located as precisely as the source allows."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"
        return escaped(text)


class HandbookError(Exception):
    """A user's mistake or a failed step; the CLI prints it and exits 1."""


class CheckFailed(HandbookError):
    """The curriculum has mistakes; every one of them is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def summary(self) -> str:
        return f"检查未通过：共 {len(self.problems)} 处错误。"


class BuildFailed(HandbookError):
    """MkDocs could not build the site; the previous site/ is left as it was."""
