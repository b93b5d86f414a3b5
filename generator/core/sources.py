"""Read YAML and Markdown-with-front-matter files, remembering where every value stands.

Validation errors name a path such as ``questions.3.answer``; the locator turns that path back
into the line and column of the source so that an editor can jump straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Key = str | int
# libyaml's parser, where PyYAML was built with it, reads the banks several times faster.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER_FENCE = "---"


@dataclass
class Locator:
    """Maps a path of keys and list indexes to a (line, column), both 1-based."""

    file: str
    line_offset: int = 0
    marks: dict[tuple[Key, ...], tuple[int, int]] = field(default_factory=dict)

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


def _record_marks(node: yaml.Node, path: tuple[Key, ...], marks: dict[tuple[Key, ...], tuple[int, int]]) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _record_marks(value_node, (*path, key_node.value), marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_marks(item, (*path, index), marks)


def parse_yaml(text: str, locator: Locator) -> tuple[Any, Problem | None]:
    """Parse one YAML document; a syntax error becomes a located problem, not an exception."""
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _record_marks(node, (), locator.marks)
        return loader.construct_document(node), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + locator.line_offset
        column = mark.column + 1 if mark else 1
        reason = f"YAML 格式错误：{error.problem or error.context}"
        return None, Problem(locator.file, line, column, "（文件）", reason)
    finally:
        loader.dispose()


def read_yaml(path: Path, label: str) -> tuple[Source, Problem | None]:
    text = path.read_text(encoding="utf-8")
    locator = Locator(label)
    data, problem = parse_yaml(text, locator)
    return Source(path, data, locator), problem


def read_front_matter(path: Path, label: str) -> tuple[Source, Problem | None]:
    """Split ``---`` YAML head from the Markdown body and parse the head."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
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
