"""`handbook check` reports every mistake with file, line, column and field, in Chinese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.cli import main
from generator.core.project import Project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_six_mistakes(project: Project) -> None:
    modules, quizzes = project.curriculum / "modules", project.quizzes
    edit(modules / "induction" / "induction-team.md", "instructor: cs_team_leader", "instructor: coach")
    edit(quizzes / "regular-sample.yaml", "answer: a", "answer: c")
    edit(quizzes / "drill-sample.yaml", "id: q02", "id: q01")
    (quizzes / "fire-sample.yaml").unlink()
    edit(modules / "induction" / "induction-practice.md", "class_hours: 24", "class_hours: 20")
    edit(modules / "general" / "general-sample.md", "title: 能力框架示例", "titel: 能力框架示例")


ROLES = ["cs_staff", "cs_supervisor", "cs_team_leader", "job_coach", "new_hire"]
ROLES += ["office_director", "safety_supervisor", "security_team_leader"]
EXPECTED = """\
curriculum/modules/fire/fire-sample.md:2:5: id: 模块没有自测题库：请新建 quizzes/fire-sample.yaml
curriculum/modules/general/general-sample.md:2:1: title: 缺少必填字段
curriculum/modules/general/general-sample.md:3:8: titel: 不认识的字段（是否拼写有误？）
curriculum/modules/induction/induction-team.md:8:13: instructor: 未知角色“coach”，应为 {roles} 之一
curriculum/policy.yaml:66:18: programmes.0.class_hours: “岗前培训”各模块课时之和应为 40，实际为：36
curriculum/policy.yaml:69:39: programmes.0.instructors.1.hours: cs_team_leader 讲授的模块课时应不少于 8，实际为：0
curriculum/policy.yaml:70:34: programmes.0.instructors.2.hours: job_coach 讲授的模块课时应等于 24，实际为：20
quizzes/drill-sample.yaml:15:9: questions.1.id: 题目编号“q01”重复（已在 quizzes/drill-sample.yaml 中使用）
quizzes/regular-sample.yaml:13:13: questions.0.answer: 答案“c”不是本题的选项，应为 a、b 之一
检查未通过：共 9 处错误。
"""


def test_every_mistake_is_reported_with_its_place(mini: Project, capsys) -> None:
    make_six_mistakes(mini)
    assert main(["--root", str(mini.root), "check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    roles = "、".join(ROLES)
    assert captured.err == EXPECTED.format(roles=roles)


def test_a_users_mistake_shows_no_traceback(mini: Project) -> None:
    make_six_mistakes(mini)
    run = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(mini.root), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[-1] == "检查未通过：共 9 处错误。"


def test_an_empty_text_is_said_to_be_empty(mini: Project, capsys) -> None:
    """A text field left empty is empty; "at least 1 项" counts the items of a list, not a text."""
    edit(mini.curriculum / "modules" / "general" / "general-sample.md", "title: 能力框架示例", 'title: ""')
    assert main(["--root", str(mini.root), "check"]) == 1
    assert "curriculum/modules/general/general-sample.md:3:8: title: 不能为空\n" in capsys.readouterr().err


def test_a_clean_curriculum_passes(mini: Project, capsys) -> None:
    assert main(["--root", str(mini.root), "check"]) == 0
    assert capsys.readouterr().out == "检查通过：7 个模块，7 个题库，14 道题。\n"


def test_yaml_syntax_error_is_located(mini: Project, capsys) -> None:
    edit(mini.quizzes / "fire-sample.yaml", "title: 消防培训示例 自测", "title: [未闭合")
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "quizzes/fire-sample.yaml:4:10: （文件）: YAML 格式错误" in err
    assert "共 1 处错误" in err


def test_body_rules(mini: Project, capsys) -> None:
    path = mini.curriculum / "modules" / "regular" / "regular-sample.md"
    edit(path, "## 要点小结", "## 小结")
    edit(path, "另见[术语表](../glossary.md)", "另见[不存在](nowhere.md)<script>alert(1)</script>")
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "regular-sample.md:16:32: 正文: 不允许的 HTML 标签 <script>：网页上会被删除" in err
    assert "regular-sample.md:16:1: 正文: 链接目标“nowhere.md”不存在" in err
    assert "regular-sample.md:14:1: 正文: 正文缺少“## 要点小结”一节" in err


def test_key_must_name_options_for_every_type(mini: Project, capsys) -> None:
    bank = mini.quizzes / "regular-sample.yaml"
    edit(bank, "stem: 火警电话是 ____。", "stem: 火警电话是 ____，匪警电话是 ____。")
    assert main(["--root", str(mini.root), "check"]) == 1
    assert "questions.1.answer: 题干有 2 个空（____），答案却给了 1 组" in capsys.readouterr().err


def test_answers_run_together_or_made_of_punctuation_are_refused(mini: Project, capsys) -> None:
    bank = mini.quizzes / "regular-sample.yaml"
    edit(bank, "stem: 火警电话是 ____。", "stem: 火警电话是 ____，防火门应保持 ____。")
    edit(bank, 'answer: [["119"]]', 'answer: [["119", "——"], [关闭， 闭合、常闭]]')
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "questions.1.answer.0.1: 答案“——”去掉空格和标点后什么也不剩，空着不填也会被判对" in err
    assert (
        "questions.1.answer.1.0: 答案“关闭， 闭合、常闭”中有“，”，会被当作一个答案，学员怎么填都不对；"
        "同一个空的几种说法请用半角逗号分开写成几项，如 [关闭, 闭合, 常闭]"
    ) in err
    assert "共 2 处错误" in err


HANDOVER = """\
  - id: q09
    type: ordering
    procedure: handover
    stem: {stem}
    options:
      - {{id: a, text: {a}, step: 核对}}
      - {{id: b, text: {b}, step: 说明}}
      - {{id: c, text: 签字}}
    answer: {answer}
    explanation: 交接班。
"""


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_two_banks_that_order_one_procedure_differently_are_refused(mini: Project, capsys) -> None:
    append(
        mini.quizzes / "regular-sample.yaml",
        HANDOVER.format(stem="交接班", a="清点物品", b="说明事项", answer="[b, a, c]"),
    )
    append(
        mini.quizzes / "induction-team.yaml",
        HANDOVER.format(stem="接班", a="核对实物", b="口头交代", answer="[a, b, c]"),
    )
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "quizzes/regular-sample.yaml:28:13: questions.2.answer: 与 quizzes/induction-team.yaml 的 q09 顺序相反："
        "那里“核对”在“说明”之前，这里相反；同一个流程全手册只能有一种顺序"
    ) in err
    assert "共 1 处错误" in err


def test_the_same_words_in_two_untagged_orderings_are_the_same_steps(mini: Project, capsys) -> None:
    plain = HANDOVER.replace("    procedure: handover\n", "").replace(", step: 核对", "").replace(", step: 说明", "")
    append(mini.quizzes / "regular-sample.yaml", plain.format(stem="交接班", a="核对", b="说明", answer="[a, b, c]"))
    append(mini.quizzes / "induction-team.yaml", plain.format(stem="接班", a="核对", b="说明", answer="[a, c, b]"))
    assert main(["--root", str(mini.root), "check"]) == 1
    assert "那里“签字”在“说明”之前，这里相反" in capsys.readouterr().err
