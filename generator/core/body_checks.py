"""Checks of a module's Markdown body (required sections, links that resolve) and of the markup
in every text of the curriculum (``markup_rules``: nothing that could run script on the site)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import Problem
from .loader import Curriculum, Module
from .markup_rules import line_and_column, refusals
from .sources import Key, Source

SUMMARY_HEADING = "## 要点小结"
CASE_HEADING = re.compile(r"^## 案例")
LINK = re.compile(r"\]\(([^)\s]+?)(?:#[^)\s]*)?(?:\s+\"[^\"]*\")?\)")
SITE_PAGES = ("index", "start", "policy", "roles", "competencies", "glossary")


def link_targets(module_ids: set[str], section_ids: set[str]) -> set[str]:
    """Every page a module body may link to, written as seen from a module page."""
    targets = {f"{module_id}.md" for module_id in module_ids}
    targets |= {f"../{page}.md" for page in SITE_PAGES}
    targets |= {f"../programmes/{section}.md" for section in section_ids}
    return targets


def check_body(module: Module, targets: set[str]) -> list[Problem]:
    lines = module.body.splitlines()
    problems = [_at(module, i, message) for i, line in enumerate(lines) for message in _line_problems(line, targets)]
    for refusal in refusals(module.body):
        line, column = line_and_column(module.body, refusal.offset)
        problems.append(
            Problem(module.source.locator.file, module.source.body_line + line - 1, column, "正文", refusal.message)
        )
    if not any(line.strip() == SUMMARY_HEADING for line in lines):
        problems.append(_at(module, 0, f"正文缺少“{SUMMARY_HEADING}”一节"))
    if not any(CASE_HEADING.match(line) for line in lines):
        problems.append(_at(module, 0, "正文缺少以“## 案例”开头的案例一节"))
    return problems


def _line_problems(line: str, targets: set[str]) -> list[str]:
    found = []
    if line.startswith("# "):
        found.append("正文不要写一级标题（# ……），标题由文件头的 title 生成")
    for target in LINK.findall(line):
        if not re.match(r"^(https?:|mailto:)", target) and target not in targets:
            found.append(f"链接目标“{target}”不存在；链接其他模块请写“模块编号.md”，制度页写“../policy.md”")
    return found


def _at(module: Module, index: int, message: str) -> Problem:
    return Problem(module.source.locator.file, module.source.body_line + index, 1, "正文", message)


def _texts(data: object, path: tuple[Key, ...] = ()) -> Iterator[tuple[tuple[Key, ...], str]]:
    """Every string in a parsed file, with its path of keys."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))


def _sources(found: Curriculum) -> Iterator[Source]:
    yield from (s for s in (found.policy_source, found.roles_source, found.office_source) if s is not None)
    yield from (module.source for module in found.modules)
    yield from (bank.source for bank in found.banks)
    yield from {id(source): source for _, source, _ in found.glossary}.values()


def check_texts(found: Curriculum) -> list[Problem]:
    """Markup refused in any text field of any file (titles, names, objectives, glossary, bank
    and option text, the policy's purpose …), at the line of the value."""
    problems = []
    for source in _sources(found):
        for path, text in _texts(source.data):
            for refusal in refusals(text):
                problems.append(source.locator.problem(path, refusal.message))
    return problems
