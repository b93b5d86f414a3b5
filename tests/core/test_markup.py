"""``check`` refuses, at its line, every construct the site's sanitiser would remove: from a title
with an attribute list to a handler split across two lines. Markup shown as code is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import BODY_PAYLOADS, FIELD_PAYLOADS, hostile_copy

from generator.cli import main
from generator.core.checks import check_curriculum
from generator.core.loader import load_curriculum
from generator.core.markup_rules import line_and_column, refusals
from generator.core.project import Project

REPO = Path(__file__).resolve().parents[2]
MODULE = "curriculum/modules/regular/regular-sample.md"


def errors(project: Project, capsys) -> list[str]:
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return [line for line in err.splitlines() if not line.startswith("提醒")]


def test_an_attribute_list_in_a_title_is_refused_at_the_title(mini: Project, capsys) -> None:
    module = mini.root / MODULE
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace("title: 常规培训示例", 'title: "常规培训示例 { autofocus onfocus=alert(1) }"'), "utf-8"
    )
    assert errors(mini, capsys) == [
        f"{MODULE}:3:8: title: 属性列表 {{ … }} 不能设置 autofocus：只能写 .类名、#编号 和 title",
        f"{MODULE}:3:8: title: 属性列表 {{ … }} 不能设置 onfocus：只能写 .类名、#编号 和 title",
        "检查未通过：共 2 处错误。",
    ]


def test_a_handler_split_across_two_lines_is_refused_where_its_tag_starts(mini: Project, capsys) -> None:
    module = mini.root / MODULE
    text = module.read_text(encoding="utf-8")
    body = '<div class="tip"\n     onmouseover="alert(1)">提示</div>\n\n'
    module.write_text(text.replace("## 要点小结", body + "## 要点小结"), encoding="utf-8")
    line = text.splitlines().index("## 要点小结") + 1
    assert errors(mini, capsys) == [
        f"{MODULE}:{line}:1: 正文: <div> 不允许属性 onmouseover（事件属性、style 等会被删除）",
        "检查未通过：共 1 处错误。",
    ]


@pytest.mark.parametrize(
    ("where", "text", "message"),
    [
        ("roles.yaml", "name: 客服人员 [详情](javascript:alert(1))", "不能链接到“javascript:”"),
        ("roles.yaml", 'name: "客服人员 <img src=x onerror=alert(1)>"', "<img> 不允许属性 onerror"),
        (
            "glossary/terms.yaml",
            "definition: '见 <a href=\"jav&#x61;script:alert(1)\">这里</a>'",
            "<a> 的 href 不能链接到“javascript:”",
        ),
        ("policy.yaml", "purpose: '<base href=\"https://example.invalid/\">规范培训'", "不允许的 HTML 标签 <base>"),
    ],
)
def test_every_text_field_is_checked(mini: Project, capsys, where: str, text: str, message: str) -> None:
    path = mini.curriculum / where
    key = text.split(":", 1)[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:") or f" {key}:" in line)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    prefix = "- " if lines[index].lstrip().startswith("- ") else ""
    lines[index] = f"{indent}{prefix}{text}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = errors(mini, capsys)
    assert len(found) == 2 and message in found[0], found
    assert found[0].startswith(f"curriculum/{where}:{index + 1}:")


@pytest.mark.parametrize(
    "text",
    [
        "`<script>alert(1)</script>` 是一段代码",
        "```html\n<iframe src=x></iframe>\n```",
        "温度 <5℃ 时，a>b",
        "见 {{ office.phones.gas_repair }}",
        "[培训制度](../policy.md)、[官网](https://example.com)、[电话](tel:119)、[邮件](mailto:a@example.com)",
        "## 小节 { #section-1 .note }",
        '<div class="admonition" markdown>内容</div>',
    ],
)
def test_what_is_allowed_or_shown_as_code_passes(text: str) -> None:
    assert refusals(text) == []


def test_the_place_of_a_refusal_is_its_line_and_column() -> None:
    text = "第一行\n第二行 <script>x</script>"
    [refusal] = refusals(text)
    assert line_and_column(text, refusal.offset) == (2, 5)


def test_check_refuses_every_seeded_construct(tmp_path: Path) -> None:
    """The curriculum the browser test builds: check finds every payload in every file."""
    project = hostile_copy(
        REPO / "tests" / "fixtures" / "mini", tmp_path / "h", REPO / "site_templates", REPO / "mkdocs.yml"
    )
    found = load_curriculum(project)
    problems = check_curriculum(found)
    files = {p.file for p in problems}
    modules = {f"curriculum/modules/{m.source.path.parent.name}/{m.source.path.name}" for m in found.modules}
    assert modules <= files
    assert {"curriculum/policy.yaml", "curriculum/roles.yaml", "curriculum/glossary/terms.yaml"} <= files
    assert all(p.file.startswith("quizzes/") is False or p.field for p in problems)
    body_payloads = BODY_PAYLOADS.count("window.__pwned")
    per_module = [p for p in problems if p.file == MODULE and p.field == "正文"]
    assert len({p.line for p in per_module}) >= body_payloads - 3  # a few payloads share a line with another
    assert len(FIELD_PAYLOADS) == 10
