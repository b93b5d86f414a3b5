"""Half-width punctuation touching Chinese becomes full-width; syntax and English stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.typography import to_fullwidth

REPO = Path(__file__).resolve().parents[2]

CASES = [
    ("通过培训,培养队伍。", "通过培训，培养队伍。"),
    ("服务意识(业主识别)", "服务意识（业主识别）"),
    ("吗?", "吗？"),
    ("**起身迎候**:业主走近", "**起身迎候**：业主走近"),
    ("见[术语表](../glossary.md),以及", "见[术语表](../glossary.md)，以及"),
    ("应对如下:\n", "应对如下：\n"),
    ("{id: a, text: 立即解释,然后记录}", "{id: a, text: 立即解释，然后记录}"),
    ("inputs: [考核结果, 员工的需求]", "inputs: [考核结果, 员工的需求]"),
    ("key: 值", "key: 值"),
    ("[链接](regular-complaint-handling.md)", "[链接](regular-complaint-handling.md)"),
    ("use (English), ok: yes", "use (English), ok: yes"),
    ('??? success "参考答案"', '??? success "参考答案"'),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_to_fullwidth(before: str, after: str) -> None:
    assert to_fullwidth(before) == after


def test_shipped_content_is_set_with_full_width_punctuation() -> None:
    files = [
        *(REPO / "curriculum").rglob("*.md"),
        *(REPO / "curriculum").rglob("*.yaml"),
        *(REPO / "quizzes").glob("*.yaml"),
    ]
    untidy = [str(p.relative_to(REPO)) for p in files if to_fullwidth(t := p.read_text(encoding="utf-8")) != t]
    assert untidy == []
