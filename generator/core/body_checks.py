"""Checks of a module's Markdown body: required sections, links that resolve, no raw script."""

from __future__ import annotations

import re

from .errors import Problem
from .loader import Module

SUMMARY_HEADING = "## 要点小结"
CASE_HEADING = re.compile(r"^## 案例")
LINK = re.compile(r"\]\(([^)\s]+?)(?:#[^)\s]*)?(?:\s+\"[^\"]*\")?\)")
UNSAFE = re.compile(r"<\s*(script|iframe|object|embed|style)\b|\bon[a-z]+\s*=|javascript:", re.IGNORECASE)
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
    if not any(line.strip() == SUMMARY_HEADING for line in lines):
        problems.append(_at(module, 0, f"正文缺少“{SUMMARY_HEADING}”一节"))
    if not any(CASE_HEADING.match(line) for line in lines):
        problems.append(_at(module, 0, "正文缺少以“## 案例”开头的案例一节"))
    return problems


def _line_problems(line: str, targets: set[str]) -> list[str]:
    found = []
    if line.startswith("# "):
        found.append("正文不要写一级标题（# ……），标题由文件头的 title 生成")
    if UNSAFE.search(line):
        found.append("正文不能含有脚本、内嵌框架或事件属性等 HTML")
    for target in LINK.findall(line):
        if not re.match(r"^(https?:|mailto:)", target) and target not in targets:
            found.append(f"链接目标“{target}”不存在；链接其他模块请写“模块编号.md”，制度页写“../policy.md”")
    return found


def _at(module: Module, index: int, message: str) -> Problem:
    return Problem(module.source.locator.file, module.source.body_line + index, 1, "正文", message)
