"""Curriculum and office files that lie, explode or come from Chinese Windows: each is a located
refusal in Chinese (or, for GBK and CRLF, simply read), never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import bounded

from generator.cli import main
from generator.core.errors import CheckFailed
from generator.core.project import Project
from generator.core.sources import Locator, parse_yaml
from generator.core.workdays import read_calendar_file

POLICY = "curriculum/policy.yaml"
MODULE = "curriculum/modules/regular/regular-sample.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_errors(project: Project, capsys) -> list[str]:
    with bounded(30):
        code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 1
    return [line for line in err.splitlines() if not line.startswith("提醒")]


ALIAS_BOMB = "".join(
    [
        'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]\n',
        *(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)),
    ]
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("pass_mark: 60\npass_mark: 40\n", "f.yaml:2:1: （文件）: 键“pass_mark”重复：同一层里每个键只能写一次"),
        ("a:\n  b: 1\n  b: 2\n", "f.yaml:3:3: （文件）: 键“b”重复：同一层里每个键只能写一次"),
        (
            "day: 2026-02-30\n",
            "f.yaml:1:6: （文件）: YAML 格式错误：无法识别的值“2026-02-30”（day is out of range for month）",
        ),
        ("? [a, b]\n: x\n", "f.yaml:1:3: （文件）: 键必须是简单的文字，不能是列表或键值对"),
        ("? {a: 1}\n: x\n", "f.yaml:1:3: （文件）: 键必须是简单的文字，不能是列表或键值对"),
        ("name: 张\x00三\n", "f.yaml:1:1: （文件）: 含有不允许的控制字符（#x0000），请删除"),
        (
            "x: !!int 十\n",
            "f.yaml:1:4: （文件）: YAML 格式错误：无法识别的值“十”（invalid literal for int() with base 10: '十'）",
        ),
        (
            "x: !!python/object:os.system ls\n",
            "f.yaml:1:4: （文件）: YAML 格式错误：could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'",
        ),
        (ALIAS_BOMB, "f.yaml:1:12: （文件）: 别名（*）展开过多或引用了自身：超过 10000 处；请直接写出内容"),
        ("a: &a [*a]\n", "f.yaml:1:4: （文件）: 嵌套超过 64 层（或别名引用了它自身）；请检查缩进和括号"),
        (
            "a: " + "[" * 80 + "]" * 80 + "\n",
            "f.yaml:1:68: （文件）: 嵌套超过 64 层（或别名引用了它自身）；请检查缩进和括号",
        ),
        ("a: " + "[" * 5000 + "\n", "f.yaml:1:1003: （文件）: YAML 格式错误：exceeded maximum nesting depth"),
    ],
)
def test_yaml_that_lies_or_explodes_is_a_located_problem(text: str, problem: str) -> None:
    with bounded(5):
        data, found = parse_yaml(text, Locator("f.yaml"))
    assert data is None
    assert str(found) == problem


def test_the_alias_bomb_is_refused_by_check_in_a_curriculum_file(mini: Project, capsys) -> None:
    (mini.curriculum / "glossary" / "terms.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    assert check_errors(mini, capsys) == [
        "curriculum/glossary/terms.yaml:1:12: （文件）: 别名（*）展开过多或引用了自身：超过 10000 处；请直接写出内容",
        "检查未通过：共 1 处错误。",
    ]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("pass_mark: 80", "pass_mark: yes", "{line}:14: assessment.pass_mark: 应为数字，实际为：True"),
        ("pass_mark: 80", "pass_mark: 180", "{head}:3: assessment: pass_mark（180）不能高于满分 max_score（100）"),
        ("pass_mark: 80", "pass_mark: -1", "{line}:14: assessment.pass_mark: 应大于 0.0，实际为：-1"),
        (
            "pass_mark: 80",
            "pass_mark: .nan",
            "{line}:14: assessment.pass_mark: 应为有限的数字（不能是 .inf 或 .nan），实际为：nan",
        ),
        (
            "supervisor_weekly_class_hours_min: 2",
            "supervisor_weekly_class_hours_min: .inf",
            "{line}:38: in_post_rules.supervisor_weekly_class_hours_min: "
            "应为有限的数字（不能是 .inf 或 .nan），实际为：inf",
        ),
        ("max_score: 100", "max_score: true", "{line}:14: assessment.max_score: 应为整数，实际为：True"),
        ("max_result_files: 200000", "max_result_files: 0", "{line}:21: grading.max_result_files: 应大于 0，实际为：0"),
    ],
)
def test_policy_numbers_are_numbers_in_range(mini: Project, capsys, old: str, new: str, problem: str) -> None:
    policy = mini.root / POLICY
    edit(policy, old, new)
    lines = policy.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == new)
    head = next(n for n, text in enumerate(lines, 1) if text == "assessment:") + 1
    expected = f"{POLICY}:{problem.format(line=line, head=head)}"
    assert check_errors(mini, capsys) == [expected, "检查未通过：共 1 处错误。"]


def test_module_hours_must_be_finite(mini: Project, capsys) -> None:
    module = mini.root / MODULE
    edit(module, "class_hours: 2", "class_hours: .inf")
    assert f"{MODULE}:9:14: class_hours: 应为有限的数字（不能是 .inf 或 .nan），实际为：inf" in check_errors(
        mini, capsys
    )


def test_gbk_crlf_and_bom_curriculum_files_are_read(mini: Project, capsys) -> None:
    module = mini.root / MODULE
    module.write_bytes(module.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    roles = mini.curriculum / "roles.yaml"
    roles.write_bytes(b"\xef\xbb\xbf" + roles.read_bytes())
    with bounded(30):
        assert main(["--root", str(mini.root), "check"]) == 0
    assert "检查通过" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b"title: \xff\xfe\xfd\n",
            "curriculum/roles.yaml:1:1: （文件）: 无法识别文件编码：既不是 UTF-8 也不是 GB18030（GBK）；请另存为 UTF-8",
        ),
        (
            "roles: []\n".encode("utf-16"),
            "curriculum/roles.yaml:1:1: （文件）: 文件是 UTF-16（记事本的“Unicode”）编码；请另存为 UTF-8",
        ),
    ],
)
def test_a_file_in_no_known_encoding_is_refused_with_its_name(mini: Project, capsys, data: bytes, problem: str) -> None:
    (mini.curriculum / "roles.yaml").write_bytes(data)
    assert problem in check_errors(mini, capsys)


def test_a_fifo_in_place_of_a_curriculum_file_is_refused(mini: Project, capsys) -> None:
    import os

    glossary = mini.curriculum / "glossary" / "terms.yaml"
    glossary.unlink()
    os.mkfifo(glossary)
    assert (
        "curriculum/glossary/terms.yaml:1:1: （文件）: 不是普通文件（可能是管道、设备或套接字），未读取"
        in check_errors(mini, capsys)
    )


def test_a_calendar_month_without_a_working_day_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "2031.yaml"
    path.write_text(
        "year: 2031\nsource: 测试\nholidays:\n  - {from: 2031-03-01, to: 2031-03-31, name: 整月}\n", encoding="utf-8"
    )
    with pytest.raises(CheckFailed) as refused:
        read_calendar_file(path, "curriculum/calendar/2031.yaml", 2031)
    assert (
        str(refused.value)
        == "curriculum/calendar/2031.yaml:4:5: holidays.0: 3 月整月都是放假日，没有一个工作日；请核对日期"
    )
