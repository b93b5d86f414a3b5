"""Read YAML and Markdown-with-front-matter files, remembering where every value stands.

Validation errors name a path such as ``questions.3.answer``; the locator turns that path back
into the line and column of the source so that an editor can jump straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CheckFailed, Problem
from .text_files import MAX_SOURCE_BYTES, read_text

Key = str | int
# libyaml's parser, where PyYAML was built with it, reads the banks several times faster.
YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER_FENCE = "---"
MERGE_KEY = "<<"
MAX_ALIAS_REVISITS = 10_000
"""Values reached again through an alias, at most, in one file. The handbook's files use no
aliases at all; a file that expands one value thousands of times is an accident or an attack."""
MAX_NESTING = 64
"""Levels of nesting, at most; the handbook's deepest file has six."""
SHOWN_VALUE = 32


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


class _Loader(YamlLoader):  # type: ignore[valid-type,misc]  # the C loader where PyYAML has it
    """The YAML loader whose value errors are located: ``2026-02-30``, ``!!int x``, an empty
    ``!!float`` and the like raise ValueError, IndexError or AttributeError inside PyYAML, with no
    line; here every one of them becomes a ``ConstructorError`` marked at the value."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as error:  # PyYAML's constructors fail on odd values in many ways
            detail = f"（{error}）" if isinstance(error, ValueError) else ""
            problem = f"无法识别的值“{_shown(node)}”{detail}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def _shown(node: yaml.Node) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    return value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + "…"


@dataclass
class _Walk:
    """What walking the node tree found, before any value is built."""

    marks: dict[tuple[Key, ...], tuple[int, int]]
    problem: tuple[yaml.Node, str] | None = None
    revisits: int = 0


def _inspect(root: yaml.Node, marks: dict[tuple[Key, ...], tuple[int, int]]) -> tuple[yaml.Node, str] | None:
    """Record where every value stands; return the first node that breaks a rule, with why.

    Rules that PyYAML does not enforce: a key appears once in its mapping (a second ``pass_mark``
    would silently win); keys are plain text, not lists or mappings; and aliases (``*name``) are
    not expanded more than ``MAX_ALIAS_REVISITS`` times nor nested deeper than ``MAX_NESTING``, so
    that a few kilobytes of nested aliases (an "alias bomb", or an alias that contains itself)
    cannot take minutes and gigabytes.
    The walk keeps its own stack: a thousand levels of nesting do not exhaust Python's."""
    walk = _Walk(marks)
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple[Key, ...]]] = [(root, ())]
    while stack and walk.problem is None:
        node, path = stack.pop()
        if id(node) in seen:
            walk.revisits += 1
            if walk.revisits > MAX_ALIAS_REVISITS:
                return node, f"别名（*）展开过多或引用了自身：超过 {MAX_ALIAS_REVISITS} 处；请直接写出内容"
        seen.add(id(node))
        if len(path) > MAX_NESTING:
            return node, f"嵌套超过 {MAX_NESTING} 层（或别名引用了它自身）；请检查缩进和括号"
        marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            stack += _mapping_children(node, path, walk)
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, (*path, index)) for index, item in enumerate(node.value)]
    return walk.problem


def _mapping_children(
    node: yaml.MappingNode, path: tuple[Key, ...], walk: _Walk
) -> list[tuple[yaml.Node, tuple[Key, ...]]]:
    children: list[tuple[yaml.Node, tuple[Key, ...]]] = []
    keys: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            walk.problem = key_node, "键必须是简单的文字，不能是列表或键值对"
            return []
        key = key_node.value
        if key in keys and key != MERGE_KEY:
            walk.problem = key_node, f"键“{key}”重复：同一层里每个键只能写一次"
            return []
        keys.add(key)
        children.append((value_node, (*path, key)))
    return children


def _located(locator: Locator, line: int, column: int, reason: str) -> Problem:
    return Problem(locator.file, line + locator.line_offset, column, "（文件）", reason)


def parse_yaml(text: str, locator: Locator) -> tuple[Any, Problem | None]:
    """Parse one YAML document; a syntax error, a broken rule of ``_inspect`` or a value that
    cannot be read becomes a located problem, never an exception."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        broken = _inspect(node, locator.marks)
        if broken is not None:
            bad, reason = broken
            return None, _located(locator, bad.start_mark.line + 1, bad.start_mark.column + 1, reason)
        return loader.construct_document(node), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = f"YAML 格式错误：{error.problem or error.context}"
        return None, _located(locator, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, reason)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        return None, _located(locator, line, 1, f"含有不允许的控制字符（#x{error.character:04x}），请删除")
    except yaml.YAMLError as error:  # libyaml's other errors carry no mark
        return None, _located(locator, 1, 1, f"YAML 格式错误：{error}")
    finally:
        loader.dispose()


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
