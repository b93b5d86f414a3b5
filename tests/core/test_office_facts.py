"""The office's facts: written once in office.yaml, referenced from module text, listed while unfilled."""

from __future__ import annotations

from generator.cli import main
from generator.core.office_facts import fill_facts
from generator.core.project import Project
from generator.models.office import OfficeFile

OFFICE = """\
phones:
  - id: gas_repair
    label: 燃气抢修电话
    safety: true
    value: ""
service:
  - id: greeting
    label: 本处标准问候语
    value: "您好*欢迎* <b>光临</b>"
"""
MODULE = "curriculum/modules/regular/regular-sample.md"


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_office(mini: Project, line: str) -> None:
    (mini.curriculum / "office.yaml").write_text(OFFICE, encoding="utf-8")
    edit(mini.root / MODULE, "## 要点小结", f"{line}\n\n## 要点小结")


def test_an_unfilled_fact_is_a_warning_and_with_strict_an_error_where_safety_needs_it(mini: Project, capsys) -> None:
    with_office(mini, "燃气抢修：{{ office.phones.gas_repair }}，问候：{{ office.service.greeting }}")
    assert main(["--root", str(mini.root), "check"]) == 0
    captured = capsys.readouterr()
    assert "本处信息“燃气抢修电话”（office.phones.gas_repair）还没有填写，应急时要用" in captured.err
    assert "另有 1 项本处信息还没有填写（用在 1 处，其中应急要用的 1 项）" in captured.out
    assert main(["--root", str(mini.root), "check", "--strict"]) == 1
    assert f"{MODULE}:18:6: 正文: 本处信息“燃气抢修电话”" in capsys.readouterr().err


def test_a_placeholder_or_an_unknown_fact_in_module_text_is_refused(mini: Project, capsys) -> None:
    with_office(mini, "【请本处填写：燃气抢修电话】和 {{ office.phones.gas }}")
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert f"{MODULE}:18:1: 正文: 正文中不要写“【请本处填写……】”" in err
    assert f"{MODULE}:18:17: 正文: curriculum/office.yaml 中没有本处信息“phones.gas”" in err


def test_the_site_shows_a_filled_fact_as_plain_text_and_an_unfilled_one_as_a_mark() -> None:
    import yaml

    office = OfficeFile.model_validate(yaml.safe_load(OFFICE))
    text = fill_facts("问候：{{ office.service.greeting }}；燃气：{{office.phones.gas_repair}}", office)
    assert text == (
        '问候：您好\\*欢迎\\* &lt;b&gt;光临&lt;/b&gt;；燃气：<span class="hb-todo">【待本处填写：燃气抢修电话】</span>'
    )


def test_handbook_office_lists_what_is_left_to_fill(mini: Project, capsys) -> None:
    with_office(mini, "燃气抢修：{{ office.phones.gas_repair }}")
    assert main(["--root", str(mini.root), "office"]) == 0
    out = capsys.readouterr().out
    assert "- 【应急】燃气抢修电话（phones.gas_repair）：用在 curriculum/modules/regular/regular-sample.md:18" in out
    assert "- 本处标准问候语" not in out  # filled
