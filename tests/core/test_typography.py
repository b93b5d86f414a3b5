"""Half-width punctuation touching Chinese becomes full-width; syntax and English stay."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.core.typography import join_cjk_lines, main, tidy, to_fullwidth

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
    untidy = [str(p.relative_to(REPO)) for p in files if tidy(t := p.read_text(encoding="utf-8"), p.suffix) != t]
    assert untidy == []


BANK = """\
questions:
  - stem: 常闭式防火门平时应保持____状态,请填写
    answer:
      - [关闭,闭合,常闭]
    options:
      - {id: a, text: 立即解释,然后记录}
      - {id: b, text: "先(倾听),再记录"}
    explanation: |
      防火门(常闭式)关着,才能挡烟
"""


def test_in_yaml_only_the_text_of_scalars_is_tidied() -> None:
    tidied = tidy(BANK, ".yaml")
    data = yaml.safe_load(tidied)["questions"][0]
    assert data["answer"] == [["关闭", "闭合", "常闭"]]  # the separators stay: three answers, not one
    assert data["stem"] == "常闭式防火门平时应保持____状态，请填写"
    assert data["options"][0] == {"id": "a", "text": "立即解释", "然后记录": None}  # syntax, not text: left to check
    assert data["options"][1]["text"] == "先（倾听），再记录"
    assert data["explanation"] == "防火门（常闭式）关着，才能挡烟\n"


def test_a_modules_head_is_tidied_as_yaml_and_its_body_as_text() -> None:
    module = "---\nid: demo\ntitle: 标题,副标题\ntopics: [甲,乙]\n---\n正文,内容\n"
    assert tidy(module, ".md") == "---\nid: demo\ntitle: 标题，副标题\ntopics: [甲,乙]\n---\n正文，内容\n"


def test_the_tool_leaves_broken_yaml_alone_and_says_so(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "bank.yaml"
    broken.write_text("title: [未闭合,好\n", encoding="utf-8")
    assert main([str(broken), str(tmp_path / "missing.yaml")]) == 1
    assert broken.read_text(encoding="utf-8") == "title: [未闭合,好\n"
    err = capsys.readouterr().err
    assert "bank.yaml 不是正确的 YAML" in err and "找不到文件" in err


JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def test_templates_are_set_with_full_width_punctuation() -> None:
    """The rule that keeps module text full-width holds for the text of the page templates too
    (their Jinja tags are code and are left out)."""
    untidy = []
    for path in sorted((REPO / "site_templates").rglob("*.j2")):
        text = JINJA_TAG.sub("\ue001", path.read_text(encoding="utf-8"))
        untidy += [f"{path.name}: {line}" for line in text.splitlines() if to_fullwidth(line) != line]
    assert untidy == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("本页是自测题。\n每道题作答。", "本页是自测题。每道题作答。"),
        ("- **业主：** 房屋的所有权人", "- **业主：**房屋的所有权人"),
        ("# 标题\n正文", "# 标题\n正文"),
        ("```\n代码\n代码\n```", "```\n代码\n代码\n```"),
        ("甲  \n乙", "甲  \n乙"),
        ("    缩进的一行\n    缩进的二行", "    缩进的一行缩进的二行"),
        ("English\n中文", "English\n中文"),
    ],
)
def test_generated_pages_have_no_space_between_chinese_sentences(before: str, after: str) -> None:
    assert join_cjk_lines(before) == after
