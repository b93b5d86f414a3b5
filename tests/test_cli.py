"""The command line as a user sees it: help with examples, documented commands, exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import COMMANDS, main, parser
from generator.core.project import Project

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"示例：handbook {command}" in capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert re.search(rf"`handbook {command}\b", README.read_text(encoding="utf-8"))


def test_top_level_help_lists_every_command() -> None:
    text = parser().format_help()
    for command in COMMANDS:
        assert command in text


def test_python_dash_m_runs_the_same_cli(mini: Project) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(mini.root), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (0, "检查通过：7 个模块，7 个题库，14 道题。\n")


def test_build_prints_progress_and_exits_zero(mini: Project, capsys) -> None:
    assert main(["--root", str(mini.root), "build"]) == 0
    out = capsys.readouterr().out
    written = sum(1 for p in mini.docs.rglob("*") if p.is_file())
    assert out.splitlines()[:3] == [
        "正在检查内容……",
        "正在生成页面……",
        f"  写入 {written} 个文件，未变 0 个，删除 0 个",
    ]
    assert "完成：网站已生成在" in out


def test_build_of_a_broken_curriculum_exits_one_and_builds_nothing(mini: Project, capsys) -> None:
    (mini.quizzes / "fire-sample.yaml").unlink()
    assert main(["--root", str(mini.root), "build"]) == 1
    assert "模块没有自测题库" in capsys.readouterr().err
    assert not mini.site.exists()


def test_help_loads_no_heavy_library() -> None:
    """`handbook --help` answers at once: the command line imports no models, MkDocs or openpyxl
    until a command runs (bench/cli.py measures the time)."""
    probe = "import sys, generator.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    assert not {"pydantic", "yaml", "mkdocs", "jinja2", "openpyxl", "jieba"} & loaded


def test_check_does_not_look_for_pydantic_plugins(mini: Project) -> None:
    """pydantic scans every installed package for plugins when the first model is built (0.05–0.1 s
    of ``handbook check``); the command line turns that off, unless the office set it itself."""
    probe = (
        "import os, sys, generator.cli, pydantic.plugin._loader as plugins\n"
        "code = generator.cli.main(['--root', sys.argv[1], 'check'])\n"
        "print(code, plugins._plugins, os.environ['PYDANTIC_DISABLE_PLUGINS'])"
    )
    environment = {name: value for name, value in os.environ.items() if name != "PYDANTIC_DISABLE_PLUGINS"}

    def run(**setting: str) -> str:
        command = [sys.executable, "-c", probe, str(mini.root)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env={**environment, **setting})
        return done.stdout.splitlines()[-1]

    assert run() == "0 None __all__"  # never scanned
    assert run(PYDANTIC_DISABLE_PLUGINS="logfire") == "0 {} logfire"  # scanned, the office's own choice kept


def test_a_command_typed_wrong_is_told_in_chinese(capsys) -> None:
    """argparse's own words (usage, errors) in Chinese, as the rest of the command line; and
    argparse is left speaking as before for any other program in the same process."""
    with pytest.raises(SystemExit) as exit_:
        main(["grade"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：handbook grade [-h]")
    assert err.endswith("handbook grade：错误：缺少必须给出的参数：RESULTS, --roster, --out\n")
    with pytest.raises(SystemExit):
        main(["biuld"])
    assert "handbook：错误：参数 命令：没有 'biuld' 这一项，可选的有：'check', 'office'," in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "  -h, --help     显示本帮助并退出\n" in capsys.readouterr().out
    import argparse
    import gettext

    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
