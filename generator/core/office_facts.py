"""The office's facts in module text: ``{{ office.group.fact }}`` names one fact of office.yaml.

A fact is written once in curriculum/office.yaml and used wherever a module needs it, through the
same dotted-path lookup as the policy's fields (``resolve_field``). An unfilled fact is not an
error, since the shipped office.yaml is a template, but ``check`` lists every use of one, and
``--strict`` refuses those that staff need in an emergency. The site shows an unfilled fact as a
visible 待本处填写 mark, never as a blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from ..models.office import Fact, OfficeFile
from .errors import Problem
from .fields import resolve_field
from .loader import Curriculum, Module

FACT_REFERENCE = re.compile(r"\{\{\s*office\.([a-z_]+)\.([a-z0-9_]+)\s*\}\}")
OLD_PLACEHOLDER = "【请本处填写"
OFFICE_FILE = "curriculum/office.yaml"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


@dataclass(frozen=True)
class FactUse:
    """One reference to a fact in a module's text."""

    module: Module
    line: int
    """0-based line of the module body."""
    column: int
    group: str
    fact_id: str

    @property
    def dotted(self) -> str:
        return f"{self.group}.{self.fact_id}"

    def problem(self, message: str) -> Problem:
        source = self.module.source
        return Problem(source.locator.file, source.body_line + self.line, self.column + 1, "正文", message)


def fact_uses(found: Curriculum) -> Iterator[FactUse]:
    for module in found.modules:
        for number, line in enumerate(module.body.splitlines()):
            for match in FACT_REFERENCE.finditer(line):
                yield FactUse(module, number, match.start(), match.group(1), match.group(2))


def lookup(office: OfficeFile | None, group: str, fact_id: str) -> Fact | None:
    """The fact a reference names, found as the policy's fields are (list items by id)."""
    found = resolve_field(office, f"{group}.{fact_id}") if office is not None else None
    return found if isinstance(found, Fact) else None


def reference_problems(found: Curriculum) -> list[Problem]:
    """References to facts that office.yaml does not have, and placeholders left in module text."""
    problems = []
    for use in fact_uses(found):
        if lookup(found.office, use.group, use.fact_id) is None:
            where = OFFICE_FILE if found.office is not None else f"{OFFICE_FILE}（找不到这个文件）"
            problems.append(use.problem(f"{where} 中没有本处信息“{use.dotted}”"))
    for module in found.modules:
        for number, line in enumerate(module.body.splitlines()):
            column = line.find(OLD_PLACEHOLDER)
            if column != -1:
                message = (
                    "正文中不要写“【请本处填写……】”：把这项信息加进 curriculum/office.yaml，"
                    "正文写 {{ office.组.名称 }} 引用它"
                )
                source = module.source
                problems.append(Problem(source.locator.file, source.body_line + number, column + 1, "正文", message))
    return problems


def unfilled_uses(found: Curriculum) -> list[tuple[FactUse, Fact]]:
    """Every use of a fact that the office has not filled yet, in file order."""
    pairs = [(use, lookup(found.office, use.group, use.fact_id)) for use in fact_uses(found)]
    return [(use, fact) for use, fact in pairs if fact is not None and not fact.filled]


def unfilled_problem(use: FactUse, fact: Fact) -> Problem:
    kind = "，应急时要用" if fact.safety else ""
    return use.problem(f"本处信息“{fact.label}”（office.{use.dotted}）还没有填写{kind}；请在 {OFFICE_FILE} 中填写")


def unfilled_facts(office: OfficeFile | None) -> list[tuple[str, Fact]]:
    """Every fact the office has not filled, with its group, in the file's order."""
    if office is None:
        return []
    return [(group, fact) for group, facts in office.groups().items() for fact in facts if not fact.filled]


def _as_markdown(value: str) -> str:
    """The office's text as literal Markdown: one line, no markup, no HTML."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", escape(" ".join(value.split()), quote=False))


def fill_facts(body: str, office: OfficeFile | None) -> str:
    """Module text with each reference replaced by the office's answer, or by a visible mark."""

    def replace(match: re.Match[str]) -> str:
        fact = lookup(office, match.group(1), match.group(2))
        if fact is not None and fact.filled:
            return _as_markdown(fact.value or "")
        label = fact.label if fact is not None else f"{match.group(1)}.{match.group(2)}"
        return f'<span class="hb-todo">【待本处填写：{escape(label)}】</span>'

    return FACT_REFERENCE.sub(replace, body)


def office_list(found: Curriculum) -> str:
    """The facts still to fill, those needed in an emergency first, each with where it is used."""
    if found.office is None:
        return f"没有 {OFFICE_FILE}：模块中没有引用本处信息，无须填写。"
    used: dict[str, list[str]] = {}
    for use in fact_uses(found):
        source = use.module.source
        used.setdefault(use.dotted, []).append(f"{source.locator.file}:{source.body_line + use.line}")
    missing = sorted(unfilled_facts(found.office), key=lambda pair: not pair[1].safety)
    if not missing:
        return f"{OFFICE_FILE} 中的本处信息都已填写。"
    lines = [f"{OFFICE_FILE} 中还有 {len(missing)} 项没有填写（标“应急”的请优先填写）："]
    for group, fact in missing:
        mark = "【应急】" if fact.safety else ""
        where = "、".join(used.get(f"{group}.{fact.id}", [])) or "暂未使用"
        lines.append(f"- {mark}{fact.label}（{group}.{fact.id}）：用在 {where}")
    return "\n".join(lines)
