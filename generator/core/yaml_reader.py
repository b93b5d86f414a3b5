"""PyYAML, for the handbook's sources: one document parsed, every value's place recorded, and
every way a text can fail to parse turned into a place and a reason in Chinese.

Only ``sources.py`` imports this module, and only for a text it has not parsed before: a run
whose every source is in the parse cache does not load PyYAML at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .marks import Key, Marks

# libyaml's parser, where PyYAML was built with it, reads the banks several times faster.
YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MERGE_KEY = "<<"
MAX_ALIAS_REVISITS = 10_000
"""Values reached again through an alias, at most, in one file. The handbook's files use no
aliases at all; a file that expands one value thousands of times is an accident or an attack."""
MAX_NESTING = 64
"""Levels of nesting, at most; the handbook's deepest file has six."""
SHOWN_VALUE = 32

Failure = tuple[int, int, str]
"""Where a text failed to parse, as line and column within the text (1-based), and why."""


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

    marks: Marks
    problem: tuple[yaml.Node, str] | None = None
    revisits: int = 0


def _inspect(root: yaml.Node, marks: Marks) -> tuple[yaml.Node, str] | None:
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


def parse(text: str, marks: Marks) -> tuple[Any, Failure | None]:
    """Parse one YAML document, recording in ``marks`` where each value stands; a syntax error,
    a broken rule of ``_inspect`` or a value that cannot be read is returned as a failure, never
    raised."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        broken = _inspect(node, marks)
        if broken is not None:
            bad, reason = broken
            return None, (bad.start_mark.line + 1, bad.start_mark.column + 1, reason)
        return loader.construct_document(node), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = f"YAML 格式错误：{error.problem or error.context}"
        return None, (mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, reason)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        return None, (line, 1, f"含有不允许的控制字符（#x{error.character:04x}），请删除")
    except yaml.YAMLError as error:  # libyaml's other errors carry no mark
        return None, (1, 1, f"YAML 格式错误：{error}")
    finally:
        loader.dispose()
