"""Read YAML and Markdown-with-front-matter files, remembering where every value stands.

Validation errors name a path such as ``questions.3.answer``; the locator turns that path back
into the line and column of the source so that an editor can jump straight to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CheckFailed, Problem
from .marks import Key, Marks
from .text_files import MAX_SOURCE_BYTES, read_text

__all__ = ["Key", "Locator", "Marks", "Source", "parse_cache", "parse_yaml", "read_front_matter", "read_yaml"]

if TYPE_CHECKING:
    from .parse_cache import ParseCache

FRONT_MATTER_FENCE = "---"


@dataclass
class Locator:
    """Maps a path of keys and list indexes to a (line, column), both 1-based."""

    file: str
    line_offset: int = 0
    marks: Marks = field(default_factory=dict)

    def where(self, path: tuple[Key, ...]) -> tuple[int, int]:
        # A missing field has no mark of its own: point at the nearest enclosing value.
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                line, column = self.marks[path[:end]]
                return line + self.line_offset, column
        return 1 + self.line_offset, 1

    def problem(self, path: tuple[Key, ...], message: str, field_name: str = "") -> Problem:
        line, column = self.where(path)
        label = field_name or ".".join(str(k) for k in path) or "（文件）"
        return Problem(self.file, line, column, label, message)


@dataclass
class Source:
    """A parsed file: its data, where each value stands, and (for modules) the Markdown body."""

    path: Path
    data: Any
    locator: Locator
    body: str = ""
    body_line: int = 1


_CACHE: ParseCache | None = None
"""The parse cache in use, within ``parse_cache``; none otherwise."""


@contextmanager
def parse_cache(folder: Path) -> Iterator[None]:
    """Within this block, texts parsed by an earlier run are taken from the cache in ``folder``
    (``parse_cache.py``) and the parses made or used are kept there for the next run. For the
    curriculum's files only: a file of personal data must never be parsed within it."""
    from .parse_cache import ParseCache

    global _CACHE
    outer = _CACHE
    _CACHE = cache = ParseCache(folder)
    try:
        yield
    finally:  # the parses of a run that found problems are as good as any
        _CACHE = outer
        cache.save()


def _located(locator: Locator, failure: tuple[int, int, str]) -> Problem:
    line, column, reason = failure
    return Problem(locator.file, line + locator.line_offset, column, "（文件）", reason)


def parse_yaml(text: str, locator: Locator) -> tuple[Any, Problem | None]:
    """Parse one YAML document; a syntax error, a value that cannot be read or a broken rule of
    ``yaml_reader`` (a key written twice, an alias bomb) becomes a located problem, never an
    exception. Within ``parse_cache`` a text parsed by an earlier run is not parsed again."""
    kept = _CACHE.parsed(text) if _CACHE is not None else None
    if kept is not None:
        data, locator.marks = kept
        return data, None
    from .yaml_reader import parse  # PyYAML is loaded only when a text must really be parsed

    data, failure = parse(text, locator.marks)
    if failure is not None:
        return None, _located(locator, failure)
    if _CACHE is not None:
        _CACHE.remember(text, data, locator.marks)
    return data, None


def read_yaml(path: Path, label: str, limit: int = MAX_SOURCE_BYTES) -> tuple[Source, Problem | None]:
    locator = Locator(label)
    try:
        text = read_text(path, label, limit).text
    except CheckFailed as failure:
        return Source(path, None, locator), failure.problems[0]
    data, problem = parse_yaml(text, locator)
    return Source(path, data, locator), problem


def read_front_matter(path: Path, label: str) -> tuple[Source, Problem | None]:
    """Split ``---`` YAML head from the Markdown body and parse the head."""
    try:
        lines = read_text(path, label).text.splitlines(keepends=True)
    except CheckFailed as failure:
        return Source(path, None, Locator(label)), failure.problems[0]
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return Source(path, None, Locator(label)), Problem(
            label, 1, 1, "（文件头）", "文件须以一行 --- 开始，后接 YAML 文件头"
        )
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE), None)
    if closing is None:
        return Source(path, None, Locator(label)), Problem(label, 1, 1, "（文件头）", "文件头缺少结束的 --- 行")
    locator = Locator(label, line_offset=1)
    data, problem = parse_yaml("".join(lines[1:closing]), locator)
    body = "".join(lines[closing + 1 :])
    return Source(path, data, locator, body=body, body_line=closing + 2), problem
