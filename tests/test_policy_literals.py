"""Every figure of the policy lives in curriculum/policy.yaml, never as a literal elsewhere."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
ORDERED_LIST_MARKER = re.compile(r"^\s*\d+\. ")
CODE_SPAN = re.compile(r"`[^`]*`")  # file names, formats and examples, not figures
# Small counts are idioms in code (an index, a line offset, a regex group), so code is checked
# for the larger, distinctive figures; templates are checked for every digit.
IDIOMS = {0, 1, 2, 3}


def policy_figures() -> set[float]:
    figures: set[float] = set()

    def walk(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            figures.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(yaml.safe_load((REPO / "curriculum" / "policy.yaml").read_text(encoding="utf-8")))
    return figures - IDIOMS


def test_templates_hold_no_digits_outside_jinja_expressions() -> None:
    offenders = []
    for template in sorted((REPO / "site_templates" / "pages").glob("*.j2")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            text = CODE_SPAN.sub("", ORDERED_LIST_MARKER.sub("", JINJA_TAG.sub("", line)))
            if re.search(r"\d", text):
                offenders.append(f"{template.name}:{number}: {line.strip()}")
    assert offenders == []


def test_code_holds_no_policy_figure() -> None:
    figures = policy_figures()
    offenders = []
    # Models declare schema bounds (a month has 12 months, a day 31 days); those are not figures.
    code = [p for p in (REPO / "generator").rglob("*.py") if "models" not in p.parts]
    for path in sorted(code):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NUMBER and ast.literal_eval(token.string) in figures:  # 0x… too
                offenders.append(f"{path.relative_to(REPO)}:{token.start[0]}: {token.line.strip()}")
    assert offenders == []
