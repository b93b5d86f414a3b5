"""Turn pydantic's validation errors into located Chinese messages for supervisors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ..models.content import QUESTION_TYPES
from .errors import Problem
from .sources import Key, Locator

EXPECTED = {
    "string_type": "文字",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "finite_number": "有限的数字（不能是 .inf 或 .nan）",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": "列表",
    "date_type": "日期（如 2026-09-28）",
    "date_parsing": "日期（如 2026-09-28）",
    "date_from_datetime_parsing": "日期（如 2026-09-28）",
    "dict_type": "键值对（映射）",
    "model_type": "键值对（映射）",
    "model_attributes_type": "键值对（映射）",
}


def _received(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "键值对（映射）"
    if isinstance(value, list):
        return "列表"
    return repr(value) if isinstance(value, str) else str(value)


def describe(error: Mapping[str, Any]) -> str:
    """One pydantic error as Chinese text, in the form 应为 X，实际为：Y."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return "不认识的字段（是否拼写有误？）"
    if kind in EXPECTED:
        return f"应为{EXPECTED[kind]}，实际为：{_received(value)}"
    if kind == "literal_error":
        return f"应为 {ctx.get('expected', '')} 之一，实际为：{_received(value)}"
    if kind == "union_tag_invalid":
        return f"题型应为 {'、'.join(QUESTION_TYPES)} 之一，实际为：{_received(ctx.get('tag'))}"
    if kind == "union_tag_not_found":
        return "缺少题型字段 type"
    if kind == "string_pattern_mismatch":
        return f"格式不对：只能用小写字母、数字和连字符或下划线，实际为：{_received(value)}"
    if kind == "string_too_short":
        return _too_short_text(ctx.get("min_length", 1))
    if kind == "too_short":
        return f"不能为空，至少需要 {ctx.get('min_length', 1)} 项"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _range(kind, ctx, value)
    if kind == "value_error":  # a model's own rule, already worded in Chinese
        return str(ctx.get("error", error.get("msg", kind)))
    if kind == "multiple_of":
        return f"应为 {ctx.get('multiple_of')} 的整数倍，实际为：{_received(value)}"
    return str(error.get("msg", kind))


def _too_short_text(least: int) -> str:
    """A text shorter than its field allows. A list counts items (项), a text counts characters:
    an empty name or title is just empty, not short of "1 项"."""
    return "不能为空" if least <= 1 else f"不能为空，至少需要 {least} 个字"


def _range(kind: str, ctx: Mapping[str, Any], value: Any) -> str:
    words = {
        "greater_than": ("大于", "gt"),
        "greater_than_equal": ("不小于", "ge"),
        "less_than": ("小于", "lt"),
        "less_than_equal": ("不大于", "le"),
    }
    word, key = words[kind]
    return f"应{word} {ctx.get(key)}，实际为：{_received(value)}"


def _clean_path(loc: tuple[int | str, ...]) -> tuple[Key, ...]:
    # A discriminated union puts the question type into the path; the file has no such key.
    return tuple(k for k in loc if k not in QUESTION_TYPES or isinstance(k, int))


def problems_from(error: ValidationError, locator: Locator, prefix: tuple[Key, ...] = ()) -> list[Problem]:
    found = []
    for item in error.errors(include_url=False):
        path = _clean_path(item["loc"])
        found.append(locator.problem((*prefix, *path), describe(item)))
    return found
